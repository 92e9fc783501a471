import type { Caller } from '../../ports/identity.js';
import { boardWideRoles, isStaffRole, type Role, type StaffRole } from './roles.js';

/**
 * Authorisation, decided per case: deny by default. A caller's role on a
 * case is their board-wide office (chairs, business manager, auditor), or
 * the role they were given on that case; a referrer is on their own
 * referrals only. Holding a group is not enough on its own.
 */
export type CaseAction =
  /** The case page: referral, criteria, deadlines, members. */
  | 'case.read'
  /** Reference, status and deadlines only (external readers). */
  | 'case.readSummary'
  /** The audit trail, on screen and as CSV. */
  | 'timeline.read'
  /** Add someone to the case with a role. */
  | 'members.add'
  /** The status of one's own referral. */
  | 'referral.status'
  /** Run the review: panel, records, Ofsted form, joint review, extensions, proceedings, hold, resends. */
  | 'review.manage'
  /** Add members to the review panel (4.3-4.5). */
  | 'review.panel'
  /** 6.2: confirm to the Board that the National Business Unit was notified. */
  | 'review.confirmNbu'
  /** The statutory notification record (6.1): the Board's offices; its recipients are allowed by address. */
  | 'statutory.read'
  /** 7.1, 7.2: draw up the terms of reference and agree a version. */
  | 'tor.edit'
  /** Read the terms of reference's draft as it is drawn up. */
  | 'tor.readDraft'
  /** Read the agreed versions of the terms of reference. */
  | 'tor.read';

export type BoardAction = 'users.manage' | 'config.manage' | 'cases.list';

const caseActions: Record<Role, readonly CaseAction[]> = {
  'business-manager': ['case.read', 'case.readSummary', 'timeline.read', 'members.add', 'review.manage', 'review.panel', 'statutory.read', 'tor.edit', 'tor.readDraft', 'tor.read'],
  'sub-committee-chair': ['case.read', 'case.readSummary', 'members.add', 'review.panel', 'review.confirmNbu', 'statutory.read', 'tor.edit', 'tor.readDraft', 'tor.read'],
  // The panel is the sub-committee for the review (4.3): its members read the draft as it is drawn up.
  'sub-committee-member': ['case.read', 'case.readSummary', 'tor.readDraft', 'tor.read'],
  'board-chair': ['case.read', 'case.readSummary', 'statutory.read', 'tor.readDraft', 'tor.read'],
  'agency-contributor': ['case.read', 'case.readSummary', 'tor.read'],
  'senior-officer': ['case.read', 'case.readSummary', 'tor.read'],
  'overview-author': ['case.read', 'case.readSummary', 'tor.read'],
  'external-reader': ['case.readSummary'],
  auditor: ['case.read', 'case.readSummary', 'timeline.read', 'statutory.read', 'tor.readDraft', 'tor.read'],
  referrer: ['referral.status'],
};

const boardActions: Record<Role, readonly BoardAction[]> = {
  'business-manager': ['users.manage', 'config.manage', 'cases.list'],
  'sub-committee-chair': ['cases.list'],
  'sub-committee-member': ['cases.list'],
  'board-chair': ['cases.list'],
  'agency-contributor': ['cases.list'],
  'senior-officer': ['cases.list'],
  'overview-author': ['cases.list'],
  'external-reader': ['cases.list'],
  auditor: ['cases.list'],
  referrer: [],
};

/** The caller's board-wide office, if they hold one (their groups). */
export function boardWideRoleOf(caller: Caller): StaffRole | undefined {
  if (caller.pool !== 'staff') return undefined;
  return boardWideRoles.find((r) => caller.roles.includes(r));
}

/**
 * The caller's role on a case, or undefined when they are not on it.
 * @param membershipRole the role stored for this caller on this case, if any.
 */
export function roleOnCase(caller: Caller, membershipRole: Role | undefined): Role | undefined {
  if (caller.pool === 'referrer') return membershipRole === 'referrer' ? 'referrer' : undefined;
  const office = boardWideRoleOf(caller);
  if (office) return office;
  if (membershipRole && isStaffRole(membershipRole)) return membershipRole;
  return undefined;
}

/** True when a role on a case allows the action. */
export const mayOnCase = (role: Role | undefined, action: CaseAction): boolean =>
  role !== undefined && caseActions[role].includes(action);

/** True when any of the caller's roles allows a Board-level action. */
export const mayOnBoard = (caller: Caller, action: BoardAction): boolean =>
  caller.roles.some((r) => boardActions[r].includes(action));

/** Exposed for the role matrix documentation and tests. */
export const permissionTable = { caseActions, boardActions } as const;
