import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpHandler, withJsonBody } from '../middleware/http-handler.js';
import { callerOf, requestMeta } from '../middleware/auth.js';
import { dependencies } from '../middleware/dependencies.js';
import { json, parsedBody } from '../middleware/http.js';
import { getBoardConfig, inviteUser, listUsers, putBoardConfig, resetSignIn, updateUser } from '../domain/admin.js';
import { BadRequestError, NotFoundError } from '../domain/errors.js';

const parseBody = withJsonBody(32 * 1024);

const versionFrom = (event: APIGatewayProxyEventV2): number | undefined => {
  const tag = event.headers?.['if-match'];
  if (!tag) return undefined;
  const m = /^"?v(\d+)"?$/.exec(tag.trim());
  if (!m) throw new BadRequestError('If-Match must be the ETag from GET /api/board-config, like "v3"');
  return Number(m[1]);
};

/** Business manager: staff accounts and Board configuration. */
export const { handler } = httpHandler('api-admin', { auth: 'staff' }, async (event, context) => {
  const caller = callerOf(context);
  const meta = requestMeta(event, context);
  const d = dependencies(context);
  const deps = { store: d.store, sessions: d.sessions, users: d.users, boardConfig: d.boardConfig, clock: d.clock, ids: d.ids };
  switch (event.routeKey) {
    case 'GET /api/users':
      return json(200, await listUsers(deps, caller, meta));
    case 'POST /api/users':
      await parseBody(event);
      return json(201, await inviteUser(deps, parsedBody(event), caller, meta));
    case 'PATCH /api/users/{userId}':
      await parseBody(event);
      return json(200, await updateUser(deps, event.pathParameters?.userId ?? '', parsedBody(event), caller, meta));
    case 'POST /api/users/{userId}/reset-sign-in':
      return json(200, await resetSignIn(deps, event.pathParameters?.userId ?? '', caller, meta));
    case 'GET /api/board-config': {
      const { config, version } = await getBoardConfig(deps, caller, meta);
      return json(200, config, { ETag: `"v${version}"` });
    }
    case 'PUT /api/board-config': {
      await parseBody(event);
      const { config, version } = await putBoardConfig(deps, parsedBody(event), versionFrom(event), caller, meta);
      return json(200, config, { ETag: `"v${version}"` });
    }
    default:
      throw new NotFoundError();
  }
});
