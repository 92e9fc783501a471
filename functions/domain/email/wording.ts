
/**
 * How the service names people, duties and emails in sentences: by role,
 * with the article ("the Board chair"), one name for the sub-committee (the
 * procedure's), and curly apostrophes. Pure: pages, the timeline and the
 * email list read these; the emails keep their own templates.
 */

/** The procedure's name for the sub-committee (paragraph 6.2), used everywhere. */
export const SUB_COMMITTEE = 'Strategic and Serious Case Review sub-committee';

/** Each office by role, with the article, as a sentence names it. */
export const roleInSentence: Record<string, string> = {
  'business-manager': 'the business manager',
  'sub-committee-chair': `the chair of the ${SUB_COMMITTEE}`,
  'sub-committee-member': `a member of the ${SUB_COMMITTEE}`,
  'board-chair': 'the Board chair',
  'agency-contributor': 'an agency contributor',
  'senior-officer': 'an agency senior officer',
  'overview-author': 'the overview author',
  'external-reader': 'an external reader',
  auditor: 'the auditor',
  referrer: 'the referrer',
};

/** The statutory recipients of paragraphs 6.1 to 6.4, as a sentence names them. */
const STATUTORY: Record<string, string> = {
  'ofsted-nbu': 'Ofsted’s National Business Unit',
  'strategic-health-authority': 'the Strategic Health Authority',
  'childrens-services-adviser': 'the Children’s Services Adviser',
};

/** "the Board chair", or the raw value when it is not an office. */
export const personByRole = (role: string): string => roleInSentence[role] ?? role;

/** Upper case first letter, for a sentence that starts with a role. */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Who an email went to, by role: an office, a statutory recipient (with
 * its attempt, `ofsted-nbu#2`), another Board's chair, an agency's senior
 * manager, a Chief Executive, or (reminders and escalations) an address.
 */
export function recipientInSentence(recipientRole: string): string {
  if (recipientRole.startsWith('to:')) return recipientRole.slice('to:'.length);
  if (recipientRole.startsWith('board:')) return `the chair of ${recipientRole.slice('board:'.length)}`;
  if (recipientRole.startsWith('agency:')) return 'the agency’s senior manager';
  if (recipientRole.startsWith('chief-executive:')) return 'a Chief Executive';
  if (recipientRole.startsWith('contribution:')) return recipientRole.includes(':author:') ? 'a contribution’s author' : 'a contribution’s senior officer';
  if (recipientRole.startsWith('report:')) return personByRole(recipientRole.endsWith(':board-chair') ? 'board-chair' : 'sub-committee-chair');
  const [role = '', attempt] = recipientRole.split('#');
  const who = STATUTORY[role] ?? personByRole(role);
  return attempt && attempt !== '1' ? `${who} (attempt ${attempt})` : who;
}

/**
 * The duty a reminder or escalation was about, from its task id
 * (`recommendation`, `records:<id>`, `joint:<Board>`).
 */
export function dutyInWords(taskId: string): string {
  if (taskId.startsWith('records:')) return 'securing an agency’s records';
  if (taskId.startsWith('joint:')) return `${taskId.slice('joint:'.length)}’s answer on a joint review`;
  if (taskId.startsWith('contribution:')) return 'a contribution to the review';
  const duties: Record<string, string> = {
    recommendation: `the ${SUB_COMMITTEE}’s recommendation`,
    decision: 'the Board chair’s decision',
    'share-findings': 'sharing the findings with the sub-committee',
    completion: 'completing the serious case review',
    'ofsted-form': 'Ofsted’s form',
    'nbu-confirmation': 'confirming Ofsted’s National Business Unit was notified',
    panel: 'convening the review panel',
    'joint-final-decision': 'the final decision on a joint review',
  };
  return duties[taskId] ?? 'a deadline';
}

/** The parts of an alert's notification kind: `alert:<task>:<due date>:reminder:5wd` or `…:escalation:2`. */
export function parseAlertKind(kind: string):
  | { kind: 'reminder'; taskId: string; dueDate: string; workingDaysBefore: number }
  | { kind: 'escalation'; taskId: string; dueDate: string; escalationNumber: number }
  | { kind: 'delivery-failed' }
  | undefined {
  if (!kind.startsWith('alert:')) return undefined;
  if (kind.startsWith('alert:delivery-failed:')) return { kind: 'delivery-failed' };
  const parts = kind.slice('alert:'.length).split(':');
  const last = parts.at(-1) ?? '';
  const type = parts.at(-2);
  const dueDate = parts.at(-3) ?? '';
  const taskId = parts.slice(0, -3).join(':');
  if (!taskId || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return undefined;
  if (type === 'reminder' && /^\d+wd$/.test(last)) return { kind: 'reminder', taskId, dueDate, workingDaysBefore: Number.parseInt(last, 10) };
  if (type === 'escalation' && /^\d+$/.test(last)) return { kind: 'escalation', taskId, dueDate, escalationNumber: Number(last) };
  return undefined;
}

/** What an email was for, by its notification kind and who it went to: "decision due", "reminder …". */
export function emailPurpose(kind: string, recipientRole: string): string {
  const alert = parseAlertKind(kind);
  if (alert?.kind === 'delivery-failed') return 'an email could not be delivered';
  if (alert?.kind === 'reminder') {
    const days = alert.workingDaysBefore;
    return `reminder, ${days} working day${days === 1 ? '' : 's'} before ${dutyInWords(alert.taskId)} is due`;
  }
  if (alert?.kind === 'escalation') return `escalation ${alert.escalationNumber}: ${dutyInWords(alert.taskId)} is overdue`;
  if (kind.startsWith('alert:')) return 'reminder or escalation';
  const role = recipientRole.split('#')[0] ?? '';
  switch (kind) {
    case 'referral-received':
      if (role === 'referrer') return 'referral received';
      if (role === 'sub-committee-chair') return 'recommendation needed';
      if (role === 'board-chair') return 'decision due';
      return 'referral received';
    case 'recommendation-recorded':
      return 'decision needed';
    case 'decision-recorded':
      return role === 'referrer' ? 'decision made' : 'decision recorded';
    case 'statutory-notification':
      return 'serious case review notification, paragraphs 6.1 to 6.4';
    case 'records-requested':
      return 'secure the records, paragraphs 8.3 and 10.3';
    case 'contribution-requested':
      return 'contribution asked for: name its author, paragraphs 9.1 and 10.1';
    case 'contribution-author-named':
      return 'named as a contribution’s author: declare independence, paragraph 10.2';
    case 'contribution-submitted':
      return 'contribution submitted: accept the findings or return it, paragraph 10.6';
    case 'overview-author-commissioned':
      return 'overview report commissioned: declare independence, paragraph 11.2';
    case 'joint-review-asked':
      return 'joint review question, paragraph 3.4';
    case 'report-acceptance':
      return 'accept the overview report, paragraph 11.3';
    case 'joint-review-referred':
      return 'joint review referred for a final decision, paragraph 3.5';
    case 'delivery-failed':
      return 'an email could not be delivered';
    default:
      return 'an email about this case';
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Tuesday 15 December 2026" for a calendar day (YYYY-MM-DD). */
export function longDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTHS[mo - 1]} ${y}`;
}
