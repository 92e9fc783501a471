import type { BoardConfig } from '../../config/board.js';
import type { ActionLinks } from '../../ports/case-store.js';
import { hashSecret } from '../../ports/ids.js';
import { actionLinkExpiry } from '../access/action-links.js';
import { describeDue } from '../calendar/deadlines.js';
import type { CaseRecord } from '../case/case.js';
import { render, type EmailContent } from '../email/emails.js';
import { sendOnce, type SendOnceDeps, type SendResult } from '../email/send-once.js';
import { SUB_COMMITTEE } from '../email/wording.js';
import { owedReportEmails, type OwedReportEmail, type ReportState } from './report.js';

/**
 * The emails the overview report owes (11.3), derived from its state
 * (report.ts `owedReportEmails`) and each sent once through send-once.ts:
 * the sub-committee chair, then the Board chair, asked to accept the final
 * version. Each carries the reference, what is needed, by when and a
 * single-use link made for its recipient (its secret after `#`, so no server
 * log sees it; opening it changes nothing, the chair accepts with a POST
 * once signed in). Never a name or anything of the case's content.
 */
export function reportAcceptanceEmail(e: OwedReportEmail, c: CaseRecord, board: BoardConfig, actionUrl: string): EmailContent {
  const ref = c.reference;
  const due = c.review ? describeDue(c.review.completion) : 'as soon as possible';
  const who = e.chair === 'sub-committee-chair' ? `the Chair of the ${SUB_COMMITTEE}` : 'the Board chair';
  const then =
    e.chair === 'sub-committee-chair'
      ? 'Once you have accepted it, the Board chair is asked to accept it too.'
      : 'The sub-committee chair has accepted it. Your acceptance completes the review.';
  return render(`Action needed by ${due}: accept the overview report for ${ref}`, board, [
    {
      lines: [
        `Version ${e.version} of the overview report for serious case review ${ref} is final and needs acceptance by ${who} (paragraph 11.3).`,
        then,
        `Needed by: ${due}, when the review must be complete (paragraph 8.4). Sign in to read the report and accept it. Opening the link changes nothing.`,
      ],
      link: { text: `Read and accept the overview report for ${ref}`, href: actionUrl },
    },
  ]);
}

const recipientOf = (e: OwedReportEmail, board: BoardConfig) => (e.chair === 'sub-committee-chair' ? board.subCommitteeChair.email : board.boardChair.email);

/** Sends each owed email that has not gone yet (send-once: a retry or a second sweep sends nothing twice). */
export async function sendOwedReportEmails(
  deps: SendOnceDeps & { store: SendOnceDeps['store'] & Pick<ActionLinks, 'putLink'>; board: BoardConfig; appBaseUrl: string },
  caseRecord: CaseRecord,
  state: Pick<ReportState, 'versions'>,
  settledAlready: ReadonlySet<string> = new Set(),
): Promise<SendResult[]> {
  const results: SendResult[] = [];
  if (caseRecord.status !== 'review-decided' || caseRecord.review?.completedAt) return results;
  const reference = caseRecord.reference;
  for (const e of owedReportEmails(state)) {
    if (settledAlready.has(`${e.kind} ${e.recipientRole}`)) continue;
    const to = recipientOf(e, deps.board);
    results.push(
      await sendOnce(deps, {
        reference,
        kind: e.kind,
        recipientRole: e.recipientRole,
        to,
        tags: { reference, notification: e.kind },
        component: 'report',
        detail: { version: e.version, chair: e.chair },
        content: async (now) => {
          const secret = deps.ids.secret();
          const tokenHash = await hashSecret(secret);
          await deps.store.putLink({
            tokenHash,
            reference,
            action: 'report-accept',
            reportVersion: e.version,
            intendedEmail: to.toLowerCase(),
            forStatus: 'review-decided',
            createdAt: now.toISOString(),
            expiresAt: actionLinkExpiry(now, deps.board.procedureProfile),
          });
          return { ...reportAcceptanceEmail(e, caseRecord, deps.board, `${deps.appBaseUrl}/act#${secret}`), linkHash: tokenHash };
        },
      }),
    );
  }
  return results;
}
