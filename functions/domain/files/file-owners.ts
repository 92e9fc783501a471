import type { Caller } from '../../ports/identity.js';
import type { Actor } from '../case/case.js';
import type { FileOwnerKind } from '../../schemas/files.js';
import { requireRole, type RequestMeta, type ViewDeps } from '../case/case-views.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { Role } from '../access/roles.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import { contributionFileAccess } from '../contributions/contribution-actions.js';
import { mayOnCase, roleOnCase } from '../access/access.js';
import { REFERENCE_PATTERN } from '../intake/reference.js';
import type { ActionStore } from '../../ports/action-store.js';

/**
 * Who may read and upload the files of each kind of owner. A rule is given
 * the case, the owner's id and what is wanted, and answers the actor to
 * audit, or throws: 404 for someone not on the case (and for an owner that
 * does not exist), 403 for someone on it who may not do this.
 */
export type FileIntent = 'read' | 'upload';

export interface FileAccessRequest {
  reference: string;
  ownerId: string;
  intent: FileIntent;
  caller: Caller;
  meta: RequestMeta;
}

/** What a rule may read: the case and, for a contribution's files, the case's contributions; for an action's evidence, the action store. */
export type FileOwnerDeps = Pick<ViewDeps, 'store' | 'clock' | 'ids'> & { contributions: ContributionStore; actions: Pick<ActionStore, 'getAction'> };
export type FileOwnerRuleDeps = FileOwnerDeps;

/** `action-owner`: an action's owner who is not on the case (they see that action's evidence only). */
export type FileOwnerRule = (deps: FileOwnerDeps, request: FileAccessRequest) => Promise<{ actor: Actor; role: Role | 'action-owner'; mayUpload: boolean }>;

/** Roles that may upload to the case's own files. */
const caseUploaders: readonly Role[] = ['business-manager'];

/**
 * The case's own files (owner kind `case`, owner id the case's reference).
 * Read: anyone whose role on the case lets them read the case page (the
 * Board's offices, the auditor, and staff added to the case); external
 * readers, who see only a summary, may not. Upload: the business manager.
 */
const caseFiles: FileOwnerRule = async (deps, { reference, ownerId, intent, caller, meta }) => {
  // A case you are not on does not exist for you: requireRole records the refusal and answers 404.
  const { role } = await requireRole(deps, reference, caller, 'case.read', meta);
  if (ownerId !== reference) throw new NotFoundError('No such case, or you are not on it');
  const mayUpload = caseUploaders.includes(role);
  if (intent === 'upload' && !mayUpload) throw new ForbiddenError('Only the business manager may attach files to the case');
  return { actor: { kind: 'user', userId: caller.userId, email: caller.email, role }, role, mayUpload };
};

/**
 * A contribution's files (owner kind `contribution`, owner id the
 * contribution's id): read by whoever may read that contribution's content,
 * attached by its author while writing it and by the business manager
 * (`contributionFileAccess`).
 */
const contributionFiles: FileOwnerRule = async (deps, { reference, ownerId, intent, caller, meta }) => {
  const { actorRole, mayUpload } = await contributionFileAccess(deps, reference, ownerId, intent, caller, meta);
  return { actor: { kind: 'user', userId: caller.userId, email: caller.email, role: actorRole }, role: actorRole as Role, mayUpload };
};

/**
 * Every owner kind's rule. A new kind (a contribution: its author, its
 * senior officer, the panel once submitted) is a line here and a value in
 * `fileOwnerKinds`; the compiler asks for both.
 */
/**
 * An action's evidence (owner kind `action`, owner id the action's id): read
 * by anyone who reads the case and by the action's owner; uploaded by the
 * owner and the business manager. Someone neither on the case nor the
 * owner gets the case's 404 and a security event.
 */
const actionFiles: FileOwnerRule = async (deps, { reference, ownerId, intent, caller, meta }) => {
  const caseRecord = REFERENCE_PATTERN.test(reference) ? await deps.store.getCase(reference) : undefined;
  const action = caseRecord ? await deps.actions.getAction(reference, ownerId) : undefined;
  const member = caseRecord && caller.pool === 'staff' ? await deps.store.getMember(reference, caller.userId) : undefined;
  const role = caseRecord ? roleOnCase(caller, member?.role) : undefined;
  const isOwner = action !== undefined && action.owner.email === caller.email.trim().toLowerCase();
  if (!caseRecord || (!mayOnCase(role, 'case.read') && !isOwner)) await requireRole(deps, reference, caller, 'case.read', meta);
  if (!action) throw new NotFoundError('No such action, or you may not see it');
  const mayUpload = isOwner || role === 'business-manager';
  if (intent === 'upload' && !mayUpload) throw new ForbiddenError('Only the action’s owner or the business manager attaches evidence to it');
  const actorRole = role ?? 'action-owner';
  return { actor: { kind: 'user', userId: caller.userId, email: caller.email, role: actorRole }, role: actorRole, mayUpload };
};

export const fileOwnerRules: Record<FileOwnerKind, FileOwnerRule> = {
  case: caseFiles,
  contribution: contributionFiles,
  action: actionFiles,
};
