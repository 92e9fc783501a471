import type { BoardConfig } from '../../config/board.js';
import type { CaseRecord, NotificationKind, RecipientRole } from '../case/case.js';
import { describeDue } from '../calendar/deadlines.js';
import { addDays, londonDate } from '../calendar/london.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { PlannedAlert } from '../alerts/alerts.js';
import { reviewLabel } from '../decision/decision.js';
import type { WatchedDeadline } from '../alerts/alerts.js';

/**
 * Email wording. By rule, an email carries a reference, what is needed,
 * by when, and a link: never a child's or family member's name, date of
 * birth, address or any case details. Tests assert this for every email.
 */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface PlannedEmail {
  recipientRole: RecipientRole;
  to: string;
  content: EmailContent;
}

/** Links that ask someone to act: made per email by the sender, single use, stored hashed. */
export type ActionUrls = Partial<Record<RecipientRole, string>>;

/** Which recipients of a notification get a single-use action link, and for what. */
export const actionLinksFor: Partial<Record<NotificationKind, Partial<Record<RecipientRole, 'recommend' | 'decide'>>>> = {
  'referral-received': { 'sub-committee-chair': 'recommend' },
  'recommendation-recorded': { 'board-chair': 'decide' },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

interface Block {
  heading?: string;
  lines: string[];
  link?: { text: string; href: string };
}

export function render(subject: string, board: BoardConfig, blocks: Block[]): EmailContent {
  const footer = `${board.board.name}. This email contains no case details by design. Do not forward it outside your organisation.`;
  const text = [
    ...blocks.flatMap((b) => [
      ...(b.heading ? [b.heading, ''] : []),
      ...b.lines,
      ...(b.link ? ['', `${b.link.text}: ${b.link.href}`] : []),
      '',
    ]),
    '--',
    footer,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="en"><body style="font-family: arial, sans-serif; font-size: 16px; line-height: 1.4">',
    ...blocks.map(
      (b) =>
        (b.heading ? `<h2 style="font-size: 19px">${escapeHtml(b.heading)}</h2>` : '') +
        b.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') +
        (b.link ? `<p><a href="${escapeHtml(b.link.href)}">${escapeHtml(b.link.text)}</a></p>` : ''),
    ),
    `<hr><p style="color: #505a5f; font-size: 14px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}

/** The emails a notification sends for a case, one per recipient. */
export function planNotification(
  kind: NotificationKind,
  caseRecord: CaseRecord,
  board: BoardConfig,
  appBaseUrl: string,
  actionUrls: ActionUrls = {},
): PlannedEmail[] {
  const ref = caseRecord.reference;
  const caseLink = { text: `Open referral ${ref}`, href: `${appBaseUrl}/cases/${encodeURIComponent(ref)}` };
  switch (kind) {
    case 'referral-received': {
      const recommendBy = describeDue(caseRecord.deadlines.recommendation);
      const decideBy = describeDue(caseRecord.deadlines.decision);
      return [
        {
          recipientRole: 'referrer',
          to: caseRecord.referral.referrer.email,
          content: render(`Referral ${ref} received`, board, [
            {
              lines: [
                `We have received your referral. Its reference is ${ref}. Please quote it if you contact us about this referral.`,
              ],
            },
            {
              heading: 'What happens next',
              lines: [
                `The chair of the Strategic and Serious Case Review sub-committee will make a recommendation by ${recommendBy}.`,
                `The Board chair will decide whether to hold a serious case review by ${decideBy} (paragraph 8.2 of the procedure).`,
                'We will email you when a decision has been made.',
                'If a child is at immediate risk, contact the police on 999 or children’s social care now. Do not wait for this process.',
              ],
              link: { text: 'Serious Case Review referrals', href: `${appBaseUrl}/` },
            },
          ]),
        },
        {
          recipientRole: 'sub-committee-chair',
          to: board.subCommitteeChair.email,
          content: render(`Action needed by ${recommendBy}: recommendation for referral ${ref}`, board, [
            {
              lines: [`A new referral, ${ref}, is awaiting the Strategic and Serious Case Review sub-committee’s recommendation.`],
            },
            {
              heading: 'What is needed',
              lines: [
                'The sub-committee’s recommendation on whether this case should be the subject of a serious case review, with the criteria applied (paragraphs 4.1 and 4.2).',
                `Needed by: ${recommendBy}. The Board chair’s decision is due by ${decideBy}.`,
              ],
              link: actionUrls['sub-committee-chair']
                ? { text: `Record the recommendation for ${ref}`, href: actionUrls['sub-committee-chair'] }
                : caseLink,
            },
          ]),
        },
        {
          // 8.2: the month runs from when the case comes to the Board chair's attention: this email.
          recipientRole: 'board-chair',
          to: board.boardChair.email,
          content: render(`Referral ${ref} received: your decision is due by ${decideBy}`, board, [
            {
              lines: [`A new referral, ${ref}, has reached the Board. The month for your decision starts now (paragraph 8.2).`],
            },
            {
              heading: 'What is needed',
              lines: [
                `The sub-committee will send its recommendation by ${recommendBy}.`,
                `Your decision on whether to hold a serious case review is due by ${decideBy}.`,
              ],
              link: caseLink,
            },
          ]),
        },
      ];
    }
    case 'recommendation-recorded': {
      const decideBy = describeDue(caseRecord.deadlines.decision);
      return [
        {
          // 4.2: the recommendation is forwarded to the Board chair, who decides.
          recipientRole: 'board-chair',
          to: board.boardChair.email,
          content: render(`Action needed by ${decideBy}: decision on referral ${ref}`, board, [
            { lines: [`The sub-committee has made its recommendation on referral ${ref} (paragraph 4.2).`] },
            {
              heading: 'What is needed',
              lines: [`Your decision on whether to hold a serious case review, with your reasons. Needed by: ${decideBy} (paragraph 8.2).`],
              link: actionUrls['board-chair'] ? { text: `Record your decision on ${ref}`, href: actionUrls['board-chair'] } : caseLink,
            },
          ]),
        },
      ];
    }
    case 'decision-recorded': {
      return [
        {
          recipientRole: 'referrer',
          to: caseRecord.referral.referrer.email,
          content: render(`Referral ${ref}: a decision has been made`, board, [
            {
              lines: [
                `The Board chair has decided what happens next with referral ${ref}.`,
                `Outcome: ${caseRecord.decision ? reviewLabel(caseRecord.decision.outcome) : 'see the service'}.`,
                'Thank you for making the referral.',
              ],
              link: { text: 'See your referrals', href: `${appBaseUrl}/your-referrals` },
            },
          ]),
        },
        {
          recipientRole: 'sub-committee-chair',
          to: board.subCommitteeChair.email,
          content: render(`Referral ${ref}: the Board chair has decided`, board, [
            { lines: [`The Board chair’s decision on referral ${ref} has been recorded.`], link: caseLink },
          ]),
        },
      ];
    }
    default:
      // The review stage's emails are planned from what the review owes (review-emails.ts).
      return [];
  }
}

/** When an alert is worded: the moment it is sent, and the calendar to count working days with. */
export interface AlertWording {
  now: Date;
  calendar: WorkingDayCalendar;
  /** A reminder renews its holder's single-use link: the link to act from. */
  actionUrl?: string;
}

/** Working days after `from` up to and including `to` (London days, YYYY-MM-DD); 0 when `to` is not after `from`. */
export function workingDaysBetween(calendar: WorkingDayCalendar, from: string, to: string): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) n++;
  return n;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * How far the deadline is from `now`, in words, as true when the email is
 * sent: "5 working days from now", "today", or, for a reminder that goes out
 * late, that the deadline has passed and by how long.
 */
export function timeToDeadline(dueAt: string, dueDate: string, wording: Pick<AlertWording, 'now' | 'calendar'>): { passed: boolean; words: string } {
  const today = londonDate(wording.now);
  if (wording.now.getTime() > Date.parse(dueAt)) {
    const late = workingDaysBetween(wording.calendar, dueDate, today);
    return { passed: true, words: late === 0 ? 'the deadline has passed' : `the deadline passed ${plural(late, 'working day')} ago` };
  }
  const ahead = workingDaysBetween(wording.calendar, today, dueDate);
  return { passed: false, words: ahead === 0 ? 'today' : `${plural(ahead, 'working day')} from now` };
}

/**
 * A reminder before, or an escalation after, a deadline. Reference, what, by
 * when, link: nothing else. Worded at `wording.now`, when it is sent.
 */
export function alertEmail(
  alert: PlannedAlert,
  caseRecord: CaseRecord,
  watched: WatchedDeadline,
  board: BoardConfig,
  appBaseUrl: string,
  wording: AlertWording,
): EmailContent {
  const ref = caseRecord.reference;
  const due = describeDue(watched.task.deadline);
  const link = watched.path
    ? { text: `Open the action plan of referral ${ref}`, href: `${appBaseUrl}${watched.path}` }
    : { text: `Open referral ${ref}`, href: `${appBaseUrl}/cases/${encodeURIComponent(ref)}` };
  const distance = timeToDeadline(watched.task.deadline.dueAt, watched.task.deadline.dueDate, wording);
  if (alert.kind === 'reminder') {
    const blocks: Block[] = [
      {
        lines: [
          distance.passed
            ? `This is a reminder that ${watched.what} for referral ${ref} was due by ${due}, and ${distance.words}.`
            : `This is a reminder that ${watched.what} for referral ${ref} is due by ${due}, ${distance.words}.`,
        ],
        link,
      },
      ...(wording.actionUrl
        ? [
            {
              lines: [
                `This reminder carries a new link to record it, made for you alone. Sign in when asked; it works once and expires ${board.procedureProfile.actionLinkExpiryDays} days after this email.`,
              ],
              link: { text: 'Record it', href: wording.actionUrl },
            },
          ]
        : []),
    ];
    return render(`Reminder: ${watched.what} for referral ${ref} ${distance.passed ? 'was' : 'is'} due by ${due}`, board, blocks);
  }
  return render(`Overdue: ${watched.what} for referral ${ref} was due by ${due}`, board, [
    {
      lines: [
        `${capitalise(watched.what)} for referral ${ref} was due by ${due} and has not been recorded: ${distance.passed ? distance.words : 'the deadline has passed'}.`,
        `This is escalation ${alert.escalationNumber ?? 1}. It will be repeated until the work is done.`,
        `The person responsible is ${watched.owner.name}.`,
      ],
      link,
    },
    // To the person who acts (a late contribution's senior officer or author): a fresh link to do it.
    ...(wording.actionUrl
      ? [
          {
            lines: [
              `This email carries a new link to do it, made for you alone. Sign in when asked; it works once and expires ${board.procedureProfile.actionLinkExpiryDays} days after this email.`,
            ],
            link: { text: 'Do it now', href: wording.actionUrl },
          },
        ]
      : []),
  ]);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const notificationLabels: Record<string, string> = {
  'referral-received': 'referral received',
  'recommendation-recorded': 'recommendation recorded',
  'decision-recorded': 'decision recorded',
  'statutory-notification': 'statutory notification of a serious case review',
  'joint-review-asked': 'joint review question',
  'joint-review-referred': 'joint review referred for a final decision',
  'records-requested': 'request to secure records',
};

const recipientLabels: Record<string, string> = {
  referrer: 'the referrer',
  'sub-committee-chair': 'the chair of the Strategic and Serious Case Review sub-committee',
  'board-chair': 'the Board chair',
  'business-manager': 'the business manager',
  'ofsted-nbu': 'Ofsted’s National Business Unit',
  'strategic-health-authority': 'the Strategic Health Authority',
  'childrens-services-adviser': 'the Children’s Services Adviser',
};

/** Who an email went to, in words: a role, or for a reminder or escalation its address. */
export function recipientLabel(recipientRole: string): string {
  if (recipientRole.startsWith('to:')) return `${recipientRole.slice(3)} (a reminder or escalation recipient)`;
  if (recipientRole.startsWith('board:')) return `the chair of ${recipientRole.slice(6)}`;
  if (recipientRole.startsWith('agency:')) return 'an agency asked to secure its records';
  if (recipientRole.startsWith('chief-executive:')) return `${recipientRole.slice(16)} (a Chief Executive)`;
  const [role, attempt] = recipientRole.split('#');
  const label = recipientLabels[role ?? ''] ?? recipientRole;
  return attempt && attempt !== '1' ? `${label} (sent again, attempt ${attempt})` : label;
}

/** What a notification was, in words; reminders and escalations say so. */
export function notificationLabel(kind: string): string {
  if (kind.startsWith('alert:')) return 'reminder or escalation';
  return notificationLabels[kind] ?? kind;
}

/**
 * To the business manager: an email of a referral could not be delivered.
 * Reference, who, that it failed, and the case page: nothing about the case.
 */
export function deliveryFailedEmail(
  input: { reference: string; kind: string; recipientRole: string },
  board: BoardConfig,
  appBaseUrl: string,
): EmailContent {
  const ref = input.reference;
  const who = recipientLabel(input.recipientRole);
  return render(`Email not delivered: referral ${ref}`, board, [
    {
      lines: [
        `The “${notificationLabel(input.kind)}” email about referral ${ref} to ${who} could not be delivered.`,
        input.kind === 'statutory-notification'
          ? 'This is a statutory notification (paragraphs 6.1 to 6.4). Check the address in the Board configuration, then send it again from the case page.'
          : 'They may not know what is asked of them. Check the case page and contact them another way.',
      ],
      link: { text: `Open referral ${ref}`, href: `${appBaseUrl}/cases/${encodeURIComponent(ref)}` },
    },
  ]);
}
