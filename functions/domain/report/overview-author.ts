import type { StaffUser } from '../../ports/identity.js';
import type { FieldError } from '../../schemas/errors.js';
import type { CommissionOverviewAuthorInput, OverviewDeclarationInput } from '../../schemas/overview.js';
import { boardWideRoles, roleLabels } from '../access/roles.js';

/**
 * The overview author (procedure 11.2): the business manager commissions
 * the overview report from a named person with a staff account, who then
 * declares independence of every body, agency and professional involved. A
 * "no" to any blocks them: they are recorded as declined, lose access, and
 * the business manager commissions someone else. Pure rules; the use cases
 * are in overview-actions.ts.
 *
 *   (none) --business manager commissions--> awaiting-declaration
 *   awaiting-declaration --author declares independent of all--> independent
 *   awaiting-declaration --author answers "no" to any--> (none), author declined
 */

export type OverviewAuthorStatus = 'awaiting-declaration' | 'independent';

export interface OverviewAuthor {
  name: string;
  email: string;
  /** The staff account's id: the author is a member of the case with the role `overview-author`. */
  userId: string;
  status: OverviewAuthorStatus;
  commissionedAt: string;
  commissionedBy: string;
  declaredAt?: string;
  /** What they declared independence of. */
  declaredBodies?: string[];
}

/** The overview author of a case: one item beside the case (`OVERVIEW#AUTHOR`), its own version. */
export interface OverviewRecord {
  reference: string;
  author?: OverviewAuthor;
  declined: { email: string; declaredAt: string }[];
  /** 0 when nothing is stored yet; each write is conditional on the version read. */
  version: number;
}

export const emptyOverview = (reference: string): OverviewRecord => ({ reference, declined: [], version: 0 });

/** Why a change is refused, in words a person can act on; `field` when it concerns one. */
export class OverviewRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'OverviewRuleError';
  }
}

/**
 * Why the report cannot be commissioned from `email`, or undefined: the
 * address needs an enabled staff account (they sign in to declare and to
 * read), and must not hold one of the Board's offices (they are not
 * independent of the review). Pure: the accounts are passed in.
 */
export function authorAccountProblem(email: string, accounts: readonly Pick<StaffUser, 'email' | 'enabled' | 'role'>[]): FieldError | undefined {
  const wanted = email.trim().toLowerCase();
  const account = accounts.find((u) => u.email.trim().toLowerCase() === wanted);
  const at = { name: 'authorEmail', href: '#authorEmail' };
  if (!account) return { ...at, text: `Invite ${email.trim()} as an independent overview author on the Users page first, then commission the report` };
  if (!account.enabled) return { ...at, text: `The account for ${email.trim()} is disabled. Enable it on the Users page first, then commission the report` };
  if (account.role && boardWideRoles.includes(account.role)) {
    return { ...at, text: `${email.trim()} is the ${roleLabels[account.role].toLowerCase()}: the overview author must be independent of the Board's offices` };
  }
  return undefined;
}

/** 11.2: the business manager commissions the report from a named person. */
export function commissionAuthor(record: OverviewRecord, input: CommissionOverviewAuthorInput, userId: string, now: Date, by: string): OverviewRecord {
  if (record.author?.status === 'independent') throw new OverviewRuleError('The overview report is already commissioned from an author who declared their independence');
  if (record.author) throw new OverviewRuleError('The overview report is already commissioned: the author has not declared their independence yet');
  const email = input.authorEmail.trim().toLowerCase();
  if (record.declined.some((d) => d.email === email)) {
    throw new OverviewRuleError('This person declared they are not independent of the review: commission someone else', 'authorEmail');
  }
  return {
    ...record,
    author: { name: input.authorName, email, userId, status: 'awaiting-declaration', commissionedAt: now.toISOString(), commissionedBy: by },
    version: record.version + 1,
  };
}

/**
 * Every body and agency involved, for the declaration: the organisations
 * asked for contributions, the panel members' organisations and the agencies
 * asked to secure records; each once, in the order first met.
 */
export function bodiesInvolved(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const n of names) {
    const name = n.trim();
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

export type DeclarationOutcome = { record: OverviewRecord; independent: true } | { record: OverviewRecord; independent: false };

/**
 * The author declares. Every body involved must be answered; "yes" to all,
 * and to the professionals, makes them the author; a "no" to any records
 * them as declined and ends their commission.
 */
export function declareAuthorIndependence(record: OverviewRecord, email: string, input: OverviewDeclarationInput, bodies: readonly string[], now: Date): DeclarationOutcome {
  const author = record.author;
  if (!author || author.email !== email.trim().toLowerCase()) throw new OverviewRuleError('You are not the overview author of this review');
  if (author.status !== 'awaiting-declaration') throw new OverviewRuleError('You have already declared your independence');
  const answered = new Map(input.bodies.map((b) => [b.body.trim().toLowerCase(), b.independent] as const));
  const missing = bodies.filter((b) => !answered.has(b.toLowerCase()));
  if (missing.length) throw new OverviewRuleError(`Select whether you are independent of ${missing[0]}`, 'bodies');
  const at = now.toISOString();
  const independent = input.professionals && bodies.every((b) => answered.get(b.toLowerCase()) === true);
  if (!independent) {
    const { author: _gone, ...rest } = record;
    return { independent: false, record: { ...rest, declined: [...record.declined, { email: author.email, declaredAt: at }], version: record.version + 1 } };
  }
  return {
    independent: true,
    record: { ...record, author: { ...author, status: 'independent', declaredAt: at, declaredBodies: [...bodies] }, version: record.version + 1 },
  };
}
