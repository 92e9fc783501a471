import type { BoardConfig } from '../../config/board.js';
import type { ActionProgressInput, ActionSource, ActionStanding, ActionStatus, AddActionInput, ChangeActionInput } from '../../schemas/actions.js';
import type { WatchedDeadline } from '../alerts/alerts.js';
import type { Deadline } from '../calendar/deadlines.js';
import { TIME_ZONE, addCalendarMonthsToDay, addDays, endOfLondonDay, londonDate } from '../calendar/london.js';
import { fnv1a64 } from '../case/outbox.js';

/**
 * The action plan's rules (paras 2.1, 8.1): pure, every instant passed in.
 * An action is its own item beside the case (`ACTION#<id>`), so it outlives
 * the review's workflow and never loads with the case.
 */

export interface ActionProgress {
  at: string;
  /** The signed-in person's email. */
  by: string;
  status: ActionStatus;
  note: string;
}

export interface PlanAction {
  id: string;
  reference: string;
  /** 1, 2, 3... in the order added: how people refer to it ("action 3"), and the only thing emails say of it. */
  number: number;
  source: ActionSource;
  recommendation: string;
  organisation: string;
  /** A named person with a staff account: they update its progress. */
  owner: { name: string; email: string };
  due: Deadline;
  outcome: string;
  evaluation: string;
  status: ActionStatus;
  /** Oldest first, at most {@link PROGRESS_LIMIT}. */
  progress: ActionProgress[];
  createdAt: string;
  createdBy: string;
  doneAt?: string;
  updatedAt: string;
  /** Moves on with every change: each write is conditional on the version read. */
  version: number;
}

/** Most actions one review's plan holds (far above any real plan). */
export const ACTION_LIMIT = 200;
/** Most progress updates one action keeps: an item never holds an unbounded list. */
export const PROGRESS_LIMIT = 50;
/** How far ahead an action may be due: a plan's actions are for the next few years, and alerts need the bank holiday calendar to cover them. */
export const ACTION_MAX_YEARS_AHEAD = 3;
/** An open action due within this many days (London) is "due soon" on the progress report. */
export const DUE_SOON_DAYS = 28;

/** A rule refused the change: its message is for the person, `field` the form field it concerns. */
export class ActionRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ActionRuleError';
  }
}

/** The due date the business manager agreed with the owner: the end of that London day, with the rule that made it. */
export function actionDeadline(dueDate: string, setAt: Date): Deadline {
  return {
    dueAt: endOfLondonDay(dueDate).toISOString(),
    dueDate,
    rule: `Agreed with the owner: ${dueDate} end of day (${TIME_ZONE}), set on ${londonDate(setAt)}`,
    kind: 'agreed-date',
    amount: 0,
    from: setAt.toISOString(),
    authority: 'Action plan (paragraphs 2.1 and 8.1)',
    timeZone: TIME_ZONE,
  };
}

/** A new action from the business manager's form: not started, numbered after the plan's last one. */
export function newAction(input: AddActionInput, ctx: { id: string; reference: string; existing: readonly PlanAction[]; now: Date; by: string }): PlanAction {
  if (ctx.existing.length >= ACTION_LIMIT) throw new ActionRuleError(`A review's action plan holds up to ${ACTION_LIMIT} actions`);
  const today = londonDate(ctx.now);
  if (input.dueDate < today) throw new ActionRuleError('Date it is due by must be today or in the future', 'dueDate');
  if (input.dueDate > addCalendarMonthsToDay(today, 12 * ACTION_MAX_YEARS_AHEAD)) {
    throw new ActionRuleError(`Date it is due by must be within ${ACTION_MAX_YEARS_AHEAD} years of today`, 'dueDate');
  }
  if (input.source.kind === 'imr') {
    const { contributionId, item } = input.source;
    if (ctx.existing.some((a) => a.source.kind === 'imr' && a.source.contributionId === contributionId && a.source.item === item)) {
      throw new ActionRuleError('This recommendation is already an action in the plan');
    }
  }
  const at = ctx.now.toISOString();
  return {
    id: ctx.id,
    reference: ctx.reference,
    number: ctx.existing.reduce((n, a) => Math.max(n, a.number), 0) + 1,
    source: input.source,
    recommendation: input.recommendation,
    organisation: input.organisation,
    owner: { name: input.ownerName, email: input.ownerEmail.toLowerCase() },
    due: actionDeadline(input.dueDate, ctx.now),
    outcome: input.outcome,
    evaluation: input.evaluation,
    status: 'not-started',
    progress: [],
    createdAt: at,
    createdBy: ctx.by,
    updatedAt: at,
    version: 1,
  };
}

/** The owner's (or business manager's) update: status and note appended; done records when, reopening clears it. */
export function recordProgress(a: PlanAction, input: ActionProgressInput, now: Date, by: string): PlanAction {
  if (input.expectedVersion !== a.version) throw new ActionRuleError('Someone else updated this action since you opened it. Nothing was saved: look at its progress and try again');
  if (a.progress.length >= PROGRESS_LIMIT) throw new ActionRuleError(`An action keeps up to ${PROGRESS_LIMIT} progress updates`);
  const at = now.toISOString();
  const done = input.status === 'done';
  const { doneAt: _d, ...rest } = a;
  return {
    ...rest,
    status: input.status,
    progress: [...a.progress, { at, by, status: input.status, note: input.note }],
    ...(done ? { doneAt: a.status === 'done' && a.doneAt ? a.doneAt : at } : {}),
    updatedAt: at,
    version: a.version + 1,
  };
}

/** Whether the caller may update an action's progress: its owner, or the business manager. */
export const mayUpdateAction = (a: PlanAction, email: string, isBusinessManager: boolean): boolean =>
  isBusinessManager || a.owner.email === email.trim().toLowerCase();

/** Where an action stands on `now`'s London day. */
export function standingOf(a: Pick<PlanAction, 'status' | 'due'>, now: Date): ActionStanding {
  if (a.status === 'done') return 'done';
  if (now.getTime() > Date.parse(a.due.dueAt)) return 'overdue';
  return a.due.dueDate <= addDays(londonDate(now), DUE_SOON_DAYS) ? 'due-soon' : 'open';
}

/** Whole London days between two London days (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

/** How many days an open action is past its due day (0 when it is not). */
export function daysOverdue(a: Pick<PlanAction, 'status' | 'due'>, now: Date): number {
  return standingOf(a, now) === 'overdue' ? daysBetween(a.due.dueDate, londonDate(now)) : 0;
}

/** The alert key's task id for an action. */
export const actionTaskId = (actionId: string) => `action:${actionId}`;

/**
 * An open action's deadline, watched by the review's check loop: reminders
 * to the owner before it is due, then escalations widening from the owner to
 * the business manager, the sub-committee chair and the Board chair. What an
 * email says of it is its number only: the recommendation's text may carry
 * case details.
 */
export function watchedAction(a: PlanAction, board: Pick<BoardConfig, 'businessManager' | 'subCommitteeChair' | 'boardChair'>): WatchedDeadline {
  return {
    what: `action ${a.number} of the action plan`,
    owner: a.owner,
    // Its owner may not be on the case: the action plan's own page shows them their actions.
    path: `/cases/${encodeURIComponent(a.reference)}/action-plan`,
    task: {
      id: actionTaskId(a.id),
      deadline: a.due,
      openedAt: a.createdAt,
      // A date changed after the action was added: the new date's reminders already past when it was set are skipped, not sent late.
      ...(a.due.from > a.createdAt ? { deadlineSetAt: a.due.from } : {}),
      ...(a.doneAt ? { doneAt: a.doneAt } : {}),
      escalationTiers: [[a.owner.email], [board.businessManager.email], [board.subCommitteeChair.email], [board.boardChair.email]],
    },
  };
}

/** How many of a plan's actions are open: what the review's schedule depends on (outbox.ts). */
export const openActionCount = (actions: readonly Pick<PlanAction, 'status'>[]): number => actions.filter((a) => a.status !== 'done').length;

/**
 * The business manager changes an action's due date, its owner, or both
 * (agreed with the organisation). A new date must be today or later (and
 * within {@link ACTION_MAX_YEARS_AHEAD} years); an unchanged one may be past.
 * The new deadline is set now, so its reminders already past are skipped.
 */
export function changeAction(a: PlanAction, input: ChangeActionInput, now: Date): PlanAction {
  if (input.expectedVersion !== a.version) throw new ActionRuleError('Someone else updated this action since you opened it. Nothing was saved: look at it again and try again');
  if (a.status === 'done') throw new ActionRuleError('This action is done: its due date and owner can no longer be changed');
  const ownerEmail = input.ownerEmail.toLowerCase();
  const dateChanged = input.dueDate !== a.due.dueDate;
  const ownerChanged = ownerEmail !== a.owner.email || input.ownerName !== a.owner.name;
  if (!dateChanged && !ownerChanged) throw new ActionRuleError('Change the date it is due by or the person responsible, or go back without saving', 'dueDate');
  if (dateChanged) {
    const today = londonDate(now);
    if (input.dueDate < today) throw new ActionRuleError('Date it is due by must be today or in the future', 'dueDate');
    if (input.dueDate > addCalendarMonthsToDay(today, 12 * ACTION_MAX_YEARS_AHEAD)) {
      throw new ActionRuleError(`Date it is due by must be within ${ACTION_MAX_YEARS_AHEAD} years of today`, 'dueDate');
    }
  }
  return {
    ...a,
    owner: { name: input.ownerName, email: ownerEmail },
    due: dateChanged ? actionDeadline(input.dueDate, now) : a.due,
    updatedAt: now.toISOString(),
    version: a.version + 1,
  };
}

/** Whether the caller may change an action's due date and owner: the business manager, while it is open. */
export const mayChangeAction = (a: Pick<PlanAction, 'status'>, isBusinessManager: boolean): boolean => isBusinessManager && a.status !== 'done';

/**
 * What the review's schedule depends on in its action plan: each open
 * action's due instant and owner, as a short digest kept on the case header
 * (`actionPlan.schedule`). A new date or owner changes it, so the
 * fingerprint changes and the workflow restarts with the new timetable.
 */
export function actionScheduleDigest(actions: readonly Pick<PlanAction, 'id' | 'status' | 'due' | 'owner'>[]): string {
  const open = actions.filter((a) => a.status !== 'done').map((a) => [a.id, a.due.dueAt, a.due.from, a.owner.email]);
  open.sort((x, y) => x[0]!.localeCompare(y[0]!));
  return fnv1a64(JSON.stringify(open));
}

/** The case header's action plan summary for a plan: its open count and schedule digest. */
export const actionPlanSummary = (actions: readonly Pick<PlanAction, 'id' | 'status' | 'due' | 'owner'>[]) => ({
  open: openActionCount(actions),
  schedule: actionScheduleDigest(actions),
});
