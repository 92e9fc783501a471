import type { BoardConfig } from '../../config/board.js';
import {
  formatTorDate,
  questionLabel,
  torFieldLabels,
  torQuestionIds,
  torQuestions,
  type TorComparison,
  type TorContent,
  type TorFieldId,
  type TorQuestionId,
} from '../../schemas/terms-of-reference.js';
import { agencyLabel, type ReviewRecord } from './review.js';
import { proceedingKinds, jointReviewOptions } from '../../schemas/review.js';
import { londonDate } from '../calendar/london.js';

/**
 * The terms of reference of a review (paras 7.1, 7.2), pure. A draft is
 * edited; agreeing it freezes it as the next version with who agreed it and
 * when; a later draft starts from the last agreed version ("some of these
 * issues may need to be re-visited as the review progresses", 7.2). The
 * review period of the latest agreed version bounds the chronology.
 */

export interface TorPerson {
  email: string;
  role: string;
}

export interface TorDraft {
  /** Moves on with each save: a save over a newer draft than the one shown is refused. */
  revision: number;
  /** The agreed version it started from (0: none). */
  basedOn: number;
  updatedAt: string;
  updatedBy: TorPerson;
  content: TorContent;
}

export interface TorVersion {
  version: number;
  agreedAt: string;
  agreedBy: TorPerson;
  content: TorContent;
}

/** What is stored of a case's terms of reference: the draft (if one is open) and every agreed version, oldest first. */
export interface TermsOfReference {
  draft?: TorDraft;
  versions: TorVersion[];
}

/** Nothing answered yet. */
export const emptyTorContent = (): TorContent => ({ answers: {} });

/** The last agreed version, if any. */
export const latestVersion = (tor: TermsOfReference): TorVersion | undefined => tor.versions.at(-1);

/**
 * What a page edits: the open draft, or else a new one starting from the
 * last agreed version (revision 0: not saved yet).
 */
export function workingDraft(tor: TermsOfReference): { revision: number; basedOn: number; content: TorContent } {
  if (tor.draft) return { revision: tor.draft.revision, basedOn: tor.draft.basedOn, content: tor.draft.content };
  const last = latestVersion(tor);
  return { revision: 0, basedOn: last?.version ?? 0, content: last ? structuredClone(last.content) : emptyTorContent() };
}

/** The draft as saved over `expectedRevision` (0: the first save since the last agreement). */
export function nextDraft(tor: TermsOfReference, content: TorContent, by: TorPerson, at: string): TorDraft {
  const base = workingDraft(tor);
  return { revision: base.revision + 1, basedOn: base.basedOn, updatedAt: at, updatedBy: by, content };
}

/** The next version, frozen as agreed. */
export function agreedVersion(tor: TermsOfReference, content: TorContent, by: TorPerson, at: string): TorVersion {
  return { version: (latestVersion(tor)?.version ?? 0) + 1, agreedAt: at, agreedBy: by, content };
}

// ---------------------------------------------------------------- comparing versions (7.2)

const fieldOrder: TorFieldId[] = ['periodFrom', 'periodTo', 'familyHistory', 'startDate', 'completionDate'];
const isDateField = (f: TorFieldId) => f !== 'familyHistory';

/** One part of a version as text, as the comparison shows it (dates as "1 March 2025"). */
function fieldText(c: TorContent, f: TorFieldId): string | undefined {
  const v = c[f];
  if (!v) return undefined;
  return isDateField(f) ? formatTorDate(v) : v;
}

/**
 * What changed between two versions: each of the fifteen answers, then the
 * period, family history and dates, each changed or unchanged with its
 * old and new text. Answers compare as saved (trimmed), so a change is a
 * change of words, not of the spaces around them.
 */
export function compareVersions(from: TorVersion, to: TorVersion): TorComparison {
  const entries: TorComparison['entries'] = [];
  const push = (field: string, label: string, before: string | undefined, after: string | undefined) =>
    entries.push({ field, label, changed: (before ?? '') !== (after ?? ''), ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  for (const q of torQuestions) push(`answers.${q.id}`, `${questionLabel(q.id)}: ${q.text}`, from.content.answers[q.id], to.content.answers[q.id]);
  for (const f of fieldOrder) push(f, torFieldLabels[f], fieldText(from.content, f), fieldText(to.content, f));
  return { from: from.version, to: to.version, entries };
}

// ---------------------------------------------------------------- the review period, for the chronology

export interface ReviewPeriod {
  /** First day within the period (YYYY-MM-DD). */
  from: string;
  /** The cut-off: last day within the period (YYYY-MM-DD). */
  to: string;
  /** The agreed version it comes from. */
  version: number;
}

/**
 * The review period in force: that of the latest agreed version. Undefined
 * until a version is agreed (a draft's period bounds nothing).
 */
export function reviewPeriodOf(tor: Pick<TermsOfReference, 'versions'>): ReviewPeriod | undefined {
  const last = tor.versions.at(-1);
  const { periodFrom, periodTo } = last?.content ?? {};
  if (!last || !periodFrom || !periodTo) return undefined;
  return { from: periodFrom, to: periodTo, version: last.version };
}

const lastDayOfMonth = (yearMonth: string): string => {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${yearMonth}-${String(d).padStart(2, '0')}`;
};

/** The GOV.UK message for a date outside the period. */
export const outsidePeriodMessage = (period: Pick<ReviewPeriod, 'from' | 'to'>) =>
  `The date must be within the review period, ${formatTorDate(period.from)} to ${formatTorDate(period.to)}`;

/**
 * Whether a chronology date falls within the review period (both ends
 * included). `date` is a day (YYYY-MM-DD) or, for a date known only to the
 * month as practice records often are, a month (YYYY-MM): a month is within
 * when any of its days is.
 */
export function checkWithinReviewPeriod(date: string, period: Pick<ReviewPeriod, 'from' | 'to'>): { within: true } | { within: false; message: string } {
  let first: string;
  let last: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    first = last = date;
  } else if (/^\d{4}-\d{2}$/.test(date)) {
    first = `${date}-01`;
    last = lastDayOfMonth(date);
  } else {
    throw new RangeError('checkWithinReviewPeriod takes YYYY-MM-DD or YYYY-MM');
  }
  return last < period.from || first > period.to ? { within: false, message: outsidePeriodMessage(period) } : { within: true };
}

// ---------------------------------------------------------------- what the case already knows

/**
 * What the case already records that answers part of a question, shown
 * beside it ("Known on the case: ..."): the panel (contributors), parallel
 * proceedings (7.1, 8.7), the other Boards of a joint review or from the
 * Board's configuration (3.4), and the completion date with its agreed
 * extensions (8.4, 8.5).
 */
export function knownOnCase(review: ReviewRecord, board: BoardConfig): Partial<Record<TorQuestionId, string[]>> {
  const known: Partial<Record<TorQuestionId, string[]>> = {};
  const add = (id: TorQuestionId, line: string) => (known[id] ??= []).push(line);

  for (const m of review.panel) add('contributors', `Panel: ${m.name}, ${m.jobTitle}, ${m.organisation} (${agencyLabel(m.agency)}${m.coOpted ? ', co-opted' : ''})`);

  const kindLabel = (k: string) => proceedingKinds.find((p) => p.value === k)?.label ?? k;
  for (const p of review.proceedings) {
    const line = `${kindLabel(p.kind)}: ${p.details}${p.startedOn ? ` (started ${formatTorDate(p.startedOn)})` : ''}`;
    add('parallel', line);
    if (p.kind === 'coroner' || p.kind === 'criminal') add('coroner', line);
    if (['homicide-review', 'mental-health-review', 'prisons-ombudsman'].includes(p.kind)) add('otherReviews', line);
  }

  if (review.joint) {
    const proposal = jointReviewOptions.find((o) => o.value === review.joint?.proposal)?.label ?? review.joint.proposal;
    add('otherBoards', `Joint review proposed: ${proposal}`);
    for (const b of review.joint.boards) {
      add('otherBoards', `${b.board}: ${b.answer === 'agree' ? 'agreed' : b.answer === 'disagree' ? 'disagreed' : 'no answer yet'}`);
    }
    if (review.joint.finalDecision) add('otherBoards', 'Final decision recorded (paragraph 3.5)');
  } else if (board.otherBoardChairs.length > 0) {
    add('otherBoards', `Other Boards in the Board's configuration: ${board.otherBoardChairs.map((b) => b.board).join(', ')}`);
  }

  add('dates', `Review decided on ${formatTorDate(londonDate(new Date(review.decidedAt)))}`);
  if (review.startedAt) add('dates', `Review started with a complete panel on ${formatTorDate(londonDate(new Date(review.startedAt)))}`);
  const n = review.extensions.length;
  add('dates', `To be completed by ${formatTorDate(review.completion.dueDate)}${n ? ` (after ${n} agreed extension${n === 1 ? '' : 's'})` : ''}`);
  return known;
}

/** Every question id, for callers that must list each (tests, the page). */
export const allQuestionIds: readonly TorQuestionId[] = torQuestionIds;
