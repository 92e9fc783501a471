import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ContributionsOfPerson } from '../../ports/contribution-store.js';
import type { Caller } from '../../ports/identity.js';
import type { Ids } from '../../ports/ids.js';
import type { MyContribution, MyContributionsView } from '../../schemas/my-contributions.js';
import { boardWideRoleOf } from '../access/access.js';
import { auditEvent } from '../audit/audit.js';
import type { RequestMeta } from '../case/case-views.js';
import { ForbiddenError } from '../errors.js';
import { isOverdue, kindLabel, type Contribution } from './contributions.js';

/**
 * "Your contributions" (issue 10): what a senior officer or an author finds
 * when they sign in, without being on the case's people. The store keeps a
 * pointer per person acting on a contribution (keys.ts `contributionPointer`);
 * an author who declined loses theirs in the same write.
 */

const lower = (s: string) => s.trim().toLowerCase();

/** What one person is on a contribution now. */
export function partsOf(c: Contribution, email: string): ('senior-officer' | 'author')[] {
  const who = lower(email);
  return [...(lower(c.seniorOfficer.email) === who ? (['senior-officer'] as const) : []), ...(c.author && lower(c.author.email) === who ? (['author'] as const) : [])];
}

/** What the senior officer is to do now, or undefined when the next step is someone else's. */
function seniorOfficerStep(c: Contribution): string | undefined {
  switch (c.status) {
    case 'awaiting-author':
      return 'Name an author';
    case 'submitted':
      return 'Accept the findings or return it';
    case 'accepted':
      return c.debrief ? undefined : 'Record the staff feedback and debrief';
    default:
      return undefined;
  }
}

/** What the author is to do now, or undefined when the next step is someone else's. */
function authorStep(c: Contribution): string | undefined {
  switch (c.status) {
    case 'awaiting-declaration':
      return 'Declare your independence';
    case 'in-progress':
      return 'Write it and submit it';
    case 'returned':
      return 'Revise it and submit it again';
    default:
      return undefined;
  }
}

/** What they wait for when nothing is needed from them. */
function waitingFor(c: Contribution): string {
  switch (c.status) {
    case 'awaiting-author':
      return 'Nothing now: the senior officer names an author';
    case 'awaiting-declaration':
      return 'Nothing now: the author declares independence';
    case 'in-progress':
      return 'Nothing now: the author is writing it';
    case 'returned':
      return 'Nothing now: the author is revising it';
    case 'submitted':
      return 'Nothing now: the senior officer accepts the findings or returns it';
    case 'accepted':
      return 'Nothing: the findings are accepted';
  }
}

/**
 * One row of "Your contributions", or undefined when the person no longer
 * acts on it. Reference, kind, organisation, the next step and the due date:
 * never its description or content.
 */
export function myContributionRow(c: Contribution, email: string, now: Date): MyContribution | undefined {
  const as = partsOf(c, email);
  if (as.length === 0) return undefined;
  const step = (as.includes('senior-officer') ? seniorOfficerStep(c) : undefined) ?? (as.includes('author') ? authorStep(c) : undefined);
  return {
    reference: c.reference,
    contributionId: c.id,
    kind: c.kind,
    kindLabel: kindLabel(c.kind),
    organisation: c.organisation,
    as,
    status: c.status,
    actionNeeded: step !== undefined,
    next: step ?? waitingFor(c),
    dueDate: c.due.dueDate,
    overdue: step !== undefined && isOverdue(c, now),
  };
}

/** Those needing something from the person first, then soonest due. */
export function myContributionRows(all: readonly Contribution[], email: string, now: Date): MyContribution[] {
  const due = new Map(all.map((c) => [`${c.reference}#${c.id}`, c.due.dueAt]));
  return all
    .map((c) => myContributionRow(c, email, now))
    .filter((r): r is MyContribution => r !== undefined)
    .sort(
      (a, b) =>
        Number(b.actionNeeded) - Number(a.actionNeeded) ||
        (due.get(`${a.reference}#${a.contributionId}`) ?? '').localeCompare(due.get(`${b.reference}#${b.contributionId}`) ?? '') ||
        a.reference.localeCompare(b.reference) ||
        a.contributionId.localeCompare(b.contributionId),
    );
}

export interface MyContributionsDeps {
  store: Pick<CaseStore, 'appendAudit'>;
  mine: ContributionsOfPerson;
  clock: Clock;
  ids: Ids;
}

/** The contributions the signed-in staff member acts on, on any review. Audited on the Board's trail (a count, no content). */
export async function listMyContributions(deps: MyContributionsDeps, caller: Caller, meta: RequestMeta): Promise<MyContributionsView> {
  // Staff only: a referrer is never named on a contribution.
  if (caller.pool !== 'staff') throw new ForbiddenError('Only Board staff and agency staff have contributions');
  const now = deps.clock.now();
  const rows = myContributionRows(await deps.mine.listContributionsOf(caller.email), caller.email, now);
  await deps.store.appendAudit(
    auditEvent({
      eventId: deps.ids.uuid(),
      reference: 'BOARD',
      at: now,
      action: 'contributions.listed-mine',
      actor: { kind: 'user', userId: caller.userId, email: caller.email, role: boardWideRoleOf(caller) ?? 'staff' },
      detail: { contributions: rows.length, actionNeeded: rows.filter((r) => r.actionNeeded).length },
      requestId: meta.requestId,
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    }),
  );
  return { contributions: rows };
}
