import * as z from 'zod';
import { isRealDate } from './dates.js';

/**
 * The terms of reference of a serious case review (paras 7.1, 7.2): an
 * answer to each of the fifteen issues of 7.1, the review period with its
 * cut-off, the family history wanted, and the start and completion dates.
 * One schema per form: the browser validates with it before sending, the
 * server again on arrival. Dates are ISO (YYYY-MM-DD) on the wire.
 */

/** The fifteen issues of paragraph 7.1, in the procedure's order and words. */
export const torQuestions = [
  {
    id: 'issues',
    text: 'What appear to be the most important issues to address in trying to learn from this specific case – how can the relevant information best be obtained and analysed?',
  },
  { id: 'independentChair', text: 'Who should be appointed as the independent chair for the overview report?' },
  {
    id: 'independence',
    text: 'Are there features of the case, which indicate that any part of the review process should involve, or be conducted by, a party independent of the professionals/organisations who will be required to participate in the review? Might it help the review panel to bring in an outside expert at any stage, to shed light on crucial aspects of the case?',
  },
  {
    id: 'period',
    text: 'Over what time period should events be reviewed, i.e. how far back should enquiries cover, and what is the cut-off point? What family history/background information will help better to understand the recent past and present?',
  },
  { id: 'contributors', text: 'Which organisations and professionals should contribute to the review?' },
  {
    id: 'otherContributors',
    text: 'Where appropriate, e.g. proprietor of independent school or playgroup leader could be asked to submit reports or otherwise contribute.',
  },
  {
    id: 'family',
    text: 'How should family members contribute to the review, and who should be responsible for facilitating their involvement?',
  },
  {
    id: 'parallel',
    text: 'Will the case give rise to other parallel investigations of practice, e.g. independent health investigations or multi-disciplinary suicide review, a homicide review where a parent has been murdered, YJB serious incident review or a Prisons and Probation Ombudsman investigation where a child has died in a custodial setting – and if so, how can a co-ordinated review process best address all the relevant questions which need to be asked, in the most economical way?',
  },
  {
    id: 'otherBoards',
    text: 'Is there a need to involve organisations/professionals in other LSCB areas, and what should be the respective roles and responsibilities of the different LSCBs with an interest?',
  },
  {
    id: 'coroner',
    text: "How should the serious case review process take account of a Coroner's inquiry, and (if relevant) any criminal investigations or proceedings related to the case? How best to liaise with the Coroner and/or the Crown Prosecution Service?",
  },
  {
    id: 'otherReviews',
    text: 'How should the serious case review process fit in with the processes for other types of reviews e.g. for homicide, mental health or prisons?',
  },
  {
    id: 'outsideInterests',
    text: 'Who will make the link with relevant interests outside the main statutory organisations e.g. independent professionals, independent schools, and voluntary organisations?',
  },
  { id: 'dates', text: 'When should the review process start and by what date should it be completed?' },
  { id: 'publicInterest', text: 'How should any public, family and media interest be handled, before, during, and after the review?' },
  { id: 'legalAdvice', text: 'Does the BSCB need to obtain independent legal advice about any aspect of the proposed review?' },
] as const;

export type TorQuestionId = (typeof torQuestions)[number]['id'];
export const torQuestionIds = torQuestions.map((q) => q.id) as [TorQuestionId, ...TorQuestionId[]];

/** The most text one answer holds: a page or two, enough for any real answer, bounded so a version stays small. */
export const TOR_ANSWER_MAX = 5000;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 March 2025", as GOV.UK writes a date. */
export function formatTorDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

const optionalDate = (label: string) =>
  z
    .string({ error: `${label} must be a real date` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a real date` })
    .refine(isRealDate, { error: `${label} must be a real date` })
    .optional();

const answerText = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(TOR_ANSWER_MAX, { error: `${label} must be ${TOR_ANSWER_MAX} characters or fewer` })
    // An emptied box is no answer.
    .transform((s) => (s ? s : undefined))
    .optional();

/** Question numbers as the page shows them: "Question 4". */
export const questionLabel = (id: TorQuestionId) => `Question ${torQuestionIds.indexOf(id) + 1}`;

const answersShape = Object.fromEntries(torQuestionIds.map((id) => [id, answerText(`The answer to ${questionLabel(id).toLowerCase()}`)])) as Record<
  TorQuestionId,
  ReturnType<typeof answerText>
>;

/** The dates and notes beside the answers, with their labels (for the form and the comparison). */
export const torFieldLabels = {
  periodFrom: 'Start of the review period',
  periodTo: 'End of the review period (cut-off)',
  familyHistory: 'Family history and background wanted',
  startDate: 'Date the review starts',
  completionDate: 'Date the review must be completed by',
} as const;
export type TorFieldId = keyof typeof torFieldLabels;

const contentObject = z.strictObject({
  answers: z.strictObject(answersShape),
  periodFrom: optionalDate(torFieldLabels.periodFrom),
  periodTo: optionalDate(torFieldLabels.periodTo),
  familyHistory: answerText(torFieldLabels.familyHistory),
  startDate: optionalDate(torFieldLabels.startDate),
  completionDate: optionalDate(torFieldLabels.completionDate),
});

/** What a version of the terms of reference says: any part may still be blank in a draft. */
export const torContentSchema = contentObject.superRefine((c, ctx) => {
  if (c.periodFrom && c.periodTo && c.periodFrom > c.periodTo) {
    ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'End of the review period must be the same as or after the start of the review period' });
  }
  if (c.startDate && c.completionDate && c.startDate > c.completionDate) {
    ctx.addIssue({ code: 'custom', path: ['completionDate'], message: 'Date the review must be completed by must be the same as or after the date it starts' });
  }
});
export type TorContent = z.infer<typeof torContentSchema>;

/**
 * What agreeing a version needs (7.1: "clear terms of reference"): every
 * issue answered, the review period (which bounds the chronology) and the
 * start and completion dates.
 */
export const torAgreedContentSchema = torContentSchema.superRefine((c, ctx) => {
  for (const id of torQuestionIds) {
    if (!c.answers[id]) ctx.addIssue({ code: 'custom', path: ['answers', id], message: `Enter an answer to ${questionLabel(id).toLowerCase()}` });
  }
  if (!c.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodFrom'], message: 'Enter the start of the review period' });
  if (!c.periodTo) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'Enter the end of the review period (cut-off)' });
  if (!c.startDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'Enter the date the review starts' });
  if (!c.completionDate) ctx.addIssue({ code: 'custom', path: ['completionDate'], message: 'Enter the date the review must be completed by' });
});

/**
 * `expectedRevision`: the draft's revision the page was showing (0 when
 * there was no draft): a save or agreement over someone else's newer draft
 * is refused rather than overwriting it.
 */
const revision = z.number({ error: 'Reload the page and try again' }).int().min(0).max(1_000_000);

/** Save the draft. */
export const torDraftSchema = z.strictObject({ expectedRevision: revision, content: torContentSchema });
/** Agree the draft as the next version (7.2): what the page shows is what is agreed. */
export const torAgreeSchema = z.strictObject({ expectedRevision: revision, content: torAgreedContentSchema });

// ---------------------------------------------------------------- responses

/** A version's content as it is answered (plain text and ISO dates). */
const content = z.object({
  answers: z.object(Object.fromEntries(torQuestionIds.map((id) => [id, z.optional(z.string())])) as Record<TorQuestionId, z.ZodOptional<z.ZodString>>),
  periodFrom: z.optional(z.string()),
  periodTo: z.optional(z.string()),
  familyHistory: z.optional(z.string()),
  startDate: z.optional(z.string()),
  completionDate: z.optional(z.string()),
});
const person = z.object({ email: z.string(), role: z.string() });

export const torDraftViewSchema = z.object({
  revision: z.number().int(),
  /** The agreed version this draft started from (0: none). */
  basedOn: z.number().int(),
  updatedAt: z.string(),
  updatedBy: person,
  content,
});

export const torVersionViewSchema = z.object({
  version: z.number().int(),
  agreedAt: z.string(),
  agreedBy: person,
  content,
});

export const torViewSchema = z.object({
  reference: z.string(),
  /** May draw up and agree (sub-committee chair, business manager) while the review is in progress. */
  canEdit: z.boolean(),
  /** The draft is shown (drawn up by, or read by the panel, the Board chair, the auditor). */
  canReadDraft: z.boolean(),
  /** The draft being edited, or, when there is none, undefined: a new draft starts from the last agreed version. */
  draft: z.optional(torDraftViewSchema),
  /** Agreed versions, oldest first. */
  versions: z.array(torVersionViewSchema),
  /** What the case already knows, by question ("Known on the case: ..."). */
  known: z.record(z.string(), z.array(z.string())),
});
export type TorView = z.infer<typeof torViewSchema>;

export const torSavedSchema = z.object({ revision: z.number().int(), updatedAt: z.string() });
export const torAgreedSchema = z.object({ version: z.number().int(), agreedAt: z.string() });

export const torComparisonSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  entries: z.array(
    z.object({
      /** `answers.<question>` or a field id (`periodFrom`...). */
      field: z.string(),
      label: z.string(),
      changed: z.boolean(),
      before: z.optional(z.string()),
      after: z.optional(z.string()),
    }),
  ),
});
export type TorComparison = z.infer<typeof torComparisonSchema>;
