import type { Context } from 'aws-lambda';
import { routedHandler } from '../middleware/routing.js';
import { actionStore, contributionStore, dependencies, fileDependencies } from '../middleware/dependencies.js';
import { confirmUpload, downloadFile, listFiles, requestUpload, type FileDeps, type FileOwner } from '../domain/files/files.js';
import { fileOwnerRules, type FileIntent } from '../domain/files/file-owners.js';
import { NotFoundError } from '../domain/errors.js';
import { fileAcceptAttribute, fileOwnerKinds, FILE_OWNER_ID_PATTERN, MAX_FILE_BYTES, type FileOwnerKind } from '../schemas/files.js';
import type { Caller } from '../ports/identity.js';

interface FileRoute {
  context: Context;
  param: (name: string) => string;
  caller: Caller;
  meta: { requestId: string; sourceIp?: string };
}

/**
 * The case and owner named in the path, checked by the owner's rule before
 * anything is read: someone not on the case gets 404, as for the case itself.
 */
async function authorised(r: FileRoute, intent: FileIntent) {
  const d = dependencies(r.context);
  const reference = r.param('reference');
  const kind = r.param('ownerKind');
  const ownerId = r.param('ownerId');
  if (!(fileOwnerKinds as readonly string[]).includes(kind) || !FILE_OWNER_ID_PATTERN.test(ownerId)) throw new NotFoundError('Page not found');
  const owner: FileOwner = { kind: kind as FileOwnerKind, id: ownerId };
  // Whoever a contribution names is on the case as if added (access/contribution-access.ts).
  const ruleDeps = { store: d.store, clock: d.clock, ids: d.ids, contributions: contributionStore(r.context), actions: actionStore(r.context) };
  const access = await fileOwnerRules[owner.kind](ruleDeps, { reference, ownerId, intent, caller: r.caller, meta: r.meta });
  const deps: FileDeps = { ...fileDependencies(r.context), clock: d.clock, ids: d.ids };
  return { deps, reference, owner, ...access };
}

/**
 * Attached files (issue 10): list, upload in two steps (a presigned PUT,
 * then confirm), download through a short presigned GET. Generic over what
 * the files belong to; each owner kind's rule says who may read and upload.
 */
export const { handler } = routedHandler('api-files', {
  listFiles: async (r) => {
    const a = await authorised(r, 'read');
    const files = await listFiles(a.deps, a.reference, a.owner, a.actor, r.meta);
    return { body: { files, maxBytes: MAX_FILE_BYTES, accept: fileAcceptAttribute, mayUpload: a.mayUpload } };
  },
  requestFileUpload: async (r) => {
    const a = await authorised(r, 'upload');
    return { body: await requestUpload(a.deps, a.reference, a.owner, r.body, a.actor, r.meta) };
  },
  confirmFileUpload: async (r) => {
    const a = await authorised(r, 'upload');
    return { body: await confirmUpload(a.deps, a.reference, a.owner, r.param('fileId'), a.actor, r.meta) };
  },
  downloadFile: async (r) => {
    const a = await authorised(r, 'read');
    return { body: await downloadFile(a.deps, a.reference, a.owner, r.param('fileId'), a.actor, r.meta) };
  },
});
