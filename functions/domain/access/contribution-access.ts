import type { Role } from './roles.js';

/** What a contribution says about who is on it (contributions.ts `Contribution`, in the fields this needs). */
export interface NamedOnContribution {
  seniorOfficer: { email: string };
  author?: { email: string };
}

/**
 * A case role granted by the contributions themselves (10.1, 10.2): the
 * senior officer named on any contribution of the case is on it as a senior
 * officer; the author named now (not one who declined) as an agency
 * contributor. Nobody has to add them to the case's people by hand, and the
 * grant goes when the contribution no longer names them. What they see of
 * each contribution is still decided per contribution (contributions.ts
 * `accessOf`: an author sees only their own; a senior officer their
 * organisation's; nobody another organisation's draft).
 */
export function roleFromContributions(email: string, contributions: readonly NamedOnContribution[]): Extract<Role, 'senior-officer' | 'agency-contributor'> | undefined {
  const wanted = email.trim().toLowerCase();
  if (contributions.some((c) => c.seniorOfficer.email.toLowerCase() === wanted)) return 'senior-officer';
  if (contributions.some((c) => c.author?.email.toLowerCase() === wanted)) return 'agency-contributor';
  return undefined;
}
