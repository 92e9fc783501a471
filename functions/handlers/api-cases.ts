import type { Context } from 'aws-lambda';
import { routedHandler } from '../middleware/routing.js';
import { contributionStore, dependencies } from '../middleware/dependencies.js';
import { addMember, listCases, listTasks, timelineCsv, viewCase, viewTimeline, type ViewDeps } from '../domain/case/case-views.js';
import { addMemberSchema } from '../schemas/api.js';
import { recordOtherChildrenConsidered } from '../domain/intake/other-children-actions.js';
import { toFieldErrors } from '../schemas/errors.js';
import { ValidationError } from '../domain/errors.js';
import { SECURITY_HEADERS } from '../middleware/http.js';
import type { BoardConfig } from '../config/board.js';

async function viewDeps(context: Context): Promise<ViewDeps & { users: ReturnType<typeof dependencies>['users']; board: BoardConfig }> {
  const deps = dependencies(context);
  const { config } = await deps.boardConfig.get();
  return {
    store: deps.store,
    clock: deps.clock,
    ids: deps.ids,
    calendar: deps.calendar,
    profile: config.procedureProfile,
    users: deps.users,
    board: config,
    // Whoever a contribution names is on the case (its senior officer, its author).
    contributions: contributionStore(context),
  };
}

/** Cases a staff member is on: list, case page, timeline (JSON or CSV), members, and "my tasks". */
export const { handler } = routedHandler('api-cases', {
  listTasks: async ({ context, caller, meta }) => ({ body: await listTasks(await viewDeps(context), caller, meta) }),
  listCases: async ({ event, context, caller, meta }) => ({ body: await listCases(await viewDeps(context), caller, meta, event.queryStringParameters?.cursor) }),
  getCase: async ({ context, param, caller, meta }) => ({ body: await viewCase(await viewDeps(context), param('reference'), caller, meta) }),
  getTimeline: async ({ event, context, param, caller, meta }) => {
    const reference = param('reference');
    const csv = event.queryStringParameters?.format === 'csv';
    const timeline = await viewTimeline(await viewDeps(context), reference, caller, meta, csv ? 'csv' : 'json');
    if (!csv) return { body: timeline };
    return {
      raw: timelineCsv(timeline.entries),
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${reference}-timeline.csv"`,
      },
    };
  },
  recordOtherChildrenConsidered: async ({ context, param, body, caller, meta }) => {
    const deps = await viewDeps(context);
    return { body: await recordOtherChildrenConsidered(deps, param('reference'), body, caller, meta) };
  },
  addCaseMember: async ({ context, param, body, caller, meta }) => {
    const parsed = addMemberSchema.safeParse(body);
    if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the person you are adding');
    const member = await addMember(await viewDeps(context), param('reference'), parsed.data, caller, meta);
    return { body: { userId: member.userId, email: member.email, role: member.role } };
  },
});
