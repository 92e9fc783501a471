import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routedHandler } from '../middleware/routing.js';
import { dependencies } from '../middleware/dependencies.js';
import { getBoardConfig, inviteUser, listUsers, putBoardConfig, resetSignIn, updateUser } from '../domain/access/admin.js';
import { BadRequestError } from '../domain/errors.js';

const versionFrom = (event: APIGatewayProxyEventV2): number | undefined => {
  const tag = event.headers?.['if-match'];
  if (!tag) return undefined;
  const m = /^"?v(\d+)"?$/.exec(tag.trim());
  if (!m) throw new BadRequestError('If-Match must be the ETag from GET /api/board-config, like "v3"');
  return Number(m[1]);
};

const adminDeps = (context: Context) => {
  const d = dependencies(context);
  return { store: d.store, sessions: d.sessions, users: d.users, boardConfig: d.boardConfig, clock: d.clock, ids: d.ids };
};

/** Business manager: staff accounts and Board configuration. */
export const { handler } = routedHandler('api-admin', {
  listUsers: async ({ context, caller, meta }) => ({ body: await listUsers(adminDeps(context), caller, meta) }),
  inviteUser: async ({ context, body, caller, meta }) => ({ body: await inviteUser(adminDeps(context), body, caller, meta) }),
  updateUser: async ({ context, param, body, caller, meta }) => ({ body: await updateUser(adminDeps(context), param('userId'), body, caller, meta) }),
  resetSignIn: async ({ context, param, caller, meta }) => ({ body: await resetSignIn(adminDeps(context), param('userId'), caller, meta) }),
  getBoardConfig: async ({ context, caller, meta }) => {
    const { config, version } = await getBoardConfig(adminDeps(context), caller, meta);
    return { body: config, headers: { ETag: `"v${version}"` } };
  },
  putBoardConfig: async ({ event, context, body, caller, meta }) => {
    const { config, version } = await putBoardConfig(adminDeps(context), body, versionFrom(event), caller, meta);
    return { body: config, headers: { ETag: `"v${version}"` } };
  },
});
