import type { BoardConfig } from '../../config/board.js';
import { jointReviewOptions, type StatutoryRecipient } from '../../schemas/review.js';
import type { CaseRecord } from '../case/case.js';
import { describeDue } from '../calendar/deadlines.js';
import { render, type EmailContent } from '../email/emails.js';
import type { OwedEmail } from './review.js';

/**
 * The review stage's emails. As every email here: the reference, what is
 * needed, by when, and a link. The statutory notification's details (the
 * child, the family) are in the platform behind sign-in, never in the email.
 */
export function reviewEmail(owed: OwedEmail, c: CaseRecord, board: BoardConfig, appBaseUrl: string, actionUrl?: string): EmailContent {
  const ref = c.reference;
  const r = c.review;
  if (!r) throw new Error(`Case ${ref} has no review`);
  const caseLink = { text: `Open referral ${ref}`, href: `${appBaseUrl}/cases/${encodeURIComponent(ref)}` };
  switch (owed.kind) {
    case 'statutory-notification': {
      const recipient = owed.recipientRole.split('#')[0] as StatutoryRecipient;
      const what: Record<StatutoryRecipient, string> = {
        'ofsted-nbu': `${board.board.name} is notifying Ofsted’s National Business Unit of a serious case review (paragraph 6.1).`,
        'strategic-health-authority': `${board.board.name} is informing the Strategic Health Authority of a serious case review (paragraph 6.4).`,
        'childrens-services-adviser': `${board.board.name} is informing the Children’s Services Adviser of a serious case review. Your advice and support may be asked for (paragraph 6.3).`,
      };
      return render(`Serious case review notification: ${ref}`, board, [
        {
          lines: [
            what[recipient],
            `Its reference is ${ref}. The review is due to be completed by ${describeDue(r.completion)} (paragraph 8.4).`,
            'The notification record, with the details your form asks for, is held in the Board’s service. Sign in to read it. This email holds none of those details by design.',
          ],
          link: { text: `Read the notification record for ${ref}`, href: `${appBaseUrl}/cases/${encodeURIComponent(ref)}/notification` },
        },
      ]);
    }
    case 'records-requested': {
      const rec = r.records.find((x) => `agency:${x.id}` === owed.recipientRole);
      const due = rec ? describeDue(rec.deadline) : 'as soon as possible';
      return render(`Action needed by ${due}: secure your records for ${ref}`, board, [
        {
          lines: [
            `The Board has decided to conduct a serious case review, reference ${ref}.`,
            'Please have a senior manager secure your organisation’s records relating to this case now, to guard against loss or interference (paragraphs 8.3 and 10.3).',
            `Needed by: ${due}. When it is done, confirm it with the link below (sign in as ${owed.to}), or tell the business manager, ${board.businessManager.name} (${board.businessManager.email}), who records it.`,
          ],
          link: actionUrl ? { text: `Confirm the records are secured for ${ref}`, href: actionUrl } : caseLink,
        },
      ]);
    }
    case 'joint-review-asked': {
      const joint = r.joint;
      const due = joint ? describeDue(joint.deadline) : '';
      const proposal = jointReviewOptions.find((o) => o.value === joint?.proposal)?.label ?? '';
      return render(`Action needed by ${due}: joint review question for ${ref}`, board, [
        {
          lines: [
            `${board.board.name} has decided to conduct a serious case review, reference ${ref}, and your Board is involved (paragraph 3.4).`,
            `${board.board.name} proposes: ${proposal}.`,
            `Please say whether you agree by ${due}. If the chairs cannot agree, the question goes to the Chief Executives and/or Ofsted for a final decision (paragraph 3.5).`,
          ],
          link: actionUrl ? { text: `Answer for ${ref}`, href: actionUrl } : caseLink,
        },
      ]);
    }
    case 'joint-review-referred':
      return render(`Joint review question referred for a final decision: ${ref}`, board, [
        {
          lines: [
            `The Board chairs have not agreed how serious case review ${ref} should be conducted, or not every Board answered in time (paragraph 3.5).`,
            'The question is referred to the Chief Executives and/or Ofsted for a final decision. The business manager records that decision in the service.',
          ],
          link: caseLink,
        },
      ]);
  }
}
