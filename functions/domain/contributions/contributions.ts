import type { ProcedureProfile } from '../../config/board.js';
import {
  contributionKinds,
  contributionStatuses,
  type CommissionContributionInput,
  type ContributionDueDateInput,
  type ContributionKind,
  type ContributionStatus,
  type CourtAgreementInput,
  type IndependenceInput,
  type NameAuthorInput,
  type ReturnContributionInput,
  type SessionHeldInput,
  type DisciplinaryMatterInput,
} from '../../schemas/contributions.js';
import { endOfLondonDay, londonDate, TIME_ZONE } from '../calendar/london.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { workingDaysDeadline, type Deadline } from '../calendar/deadlines.js';
import type { Role } from '../access/roles.js';

/**
 * Contributions to a serious case review (paras 9.1-9.6, 10.1-10.2, 10.6,
 * 10.11): pure rules. Each contribution is its own child item of the case
 * (sort key outside the `CASE` prefix, see keys.ts), so a case read never
 * loads them and two contributions never contend. The use cases in
 * contribution-actions.ts load, apply one of these transitions and write the
 * result with its audit event.
 *
 * Life of a contribution:
 *   awaiting-author  --senior officer names an author-->  awaiting-declaration
 *   awaiting-declaration --author declares independence (10.2)--> in-progress
 *   awaiting-declaration --author says "no" to either question--> awaiting-author (author recorded as declined)
 *   in-progress | returned --author submits--> submitted
 *   submitted --senior officer accepts the findings (10.6)--> accepted
 *   submitted --senior officer returns it with reasons--> returned
 */

export interface ContributionPerson {
  name: string;
  email: string;
}

export interface SessionHeld {
  heldOn: string;
  recordedAt: string;
  recordedBy: string;
}

export interface Contribution {
  id: string;
  reference: string;
  kind: ContributionKind;
  description?: string;
  organisation: string;
  /** 10.1: commissions it, names the author and accepts its findings (10.6). */
  seniorOfficer: ContributionPerson;
  author?: ContributionPerson & { jobTitle: string; namedAt: string };
  status: ContributionStatus;
  due: Deadline;
  commissionedAt: string;
  commissionedBy: string;
  /** Authors who could not declare independence (10.2): another had to be named. */
  declinedAuthors: { email: string; declaredAt: string }[];
  independenceDeclaredAt?: string;
  /** 9.6: the court's prior agreement to a children's guardian's contribution. */
  courtAgreement?: CourtAgreementInput & { recordedAt: string; recordedBy: string };
  submittedAt?: string;
  returns: { at: string; by: string; reasons: string }[];
  acceptedAt?: string;
  acceptedBy?: string;
  /** 10.7: staff feedback and debrief on the findings, recorded as held. */
  debrief?: SessionHeld;
  /** 10.8: a follow-up session, later. */
  followUp?: SessionHeld;
  /** Moves on with every change: each write is conditional on the version read. */
  version: number;
}

/** Most contributions one case holds: far above any real review (one per organisation and kind). */
export const CONTRIBUTION_LIMIT = 100;

/** Why a transition is refused: a rule of the procedure, in words a person can act on. */
export class ContributionRuleError extends Error {
  constructor(
    message: string,
    /** The form field it concerns, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ContributionRuleError';
  }
}

export const kindLabel = (k: ContributionKind) => contributionKinds.find((x) => x.value === k)?.label ?? k;
export const statusLabel = (s: ContributionStatus) => contributionStatuses.find((x) => x.value === s)?.label ?? s;

const lower = (s: string) => s.trim().toLowerCase();

/** A due date the person chose: the end of that London day. */
function agreedDeadline(dueDate: string, at: Date, authority: string): Deadline {
  return {
    dueAt: endOfLondonDay(dueDate).toISOString(),
    dueDate,
    rule: `Set to ${dueDate} end of day (${TIME_ZONE})`,
    kind: 'agreed-date',
    amount: 0,
    from: at.toISOString(),
    authority,
    timeZone: TIME_ZONE,
  };
}

/**
 * A due date must be today or later and never after the review's completion
 * date (the contribution feeds the overview report, which is due then).
 */
function checkDueDate(dueDate: string, now: Date, completionDate: string): void {
  if (dueDate < londonDate(now)) throw new ContributionRuleError('Due date must be today or in the future', 'dueDate');
  if (dueDate > completionDate) {
    throw new ContributionRuleError(`Due date must be on or before the review’s completion date, ${completionDate}`, 'dueDate');
  }
}

export interface CommissionContext {
  id: string;
  reference: string;
  now: Date;
  by: string;
  profile: Pick<ProcedureProfile, 'id'> & { contributionDueWorkingDays: number };
  calendar: WorkingDayCalendar;
  /** The review's completion date (8.4, or the agreed extension, 8.5). */
  completionDate: string;
  /** How many the case has already. */
  existing: number;
}

/** 9.1, 10.1: a new contribution, at any time during the review. */
export function commissionContribution(input: CommissionContributionInput, ctx: CommissionContext): Contribution {
  if (ctx.existing >= CONTRIBUTION_LIMIT) throw new ContributionRuleError(`A review can have up to ${CONTRIBUTION_LIMIT} contributions`);
  let due: Deadline;
  if (input.dueDate) {
    checkDueDate(input.dueDate, ctx.now, ctx.completionDate);
    due = agreedDeadline(input.dueDate, ctx.now, 'Set by the business manager when asking for the contribution');
  } else {
    const days = ctx.profile.contributionDueWorkingDays;
    due = workingDaysDeadline(ctx.now, days, ctx.calendar, `Procedure profile ${ctx.profile.id}: contributionDueWorkingDays (paragraph 9.1)`);
    // Never after the review's completion date: the overview report needs it by then.
    if (due.dueDate > ctx.completionDate) {
      due = agreedDeadline(ctx.completionDate, ctx.now, `The review’s completion date: ${days} working days would fall after it`);
    }
  }
  return {
    id: ctx.id,
    reference: ctx.reference,
    kind: input.kind,
    ...(input.description ? { description: input.description } : {}),
    organisation: input.organisation,
    seniorOfficer: { name: input.seniorOfficerName, email: lower(input.seniorOfficerEmail) },
    status: 'awaiting-author',
    due,
    commissionedAt: ctx.now.toISOString(),
    commissionedBy: ctx.by,
    declinedAuthors: [],
    returns: [],
    version: 1,
  };
}

const next = (c: Contribution, change: Partial<Contribution>): Contribution => ({ ...c, ...change, version: c.version + 1 });

/** The contribution's own due date, changed (by the business manager). */
export function changeDueDate(c: Contribution, input: ContributionDueDateInput, now: Date, completionDate: string): Contribution {
  if (c.status === 'accepted') throw new ContributionRuleError('This contribution’s findings are accepted: it has no due date to change');
  checkDueDate(input.dueDate, now, completionDate);
  return next(c, { due: agreedDeadline(input.dueDate, now, `Changed by the business manager: ${input.reason}`) });
}

/** 10.1: the senior officer names the author. */
export function nameAuthor(c: Contribution, input: NameAuthorInput, now: Date): Contribution {
  if (c.status !== 'awaiting-author') throw new ContributionRuleError('An author is already named for this contribution');
  const email = lower(input.authorEmail);
  if (c.declinedAuthors.some((d) => d.email === email)) {
    throw new ContributionRuleError('This person has declared they are not independent of the case (paragraph 10.2): name someone else', 'authorEmail');
  }
  return next(c, { status: 'awaiting-declaration', author: { name: input.authorName, jobTitle: input.authorJobTitle, email, namedAt: now.toISOString() } });
}

/** Whether both answers of 10.2 say the author is independent. */
export const isIndependent = (d: IndependenceInput) => d.notDirectlyConcerned && d.notLineManager;

/**
 * 10.2: the named author declares independence. A "no" to either question
 * blocks them: the contribution goes back to the senior officer for another
 * author, and this one is remembered so they cannot be named again.
 */
export function declareIndependence(c: Contribution, input: IndependenceInput, now: Date): Contribution {
  if (c.status !== 'awaiting-declaration' || !c.author) throw new ContributionRuleError('There is no declaration to make on this contribution now');
  const at = now.toISOString();
  if (isIndependent(input)) return next(c, { status: 'in-progress', independenceDeclaredAt: at });
  const { author, ...rest } = c;
  return { ...rest, status: 'awaiting-author', declinedAuthors: [...c.declinedAuthors, { email: author.email, declaredAt: at }], version: c.version + 1 };
}

/** 9.6: the court's prior agreement to a children's guardian contributing. */
export function recordCourtAgreement(c: Contribution, input: CourtAgreementInput, now: Date, by: string): Contribution {
  if (c.kind !== 'childrens-guardian') throw new ContributionRuleError('Only a children’s guardian’s contribution needs the court’s agreement (paragraph 9.6)');
  if (input.agreedOn > londonDate(now)) throw new ContributionRuleError('Date the court agreed must be today or in the past', 'agreedOn');
  return next(c, { courtAgreement: { ...input, recordedAt: now.toISOString(), recordedBy: by } });
}

/**
 * Submission by the author. `blockers` are what the contribution's content
 * still lacks (for an IMR, an interview record not yet shared, 10.14): each
 * stops the submission.
 */
export function submitContribution(c: Contribution, now: Date, blockers: readonly string[] = []): Contribution {
  if (c.status !== 'in-progress' && c.status !== 'returned') {
    throw new ContributionRuleError(c.status === 'submitted' || c.status === 'accepted' ? 'This contribution is already submitted' : 'The author has not yet declared independence');
  }
  if (blockers.length > 0) throw new ContributionRuleError(blockers.join('; '));
  return next(c, { status: 'submitted', submittedAt: now.toISOString() });
}

/** 10.6: the senior officer accepts the findings; who and when are recorded. */
export function acceptContribution(c: Contribution, now: Date, by: string): Contribution {
  if (c.status !== 'submitted') throw new ContributionRuleError('Only a submitted contribution can be accepted');
  if (c.kind === 'childrens-guardian' && !c.courtAgreement) {
    throw new ContributionRuleError('A children’s guardian’s contribution cannot be accepted until the court’s prior agreement is recorded (paragraph 9.6)');
  }
  return next(c, { status: 'accepted', acceptedAt: now.toISOString(), acceptedBy: by });
}

/** 10.6: the senior officer returns it to the author with reasons. */
export function returnContribution(c: Contribution, input: ReturnContributionInput, now: Date, by: string): Contribution {
  if (c.status !== 'submitted') throw new ContributionRuleError('Only a submitted contribution can be returned');
  return next(c, { status: 'returned', returns: [...c.returns, { at: now.toISOString(), by, reasons: input.reasons }] });
}

/** 10.7: the staff involved were given feedback and a debrief on the findings, once accepted. */
export function recordDebrief(c: Contribution, input: SessionHeldInput, now: Date, by: string): Contribution {
  if (c.status !== 'accepted') throw new ContributionRuleError('Feedback and debrief are recorded once the findings are accepted (paragraph 10.7)');
  if (input.heldOn > londonDate(now)) throw new ContributionRuleError('Date it was held must be today or in the past', 'heldOn');
  if (c.acceptedAt && input.heldOn < londonDate(new Date(c.acceptedAt))) throw new ContributionRuleError('Date it was held must be on or after the findings were accepted', 'heldOn');
  return next(c, { debrief: { heldOn: input.heldOn, recordedAt: now.toISOString(), recordedBy: by } });
}

/** 10.8: a follow-up session, after the debrief. */
export function recordFollowUp(c: Contribution, input: SessionHeldInput, now: Date, by: string): Contribution {
  if (!c.debrief) throw new ContributionRuleError('A follow-up is recorded after the feedback and debrief (paragraph 10.8)');
  if (input.heldOn > londonDate(now)) throw new ContributionRuleError('Date it was held must be today or in the past', 'heldOn');
  if (input.heldOn < c.debrief.heldOn) throw new ContributionRuleError('Date it was held must be on or after the debrief', 'heldOn');
  return next(c, { followUp: { heldOn: input.heldOn, recordedAt: now.toISOString(), recordedBy: by } });
}

/** 10.9, 10.10: kept apart from the contribution, seen only by the business manager and the organisation's senior officer. */
export interface DisciplinaryMatter extends DisciplinaryMatterInput {
  id: string;
  reference: string;
  contributionId: string;
  recordedAt: string;
  recordedBy: string;
}

/** Most disciplinary matters one contribution holds. */
export const DISCIPLINARY_LIMIT = 50;

/**
 * Who sees and records a contribution's disciplinary matters: the business
 * manager and its organisation's senior officer only; not the author, the
 * panel, the chairs or the auditor.
 */
export function mayHandleDisciplinary(c: Contribution, v: Viewer, all: readonly Contribution[]): boolean {
  if (v.role === 'business-manager') return true;
  const email = lower(v.email);
  if (c.seniorOfficer.email === email) return true;
  return all.some((x) => x.seniorOfficer.email === email && lower(x.organisation) === lower(c.organisation));
}

/** Late: past its due instant and not yet submitted or accepted. */
export const isOverdue = (c: Contribution, now: Date) => c.status !== 'submitted' && c.status !== 'accepted' && now.toISOString() > c.due.dueAt;

// ---------------------------------------------------------------- who sees what

/** Who is looking: their role on the case (if any), address, and whether they sit on the review panel. */
export interface Viewer {
  email: string;
  role?: Role;
  onPanel: boolean;
}

/**
 * How much of a contribution someone may see:
 * - `content`: the contribution itself (its author; its organisation's
 *   senior officer; once submitted, the panel, the sub-committee chair, the
 *   business manager and the auditor);
 * - `tracking`: that it exists, who was asked and its status and due date,
 *   never its content (the Board's offices and the panel, to chase it);
 * - `none`: anyone else: nobody sees another organisation's draft.
 */
export type ContributionAccess = 'content' | 'tracking' | 'none';

const readsSubmitted: readonly Role[] = ['business-manager', 'sub-committee-chair', 'auditor'];
const tracks: readonly Role[] = ['business-manager', 'sub-committee-chair', 'board-chair', 'auditor'];
const submittedOnce = (c: Contribution) => c.status === 'submitted' || c.status === 'accepted';

/**
 * @param all every contribution of the case: a senior officer sees each of
 *   their organisation's (any contribution they were named on tells which).
 */
export function accessOf(c: Contribution, v: Viewer, all: readonly Contribution[]): ContributionAccess {
  const email = lower(v.email);
  if (c.author && c.author.email === email && c.status !== 'awaiting-declaration') return 'content';
  if (c.seniorOfficer.email === email) return 'content';
  const organisationsLed = new Set(all.filter((x) => x.seniorOfficer.email === email).map((x) => lower(x.organisation)));
  if (organisationsLed.has(lower(c.organisation))) return 'content';
  if (submittedOnce(c) && ((v.role && readsSubmitted.includes(v.role)) || v.onPanel)) return 'content';
  if ((v.role && tracks.includes(v.role)) || v.onPanel) return 'tracking';
  // A named author who has not yet declared sees what they are asked to declare about; one who could not, that it moved on.
  if ((c.author && c.author.email === email) || c.declinedAuthors.some((d) => d.email === email)) return 'tracking';
  return 'none';
}

export type ContributionAction =
  | 'changeDueDate'
  | 'recordCourtAgreement'
  | 'nameAuthor'
  | 'declareIndependence'
  | 'submit'
  | 'accept'
  | 'return'
  | 'recordDebrief'
  | 'recordFollowUp';

/** Whether the viewer is the person who takes this action on this contribution, whatever its state. */
export function isPartyTo(c: Contribution, action: ContributionAction, v: Viewer): boolean {
  const email = lower(v.email);
  switch (action) {
    case 'changeDueDate':
    case 'recordCourtAgreement':
      return v.role === 'business-manager';
    case 'nameAuthor':
    case 'accept':
    case 'return':
      return c.seniorOfficer.email === email;
    case 'declareIndependence':
    case 'submit':
      return c.author?.email === email;
    case 'recordDebrief':
    case 'recordFollowUp':
      return v.role === 'business-manager' || c.seniorOfficer.email === email;
  }
}

/** What this viewer may do to this contribution now (a hint for the pages; the rules above decide). */
export function mayDo(c: Contribution, v: Viewer): ContributionAction[] {
  const email = lower(v.email);
  const out: ContributionAction[] = [];
  const bm = v.role === 'business-manager';
  const so = c.seniorOfficer.email === email;
  const author = c.author?.email === email;
  if (bm && c.status !== 'accepted') out.push('changeDueDate');
  if (bm && c.kind === 'childrens-guardian') out.push('recordCourtAgreement');
  if (so && c.status === 'awaiting-author') out.push('nameAuthor');
  if (author && c.status === 'awaiting-declaration') out.push('declareIndependence');
  if (author && (c.status === 'in-progress' || c.status === 'returned')) out.push('submit');
  if (so && c.status === 'submitted') out.push('return');
  if (so && c.status === 'submitted' && (c.kind !== 'childrens-guardian' || c.courtAgreement)) out.push('accept');
  if ((so || bm) && c.status === 'accepted' && !c.debrief) out.push('recordDebrief');
  if ((so || bm) && c.debrief && !c.followUp) out.push('recordFollowUp');
  return out;
}
