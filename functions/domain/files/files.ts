import type { Actor, AuditEvent } from '../case/case.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { FileRecords, FileStore } from '../../ports/files.js';
import { auditEvent } from '../audit/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { toFieldErrors } from '../../schemas/errors.js';
import {
  allowedFileTypes,
  contentTypeFor,
  extensionOf,
  FILE_ID_PATTERN,
  MAX_FILE_BYTES,
  safeFileName,
  uploadRequestSchema,
  type FileExtension,
  type FileView,
} from '../../schemas/files.js';

/**
 * Files attached to something on a case (issue 10): a contribution's report,
 * an interview record, or the case itself. Two steps, so nothing unchecked is
 * ever offered for download:
 * 1. request: the name, type and size are checked; a `pending` item is
 *    written and a presigned PUT URL (5 minutes, type and length signed) given;
 * 2. confirm: the stored object is looked at (HEAD and its first bytes); if its
 *    size, type or content is not what was asked for, it is deleted and the
 *    file `refused`; else `stored`.
 * Downloads are presigned GET URLs valid 1 minute, served as attachments, each
 * one audited. Who may read or upload is decided by the owner's rule
 * (./file-owners.ts), passed in by the caller.
 */

export const UPLOAD_URL_SECONDS = 5 * 60;
export const DOWNLOAD_URL_SECONDS = 60;

import type { FileOwner, FileRecord } from './record.js';
export type { FileOwner, FileRecord };

export interface FileDeps {
  records: FileRecords;
  objects: FileStore;
  clock: Clock;
  ids: Ids;
}

export interface FileRequestMeta {
  requestId: string;
  sourceIp?: string;
}

/** Where the bytes live: made only of ids, never of the name someone typed. */
export const objectKeyOf = (r: Pick<FileRecord, 'reference' | 'owner' | 'fileId'>): string => `cases/${r.reference}/${r.owner.kind}/${r.owner.id}/${r.fileId}`;

/**
 * Does the start of a stored file look like its type? PDF starts `%PDF-`;
 * DOCX and ODT are ZIP containers (`PK\x03\x04`); RTF starts `{\rtf`; text
 * has no NUL byte. Not a virus scan: it stops a file being something other
 * than it says.
 */
export function bytesMatchType(ext: FileExtension, start: Uint8Array): boolean {
  const startsWith = (sig: number[]) => sig.every((b, i) => start[i] === b);
  switch (ext) {
    case 'pdf':
      return startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'docx':
    case 'odt':
      return startsWith([0x50, 0x4b, 0x03, 0x04]);
    case 'rtf':
      return startsWith([0x7b, 0x5c, 0x72, 0x74, 0x66]);
    case 'txt':
      return !start.includes(0);
  }
}

/** `attachment; filename="..."; filename*=UTF-8''...`: an ASCII fallback and the exact name (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const fileView = (r: FileRecord): FileView => ({
  fileId: r.fileId,
  fileName: r.fileName,
  contentType: r.contentType,
  size: r.size,
  status: r.status,
  uploadedAt: r.requestedAt,
  uploadedBy: r.requestedBy.email,
  ...(r.storedAt ? { storedAt: r.storedAt } : {}),
  ...(r.refusedReason ? { refusedReason: r.refusedReason } : {}),
});

const fileError = (text: string) => new ValidationError([{ name: 'file', href: '#file', text }], text);

function event(deps: FileDeps, reference: string, action: AuditEvent['action'], actor: Actor, meta: FileRequestMeta, detail: Record<string, string | number | undefined>) {
  return auditEvent({ eventId: deps.ids.uuid(), reference, at: deps.clock.now(), action, actor, requestId: meta.requestId, sourceIp: meta.sourceIp, detail });
}

/** Audit detail of a file: ids, kind, type and size; never its name. */
const fileDetail = (r: FileRecord) => ({ fileId: r.fileId, ownerKind: r.owner.kind, ownerId: r.owner.id, type: extensionOf(r.fileName), size: r.size });

const actorUser = (actor: Actor) => ({ userId: actor.kind === 'user' ? actor.userId : 'unknown', email: 'email' in actor ? actor.email : 'unknown' });

/** Step 1: checks the name, type and size, records a pending file and signs a PUT URL (5 minutes). */
export async function requestUpload(deps: FileDeps, reference: string, owner: FileOwner, body: unknown, actor: Actor, meta: FileRequestMeta) {
  const parsed = uploadRequestSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the file');
  const fileName = safeFileName(parsed.data.fileName);
  const contentType = contentTypeFor(fileName, parsed.data.contentType) as string;
  const now = deps.clock.now();
  const record: FileRecord = {
    reference,
    owner,
    fileId: deps.ids.uuid(),
    fileName,
    contentType,
    size: parsed.data.size,
    status: 'pending',
    requestedAt: now.toISOString(),
    requestedBy: actorUser(actor),
  };
  await deps.records.create(record, event(deps, reference, 'file.upload-requested', actor, meta, fileDetail(record)));
  const upload = await deps.objects.presignUpload({ key: objectKeyOf(record), contentType, size: record.size, expiresInSeconds: UPLOAD_URL_SECONDS });
  return { file: fileView(record), upload: { ...upload, expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString() } };
}

async function findFile(deps: FileDeps, reference: string, owner: FileOwner, fileId: string) {
  const record = FILE_ID_PATTERN.test(fileId) ? await deps.records.get(reference, owner, fileId) : undefined;
  if (!record) throw new NotFoundError('No such file');
  return record;
}

/** Why a stored object is not the file that was asked for, or undefined when it is. */
async function whyRefused(deps: FileDeps, record: FileRecord, stored: { size: number; contentType?: string }, key: string): Promise<string | undefined> {
  const ext = extensionOf(record.fileName) as FileExtension;
  if (stored.size > MAX_FILE_BYTES) return 'The selected file must be smaller than 20MB';
  if (stored.size !== record.size) return 'The file that arrived was not the size that was expected. Choose the file and upload it again';
  const type = stored.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== allowedFileTypes[ext].contentType) return 'The file that arrived was not the type that was expected. Choose the file and upload it again';
  if (!bytesMatchType(ext, await deps.objects.readStart(key, 512))) return `The selected file is not a real ${ext.toUpperCase()} file`;
  return undefined;
}

/** Step 2: looks at what arrived; keeps it (stored) or deletes it and says why (refused, 400). */
export async function confirmUpload(deps: FileDeps, reference: string, owner: FileOwner, fileId: string, actor: Actor, meta: FileRequestMeta) {
  const record = await findFile(deps, reference, owner, fileId);
  if (record.status === 'stored') return fileView(record);
  if (record.status === 'refused') throw fileError(record.refusedReason ?? 'The file was refused. Choose the file and upload it again');
  const key = objectKeyOf(record);
  const stored = await deps.objects.head(key);
  if (!stored) throw new ConflictError('The file has not been uploaded yet. Upload it, then confirm');
  const reason = await whyRefused(deps, record, stored, key);
  const at = deps.clock.now().toISOString();
  if (reason) {
    await deps.objects.delete(key);
    const refused: FileRecord = { ...record, status: 'refused', refusedAt: at, refusedReason: reason };
    await deps.records.settle(refused, event(deps, reference, 'file.refused', actor, meta, { ...fileDetail(record), storedSize: stored.size }));
    throw fileError(reason);
  }
  const next: FileRecord = { ...record, status: 'stored', storedAt: at };
  if (!(await deps.records.settle(next, event(deps, reference, 'file.stored', actor, meta, fileDetail(record))))) {
    return fileView((await deps.records.get(reference, owner, fileId)) ?? next);
  }
  return fileView(next);
}

/** The owner's files that are stored (pending and refused ones are the uploader's business, shown to them only). Audited. */
export async function listFiles(deps: FileDeps, reference: string, owner: FileOwner, actor: Actor, meta: FileRequestMeta) {
  const all = await deps.records.list(reference, owner);
  const mine = (r: FileRecord) => actor.kind === 'user' && r.requestedBy.userId === actor.userId;
  const files = all.filter((r) => r.status === 'stored' || (r.status === 'pending' && mine(r)));
  await deps.records.appendAudit(event(deps, reference, 'files.listed', actor, meta, { ownerKind: owner.kind, ownerId: owner.id, files: files.length }));
  return files.map(fileView);
}

/** A download URL for a stored file (1 minute, as an attachment). Every download is audited. */
export async function downloadFile(deps: FileDeps, reference: string, owner: FileOwner, fileId: string, actor: Actor, meta: FileRequestMeta) {
  const record = await findFile(deps, reference, owner, fileId);
  if (record.status !== 'stored') throw new NotFoundError('No such file');
  const now = deps.clock.now();
  await deps.records.appendAudit(event(deps, reference, 'file.downloaded', actor, meta, fileDetail(record)));
  const url = await deps.objects.presignDownload({
    key: objectKeyOf(record),
    fileName: record.fileName,
    contentType: record.contentType,
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });
  return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
}
