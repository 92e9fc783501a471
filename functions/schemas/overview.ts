import * as z from 'zod';

/**
 * The overview report's facts (issue 11; procedure 11.2 and Appendix B):
 * commissioning the overview author and their declaration of independence,
 * grouping rows of the integrated chronology, the genogram and "what was
 * known". One schema per form: the browser validates with it before sending,
 * the server again on arrival (GOV.UK error wording).
 */

const text = (label: string, max = 100) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${cap(label)} must be ${max.toLocaleString('en-GB')} characters or fewer` });

function cap(s: string): string {
  const bare = s.replace(/^(the|a|an|your|their|its|what) /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------- the overview author (11.2)

export const commissionOverviewAuthorSchema = z.strictObject({
  authorName: text('the author’s full name'),
  authorEmail: z
    .string({ error: 'Enter the author’s email address' })
    .trim()
    .min(1, { error: 'Enter the author’s email address' })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .regex(EMAIL, { error: 'Enter an email address in the correct format, like name@example.gov.uk' })
    .transform((s) => s.toLowerCase()),
});
export type CommissionOverviewAuthorInput = z.infer<typeof commissionOverviewAuthorSchema>;

/** "Independent of every body, agency and professional involved": one answer per body, and one for the professionals. */
export const overviewDeclarationSchema = z.strictObject({
  bodies: z
    .array(
      z.strictObject({
        body: z.string().trim().min(1).max(200),
        independent: z.boolean({ error: 'Select whether you are independent of this body' }),
      }),
      { error: 'Answer for every body involved' },
    )
    .max(200),
  professionals: z.boolean({ error: 'Select whether you are independent of every professional involved' }),
});
export type OverviewDeclarationInput = z.infer<typeof overviewDeclarationSchema>;

export const overviewAuthorStatuses = [
  { value: 'awaiting-declaration', label: 'Waiting for the author’s declaration of independence' },
  { value: 'independent', label: 'Commissioned: independence declared' },
] as const;

export const overviewAuthorViewSchema = z.object({
  name: z.string(),
  email: z.string(),
  status: z.enum(['awaiting-declaration', 'independent']),
  statusLabel: z.string(),
  commissionedAt: z.string(),
  commissionedBy: z.string(),
  declaredAt: z.string().optional(),
});

export const overviewViewSchema = z.object({
  reference: z.string(),
  author: overviewAuthorViewSchema.optional(),
  /** Authors who declared they were not independent: another had to be commissioned. */
  declined: z.array(z.object({ email: z.string(), declaredAt: z.string() })),
  /** Every body and agency involved, for the declaration. */
  bodies: z.array(z.string()),
  canCommission: z.boolean(),
  canDeclare: z.boolean(),
  /** The caller may read the accepted contributions and work on the facts (the author, and the Board's offices). */
  canReadFacts: z.boolean(),
  canEditFacts: z.boolean(),
  version: z.number(),
});
export type OverviewView = z.infer<typeof overviewViewSchema>;

export const acceptedContributionsSchema = z.object({
  contributions: z.array(
    z.object({
      id: z.string(),
      organisation: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      acceptedAt: z.string().optional(),
      sections: z.array(z.object({ section: z.string(), content: z.record(z.string(), z.unknown()), savedAt: z.string().optional() })),
      chronologyRows: z.number(),
    }),
  ),
});

// ---------------------------------------------------------------- the integrated chronology

export const chronologyGroupSchema = z.strictObject({
  rowKeys: z.array(z.string().max(200), { error: 'Select at least two rows to group' }).min(2, { error: 'Select at least two rows to group' }).max(20, { error: 'A group can have up to 20 rows' }),
  label: z
    .string()
    .trim()
    .max(200, { error: 'What the event was must be 200 characters or fewer' })
    .optional(),
});
export type ChronologyGroupInput = z.infer<typeof chronologyGroupSchema>;

const integratedRowViewSchema = z.object({
  key: z.string(),
  contributionId: z.string(),
  organisation: z.string(),
  date: z.string(),
  dateText: z.string(),
  time: z.string().optional(),
  role: z.string(),
  practitionerOrganisation: z.string(),
  whatHappened: z.string(),
  decisionOrAction: z.string().optional(),
  sourceRecord: z.string(),
  childSeen: z.boolean(),
  wishesAndFeelings: z.boolean(),
  groupId: z.string().optional(),
});
export type IntegratedRowView = z.infer<typeof integratedRowViewSchema>;

export const integratedChronologyViewSchema = z.object({
  rows: z.array(integratedRowViewSchema),
  groups: z.array(z.object({ id: z.string(), rowKeys: z.array(z.string()), label: z.string().optional(), createdAt: z.string(), createdBy: z.string() })),
  organisations: z.array(z.string()),
  canGroup: z.boolean(),
});
export type IntegratedChronologyView = z.infer<typeof integratedChronologyViewSchema>;

// ---------------------------------------------------------------- the genogram

export const GENOGRAM_LIMITS = { people: 60, relationships: 200 } as const;

export const genogramGenders = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'unknown', label: 'Not known' },
] as const;

export const genogramRelationshipKinds = [
  { value: 'parent-child', label: 'Parent and child' },
  { value: 'partnership', label: 'Partners' },
  { value: 'separated', label: 'Separated partners' },
] as const;

const ID = /^[a-z0-9-]{1,40}$/;
const year = (label: string) =>
  z
    .number({ error: `${label} must be a year, like 1990` })
    .int({ error: `${label} must be a year, like 1990` })
    .min(1900, { error: `${label} must be 1900 or later` })
    .max(2199, { error: `${label} must be a real year` })
    .optional();

export const genogramPersonSchema = z
  .strictObject({
    id: z.string().regex(ID),
    name: text('how the report names them', 80),
    relationship: text('their relationship to the child', 80),
    gender: z.enum(['female', 'male', 'unknown'], { error: 'Select their gender, or not known' }),
    bornYear: year('Year born'),
    diedYear: year('Year died'),
    inHousehold: z.boolean({ error: 'Select whether they live in the child’s household' }),
    subjectChild: z.boolean(),
  })
  .refine((p) => p.bornYear === undefined || p.diedYear === undefined || p.diedYear >= p.bornYear, {
    error: 'Year died must be the same as or after the year born',
    path: ['diedYear'],
  });

export const genogramRelationshipSchema = z.strictObject({
  id: z.string().regex(ID),
  kind: z.enum(['parent-child', 'partnership', 'separated'], { error: 'Select the kind of relationship' }),
  from: z.string({ error: 'Select the first person' }).min(1, { error: 'Select the first person' }),
  to: z.string({ error: 'Select the second person' }).min(1, { error: 'Select the second person' }),
});

/** The people and relationships, checked as a whole: references, at most one subject child, at most two parents, no one their own ancestor. */
export const genogramContentSchema = z
  .strictObject({
    people: z.array(genogramPersonSchema).max(GENOGRAM_LIMITS.people, { error: `A genogram can have up to ${GENOGRAM_LIMITS.people} people` }),
    relationships: z.array(genogramRelationshipSchema).max(GENOGRAM_LIMITS.relationships, { error: `A genogram can have up to ${GENOGRAM_LIMITS.relationships} relationships` }),
  })
  .superRefine((g, ctx) => {
    const ids = new Set(g.people.map((p) => p.id));
    if (ids.size !== g.people.length) ctx.addIssue({ code: 'custom', path: ['people'], message: 'Each person must be recorded once' });
    if (g.people.filter((p) => p.subjectChild).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['subjectChild'], message: 'Only one person can be the subject child' });
    }
    const seen = new Set<string>();
    const parents = new Map<string, string[]>();
    g.relationships.forEach((r, i) => {
      if (!ids.has(r.from) || !ids.has(r.to)) {
        ctx.addIssue({ code: 'custom', path: ['relationships', i, 'from'], message: 'Select people who are in the genogram' });
        return;
      }
      if (r.from === r.to) ctx.addIssue({ code: 'custom', path: ['relationships', i, 'to'], message: 'Select two different people' });
      const pair = r.kind === 'parent-child' ? `pc:${r.from}>${r.to}` : `p:${[r.from, r.to].sort().join('+')}`;
      const reverse = r.kind === 'parent-child' ? `pc:${r.to}>${r.from}` : '';
      if (seen.has(pair) || (reverse && seen.has(reverse))) {
        ctx.addIssue({ code: 'custom', path: ['relationships', i, 'to'], message: 'This relationship is already recorded' });
      }
      seen.add(pair);
      if (r.kind === 'parent-child') parents.set(r.to, [...(parents.get(r.to) ?? []), r.from]);
    });
    for (const [child, ps] of parents) {
      if (ps.length > 2) ctx.addIssue({ code: 'custom', path: ['relationships'], message: `${nameOf(g, child)} can have up to two parents in the genogram` });
    }
    // Nobody can be their own ancestor.
    const ancestorOf = (id: string, target: string, depth: number): boolean =>
      depth < 64 && (parents.get(id) ?? []).some((p) => p === target || ancestorOf(p, target, depth + 1));
    for (const id of ids) {
      if (ancestorOf(id, id, 0)) {
        ctx.addIssue({ code: 'custom', path: ['relationships'], message: `${nameOf(g, id)} cannot be their own parent or ancestor` });
        break;
      }
    }
  });

const nameOf = (g: { people: { id: string; name: string }[] }, id: string) => g.people.find((p) => p.id === id)?.name ?? 'Someone';

export const saveGenogramSchema = z.strictObject({
  expectedVersion: z.number().int().min(0),
  genogram: genogramContentSchema,
});
export type GenogramContent = z.infer<typeof genogramContentSchema>;

export const genogramViewSchema = z.object({
  genogram: genogramContentSchema,
  version: z.number(),
  savedAt: z.string().optional(),
  canEdit: z.boolean(),
});

// ---------------------------------------------------------------- what was known

export const WHAT_WAS_KNOWN_LIMIT = 20000;

export const whatWasKnownContentSchema = z.strictObject({
  parentsAndCarers: z.string().trim().max(WHAT_WAS_KNOWN_LIMIT, { error: `What was known about the parents and carers must be ${WHAT_WAS_KNOWN_LIMIT.toLocaleString('en-GB')} characters or fewer` }),
  perpetrator: z.string().trim().max(WHAT_WAS_KNOWN_LIMIT, { error: `What was known about any perpetrator must be ${WHAT_WAS_KNOWN_LIMIT.toLocaleString('en-GB')} characters or fewer` }),
  homeCircumstances: z.string().trim().max(WHAT_WAS_KNOWN_LIMIT, { error: `What was known about the home circumstances must be ${WHAT_WAS_KNOWN_LIMIT.toLocaleString('en-GB')} characters or fewer` }),
});
export type WhatWasKnown = z.infer<typeof whatWasKnownContentSchema>;

export const saveWhatWasKnownSchema = z.strictObject({ expectedVersion: z.number().int().min(0), content: whatWasKnownContentSchema });

export const whatWasKnownViewSchema = z.object({ content: whatWasKnownContentSchema, version: z.number(), savedAt: z.string().optional(), canEdit: z.boolean() });

export const savedSchema = z.object({ version: z.number(), savedAt: z.string() });
export const groupCreatedSchema = z.object({ id: z.string() });
