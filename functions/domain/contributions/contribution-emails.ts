import type { BoardConfig } from '../../config/board.js';
import type { NotificationKind, RecipientRole } from '../case/case.js';
import type { Contribution } from './contributions.js';
import { kindLabel } from './contributions.js';
import { render, type EmailContent } from '../email/emails.js';
import { longDate } from '../email/wording.js';
import { sendOnce, type SendOnceDeps, type SendResult } from '../email/send-once.js';
import type { ActionLinks } from '../../ports/case-store.js';
import { hashSecret } from '../../ports/ids.js';
import { actionLinkExpiry } from '../access/action-links.js';
import { contributionLink } from './contribution-links.js';
import type { ContributionLinkAction } from '../case/case.js';

/**
 * The emails contributions owe, derived from their state (as review.ts's
 * owedEmails are from the case), each sent once through send-once.ts:
 * - asked for (awaiting an author): its senior officer, to name the author;
 * - an author named: that author, to declare independence (one per author);
 * - submitted: its senior officer, to accept the findings or return it (one
 *   per submission).
 * - another author wanted (10.2: the one named could not declare
 *   independence): its senior officer again, once per author who declined.
 * Each carries the reference, what is needed, by when, a single-use link
 * made for its recipient by the attempt that sends it (the decision stage's
 * rules: sign in, then act; opening it changes nothing) and a link to the
 * case's Contributions page: never a name of the child or family, nor the
 * organisation or its people.
 */
export interface OwedContributionEmail {
  kind: Extract<NotificationKind, `contribution-${string}`>;
  recipientRole: RecipientRole;
  to: string;
  contribution: Contribution;
  /** For a second (or later) request to name an author: how many declined. */
  again?: number;
}

/** What each email asks its recipient to do from its link. */
const linkActionOf: Record<OwedContributionEmail['kind'], ContributionLinkAction> = {
  'contribution-requested': 'name-author',
  'contribution-author-named': 'declare-independence',
  'contribution-submitted': 'accept-findings',
};

export function owedContributionEmails(contributions: readonly Contribution[]): OwedContributionEmail[] {
  const owed: OwedContributionEmail[] = [];
  for (const c of contributions) {
    owed.push({ kind: 'contribution-requested', recipientRole: `contribution:${c.id}:senior-officer`, to: c.seniorOfficer.email, contribution: c });
    if (c.status === 'awaiting-author' && c.declinedAuthors.length > 0) {
      const again = c.declinedAuthors.length;
      owed.push({ kind: 'contribution-requested', recipientRole: `contribution:${c.id}:senior-officer:again:${again}`, to: c.seniorOfficer.email, contribution: c, again });
    }
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

/**
 * The email's words. With `actionUrl` (the single-use link made for its
 * recipient) it says what to do with it; the Contributions page link follows.
 */
export function contributionEmail(e: OwedContributionEmail, reference: string, board: BoardConfig, appBaseUrl: string, actionUrl?: string): EmailContent {
  const c = e.contribution;
  const link = { text: `Open the contributions to review ${reference}`, href: `${appBaseUrl}/cases/${encodeURIComponent(reference)}/contributions` };
  const due = longDate(c.due.dueDate);
  const signIn = 'Sign in to act on it. Opening the link changes nothing.';
  const days = board.procedureProfile.actionLinkExpiryDays;
  const withLink = (text: string) =>
    actionUrl
      ? [
          {
            lines: [`This link is made for you alone. Sign in when asked; it works once and expires ${days} days after this email. Opening it changes nothing until you press the button.`],
            link: { text, href: actionUrl },
          },
          { lines: ['You can also see the review’s contributions on the case.'], link },
        ]
      : [{ lines: [signIn], link }];
  switch (e.kind) {
    case 'contribution-requested':
      if (e.again) {
        return render(`Name another author: serious case review ${reference}`, board, [
          {
            lines: [
              `The author you named for a contribution to serious case review ${reference} (${what(c)}) declared they are not independent of the case (paragraph 10.2). It is due by ${due}.`,
              'Name another author. They must not have been directly concerned with the child or family, nor be the immediate line manager of the practitioners involved.',
            ],
          },
          ...withLink('Name another author'),
        ]);
      }
      return render(`Contribution asked for: serious case review ${reference}`, board, [
        {
          lines: [
            `Your organisation is asked for a contribution to serious case review ${reference}: ${what(c)} (paragraphs 9.1 and 10.1). It is due by ${due}.`,
            'As its senior officer, name its author. The author must not have been directly concerned with the child or family, nor be the immediate line manager of the practitioners involved (paragraph 10.2).',
          ],
        },
        ...withLink('Name the author'),
      ]);
    case 'contribution-author-named':
      return render(`You are named as an author: serious case review ${reference}`, board, [
        {
          lines: [
            `You are named as the author of a contribution to serious case review ${reference}: ${what(c)}. It is due by ${due}.`,
            'First declare that you are independent of the case (paragraph 10.2).',
          ],
        },
        ...withLink('Declare your independence'),
      ]);
    case 'contribution-submitted':
      return render(`Contribution submitted: serious case review ${reference}`, board, [
        {
          lines: [`A contribution to serious case review ${reference} (${what(c)}) was submitted. Accept its findings or return it to the author with reasons (paragraph 10.6).`],
        },
        ...withLink('Accept the findings or return it'),
      ]);
  }
}

/**
 * The email as it goes at `now`: with a single-use link made for its
 * recipient when its step is still open (only the attempt that sends it makes
 * one; the table keeps the hash), else with the Contributions page link only.
 */
async function contentWithLink(deps: SendOnceDeps & { store: Pick<ActionLinks, 'putLink'>; board: BoardConfig; appBaseUrl: string }, e: OwedContributionEmail, reference: string, now: Date) {
  const link = contributionLink(e.contribution, linkActionOf[e.kind]);
  if (!link) return contributionEmail(e, reference, deps.board, deps.appBaseUrl);
  const secret = deps.ids.secret();
  const tokenHash = await hashSecret(secret);
  await deps.store.putLink({
    tokenHash,
    reference,
    ...link,
    intendedEmail: e.to.toLowerCase(),
    forStatus: 'review-decided',
    createdAt: now.toISOString(),
    expiresAt: actionLinkExpiry(now, deps.board.procedureProfile),
  });
  // After `#`: browsers never send the fragment, so the secret reaches no server log.
  return { ...contributionEmail(e, reference, deps.board, deps.appBaseUrl, `${deps.appBaseUrl}/act#${secret}`), linkHash: tokenHash };
}

/** Sends each owed email that has not gone yet (send-once: a retry or a second sweep sends nothing twice). */
export async function sendOwedContributionEmails(
  deps: SendOnceDeps & { store: SendOnceDeps['store'] & Pick<ActionLinks, 'putLink'>; board: BoardConfig; appBaseUrl: string },
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
          content: (now) => contentWithLink(deps, e, reference, now),
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
