import type { ProcedureProfile } from '../../config/board.js';
import type { CaseListRow, CaseStore, EmailSweep, ParkedEmail } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller, UserDirectory } from '../../ports/identity.js';
import type { AuditEvent, CaseMember, CaseRecord, CaseTask, NotificationSummary } from './case.js';
import { notificationLabel, recipientLabel } from '../email/emails.js';
import { londonDate } from '../calendar/london.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { deadlineStatus, type TrackedTask } from '../alerts/alerts.js';
import { mayOnBoard, mayOnCase, roleOnCase, boardWideRoleOf } from '../access/access.js';
import { outcomeLabels } from '../intake/criteria.js';
import { NotFoundError, ForbiddenError, ValidationError, TooManyRequestsError } from '../errors.js';
import { overRefusalLimit } from '../access/security-events.js';
import { roleLabels, type Role, type StaffRole } from '../access/roles.js';
import { REFERENCE_PATTERN } from '../intake/reference.js';
import { reviewLabel } from '../decision/decision.js';
import { deliveryView } from '../email/delivery.js';
import type { BoardConfig } from '../../config/board.js';
import type { StatutoryNotificationView } from '../../schemas/review.js';
import { reviewDuties } from '../review/review.js';
import { reviewView } from '../review/review-view.js';
import { otherChildrenDuty } from '../intake/other-children.js';
import { timelineSentence } from './timeline-words.js';
import { whatNeedsDoing } from './what-needs-doing.js';
import { personByRole } from '../email/wording.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import { roleFromContributions } from '../access/contribution-access.js';

export interface ViewDeps {
  store: CaseStore;
  clock: Clock;
  ids: Ids;
  calendar: WorkingDayCalendar;
  profile: Pick<ProcedureProfile, 'reminderWorkingDaysBefore'>;
  users?: UserDirectory;
  /** The Board configuration: the review stage's duties and people come from it. */
  board?: BoardConfig;
  /** A review's contributions: whoever one names is on the case without being added by hand (access/contribution-access.ts). */
  contributions?: Pick<ContributionStore, 'listContributions'>;
}

export interface RequestMeta {
  requestId: string;
  sourceIp?: string;
}

export const statusLabels: Record<CaseRecord['status'], string> = {
  'awaiting-recommendation': 'Awaiting the sub-committee’s recommendation',
  'awaiting-decision': 'Awaiting the Board chair’s decision',
  'review-decided': 'Serious case review to be conducted',
  'imr-only': 'Individual management review only (paragraph 5.1)',
  'partnership-review': 'Partnership review (paragraph 5.2)',
  'no-review': 'No review',
};


/** How many rows a page of "Cases" or "My tasks" holds. */
export const PAGE_SIZE = 50;

export const emailOwner = (email: string) => `email:${email.toLowerCase()}`;

/**
 * Every open duty of a case at `now`, soonest first: what its task items hold.
 * Pure; the store writes them with each change of the case.
 */
export function caseTasks(c: CaseRecord, deps: { board: BoardConfig; calendar: WorkingDayCalendar }, now: Date): CaseTask[] {
  return openDeadlines(c, deps, now)
    .map(taskOf)
    .sort((a, b) => a.deadline.dueAt.localeCompare(b.deadline.dueAt) || a.id.localeCompare(b.id));
}

const taskOf = (d: OpenDeadline): CaseTask => ({
  id: d.id,
  label: d.label,
  owner: d.owner ?? emailOwner(d.ownerEmail ?? ''),
  deadline: d.task.deadline,
  openedAt: d.task.openedAt,
  ...(d.task.deadlineSetAt ? { deadlineSetAt: d.task.deadlineSetAt } : {}),
});

const trackedOf = (t: CaseTask): TrackedTask => ({
  id: t.id,
  deadline: t.deadline,
  openedAt: t.openedAt,
  ...(t.deadlineSetAt ? { deadlineSetAt: t.deadlineSetAt } : {}),
  escalationTiers: [],
});

interface OpenDeadline {
  id: string;
  label: string;
  /** The office that owns it; review duties owned by a named person (an agency, another Board) have none. */
  owner?: StaffRole;
  ownerEmail?: string;
  /** The owner's name, when known (review duties, and the Board's offices from its configuration). */
  ownerName?: string;
  task: TrackedTask;
}

/** "the Board chair (Name)" for an office; "Name (email)" for a named person. */
function ownerText(d: OpenDeadline, board: BoardConfig | undefined): string {
  if (d.owner) {
    const name =
      d.ownerName ??
      (board
        ? ({ 'sub-committee-chair': board.subCommitteeChair.name, 'board-chair': board.boardChair.name, 'business-manager': board.businessManager.name } as Partial<Record<StaffRole, string>>)[d.owner]
        : undefined);
    return name ? `${personByRole(d.owner)} (${name})` : personByRole(d.owner);
  }
  if (d.ownerName) return d.ownerEmail ? `${d.ownerName} (${d.ownerEmail})` : d.ownerName;
  return d.ownerEmail ?? 'Not known';
}

/** Each open deadline of a case, who owns it and what it asks. */
function openDeadlines(c: CaseRecord, deps: Pick<ViewDeps, 'board' | 'calendar'>, now: Date): OpenDeadline[] {
  const list: OpenDeadline[] = [];
  if (c.status === 'awaiting-recommendation') {
    list.push({
      id: 'recommendation',
      label: 'Recommend whether to hold a serious case review (paragraphs 4.1 and 4.2)',
      owner: 'sub-committee-chair',
      task: { id: 'recommendation', deadline: c.deadlines.recommendation, openedAt: c.receivedAt, escalationTiers: [] },
    });
  }
  if (c.status === 'awaiting-recommendation' || c.status === 'awaiting-decision') {
    list.push({
      id: 'decision',
      label: 'Decide whether to hold a serious case review (paragraph 8.2)',
      owner: 'board-chair',
      task: { id: 'decision', deadline: c.deadlines.decision, openedAt: c.receivedAt, escalationTiers: [] },
    });
  }
  if ((c.status === 'imr-only' || c.status === 'partnership-review') && c.decision?.shareFindingsBy) {
    list.push({
      id: 'share-findings',
      label: `Share the ${c.status === 'imr-only' ? 'individual management review' : 'partnership review'} findings with the sub-committee (paragraphs 5.1 and 5.2)`,
      owner: 'sub-committee-chair',
      task: { id: 'share-findings', deadline: c.decision.shareFindingsBy, openedAt: c.decision.at, escalationTiers: [] },
    });
  }
  if (deps.board && c.status !== 'review-decided') {
    // 3.1, outside a review (a review lists it with its own duties below).
    const d = otherChildrenDuty(c, deps.board, deps.calendar);
    if (d && !(d.task.doneAt && Date.parse(d.task.doneAt) <= now.getTime())) {
      list.push({ id: d.id, label: d.label, owner: 'business-manager', ownerEmail: d.owner.email, ownerName: d.owner.name, task: d.task });
    }
  }
  if (deps.board) {
    for (const d of reviewDuties(c, deps.board, deps.calendar, now)) {
      if (d.task.doneAt && Date.parse(d.task.doneAt) <= now.getTime()) continue;
      list.push({ id: d.id, label: d.label, ...(d.ownerRole ? { owner: d.ownerRole } : {}), ownerEmail: d.owner.email, ownerName: d.owner.name, task: d.task });
    }
  }
  return list;
}

const actorOf = (caller: Caller, role: Role | undefined): AuditEvent['actor'] => ({
  kind: 'user',
  userId: caller.userId,
  email: caller.email,
  role: role ?? caller.roles.join(',') ?? 'none',
});

async function audit(deps: Pick<ViewDeps, 'store' | 'clock' | 'ids'>, reference: string, action: AuditEvent['action'], caller: Caller, role: Role | undefined, meta: RequestMeta, detail?: AuditEvent['detail']) {
  await deps.store.appendAudit({
    eventId: deps.ids.uuid(),
    reference,
    at: deps.clock.now().toISOString(),
    action,
    actor: actorOf(caller, role),
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    ...(detail ? { detail } : {}),
  });
}

/**
 * Records a refused access as a counted security event (one item per
 * person per minute; see security-events.ts) and, past the limit for the
 * minute, answers 429 rather than 404: the refusals are still counted.
 */
async function refuseAccess(deps: Pick<ViewDeps, 'store' | 'clock' | 'ids'>, caller: Caller, role: Role | undefined, meta: RequestMeta, detail: AuditEvent['detail']): Promise<never> {
  const count = await deps.store.recordSecurityEvent({
    eventId: deps.ids.uuid(),
    reference: 'SECURITY',
    at: deps.clock.now().toISOString(),
    action: 'access.denied',
    actor: actorOf(caller, role),
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    ...(detail ? { detail } : {}),
  });
  if (overRefusalLimit(count)) throw new TooManyRequestsError();
  throw new NotFoundError('Page not found');
}

/**
 * Resolves the caller's role on a case or answers 404: a case you are not on
 * does not exist for you. The refused attempt is recorded as a security event.
 */
export async function requireRole(
  deps: Pick<ViewDeps, 'store' | 'clock' | 'ids'> & Pick<ViewDeps, 'contributions'>,
  reference: string,
  caller: Caller,
  action: Parameters<typeof mayOnCase>[1],
  meta: RequestMeta,
) {
  const valid = REFERENCE_PATTERN.test(reference);
  const caseRecord = valid ? await deps.store.getCase(reference) : undefined;
  const member = caseRecord ? await deps.store.getMember(reference, caller.userId) : undefined;
  let role = caseRecord ? roleOnCase(caller, member?.role) : undefined;
  if (caseRecord && !role && caller.pool === 'staff' && caseRecord.review && deps.contributions) {
    // Named on one of the review's contributions: on the case from that, not by hand.
    role = roleOnCase(caller, roleFromContributions(caller.email, await deps.contributions.listContributions(reference)));
  }
  if (!caseRecord || !mayOnCase(role, action)) {
    return refuseAccess(deps, caller, role, meta, { attemptedReference: valid ? reference : 'invalid', attemptedAction: action });
  }
  return { caseRecord, role: role as Role };
}

/**
 * "Cases": one page, newest first, from the case-list index (list fields
 * only), with a cursor for the next page. Board-wide offices see every case;
 * everyone else the cases they were added to.
 */
export async function listCases(deps: ViewDeps, caller: Caller, meta: RequestMeta, cursor?: string) {
  if (!mayOnBoard(caller, 'cases.list')) throw new ForbiddenError();
  const now = deps.clock.now();
  const office = boardWideRoleOf(caller);
  let rows: { row: CaseListRow; role: Role }[];
  let next: string | undefined;
  if (office) {
    const page = await deps.store.listCasePage(PAGE_SIZE, cursor);
    rows = page.items.map((row) => ({ row, role: office }));
    next = page.cursor;
  } else {
    const page = await deps.store.listCasesOf(caller.userId, PAGE_SIZE, cursor);
    rows = page.items
      .map(({ row, member }) => ({ row, role: roleOnCase(caller, member.role) }))
      .filter((r): r is { row: CaseListRow; role: Role } => r.role !== undefined);
    next = page.cursor;
  }
  await audit(deps, 'BOARD', 'cases.listed', caller, office, meta, { count: rows.length });
  return {
    cases: rows.map(({ row: c, role }) => {
      const task = c.nextTask;
      return {
        reference: c.reference,
        status: c.status,
        statusLabel: statusLabels[c.status],
        receivedAt: c.receivedAt,
        criteriaOutcome: mayOnCase(role, 'case.read') ? (outcomeLabels[c.criteriaOutcome as keyof typeof outcomeLabels] ?? '') : '',
        myRole: roleLabels[role],
        ...(task
          ? {
              nextDeadline: {
                label: task.label,
                dueAt: task.deadline.dueAt,
                dueDate: task.deadline.dueDate,
                status: deadlineStatus(trackedOf(task), deps.profile, deps.calendar, now),
              },
            }
          : {}),
      };
    }),
    ...(next ? { nextCursor: next } : {}),
  };
}

/**
 * What is waiting for me and by when, soonest first (up to a page). A
 * Board-wide office reads its own open task items from the owner index, and
 * the business manager, who receives the escalations, also every open task
 * already overdue from the due index: closed cases and tasks not yet due are
 * never read. Anyone else is on few cases: theirs are read and worked out.
 */
export async function listTasks(deps: ViewDeps, caller: Caller, meta: RequestMeta) {
  const now = deps.clock.now();
  const office = boardWideRoleOf(caller);
  const rows: { reference: string; task: CaseTask; mine: boolean }[] = [];
  if (office) {
    const [own, named, overdue] = await Promise.all([
      deps.store.listTasksOf(office, PAGE_SIZE),
      deps.store.listTasksOf(emailOwner(caller.email), PAGE_SIZE),
      office === 'business-manager' ? deps.store.listOverdueTasks(now.toISOString(), PAGE_SIZE) : Promise.resolve([]),
    ]);
    // A joint question whose deadline passed unanswered was referred (3.5) by time alone, with no
    // write to the case: its task items still read as open. Those few cases are worked out afresh.
    const referredByTime = new Set([...own, ...named, ...overdue].filter((t) => t.id.startsWith('joint:') && t.deadline.dueAt < now.toISOString()).map((t) => t.reference));
    const seen = new Set<string>();
    for (const [list, mine] of [[own, true], [named, true], [overdue, false]] as const) {
      for (const { reference, ...task } of list) {
        const key = `${reference}|${task.id}`;
        if (seen.has(key) || referredByTime.has(reference)) continue;
        seen.add(key);
        rows.push({ reference, task, mine });
      }
    }
    for (const reference of referredByTime) {
      const caseRecord = await deps.store.getCase(reference);
      if (!caseRecord) continue;
      for (const d of openDeadlines(caseRecord, deps, now)) {
        const isMine = mine(d, office, caller);
        rows.push({ reference, task: taskOf(d), mine: isMine });
      }
    }
  } else {
    for (const { caseRecord, role } of await casesOfMember(deps, caller)) {
      for (const d of openDeadlines(caseRecord, deps, now)) {
        const isMine = mine(d, role, caller);
        if (isMine || role === 'business-manager') rows.push({ reference: caseRecord.reference, task: taskOf(d), mine: isMine });
      }
    }
  }
  const tasks = rows
    .map(({ reference, task, mine }) => ({ reference, task, mine, status: deadlineStatus(trackedOf(task), deps.profile, deps.calendar, now) }))
    // The owner acts; the business manager, who receives the escalations, follows up what is overdue.
    .filter(({ status, mine }) => status !== 'done' && (mine || status === 'overdue'))
    .map(({ reference, task, mine, status }) => ({
      reference,
      label: mine ? task.label : `Follow up (overdue): ${task.label}`,
      dueAt: task.deadline.dueAt,
      dueDate: task.deadline.dueDate,
      status,
      href: `/cases/${reference}`,
    }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.reference.localeCompare(b.reference))
    .slice(0, PAGE_SIZE);
  // Emails that kept failing were parked for the business manager: each is a task until sent another way.
  if (office === 'business-manager' && 'listParkedEmails' in deps.store) {
    const parked = await (deps.store as CaseStore & EmailSweep).listParkedEmails();
    tasks.unshift(...parked.map(parkedEmailTask));
  }
  await audit(deps, 'BOARD', 'tasks.listed', caller, office, meta, { count: tasks.length });
  return { tasks };
}

/** A parked email as a task of the business manager's: who was not told what, and since when. */
export function parkedEmailTask(p: ParkedEmail) {
  return {
    reference: p.reference,
    label: `Email not sent after ${p.attempts} attempts: "${notificationLabel(p.kind)}" to ${recipientLabel(p.recipientRole)}. Contact them another way`,
    dueAt: p.parkedAt,
    dueDate: londonDate(new Date(p.parkedAt)),
    status: 'overdue' as const,
    href: `/cases/${p.reference}`,
  };
}

/** What the case page says about an email beyond its delivery state. */
function emailNote(n: NotificationSummary): { note?: string } {
  if (n.status === 'parked') return { note: `Not sent after ${n.attempts ?? 'repeated'} attempts: set aside for the business manager` };
  if (n.status === 'failed' || n.status === 'unknown' || n.status === 'sending') return { note: 'Not sent yet: it will be tried again' };
  if (n.resentAfterUnknownOutcome) return { note: 'Resent after unknown outcome (the recipient may have it twice)' };
  return {};
}

/** A task is mine when my office owns it, or it is owned by me by name (a records request, another Board). */
const mine = (d: OpenDeadline, role: Role, caller: Caller): boolean =>
  d.owner ? d.owner === role : d.ownerEmail !== undefined && d.ownerEmail.toLowerCase() === caller.email.toLowerCase();

/** Every case a member (not a Board-wide office) is on, read whole: a member is on few cases. */
async function casesOfMember(deps: ViewDeps, caller: Caller) {
  const out: { caseRecord: CaseRecord; role: Role }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listCasesOf(caller.userId, 100, cursor);
    for (const { row, member } of page.items) {
      const role = roleOnCase(caller, member.role);
      const caseRecord = role ? await deps.store.getCase(row.reference) : undefined;
      if (caseRecord && role) out.push({ caseRecord, role });
    }
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export async function viewCase(deps: ViewDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const { caseRecord: c, role } = await requireRole(deps, reference, caller, 'case.readSummary', meta);
  const now = deps.clock.now();
  const full = mayOnCase(role, 'case.read');
  await audit(deps, reference, full ? 'case.viewed' : 'case.summary-viewed', caller, role, meta);
  const members = full ? await deps.store.listMembers(reference) : [];
  // Each email of each notification and what SES last said about it; alert completion markers are not emails.
  const allNotifications = full ? await deps.store.listNotifications(reference) : [];
  const review = full && deps.board ? reviewView(c, deps.board, deps.calendar, now, allNotifications, role) : undefined;
  const notifications = full
    ? allNotifications
        .filter((n) => n.recipientRole !== 'to:all' && n.email)
        .map((n) => ({
          kind: n.kind,
          recipientRole: n.recipientRole,
          email: n.email ?? '',
          status: n.status === 'parked' ? ('failed' as const) : deliveryView(n.delivery),
          at: n.delivery?.at ?? n.sentAt ?? n.claimedAt ?? '',
          ...emailNote(n),
        }))
    : undefined;
  const open = openDeadlines(c, deps, now);
  // Additive: the summary's "What needs doing", soonest first, with its tag (due soon, overdue by N working days).
  const toDo = whatNeedsDoing(
    open.map((d) => ({
      id: d.id,
      label: d.label,
      owner: ownerText(d, deps.board),
      dueAt: d.task.deadline.dueAt,
      dueDate: d.task.deadline.dueDate,
      status: deadlineStatus(d.task, deps.profile, deps.calendar, now),
    })),
    deps.calendar,
    now,
  );
  return {
    reference: c.reference,
    status: c.status,
    statusLabel: statusLabels[c.status],
    receivedAt: c.receivedAt,
    myRole: roleLabels[role],
    whatNeedsDoing: toDo,
    referral: full ? (c.referral as unknown as Record<string, unknown>) : {},
    criteria: full
      ? {
          outcome: c.criteria.outcome,
          outcomeLabel: outcomeLabels[c.criteria.outcome],
          reasons: c.criteria.reasons,
          suggestions: c.criteria.suggestions,
        }
      : { outcome: '', outcomeLabel: '', reasons: [], suggestions: [] },
    deadlines: open.map((d) => ({
      id: d.id,
      label: d.label,
      dueAt: d.task.deadline.dueAt,
      dueDate: d.task.deadline.dueDate,
      rule: d.task.deadline.rule,
      status: deadlineStatus(d.task, deps.profile, deps.calendar, now),
    })),
    members: members.filter((m) => m.role !== 'referrer').map((m) => ({ userId: m.userId, email: m.email, role: m.role })),
    canExportTimeline: mayOnCase(role, 'timeline.read'),
    // The case's attached files follow the case read (functions/domain/files/file-owners.ts).
    canReadFiles: full,
    ...(notifications ? { notifications } : {}),
    ...(review ? { review } : {}),
    ...(full && c.recommendation
      ? {
          recommendation: {
            outcome: c.recommendation.outcome,
            label: reviewLabel(c.recommendation.outcome),
            rationale: c.recommendation.rationale,
            criteriaApplied: c.recommendation.criteriaApplied,
            ...(c.recommendation.departsFromGuidance ? { departedFromGuidance: true, departureReason: c.recommendation.departureReason ?? '' } : {}),
            by: c.recommendation.byEmail,
            at: c.recommendation.at,
          },
        }
      : {}),
    ...(c.decision
      ? {
          decision: {
            outcome: c.decision.outcome,
            label: reviewLabel(c.decision.outcome),
            ...(full ? { reasons: c.decision.reasons, departureReason: c.decision.departureReason } : {}),
            departedFromRecommendation: c.decision.departsFrom.fromRecommendation,
            departedFromGuidance: c.decision.departsFrom.fromMandatoryCriteria,
            by: c.decision.byEmail,
            at: c.decision.at,
          },
        }
      : {}),
  };
}

const actionDescriptions: Record<AuditEvent['action'], string> = {
  'referral.submitted': 'Referral submitted',
  'notification.sent': 'Email sent',
  'notification.delivered': 'Email delivered',
  'notification.failed': 'Email not delivered',
  'notification.pending': 'Email accepted for delivery, not yet delivered',
  'notification.parked': 'Email could not be sent after repeated attempts: set aside for the business manager',
  'case.viewed': 'Case viewed',
  'case.summary-viewed': 'Case summary viewed',
  'timeline.viewed': 'Timeline viewed',
  'timeline.exported': 'Timeline exported as CSV',
  'member.added': 'Person added to the case',
  'referral.status-viewed': 'Referral status viewed by the referrer',
  'cases.listed': 'Case list viewed',
  'tasks.listed': 'Task list viewed',
  'access.denied': 'Access refused',
  'user.invited': 'User invited',
  'user.role-changed': 'User role changed',
  'user.disabled': 'User disabled',
  'user.enabled': 'User enabled',
  'user.sign-in-reset': 'User’s sign-in reset (new password and authenticator app needed)',
  'user.reinvited': 'Invitation sent again',
  'users.listed': 'User list viewed',
  'board-config.viewed': 'Board configuration viewed',
  'board-config.changed': 'Board configuration changed',
  'session.signed-out': 'Signed out',
  'recommendation.recorded': 'Sub-committee recommendation recorded',
  'decision.recorded': "Board chair's decision recorded",
  'action-link.viewed': 'Emailed action link opened',
  'action-link.refused': 'Emailed action link refused',
  'review.ofsted-form-recorded': 'Ofsted’s form recorded',
  'case.other-children-considered': 'Recorded that the other children were considered (paragraph 3.1)',
  'review.nbu-confirmed': 'Confirmed the National Business Unit was notified (paragraph 6.2)',
  'review.notification-resend': 'Statutory notification sent again',
  'review.panel-member-added': 'Review panel member added',
  'review.mandate-confirmed': "Agency's confirmation of mandate, experience and seniority recorded (paragraph 4.6)",
  'review.started': 'Review started with a complete panel',
  'review.start-refused': 'Review start refused: the panel is not complete',
  'review.records-requested': 'Agency asked to secure its records',
  'review.records-secured': 'Records recorded as secured',
  'review.joint-asked': 'Other Boards asked about a joint review (paragraph 3.4)',
  'review.joint-answered': "Another Board's chair answered on a joint review",
  'review.joint-final-decision': 'Final decision on a joint review recorded (paragraph 3.5)',
  'review.extension-requested': 'New timescale requested (paragraph 8.5)',
  'review.extension-agreed': 'Extension agreed and recorded (paragraph 8.5)',
  'review.proceedings-recorded': 'Parallel proceedings recorded',
  'review.publication-hold-set': 'Publication hold set (paragraph 8.8)',
  'review.publication-hold-lifted': 'Publication hold lifted',
  'review.early-lesson-recorded': 'Early lesson recorded (paragraph 8.8)',
  'statutory-notification.viewed': 'Statutory notification record viewed',
  'terms-of-reference.viewed': 'Terms of reference viewed',
  'terms-of-reference.draft-saved': 'Terms of reference draft saved',
  'terms-of-reference.agreed': 'Terms of reference version agreed (paragraph 7.2)',
  'file.upload-requested': 'File upload started',
  'file.stored': 'File attached',
  'file.refused': 'File refused and deleted',
  'file.downloaded': 'File downloaded',
  'files.listed': 'Attached files listed',
  'contribution.commissioned': 'Contribution asked for (paragraph 9.1)',
  'contributions.listed': 'Contributions listed',
  'contribution.viewed': 'Contribution viewed',
  'contribution.due-date-changed': 'Contribution due date changed',
  'contribution.author-named': 'Contribution author named (paragraph 10.1)',
  'contribution.independence-declared': 'Author declared independence (paragraph 10.2)',
  'contribution.author-declined': 'Author not independent: another author needed (paragraph 10.2)',
  'contribution.court-agreement-recorded': 'Court’s prior agreement recorded (paragraph 9.6)',
  'contribution.submitted': 'Contribution submitted',
  'contribution.returned': 'Contribution returned with reasons (paragraph 10.6)',
  'contribution.accepted': 'Contribution findings accepted (paragraph 10.6)',
  'contribution.debrief-recorded': 'Debrief recorded (paragraph 10.7)',
  'contribution.follow-up-recorded': 'Follow-up recorded (paragraph 10.8)',
  'contribution.disciplinary-recorded': 'Disciplinary matter recorded (paragraphs 10.9 and 10.10)',
  'contribution.disciplinary-viewed': 'Disciplinary matters viewed',
  'contribution.imr-viewed': 'IMR read',
  'contribution.imr-section-saved': 'IMR section saved',
  'overview.author-commissioned': 'Overview author commissioned (paragraph 11.2)',
  'overview.author-declared': 'Overview author declared independence',
  'overview.author-declined': 'Overview author declined: not independent',
  'overview.viewed': 'Overview viewed',
  'overview.contributions-read': 'Accepted contributions read for the overview',
  'overview.chronology-viewed': 'Integrated chronology viewed',
  'overview.chronology-grouped': 'Integrated chronology rows grouped',
  'overview.chronology-ungrouped': 'Integrated chronology rows ungrouped',
  'overview.genogram-saved': 'Genogram saved',
  'overview.what-was-known-saved': 'What was known saved',
  'report.viewed': 'Overview report viewed',
  'report.version-started': 'Overview report version started',
  'report.section-saved': 'Overview report section saved',
  'report.commented': 'Comment on the overview report',
  'report.finalised': 'Overview report offered as final',
  'report.accepted': 'Overview report accepted',
  'report.feedback-session-recorded': 'Feedback session recorded',
  'report.pseudonyms-agreed': 'Pseudonyms agreed',
  'report.published': 'Overview report published',
  'report.exported': 'Overview report exported',
  'report.export-downloaded': 'Overview report export downloaded',
  'review.completed': 'Review completed',
  'action.added': 'Action added to the action plan',
  'action.progress-recorded': 'Action progress recorded',
  'action.changed': 'Action due date or owner changed',
  'actions.viewed': 'Action plan viewed',
  'actions.listed': 'Own actions listed',
  'contributions.listed-mine': 'Own contributions listed',
  'action-report.viewed': 'Action plans progress report viewed',
  'action-report.exported': 'Action plans progress report downloaded (CSV)',
  'timeliness-report.viewed': 'Timeliness report viewed',
};

function describe(e: AuditEvent): string {
  const d = e.detail ?? {};
  const extra = Object.entries(d)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('; ');
  return extra ? `${actionDescriptions[e.action] ?? e.action} (${extra})` : (actionDescriptions[e.action] ?? e.action);
}

function actorText(a: AuditEvent['actor']): { actor: string; actorRole?: string } {
  switch (a.kind) {
    case 'referrer':
      return { actor: a.email, actorRole: 'referrer' };
    case 'system':
      return { actor: `system (${a.component})` };
    case 'user':
      return { actor: a.email, actorRole: a.role };
  }
}

/** The case's audit trail. Reading it is itself audited (after the read, so it shows next time). */
export async function viewTimeline(deps: ViewDeps, reference: string, caller: Caller, meta: RequestMeta, format: 'json' | 'csv') {
  const { role } = await requireRole(deps, reference, caller, 'timeline.read', meta);
  const events = await deps.store.listAudit(reference);
  await audit(deps, reference, format === 'csv' ? 'timeline.exported' : 'timeline.viewed', caller, role, meta, { entries: events.length });
  const entries = events.map((e) => ({
    at: e.at,
    action: e.action,
    description: describe(e),
    sentence: timelineSentence(e),
    ...actorText(e.actor),
    ...(e.requestId ? { requestId: e.requestId } : {}),
    ...(e.sourceIp ? { sourceIp: e.sourceIp } : {}),
  }));
  return { reference, entries };
}

/** RFC 4180 CSV, with cells that a spreadsheet would run as a formula neutralised. */
export function timelineCsv(entries: { at: string; action: string; description: string; actor: string; actorRole?: string; requestId?: string; sourceIp?: string }[]): string {
  const cell = (v: string | undefined) => {
    let s = v ?? '';
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ['at', 'action', 'description', 'actor', 'actor_role', 'request_id', 'source_ip'];
  const rows = entries.map((e) => [e.at, e.action, e.description, e.actor, e.actorRole, e.requestId, e.sourceIp].map(cell).join(','));
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Adds a staff member to a case with a role on it (business manager, sub-committee chair). */
export async function addMember(
  deps: ViewDeps & { users: UserDirectory },
  reference: string,
  input: { email: string; role: StaffRole },
  caller: Caller,
  meta: RequestMeta,
): Promise<CaseMember> {
  const { role } = await requireRole(deps, reference, caller, 'members.add', meta);
  const user = (await deps.users.list()).find((u) => u.email === input.email.toLowerCase());
  if (!user || !user.enabled) {
    throw new ValidationError([
      { name: 'email', href: '#email', text: 'Enter the email address of someone with an active account. Ask the business manager to invite them first' },
    ]);
  }
  const member: CaseMember = {
    reference,
    userId: user.userId,
    email: user.email,
    role: input.role,
    addedAt: deps.clock.now().toISOString(),
    addedBy: caller.userId,
  };
  await deps.store.putMember(member, {
    eventId: deps.ids.uuid(),
    reference,
    at: member.addedAt,
    action: 'member.added',
    actor: actorOf(caller, role),
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    detail: { memberUserId: user.userId, memberRole: input.role },
  });
  return member;
}

/** A referrer's own referrals: reference, when, and status. Nothing else. */
export async function myReferrals(deps: ViewDeps, caller: Caller, meta: RequestMeta) {
  if (caller.pool !== 'referrer') throw new NotFoundError('Page not found');
  const referrals: { reference: string; receivedAt: string; statusLabel: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listCasesOf(caller.userId, 100, cursor);
    for (const { row: c, member } of page.items) {
      if (member.role === 'referrer') referrals.push({ reference: c.reference, receivedAt: c.receivedAt, statusLabel: statusLabels[c.status] });
    }
    cursor = page.cursor;
  } while (cursor);
  for (const r of referrals) await audit(deps, r.reference, 'referral.status-viewed', caller, 'referrer', meta);
  return { referrals };
}

/**
 * The statutory notification record (6.1): what Ofsted's form asks for.
 * The Board's offices read it; so do its recipients (Ofsted's NBU, the
 * SHA, the Children's Services Adviser), by their signed-in address. The
 * email they were sent carries only the reference and a link here.
 */
export async function viewStatutoryNotification(deps: ViewDeps & { board: BoardConfig }, reference: string, caller: Caller, meta: RequestMeta): Promise<StatutoryNotificationView> {
  const valid = REFERENCE_PATTERN.test(reference);
  const c = valid ? await deps.store.getCase(reference) : undefined;
  const member = c ? await deps.store.getMember(reference, caller.userId) : undefined;
  const role = c ? roleOnCase(caller, member?.role) : undefined;
  const recipients = [deps.board.ofstedNationalBusinessUnit, deps.board.strategicHealthAuthority, deps.board.childrensServicesAdviser].map((p) => p.email.toLowerCase());
  const isRecipient = caller.pool === 'staff' && recipients.includes(caller.email.toLowerCase());
  if (!c || !c.review || !(mayOnCase(role, 'statutory.read') || isRecipient)) {
    return refuseAccess(deps, caller, role, meta, { attemptedReference: valid ? reference : 'invalid', attemptedAction: 'statutory.read' });
  }
  await audit(deps, reference, 'statutory-notification.viewed', caller, role, meta, isRecipient ? { asRecipient: true } : undefined);
  return {
    reference: c.reference,
    boardName: deps.board.board.name,
    decidedAt: c.review.decidedAt,
    ...(c.review.ofstedForm ? { form: c.review.ofstedForm } : {}),
    ...(c.review.ofstedFormUpdatedAt ? { updatedAt: c.review.ofstedFormUpdatedAt } : {}),
  };
}
