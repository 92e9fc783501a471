import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { httpHandler, withJsonBody } from '../middleware/http-handler.js';
import { callerOf, requestMeta } from '../middleware/auth.js';
import { dependencies } from '../middleware/dependencies.js';
import { json, parsedBody } from '../middleware/http.js';
import { addMember, listCases, listTasks, timelineCsv, viewCase, viewTimeline, type ViewDeps } from '../domain/case-views.js';
import { addMemberSchema } from '../schemas/api.js';
import { toFieldErrors } from '../schemas/errors.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';

const parseBody = withJsonBody(16 * 1024);

async function viewDeps(context: Context): Promise<ViewDeps & { users: ReturnType<typeof dependencies>['users'] }> {
  const deps = dependencies(context);
  const { config } = await deps.boardConfig.get();
  return { store: deps.store, clock: deps.clock, ids: deps.ids, calendar: deps.calendar, profile: config.procedureProfile, users: deps.users, board: config };
}

/** Cases a staff member is on: list, case page, timeline (JSON or CSV), members, and "my tasks". */
export const { handler } = httpHandler('api-cases', { auth: 'staff' }, async (event: APIGatewayProxyEventV2, context) => {
  const caller = callerOf(context);
  const meta = requestMeta(event, context);
  const deps = await viewDeps(context);
  const reference = event.pathParameters?.reference ?? '';
  switch (event.routeKey) {
    case 'GET /api/tasks':
      return json(200, await listTasks(deps, caller, meta));
    case 'GET /api/cases':
      return json(200, await listCases(deps, caller, meta, event.queryStringParameters?.cursor));
    case 'GET /api/cases/{reference}':
      return json(200, await viewCase(deps, reference, caller, meta));
    case 'GET /api/cases/{reference}/timeline': {
      const csv = event.queryStringParameters?.format === 'csv';
      const timeline = await viewTimeline(deps, reference, caller, meta, csv ? 'csv' : 'json');
      if (!csv) return json(200, timeline);
      return {
        ...json(200, null, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${reference}-timeline.csv"`,
        }),
        body: timelineCsv(timeline.entries),
      };
    }
    case 'POST /api/cases/{reference}/members': {
      await parseBody(event);
      const parsed = addMemberSchema.safeParse(parsedBody(event));
      if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the person you are adding');
      const member = await addMember(deps, reference, parsed.data, caller, meta);
      return json(201, { userId: member.userId, email: member.email, role: member.role });
    }
    default:
      throw new NotFoundError();
  }
});
