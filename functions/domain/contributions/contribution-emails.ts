import type { BoardConfig } from '../../config/board.js';
import type { NotificationKind, RecipientRole } from '../case/case.js';
import type { Contribution } from './contributions.js';
import { kindLabel } from './contributions.js';
import { render, type EmailContent } from '../email/emails.js';
import { longDate } from '../email/wording.js';
import { sendOnce, type SendOnceDeps, type SendResult } from '../email/send-once.js';

/**
 * The emails contributions owe, derived from their state (as review.ts's
 * owedEmails are from the case), each sent once through send-once.ts:
 * - asked for (awaiting an author): its senior officer, to name the author;
 * - an author named: that author, to declare independence (one per author);
 * - submitted: its senior officer, to accept the findings or return it (one
 *   per submission).
 * Each carries the reference, what is needed, by when and a link to the
 * case's Contributions page (sign in to act; opening it changes nothing):
 * never a name of the child or family, nor the organisation or its people.
 */
export interface OwedContributionEmail {
  kind: Extract<NotificationKind, `contribution-${string}`>;
  recipientRole: RecipientRole;
  to: string;
  contribution: Contribution;
}

export function owedContributionEmails(contributions: readonly Contribution[]): OwedContributionEmail[] {
  const owed: OwedContributionEmail[] = [];
  for (const c of contributions) {
    owed.push({ kind: 'contribution-requested', recipientRole: `contribution:${c.id}:senior-officer`, to: c.seniorOfficer.email, contribution: c });
    if (c.status === 'awaiting-declaration' && c.author) {
      owed.push({ kind: 'contribution-author-named', recipientRole: `contribution:${c.id}:author:${c.author.email}`, to: c.author.email, contribution: c });
    }
    if (c.status === 'submitted' && c.submittedAt) {
      owed.push({ kind: 'contribution-submitted', recipientRole: `contribution:${c.id}:submitted:${c.submittedAt}`, to: c.seniorOfficer.email, contribution: c });
    }
  }
  return owed;
}

const what = (c: Contribution) => kindLabel(c.kind).replace(/ \(.*\)$/, '').toLowerCase();

export function contributionEmail(e: OwedContributionEmail, reference: string, board: BoardConfig, appBaseUrl: string): EmailContent {
  const c = e.contribution;
  const link = { text: `Open the contributions to review ${reference}`, href: `${appBaseUrl}/cases/${encodeURIComponent(reference)}/contributions` };
  const due = longDate(c.due.dueDate);
  const signIn = 'Sign in to act on it. Opening the link changes nothing.';
  switch (e.kind) {
    case 'contribution-requested':
      return render(`Contribution asked for: serious case review ${reference}`, board, [
        {
          lines: [
            `Your organisation is asked for a contribution to serious case review ${reference}: ${what(c)} (paragraphs 9.1 and 10.1). It is due by ${due}.`,
            'As its senior officer, name its author. The author must not have been directly concerned with the child or family, nor be the immediate line manager of the practitioners involved (paragraph 10.2).',
            signIn,
          ],
          link,
        },
      ]);
    case 'contribution-author-named':
      return render(`You are named as an author: serious case review ${reference}`, board, [
        {
          lines: [
            `You are named as the author of a contribution to serious case review ${reference}: ${what(c)}. It is due by ${due}.`,
            'First declare that you are independent of the case (paragraph 10.2).',
            signIn,
          ],
          link,
        },
      ]);
    case 'contribution-submitted':
      return render(`Contribution submitted: serious case review ${reference}`, board, [
        {
          lines: [`A contribution to serious case review ${reference} (${what(c)}) was submitted. Accept its findings or return it to the author with reasons (paragraph 10.6).`, signIn],
          link,
        },
      ]);
  }
}

/** Sends each owed email that has not gone yet (send-once: a retry or a second sweep sends nothing twice). */
export async function sendOwedContributionEmails(
  deps: SendOnceDeps & { board: BoardConfig; appBaseUrl: string },
  reference: string,
  contributions: readonly Contribution[],
  /** `<kind> <recipientRole>` of emails known to be settled already (sent or parked): not claimed again. */
  settledAlready: ReadonlySet<string> = new Set(),
): Promise<SendResult[]> {
  const results: SendResult[] = [];
  let firstError: unknown;
  for (const e of owedContributionEmails(contributions)) {
    if (settledAlready.has(`${e.kind} ${e.recipientRole}`)) continue;
    try {
      results.push(
        await sendOnce(deps, {
          reference,
          kind: e.kind,
          recipientRole: e.recipientRole,
          to: e.to,
          tags: { reference, notification: e.kind },
          component: 'contributions',
          detail: { notification: e.kind, contributionId: e.contribution.id },
          content: () => contributionEmail(e, reference, deps.board, deps.appBaseUrl),
        }),
      );
    } catch (error) {
      // One failing address must not hold up the others.
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return results;
}
