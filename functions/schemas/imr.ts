import * as z from 'zod';
import { isoDate } from './review.js';

/**
 * The individual management review's sections after the chronology
 * (Appendix A, paras 10.12-10.14), each saved on its own so two authors
 * working on different sections never overwrite each other. Drafts may
 * leave answers empty; submission checks what must be there.
 */

const longText = (label: string, max = 10_000) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` });
const text = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label.toLowerCase()}` })
    .trim()
    .min(1, { error: `Enter ${label.toLowerCase()}` })
    .max(max, { error: `${label} must be ${max} characters or fewer` });

/** Appendix A, "Analysis of involvement": the nine questions. */
export const analysisQuestions = [
  'Were practitioners sensitive to the needs of the children in their work, knowledgeable about potential indicators of abuse or neglect, and about what to do if they had concerns about a child?',
  'Did the organisation have in place policies and procedures for safeguarding and promoting the welfare of children and acting on concerns about their welfare?',
  'What were the key relevant points/opportunities for assessment and decision-making in this case in relation to the child and family? Do assessments and decisions appear to have been reached in an informed and professional way?',
  'Did actions accord with assessments and decisions made? Were appropriate services offered/provided, or relevant enquiries made, in the light of assessments?',
  'Where relevant, were appropriate child protection or care plans in place, and child protection and/or looked after reviewing processes complied with?',
  'When, and in what way, were the child(ren)’s wishes and feelings ascertained and taken account of when making decisions about children’s services? Was this information recorded?',
  'Was practice sensitive to the racial, cultural, linguistic and religious identity of the child and family?',
  'Were more senior managers or other organisations and professionals involved at points where they should have been?',
  'Was the work in this case consistent with each organisation’s and the Board’s policy and procedures for safeguarding and promoting the welfare of children, and with wider professional standards?',
] as const;

export const analysisSchema = z.strictObject({
  answers: z.array(longText('Answer')).length(analysisQuestions.length, { error: `Answer each of the ${analysisQuestions.length} questions` }),
  /** 10.13: questions the panel added for this case. */
  caseSpecific: z.array(z.strictObject({ question: text('The question', 1000), answer: longText('Answer') })).max(20, { error: 'Up to 20 case-specific questions' }),
});

/** "What do we learn from this case?" */
export const learningSchema = z.strictObject({
  goodPractice: longText('Good practice'),
  waysOfWorking: longText('Ways of working'),
  training: longText('Training'),
  managementAndSupervision: longText('Management and supervision'),
  partnershipWorking: longText('Working in partnership'),
  resources: longText('Resources'),
});

/** "Recommendations for action": what, by whom, by when, the outcome expected and how it is evaluated. */
export const recommendationsSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        action: text('The action', 2000),
        byWhom: text('Who will do it'),
        byWhen: isoDate('Date it is due by'),
        outcome: text('The outcome expected', 2000),
        evaluation: text('How it will be evaluated', 2000),
      }),
    )
    .max(50, { error: 'Up to 50 recommendations' }),
});

/** 10.14: each interview, and when its written record was shared with the interviewee. */
export const interviewsSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        interviewee: text('Who was interviewed'),
        role: text('Their role'),
        heldOn: isoDate('Date of the interview'),
        interviewedBy: text('Who interviewed them'),
        sharedOn: isoDate('Date the record was shared').optional(),
      }),
    )
    .max(100, { error: 'Up to 100 interview records' }),
});

export const imrSections = { analysis: analysisSchema, learning: learningSchema, recommendations: recommendationsSchema, interviews: interviewsSchema } as const;
export type ImrSectionName = keyof typeof imrSections;
export type ImrSectionContent<S extends ImrSectionName = ImrSectionName> = z.infer<(typeof imrSections)[S]>;

/** Saving a section: its content and the version it was read at (absent for a first save). */
export const saveImrSectionSchema = <S extends ImrSectionName>(section: S) =>
  z.strictObject({ content: imrSections[section], expectedVersion: z.number().int().min(1).optional() });

export const imrSectionViewSchema = z.object({
  section: z.enum(['analysis', 'learning', 'recommendations', 'interviews']),
  content: z.unknown(),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export const imrViewSchema = z.object({ sections: z.array(imrSectionViewSchema) });

/** Adding chronology rows (typed in, or a file's rows after the browser's import): each entry is checked with chronologyEntrySchema. */
export const addChronologySchema = z.strictObject({
  entries: z.array(z.unknown()).min(1, { error: 'Add at least one row' }).max(99, { error: 'Add up to 99 rows at a time' }),
});
/** Changing one row: its whole entry, checked with chronologyEntrySchema (review period included). */
export const updateChronologySchema = z.strictObject({
  entry: z.unknown(),
  /** The row's version when the editor read it: the change is saved only if nobody changed the row since. */
  expectedVersion: z
    .number({ error: 'The version of the row you changed is missing: reload the row and make your change again' })
    .int({ error: 'The version of the row you changed is missing: reload the row and make your change again' })
    .min(1, { error: 'The version of the row you changed is missing: reload the row and make your change again' }),
});
export const moveChronologySchema = z.strictObject({ direction: z.enum(['up', 'down'], { error: 'Select up or down' }) });
/** The review period of the agreed terms of reference that bounds the rows' dates; null while none is agreed. */
export const chronologyPeriodSchema = z.object({ from: z.string(), to: z.string(), version: z.number() }).nullable();
export const chronologyViewSchema = z.object({ rows: z.array(z.record(z.string(), z.unknown())), reviewPeriod: chronologyPeriodSchema.optional() });
