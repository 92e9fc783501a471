import { boardConfigSchema, type BoardConfig } from '../../config/board.js';
import type { BoardConfigStore, CaseStore, SessionStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller, StaffUser, UserDirectory } from '../../ports/identity.js';
import { toFieldErrors } from '../../schemas/errors.js';
import { inviteUserSchema, updateUserSchema } from '../../schemas/api.js';
import type { AuditEvent } from '../case/case.js';
import { mayOnBoard } from './access.js';
import { ForbiddenError, NotFoundError, ValidationError, BadRequestError } from '../errors.js';

export interface AdminDeps {
  store: CaseStore;
  sessions: SessionStore;
  users: UserDirectory;
  boardConfig: BoardConfigStore;
  clock: Clock;
  ids: Ids;
}

export interface RequestMeta {
  requestId: string;
  sourceIp?: string;
}

function requireManager(caller: Caller, action: 'users.manage' | 'config.manage') {
  // Not a case: a refusal here reveals nothing, so 403 is honest and clearer than 404.
  if (!mayOnBoard(caller, action)) throw new ForbiddenError();
}

async function audit(deps: AdminDeps, action: AuditEvent['action'], caller: Caller, meta: RequestMeta, detail?: AuditEvent['detail']) {
  await deps.store.appendAudit({
    eventId: deps.ids.uuid(),
    reference: 'BOARD',
    at: deps.clock.now().toISOString(),
    action,
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role: 'business-manager' },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    ...(detail ? { detail } : {}),
  });
}

export async function listUsers(deps: AdminDeps, caller: Caller, meta: RequestMeta): Promise<{ users: StaffUser[] }> {
  requireManager(caller, 'users.manage');
  const users = await deps.users.list();
  await audit(deps, 'users.listed', caller, meta, { count: users.length });
  return { users };
}

export async function inviteUser(deps: AdminDeps, body: unknown, caller: Caller, meta: RequestMeta): Promise<StaffUser> {
  requireManager(caller, 'users.manage');
  const parsed = inviteUserSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the invitation');
  const user = await deps.users.invite(parsed.data);
  await audit(deps, 'user.invited', caller, meta, { userId: user.userId, role: parsed.data.role });
  return user;
}

export async function updateUser(deps: AdminDeps, userId: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<StaffUser> {
  requireManager(caller, 'users.manage');
  const parsed = updateUserSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the change');
  // A business manager cannot lock themselves out: someone else must change their own account.
  if (userId === caller.userId) throw new BadRequestError('You cannot change your own role or disable your own account');
  const existing = await deps.users.get(userId);
  if (!existing) throw new NotFoundError('No such user');
  if (parsed.data.role && parsed.data.role !== existing.role) {
    await deps.users.setRole(userId, parsed.data.role);
    // Tokens carry the old groups: end the user's current sessions here too, at once.
    await deps.sessions.revokeUser(userId, deps.clock.now());
    await audit(deps, 'user.role-changed', caller, meta, { userId, from: existing.role ?? 'none', to: parsed.data.role });
  }
  if (parsed.data.enabled !== undefined && parsed.data.enabled !== existing.enabled) {
    await deps.users.setEnabled(userId, parsed.data.enabled);
    if (!parsed.data.enabled) await deps.sessions.revokeUser(userId, deps.clock.now());
    await audit(deps, parsed.data.enabled ? 'user.enabled' : 'user.disabled', caller, meta, { userId });
  }
  return (await deps.users.get(userId)) ?? existing;
}

/**
 * "Reset sign-in" or "Send the invitation again", whichever fits the
 * account: someone who has never signed in gets a new invitation (a new
 * temporary password); anyone else has their password and authenticator
 * app reset, is signed out everywhere, and is emailed a code to choose a
 * new password. Either way the business manager never sees a password.
 */
export async function resetSignIn(
  deps: AdminDeps,
  userId: string,
  caller: Caller,
  meta: RequestMeta,
): Promise<{ outcome: 'reinvited' | 'reset'; user: StaffUser }> {
  requireManager(caller, 'users.manage');
  if (userId === caller.userId) throw new BadRequestError('You cannot reset your own sign-in. Ask another business manager');
  const existing = await deps.users.get(userId);
  if (!existing) throw new NotFoundError('No such user');
  if (!existing.enabled) throw new BadRequestError('Their account is disabled. Enable it before resetting their sign-in');
  if (existing.status === 'FORCE_CHANGE_PASSWORD') {
    await deps.users.reinvite(userId);
    await audit(deps, 'user.reinvited', caller, meta, { userId });
    return { outcome: 'reinvited', user: (await deps.users.get(userId)) ?? existing };
  }
  await deps.users.resetSignIn(userId);
  // The platform's own sessions end too, at once, whatever tokens are still about.
  await deps.sessions.revokeUser(userId, deps.clock.now());
  await audit(deps, 'user.sign-in-reset', caller, meta, { userId });
  return { outcome: 'reset', user: (await deps.users.get(userId)) ?? existing };
}

export async function getBoardConfig(deps: AdminDeps, caller: Caller, meta: RequestMeta): Promise<{ config: BoardConfig; version: number }> {
  requireManager(caller, 'config.manage');
  const current = await deps.boardConfig.get();
  await audit(deps, 'board-config.viewed', caller, meta, { version: current.version });
  return current;
}

/** Replaces the Board configuration. `expectedVersion` (from If-Match) guards against overwriting someone else's change. */
export async function putBoardConfig(
  deps: AdminDeps,
  body: unknown,
  expectedVersion: number | undefined,
  caller: Caller,
  meta: RequestMeta,
): Promise<{ config: BoardConfig; version: number }> {
  requireManager(caller, 'config.manage');
  const parsed = boardConfigSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the Board configuration');
  const current = await deps.boardConfig.get();
  const base = expectedVersion ?? current.version;
  const changed = Object.keys(parsed.data).filter(
    (k) => JSON.stringify(parsed.data[k as keyof BoardConfig]) !== JSON.stringify(current.config[k as keyof BoardConfig]),
  );
  const version = await deps.boardConfig.put(parsed.data, base, {
    eventId: deps.ids.uuid(),
    reference: 'BOARD',
    at: deps.clock.now().toISOString(),
    action: 'board-config.changed',
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role: 'business-manager' },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    detail: { fromVersion: base, toVersion: base + 1, sectionsChanged: changed.join(' ') || 'none' },
  });
  return { config: parsed.data, version };
}
