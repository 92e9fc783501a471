import * as z from 'zod';
import { isRealDate } from './dates.js';

/**
 * The overview report (paras 11.1-11.4, Appendix B): what its author writes,
 * section by section, and what the panel, the chairs and the business
 * manager record about it. One schema per form, used in the browser and on
 * the server; GOV.UK error wording.
 */

const longText = (label: string, max = 20_000) =>
  z
    .string({ error: `Enter ${label.toLowerCase()}` })
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` });

const text = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer` });

const isoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label.toLowerCase()}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a real date` })
    .refine(isRealDate, { error: `${label} must be a real date` });

/** Appendix B's four parts, in the report's order. */
export const reportSectionIds = ['introduction', 'facts', 'analysis', 'conclusions'] as const;
export type ReportSectionId = (typeof reportSectionIds)[number];

export const reportSectionTitles: Record<ReportSectionId, string> = {
  introduction: 'Introduction',
  facts: 'The facts',
  analysis: 'Analysis',
  conclusions: 'Conclusions and recommendations',
};

/** Introduction: what the author writes (the terms of reference, contributors and panel come from the case). */
export const introductionSchema = z.strictObject({
  circumstances: longText('The circumstances that led to the review'),
  authorName: z.string().trim().max(200, { error: 'Author’s name must be 200 characters or fewer' }),
  authorJobTitle: z.string().trim().max(200, { error: 'Author’s job title must be 200 characters or fewer' }),
});

/** The facts: what was known (the integrated chronology and the genogram come from the overview pages). */
export const factsSchema = z.strictObject({
  whatWasKnown: longText('What the agencies knew about parents and carers, any perpetrator and the home circumstances'),
});

/** Analysis: how and why; whether different decisions might have led elsewhere; good practice. */
export const analysisSchema = z.strictObject({
  howAndWhy: longText('How and why events occurred'),
  differentDecisions: longText('Whether different decisions or actions might have led to a different course of events'),
  goodPractice: longText('Good practice'),
});

/** Conclusions and recommendations: the Board's own recommendations, lessons of national relevance marked. */
export const conclusionsSchema = z.strictObject({
  conclusions: longText('Conclusions'),
  recommendations: z
    .array(
      z.strictObject({
        text: text('the recommendation', 2000),
        nationalRelevance: z.boolean({ error: 'Select whether this lesson is of national relevance' }),
      }),
    )
    .max(50, { error: 'Up to 50 recommendations' }),
});

export const reportSectionSchemas = {
  introduction: introductionSchema,
  facts: factsSchema,
  analysis: analysisSchema,
  conclusions: conclusionsSchema,
} as const;

export type ReportSectionContent<S extends ReportSectionId = ReportSectionId> = z.infer<(typeof reportSectionSchemas)[S]>;
export type ReportContent = { [S in ReportSectionId]: ReportSectionContent<S> };

/** Saving one section over the revision the page read (0: never saved in this version). */
export const saveReportSectionSchema = <S extends ReportSectionId>(section: S) =>
  z.strictObject({ expectedRevision: z.number().int().min(0), content: reportSectionSchemas[section] });

/** A panel member's comment on one section of a draft. */
export const reportCommentSchema = z.strictObject({
  section: z.enum(reportSectionIds, { error: 'Select the section you are commenting on' }),
  text: text('your comment', 5000),
});
export type ReportCommentInput = z.infer<typeof reportCommentSchema>;

/** Starting the next version: the version the page read as the latest (0: none yet). */
export const newReportVersionSchema = z.strictObject({ expectedLatest: z.number().int().min(0) });

/** Offering a version as final, for the chairs' acceptance (11.3). */
export const finaliseReportSchema = z.strictObject({ confirm: z.literal(true, { error: 'Confirm the report is ready for the chairs to accept' }) });

/** A chair's acceptance from the emailed link. */
export const acceptReportSchema = z.strictObject({ accept: z.literal(true, { error: 'Confirm that you accept the overview report' }) });

/** 10.8: a feedback session for the organisations, when the report raises new issues. */
export const feedbackSessionSchema = z.strictObject({
  heldOn: isoDate('Date the session was held'),
  organisations: text('the organisations that attended', 2000),
  notes: z.string().trim().max(5000, { error: 'Notes must be 5,000 characters or fewer' }).optional(),
});
export type FeedbackSessionInput = z.infer<typeof feedbackSessionSchema>;

/** The agreed pseudonyms for the anonymised export: each real name and what replaces it. */
export const pseudonymsSchema = z.strictObject({
  entries: z
    .array(z.strictObject({ name: text('the name to replace', 200), pseudonym: text('the pseudonym', 200) }))
    .max(100, { error: 'Up to 100 pseudonyms' })
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        const key = e.name.trim().toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${e.name} is listed twice` });
        seen.add(key);
      });
    }),
});
export type PseudonymsInput = z.infer<typeof pseudonymsSchema>;

/** Marking the anonymised report published (8.8): when and where. */
export const publicationSchema = z.strictObject({
  publishedOn: isoDate('Date published'),
  where: text('where it was published', 500),
});
export type PublicationInput = z.infer<typeof publicationSchema>;

export const exportFormats = ['docx', 'pdf'] as const;
export const exportKinds = ['report', 'executive-summary', 'anonymised'] as const;
export const exportRequestSchema = z.strictObject({
  format: z.enum(exportFormats, { error: 'Select Word or PDF' }),
  kind: z.enum(exportKinds, { error: 'Select the full report, the executive summary or the anonymised report' }),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** GET /api/actions for a chair asked to accept the overview report (11.3). */
export const reportAcceptActionSchema = z.object({
  reference: z.string(),
  action: z.literal('report-accept'),
  state: z.enum(['open', 'used', 'expired']),
  expiredOn: z.string().optional(),
  dueBy: z.string().meta({ description: 'The review’s completion date in words (8.4, 8.5)' }),
  chair: z.enum(['sub-committee-chair', 'board-chair']),
  version: z.number(),
  stepLabel: z.string(),
  /** The report's section titles and whether each is written, and the counts the chair sees before accepting; never its text. */
  summary: z.object({ sections: z.array(z.object({ title: z.string(), written: z.boolean() })), comments: z.number(), recommendations: z.number() }),
});
