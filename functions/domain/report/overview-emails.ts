import type { BoardConfig } from '../../config/board.js';
import type { NotificationKind, RecipientRole } from '../case/case.js';
import { render, type EmailContent } from '../email/emails.js';
import { sendOnce, type SendOnceDeps, type SendResult } from '../email/send-once.js';
import type { OverviewRecord } from './overview-author.js';

/**
 * The email the overview report owes, derived from its state and sent once
 * through send-once.ts: the commissioned author, while their declaration is
 * awaited, is asked to declare independence (one per author). It carries
 * the reference, what is needed and a link to the overview author page
 * (sign in to act; opening it changes nothing): never a name of the child or
 * family, nor the author's own.
 */
export interface OwedOverviewEmail {
  kind: Extract<NotificationKind, `overview-${string}`>;
  recipientRole: Extract<RecipientRole, `overview:${string}`>;
  to: string;
}

export function owedOverviewEmails(record: OverviewRecord | undefined): OwedOverviewEmail[] {
  const a = record?.author;
  if (!a || a.status !== 'awaiting-declaration') return [];
  return [{ kind: 'overview-author-commissioned', recipientRole: `overview:author:${a.email}`, to: a.email }];
}

export function overviewEmail(reference: string, board: BoardConfig, appBaseUrl: string): EmailContent {
  return render(`You are asked to write the overview report: serious case review ${reference}`, board, [
    {
      lines: [
        `You are asked to write the overview report of serious case review ${reference} (paragraph 11.2).`,
        'First declare that you are independent of the case and of every body, agency and professional involved. Then you can read the accepted contributions.',
        'Sign in to act on it. Opening the link changes nothing.',
      ],
      link: { text: `Open the overview report of review ${reference}`, href: `${appBaseUrl}/cases/${encodeURIComponent(reference)}/report/author` },
    },
  ]);
}

/** Sends the owed email unless already settled (send-once: a retry or a second sweep sends nothing twice). */
export async function sendOwedOverviewEmails(
  deps: SendOnceDeps & { board: BoardConfig; appBaseUrl: string },
  reference: string,
  record: OverviewRecord | undefined,
  /** `<kind> <recipientRole>` of emails known to be settled already (sent or parked): not claimed again. */
  settledAlready: ReadonlySet<string> = new Set(),
): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const e of owedOverviewEmails(record)) {
    if (settledAlready.has(`${e.kind} ${e.recipientRole}`)) continue;
    results.push(
      await sendOnce(deps, {
        reference,
        kind: e.kind,
        recipientRole: e.recipientRole,
        to: e.to,
        tags: { reference, notification: e.kind },
        component: 'overview',
        detail: { notification: e.kind },
        content: () => overviewEmail(reference, deps.board, deps.appBaseUrl),
      }),
    );
  }
  return results;
}
