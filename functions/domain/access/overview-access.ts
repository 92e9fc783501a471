import type { Role } from './roles.js';

/**
 * Who may do what with the overview report's facts (issue 11, 11.2). The
 * caller's role on the case comes from `roleOnCase` (access.ts): someone not
 * on a case has no role there, so the overview author reads nothing of any
 * other case. Deny by default.
 *
 * - The business manager commissions the author, and reads and works on the
 *   facts (integrated chronology, genogram, what was known).
 * - The commissioned author, once independent of every body involved, reads
 *   every ACCEPTED contribution of the case (never a draft, a submitted one
 *   not yet accepted, or a returned one) and works on the facts. Before the
 *   declaration they may only declare.
 * - The sub-committee chair, the Board chair, the panel (sub-committee
 *   members) and the auditor read the facts.
 */
export type OverviewAction = 'commission' | 'declare' | 'readFacts' | 'editFacts';

export interface OverviewAuthorState {
  email: string;
  status: 'awaiting-declaration' | 'independent';
}

const readers: readonly Role[] = ['business-manager', 'sub-committee-chair', 'board-chair', 'sub-committee-member', 'auditor'];

export function mayOnOverview(role: Role | undefined, callerEmail: string, author: OverviewAuthorState | undefined, action: OverviewAction): boolean {
  if (!role) return false;
  const isAuthor = role === 'overview-author' && author !== undefined && author.email === callerEmail.trim().toLowerCase();
  switch (action) {
    case 'commission':
      return role === 'business-manager';
    case 'declare':
      return isAuthor && author!.status === 'awaiting-declaration';
    case 'readFacts':
      return readers.includes(role) || (isAuthor && author!.status === 'independent');
    case 'editFacts':
      return role === 'business-manager' || (isAuthor && author!.status === 'independent');
  }
}

/** The contributions the overview's readers see: accepted ones only (10.6: their findings accepted by the senior officer). */
export function readableForOverview<C extends { status: string }>(contributions: readonly C[]): C[] {
  return contributions.filter((c) => c.status === 'accepted');
}
