import type { AuditEvent } from './case.js';
import { reviewLabel, type ReviewOption } from '../decision/decision.js';
import { capitalise, emailPurpose, longDate, personByRole, recipientInSentence, SUB_COMMITTEE } from '../email/wording.js';

/**
 * The case timeline in people's language: one sentence per audit event,
 * such as "Email to the Board chair delivered (decision due)". Pure, and
 * only from the event's action and its non-sensitive detail (kinds, roles,
 * dates). Message ids, request ids and raw keys stay in the CSV export.
 */

type Detail = NonNullable<AuditEvent['detail']>;
type Words = (d: Detail) => string;

const text = (d: Detail, key: string): string | undefined => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
const day = (d: Detail, key: string): string => {
  const v = text(d, key);
  return v ? longDate(v.slice(0, 10)) : '';
};
/** An attached file, in words ("A PDF file"), from an audit event's detail (which never holds its name). */
const aFile = (d: Detail): string => (typeof d.type === 'string' ? `A ${d.type.toUpperCase()} file` : 'A file');
const late = (d: Detail): string => (d.onTime === false ? ', after its deadline' : '');

/** "Email to the Board chair delivered (decision due)". */
function email(d: Detail, outcome: string): string {
  const kind = text(d, 'notification') ?? '';
  // A reminder or escalation records its alert key and its recipient's address.
  if (kind === 'reminder' || kind === 'escalation') {
    const to = text(d, 'recipient') ?? 'its recipient';
    return `Email to ${to} ${outcome} (${emailPurpose(`alert:${text(d, 'alert') ?? ''}`, '')})`;
  }
  if (kind === 'delivery-failed') {
    const failedTo = recipientInSentence(text(d, 'failedRecipientRole') ?? '');
    return `Email to the business manager ${outcome} (the email to ${failedTo} could not be delivered)`;
  }
  const role = text(d, 'recipientRole') ?? '';
  return `Email to ${recipientInSentence(role)} ${outcome} (${emailPurpose(kind, role)})`;
}

const decisionWords = (d: Detail): string => {
  const outcome = text(d, 'decision');
  const parts = [`The Board chair decided: ${outcome ? reviewLabel(outcome as ReviewOption) : 'recorded'}`];
  if (d.departsFromRecommendation === true) parts.push('departing from the recommendation');
  if (d.departsFromGuidance === true) parts.push('departing from the guidance, with reasons (paragraph 1.3)');
  return `${parts.join(', ')}${late(d)}`;
};

const LINK_ACTIONS: Record<string, string> = {
  recommend: 'record the recommendation',
  decide: 'record the decision',
  'joint-answer': 'answer on a joint review',
  'records-secured': 'confirm records are secured',
  'name-author': 'name a contribution’s author',
  'declare-independence': 'declare independence as a contribution’s author',
  'accept-findings': 'accept or return a contribution',
  'report-accept': 'accept the overview report',
};
const linkAction = (d: Detail): string => LINK_ACTIONS[text(d, 'linkAction') ?? ''] ?? 'act on the case';

/**
 * Every audit action and its sentence. A `Record` over the action union, so
 * a new action without words does not compile; the unit test also reads the
 * union from case.ts and fails if one is missing here.
 */
export const timelineWords: Record<AuditEvent['action'], Words> = {
  'referral.submitted': () => 'Referral submitted by the referrer',
  'notification.sent': (d) => email(d, 'sent'),
  'notification.delivered': (d) => email(d, 'delivered'),
  'notification.failed': (d) => email(d, 'not delivered'),
  'notification.pending': (d) => email(d, 'accepted for delivery'),
  'notification.parked': (d) => email(d, 'not sent after repeated attempts, and set aside for the business manager'),
  'case.viewed': () => 'Case viewed',
  'case.summary-viewed': () => 'Case summary viewed',
  'timeline.viewed': () => 'Timeline viewed',
  'timeline.exported': () => 'Timeline downloaded as a spreadsheet (CSV)',
  'member.added': (d) => `Someone added to the case as ${personByRole(text(d, 'memberRole') ?? '').replace(/^the /, '')}`,
  'referral.status-viewed': () => 'The referrer checked the status of their referral',
  'cases.listed': () => 'Case list viewed',
  'tasks.listed': () => 'Task list viewed',
  'access.denied': () => 'Someone without access tried to open the case, and was refused',
  'terms-of-reference.viewed': () => 'Terms of reference viewed',
  'terms-of-reference.draft-saved': () => 'A draft of the terms of reference was saved',
  'terms-of-reference.agreed': (d) =>
    typeof d.version === 'number' ? `Terms of reference version ${d.version} agreed (paragraph 7.2)` : 'Terms of reference agreed (paragraph 7.2)',
  'user.invited': () => 'Someone was invited to use the service',
  'user.role-changed': () => 'Someone’s role was changed',
  'user.disabled': () => 'An account was turned off',
  'user.enabled': () => 'An account was turned back on',
  'user.sign-in-reset': () => 'Someone’s sign-in was reset by the business manager',
  'user.reinvited': () => 'Someone’s invitation was sent again',
  'users.listed': () => 'User list viewed',
  'board-config.viewed': () => 'Board configuration viewed',
  'board-config.changed': () => 'Board configuration changed',
  'session.signed-out': () => 'Signed out',
  'recommendation.recorded': (d) => {
    const outcome = text(d, 'recommendation');
    const criteria = (text(d, 'criteriaApplied') ?? '').split(' ').filter(Boolean);
    const applied = criteria.length === 0 ? '' : ` (criteria applied: paragraph${criteria.length === 1 ? '' : 's'} ${criteria.join(', ')})`;
    return `The chair of the ${SUB_COMMITTEE} recommended: ${outcome ? reviewLabel(outcome as ReviewOption) : 'recorded'}${applied}`;
  },
  'decision.recorded': decisionWords,
  'action-link.viewed': (d) => `Emailed link to ${linkAction(d)} opened`,
  'action-link.refused': (d) => `Emailed link to ${linkAction(d)} refused: it had been used, had expired or was for someone else`,
  'review.ofsted-form-recorded': () => 'Ofsted’s form saved',
  'case.other-children-considered': (d) =>
    `Recorded that children’s social care confirmed the other children were considered${d.confirmedOn ? ` on ${day(d, 'confirmedOn')}` : ''} (paragraph 3.1)${late(d)}`,
  'review.nbu-confirmed': (d) =>
    `Confirmed that Ofsted’s National Business Unit was notified${d.notifiedOn ? ` on ${day(d, 'notifiedOn')}` : ''} (paragraph 6.2)${late(d)}`,
  'review.notification-resend': (d) => `Serious case review notification to ${recipientInSentence(text(d, 'recipient') ?? '')} sent again`,
  'review.panel-member-added': (d) => `Review panel member added${d.coOpted === true ? ' (co-opted, paragraph 4.5)' : ''}`,
  'review.mandate-confirmed': () => 'An agency confirmed its panel member’s mandate, experience and seniority (paragraph 4.6)',
  'review.started': () => 'The review started with a complete panel',
  'review.start-refused': () => 'The review could not start: the panel was not complete',
  'review.records-requested': () => 'An agency was asked to secure its records (paragraphs 8.3 and 10.3)',
  'review.records-secured': (d) =>
    `An agency’s records were secured${d.securedOn ? ` on ${day(d, 'securedOn')}` : ''}${d.viaEmailedLink === true ? ', confirmed by its senior manager' : ''}${late(d)}`,
  'review.joint-asked': () => 'Other Boards asked how the review should be conducted (paragraph 3.4)',
  'review.joint-answered': (d) =>
    `The chair of ${text(d, 'board') ?? 'another Board'} ${d.answer === 'agree' ? 'agreed' : d.answer === 'disagree' ? 'did not agree' : 'answered'} on a joint review`,
  'review.joint-final-decision': () => 'Final decision on a joint review recorded (paragraph 3.5)',
  'review.extension-requested': () => 'A new timescale was requested (paragraph 8.5)',
  'review.extension-agreed': (d) => `Extension agreed${d.newDueDate ? `: complete by ${day(d, 'newDueDate')}` : ''} (paragraph 8.5)`,
  'review.proceedings-recorded': () => 'Parallel proceedings recorded (paragraph 7.1)',
  'review.publication-hold-set': () => 'Publication put on hold (paragraph 8.8)',
  'review.publication-hold-lifted': () => 'Publication hold lifted',
  'review.early-lesson-recorded': () => 'Early lesson recorded (paragraph 8.1)',
  'statutory-notification.viewed': (d) =>
    d.asRecipient === true ? 'The statutory notification record was read by its recipient' : 'The statutory notification record was read',
  'file.upload-requested': (d) => `${aFile(d)} upload was started`,
  'file.stored': (d) => `${aFile(d)} was attached`,
  'file.refused': (d) => `${aFile(d)} was refused and deleted`,
  'file.downloaded': (d) => `${aFile(d)} was downloaded`,
  'files.listed': () => 'Attached files were listed',
  'contribution.commissioned': () => 'A contribution was asked for (paragraph 9.1)',
  'contributions.listed': () => 'Contributions viewed',
  'contribution.viewed': () => 'A contribution was viewed',
  'contribution.due-date-changed': () => 'A contribution’s due date was changed',
  'contribution.author-named': () => 'The senior officer named a contribution’s author (paragraph 10.1)',
  'contribution.independence-declared': () => 'A contribution’s author declared independence (paragraph 10.2)',
  'contribution.author-declined': () => 'A named author could not declare independence: another is needed (paragraph 10.2)',
  'contribution.court-agreement-recorded': () => 'The court’s prior agreement to the children’s guardian’s contribution was recorded (paragraph 9.6)',
  'contribution.submitted': () => 'A contribution was submitted',
  'contribution.returned': () => 'A contribution was returned to its author with reasons (paragraph 10.6)',
  'contribution.accepted': () => 'A contribution’s findings were accepted by its senior officer (paragraph 10.6)',
  'contribution.debrief-recorded': () => 'Staff feedback and debrief on a contribution’s findings recorded (paragraph 10.7)',
  'contribution.follow-up-recorded': () => 'A follow-up session on a contribution recorded (paragraph 10.8)',
  'contribution.disciplinary-recorded': () => 'A disciplinary matter was recorded, apart from the contribution (paragraphs 10.9 and 10.10)',
  'contribution.disciplinary-viewed': () => 'A contribution’s disciplinary matters were viewed',
  'contribution.imr-viewed': () => 'An individual management review was read',
  'contribution.imr-section-saved': () => 'A section of an individual management review was saved',
  'overview.author-commissioned': () => 'The overview report was commissioned from an independent author (paragraph 11.2)',
  'overview.author-declared': () => 'The overview author declared their independence of every body involved (paragraph 11.2)',
  'overview.author-declined': () => 'The overview author declared they were not independent: another is needed (paragraph 11.2)',
  'overview.viewed': () => 'The overview report’s facts were viewed',
  'overview.contributions-read': () => 'The accepted contributions were read for the overview report',
  'overview.chronology-viewed': () => 'The integrated chronology was viewed',
  'overview.chronology-grouped': () => 'Rows of the integrated chronology were grouped as one event',
  'overview.chronology-ungrouped': () => 'A group of integrated chronology rows was ungrouped',
  'overview.genogram-saved': () => 'The genogram was saved',
  'overview.what-was-known-saved': () => 'What was known was saved',
  'report.viewed': () => 'The overview report was read',
  'report.version-started': (d) => `Version ${String(d.version ?? '')} of the overview report was started`,
  'report.section-saved': () => 'A section of the overview report was saved',
  'report.commented': () => 'A panel member commented on the overview report',
  'report.finalised': (d) => `Version ${String(d.version ?? '')} of the overview report was offered as final (paragraph 11.3)`,
  'report.accepted': (d) =>
    `${d.chair === 'board-chair' ? 'The Board chair' : `The chair of ${SUB_COMMITTEE}`} accepted version ${String(d.version ?? '')} of the overview report`,
  'report.feedback-session-recorded': () => 'A feedback session for the organisations was recorded (paragraph 10.8)',
  'report.pseudonyms-agreed': () => 'The pseudonyms for the anonymised report were agreed',
  'report.published': (d) => `The anonymised overview report was recorded as published on ${day(d, 'publishedOn')}`,
  'report.exported': (d) => `The overview report was exported (${String(d.format ?? '').toUpperCase()}, ${String(d.kind ?? 'report').replace('-', ' ')})`,
  'report.export-downloaded': () => 'An export of the overview report was downloaded',
  'review.completed': (d) => `The serious case review was completed${d.daysLate ? `, ${String(d.daysLate)} days late` : ''}`,
  'action.added': (d) => `Action ${String(d.number ?? '')} was added to the action plan`,
  'action.progress-recorded': (d) => `Progress on action ${String(d.number ?? '')} was recorded`,
  'action.changed': (d) => {
    const what = [d.dueDateTo ? 'due date' : '', d.ownerChanged ? 'owner' : ''].filter(Boolean).join(' and ');
    return what ? `The ${what} of action ${String(d.number ?? '')} changed` : `Action ${String(d.number ?? '')} was changed`;
  },
  'actions.viewed': () => 'The action plan was viewed',
  'actions.listed': () => 'Someone listed the actions they own',
  'contributions.listed-mine': () => 'Someone listed the contributions they act on',
  'action-report.viewed': () => 'The progress report of the action plans was viewed',
  'action-report.exported': () => 'The progress report of the action plans was downloaded',
  'timeliness-report.viewed': () => 'The timeliness report was viewed',
};


/** The sentence for one audit event. */
export function timelineSentence(e: Pick<AuditEvent, 'action' | 'detail'>): string {
  const words = timelineWords[e.action] as Words | undefined;
  return words ? capitalise(words(e.detail ?? {})) : 'Something happened on the case';
}
