import type { BoardConfig } from '../../config/board.js';
import type { AuditEvent, ActionLink, CaseRecord, ContributionLinkAction } from '../case/case.js';
import type { ContributionStore, ContributionLinkWrites } from '../../ports/contribution-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller, UserDirectory } from '../../ports/identity.js';
import { toFieldErrors } from '../../schemas/errors.js';
import { contributionLinkBodySchemas, type ContributionActionView, type FindingsAnswerInput } from '../../schemas/contribution-links.js';
import type { IndependenceInput, NameAuthorInput } from '../../schemas/contributions.js';
import { auditEvent } from '../audit/audit.js';
import { describeDue } from '../calendar/deadlines.js';
import { formatLondonDay, londonDate } from '../calendar/london.js';
import { linkExpired } from '../access/action-links.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { contributionAccountProblem } from './contribution-actions.js';
import {
  acceptContribution,
  ContributionRuleError,
  declareIndependence,
  isIndependent,
  kindLabel,
  nameAuthor,
  returnContribution,
  type Contribution,
} from './contributions.js';

/**
 * A contribution's emailed single-use links (paras 10.1, 10.2, 10.6), with
 * the decision stage's rules (stage-actions.ts): opening one only reads; the
 * signed-in person it was made for POSTs; the contribution moves on, the link
 * is used and the audit event written in one transaction; once the step it
 * was made for is past (taken from the Contributions page, or by another
 * link), it acts on nothing and says what happened.
 *
 * Each link is made for one step of one contribution, named by `stepOf`:
 * - name-author: the senior officer, while it awaits an author (a round per
 *   author who declined, so an old link does not name a second one);
 * - declare-independence: the author named then, until they declare;
 * - accept-findings: the senior officer, for one submission.
 */

/** The step a link of `action` would act on now, or undefined when none is open. */
export function stepOf(c: Contribution, action: ContributionLinkAction): string | undefined {
  switch (action) {
    case 'name-author':
      return c.status === 'awaiting-author' ? `author:${c.declinedAuthors.length}` : undefined;
    case 'declare-independence':
      return c.status === 'awaiting-declaration' && c.author ? `declare:${c.author.email}:${c.author.namedAt}` : undefined;
    case 'accept-findings':
      return c.status === 'submitted' && c.submittedAt ? `submitted:${c.submittedAt}` : undefined;
  }
}

/** Who a link of `action` is for: the senior officer, or the author named now. */
export function holderOf(c: Contribution, action: ContributionLinkAction): string | undefined {
  return action === 'declare-independence' ? c.author?.email : c.seniorOfficer.email;
}

/** The link an email about `c` carries for `action`, or undefined when its step is not open (nothing to act on). */
export function contributionLink(c: Contribution, action: ContributionLinkAction): Pick<ActionLink, 'action' | 'contributionId' | 'contributionStep'> | undefined {
  const step = stepOf(c, action);
  return step ? { action, contributionId: c.id, contributionStep: step } : undefined;
}

/**
 * What the holder of a late contribution's reminder or escalation can do from
 * a link: the senior officer names the author; the named author declares.
 * Writing and submitting happen on the Contributions page (no link).
 */
export function lateContributionLinkFor(c: Contribution, to: string): Pick<ActionLink, 'action' | 'contributionId' | 'contributionStep'> | undefined {
  const email = to.toLowerCase();
  if (c.status === 'awaiting-author' && c.seniorOfficer.email === email) return contributionLink(c, 'name-author');
  if (c.status === 'awaiting-declaration' && c.author?.email === email) return contributionLink(c, 'declare-independence');
  return undefined;
}

const day = (iso: string) => formatLondonDay(londonDate(new Date(iso)));

/** What became of the step a link was made for, in words, once it is no longer open. */
export function whatHappened(c: Contribution, link: Pick<ActionLink, 'action' | 'intendedEmail' | 'contributionStep' | 'usedAt'>): string {
  switch (link.action) {
    case 'name-author': {
      const round = Number((link.contributionStep ?? 'author:0').split(':')[1] ?? 0);
      if (c.declinedAuthors.length > round && c.status === 'awaiting-author') {
        return 'The author named could not declare they are independent of the case (paragraph 10.2). A newer email asks you to name someone else: use the link in it.';
      }
      if (c.author) return `${c.author.name} (${c.author.jobTitle}) was named as the author on ${day(c.author.namedAt)}.`;
      return 'An author was named for this contribution.';
    }
    case 'declare-independence': {
      const declined = c.declinedAuthors.find((d) => d.email === link.intendedEmail);
      if (declined) return `You declared on ${day(declined.declaredAt)} that you are not independent of the case, so the senior officer is asked to name another author (paragraph 10.2).`;
      if (c.author?.email === link.intendedEmail && c.independenceDeclaredAt) return `You declared your independence of the case on ${day(c.independenceDeclaredAt)}.`;
      return 'Someone else is now named as the author of this contribution.';
    }
    case 'accept-findings': {
      if (c.acceptedAt) return `The findings were accepted on ${day(c.acceptedAt)} by ${c.acceptedBy ?? 'the senior officer'}.`;
      const submittedAt = (link.contributionStep ?? '').slice('submitted:'.length);
      const returned = c.returns.find((r) => r.at >= submittedAt);
      if (returned) {
        return c.status === 'submitted'
          ? `It was returned to the author on ${day(returned.at)} and submitted again: the newer email has the link to use.`
          : `It was returned to the author on ${day(returned.at)}.`;
      }
      return 'This submission was dealt with already.';
    }
    default:
      return 'This link was used already.';
  }
}

export interface ContributionLinkDeps {
  contributions: Pick<ContributionStore, 'getContribution'> & ContributionLinkWrites;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  /** Staff accounts: a named author must be able to sign in (as records requests, issue 13). */
  users?: Pick<UserDirectory, 'list'>;
  /** Sends what the contribution now owes (the new author's email, a new link to the senior officer); best effort. */
  notify?: (reference: string, contribution: Contribution) => Promise<void>;
}

async function contributionOf(deps: ContributionLinkDeps, link: ActionLink): Promise<Contribution> {
  const c = link.contributionId ? await deps.contributions.getContribution(link.reference, link.contributionId) : undefined;
  if (!c) throw new NotFoundError('This link is not valid.');
  return c;
}

const open = (c: Contribution, link: ActionLink, caseRecord: CaseRecord) =>
  !link.usedAt && caseRecord.status === 'review-decided' && !caseRecord.review?.completedAt && stepOf(c, link.action as ContributionLinkAction) === link.contributionStep;

/** What a contribution's link asks, for the page it opens (reads only). */
export async function describeContributionLink(deps: ContributionLinkDeps, link: ActionLink, caseRecord: CaseRecord): Promise<ContributionActionView> {
  const c = await contributionOf(deps, link);
  const now = deps.clock.now();
  const expired = !link.usedAt && linkExpired(link, now);
  const isOpen = !expired && open(c, link, caseRecord);
  return {
    reference: caseRecord.reference,
    action: link.action as ContributionLinkAction,
    state: expired ? 'expired' : isOpen ? 'open' : 'used',
    ...(expired ? { expiredOn: day(link.expiresAt as string) } : {}),
    dueBy: describeDue(c.due),
    contributionId: c.id,
    kindLabel: kindLabel(c.kind),
    organisation: c.organisation,
    ...(c.author ? { author: { name: c.author.name, jobTitle: c.author.jobTitle } } : {}),
    declinedAuthors: c.declinedAuthors.length,
    returns: c.returns.length,
    awaitingCourtAgreement: c.kind === 'childrens-guardian' && !c.courtAgreement,
    ...(!isOpen && !expired ? { done: whatHappened(c, link) } : {}),
  };
}

function invalid(field: string, text: string): never {
  throw new ValidationError([{ name: field, href: `#${field}`, text }], 'There is a problem');
}

/** Applies the step's rule; a refusal is shown on the form (the link stays usable). */
function applyRule(c: Contribution, link: ActionLink, body: unknown, now: Date, by: string): { next: Contribution; action: AuditEvent['action'] } {
  const action = link.action as ContributionLinkAction;
  const parsed = contributionLinkBodySchemas[action].safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem');
  try {
    switch (action) {
      case 'name-author':
        return { next: nameAuthor(c, parsed.data as NameAuthorInput, now), action: 'contribution.author-named' };
      case 'declare-independence': {
        const input = parsed.data as IndependenceInput;
        return { next: declareIndependence(c, input, now), action: isIndependent(input) ? 'contribution.independence-declared' : 'contribution.author-declined' };
      }
      case 'accept-findings': {
        const input = parsed.data as FindingsAnswerInput;
        return input.answer === 'accept'
          ? { next: acceptContribution(c, now, by), action: 'contribution.accepted' }
          : { next: returnContribution(c, { reasons: input.reasons ?? '' }, now, by), action: 'contribution.returned' };
      }
    }
  } catch (error) {
    if (!(error instanceof ContributionRuleError)) throw error;
    return invalid(error.field ?? (action === 'accept-findings' ? 'answer' : 'authorEmail'), error.message);
  }
}

/**
 * The holder acts: names the author, declares independence, or accepts the
 * findings or returns it. Conditional on the contribution's version read and
 * the link unused; the audit event goes in the same transaction.
 */
export async function actOnContributionLink(
  deps: ContributionLinkDeps,
  link: ActionLink,
  caseRecord: CaseRecord,
  body: unknown,
  caller: Caller,
  meta: { requestId: string; sourceIp?: string },
): Promise<{ reference: string; status: string }> {
  const c = await contributionOf(deps, link);
  if (!open(c, link, caseRecord)) throw new ConflictError(`${whatHappened(c, link)} Nothing was changed.`);
  const now = deps.clock.now();
  const { next, action } = applyRule(c, link, body, now, caller.email);
  if (link.action === 'name-author' && next.author) {
    // The author signs in to declare and to write: they need an enabled staff account.
    const problem = await contributionAccountProblem(deps, next.author.email, 'authorEmail', 'senior-officer');
    if (problem) throw new ValidationError([problem], 'There is a problem');
  }
  const audit = auditEvent({
    eventId: deps.ids.uuid(),
    reference: caseRecord.reference,
    at: now,
    action,
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role: link.action === 'declare-independence' ? 'agency-contributor' : 'senior-officer' },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    // Ids, kinds and statuses only: never the organisation's, author's or anyone's words.
    detail: { contributionId: c.id, contributionKind: c.kind, status: next.status, viaEmailedLink: true },
  });
  const ok = await deps.contributions.putContributionUsingLink(next, c.version, link.tokenHash, audit);
  if (!ok) throw new ConflictError('The contribution changed while you were on this page, or this link was used already. Nothing was changed: open the link again to check.');
  try {
    await deps.notify?.(caseRecord.reference, next);
  } catch {
    // Recorded; the email goes from the review's next check instead.
  }
  return { reference: caseRecord.reference, status: next.status };
}
