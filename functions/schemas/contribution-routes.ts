import * as z from 'zod';
import type { Command } from './command.js';
import * as contrib from './contributions.js';
import * as imr from './imr.js';
import { myContributionsSchema } from './my-contributions.js';

/**
 * The routes of contributions (paras 9.1-9.6, 10.1-10.2, 10.6, 10.11),
 * served by `api-contributions`; spread into the one route table
 * (routes.ts), from which the catalogue, the dispatch and OpenAPI follow.
 */

const KB = 1024;
const NOT_ON_CASE = 'No such case, or you are not on it';
const NO_SUCH = 'No such case or contribution, or you may not see it';
const INVALID = 'Not valid; `errors` lists each field with GOV.UK wording';
const BODY_ERRORS = { 413: 'The body is too large', 415: 'The body is not JSON' } as const;
const CONFLICT = 'Not allowed in this state (the message says which rule), or changed by someone else meanwhile: nothing was changed';
const view = { name: 'Contribution', schema: contrib.contributionViewSchema };
const base = '/api/cases/{reference}/contributions';

function contributionWrite(spec: { path: string; summary: string; whoMay: string; request?: { name: string; schema: z.ZodType }; method?: 'POST' | 'PUT' }) {
  return {
    lambda: 'api-contributions' as const,
    method: spec.method ?? ('POST' as const),
    path: `${base}/{contributionId}/${spec.path}`,
    auth: 'staff' as const,
    summary: spec.summary,
    whoMay: spec.whoMay,
    ...(spec.request ? { request: { ...spec.request, maxBytes: 16 * KB } } : {}),
    responses: { 200: { description: 'Recorded: the contribution now', body: view } },
    errors: { 400: INVALID, 403: 'You are not the person who does this on this contribution', 404: NO_SUCH, 409: CONFLICT, ...BODY_ERRORS },
  };
}

function imrSection<S extends imr.ImrSectionName>(section: S, summary: string) {
  return {
    lambda: 'api-contributions' as const,
    method: 'PUT' as const,
    path: `${base}/{contributionId}/imr/${section}`,
    auth: 'staff' as const,
    summary,
    whoMay: 'The author, while writing it',
    request: { name: `Imr${section.charAt(0).toUpperCase()}${section.slice(1)}`, schema: imr.saveImrSectionSchema(section), maxBytes: 256 * KB },
    responses: { 200: { description: 'Saved, with the section’s new version', body: { name: 'ImrSection', schema: imr.imrSectionViewSchema } } },
    errors: { 400: INVALID, 403: 'Only the author writes it', 404: NO_SUCH, 409: 'Saved by someone else since it was read, or not being written now: nothing was saved', ...BODY_ERRORS },
  };
}

export const contributionCommands = {
  listContributions: {
    lambda: 'api-contributions',
    method: 'GET',
    path: base,
    auth: 'staff',
    summary: 'The contributions of a review the caller may see: whole when theirs (or submitted, for the panel and Board offices); otherwise who was asked, status and due date',
    whoMay: 'Staff on the case; a senior officer or author named on one of its contributions',
    responses: { 200: { description: 'Oldest first', body: { name: 'ContributionList', schema: contrib.contributionListSchema } } },
    errors: { 404: NOT_ON_CASE, 409: 'The case is not a review in progress' },
  },
  commissionContribution: {
    lambda: 'api-contributions',
    method: 'POST',
    path: base,
    auth: 'staff',
    summary: 'Ask an organisation for a contribution, naming its senior officer (9.1, 10.1)',
    whoMay: 'Business manager',
    request: { name: 'CommissionContribution', schema: contrib.commissionContributionSchema, maxBytes: 16 * KB },
    responses: { 201: { description: 'Asked for', body: view } },
    errors: { 400: INVALID, 403: 'Only the business manager asks for contributions', 404: NOT_ON_CASE, 409: CONFLICT, ...BODY_ERRORS },
  },
  getContribution: {
    lambda: 'api-contributions',
    method: 'GET',
    path: `${base}/{contributionId}`,
    auth: 'staff',
    summary: 'One contribution, as the caller may see it',
    whoMay: 'As for the list',
    responses: { 200: { description: 'The contribution', body: view } },
    errors: { 404: NO_SUCH, 409: 'The case is not a review in progress' },
  },
  changeContributionDueDate: contributionWrite({
    method: 'PUT',
    path: 'due-date',
    summary: "Change a contribution's due date (never after the review's completion date)",
    whoMay: 'Business manager',
    request: { name: 'ContributionDueDate', schema: contrib.contributionDueDateSchema },
  }),
  nameContributionAuthor: contributionWrite({
    path: 'author',
    summary: 'Name the author (10.1)',
    whoMay: 'The senior officer named on the contribution',
    request: { name: 'NameAuthor', schema: contrib.nameAuthorSchema },
  }),
  declareContributionIndependence: contributionWrite({
    path: 'independence',
    summary: 'The author declares independence (10.2); a "no" sends it back to the senior officer for another author',
    whoMay: 'The named author',
    request: { name: 'Independence', schema: contrib.independenceSchema },
  }),
  recordContributionCourtAgreement: contributionWrite({
    path: 'court-agreement',
    summary: "Record the court's prior agreement to a children's guardian's contribution (9.6)",
    whoMay: 'Business manager',
    request: { name: 'CourtAgreement', schema: contrib.courtAgreementSchema },
  }),
  submitContribution: contributionWrite({
    path: 'submit',
    summary: 'Submit the contribution to the senior officer',
    whoMay: 'The author',
  }),
  acceptContribution: contributionWrite({
    path: 'accept',
    summary: 'Accept the findings (10.6); who and when are recorded',
    whoMay: 'The senior officer named on the contribution',
  }),
  returnContribution: contributionWrite({
    path: 'return',
    summary: 'Return it to the author with reasons (10.6)',
    whoMay: 'The senior officer named on the contribution',
    request: { name: 'ReturnContribution', schema: contrib.returnContributionSchema },
  }),
  recordContributionDebrief: contributionWrite({
    path: 'debrief',
    summary: 'Record that the staff involved had feedback and a debrief on the findings (10.7)',
    whoMay: 'The senior officer named on the contribution, or the business manager',
    request: { name: 'SessionHeld', schema: contrib.sessionHeldSchema },
  }),
  recordContributionFollowUp: contributionWrite({
    path: 'follow-up',
    summary: 'Record a follow-up session (10.8)',
    whoMay: 'The senior officer named on the contribution, or the business manager',
    request: { name: 'SessionHeld', schema: contrib.sessionHeldSchema },
  }),
  listDisciplinaryMatters: {
    lambda: 'api-contributions',
    method: 'GET',
    path: `${base}/{contributionId}/disciplinary`,
    auth: 'staff',
    summary: 'Disciplinary matters arising from a contribution (10.9, 10.10), kept apart from it and from any export',
    whoMay: 'Business manager; the senior officer of the contribution’s organisation',
    responses: { 200: { description: 'Oldest first', body: { name: 'DisciplinaryMatterList', schema: contrib.disciplinaryMatterListSchema } } },
    errors: { 404: NO_SUCH, 409: 'The case is not a review in progress' },
  },
  recordDisciplinaryMatter: {
    lambda: 'api-contributions',
    method: 'POST',
    path: `${base}/{contributionId}/disciplinary`,
    auth: 'staff',
    summary: 'Record a disciplinary matter arising from a contribution (10.9, 10.10)',
    whoMay: 'Business manager; the senior officer of the contribution’s organisation',
    request: { name: 'DisciplinaryMatter', schema: contrib.disciplinaryMatterSchema, maxBytes: 16 * KB },
    responses: { 201: { description: 'Recorded', body: { name: 'DisciplinaryMatterRecorded', schema: contrib.disciplinaryMatterViewSchema } } },
    errors: { 400: INVALID, 404: NO_SUCH, 409: CONFLICT, ...BODY_ERRORS },
  },
  getImr: {
    lambda: 'api-contributions',
    method: 'GET',
    path: `${base}/{contributionId}/imr`,
    auth: 'staff',
    summary: 'The IMR’s saved sections (Appendix A), each with its version',
    whoMay: 'Whoever may see the contribution’s content',
    responses: { 200: { description: 'The saved sections', body: { name: 'Imr', schema: imr.imrViewSchema } } },
    errors: { 404: NO_SUCH, 409: 'The case is not a review in progress' },
  },
  saveImrAnalysis: imrSection('analysis', 'Save the analysis of involvement: the nine questions and case-specific ones (Appendix A, 10.13)'),
  saveImrLearning: imrSection('learning', 'Save what we learn: good practice and improvements (Appendix A)'),
  saveImrRecommendations: imrSection('recommendations', 'Save the recommendations for action (Appendix A)'),
  saveImrInterviews: imrSection('interviews', 'Save the interview records and when each was shared (10.14)'),
  getChronology: {
    lambda: 'api-contributions',
    method: 'GET',
    path: `${base}/{contributionId}/imr/chronology`,
    auth: 'staff',
    summary: 'The IMR’s chronology of involvement, in reading order (Appendix A part 1)',
    whoMay: 'Whoever may see the contribution’s content',
    responses: { 200: { description: 'Every row, sorted', body: { name: 'Chronology', schema: imr.chronologyViewSchema } } },
    errors: { 404: NO_SUCH, 409: 'The case is not a review in progress' },
  },
  addChronologyRows: {
    lambda: 'api-contributions',
    method: 'POST',
    path: `${base}/{contributionId}/imr/chronology`,
    auth: 'staff',
    summary: 'Add up to 99 chronology rows (typed in, or a file’s accepted rows); every problem is named by its row',
    whoMay: 'The author, while writing it',
    request: { name: 'AddChronology', schema: imr.addChronologySchema, maxBytes: 1024 * KB },
    responses: { 201: { description: 'The rows added, each with its id and position', body: { name: 'Chronology', schema: imr.chronologyViewSchema } } },
    errors: { 400: INVALID, 403: 'Only the author writes it', 404: NO_SUCH, 409: CONFLICT, ...BODY_ERRORS },
  },
  updateChronologyRow: {
    lambda: 'api-contributions',
    method: 'PUT',
    path: `${base}/{contributionId}/imr/chronology/{rowId}`,
    auth: 'staff',
    summary: 'Change one chronology row (its date checked against the agreed review period); it keeps its place among same-day rows',
    whoMay: 'The author, while writing it',
    request: { name: 'UpdateChronologyRow', schema: imr.updateChronologySchema, maxBytes: 64 * KB },
    responses: { 200: { description: 'The row as saved', body: { name: 'Chronology', schema: imr.chronologyViewSchema } } },
    errors: { 400: INVALID, 403: 'Only the author writes it', 404: 'No such case, contribution or row, or you may not see it', 409: CONFLICT, ...BODY_ERRORS },
  },
  deleteChronologyRow: {
    lambda: 'api-contributions',
    method: 'DELETE',
    path: `${base}/{contributionId}/imr/chronology/{rowId}`,
    auth: 'staff',
    summary: 'Delete one chronology row',
    whoMay: 'The author, while writing it',
    responses: { 204: { description: 'Deleted' } },
    errors: { 403: 'Only the author writes it', 404: 'No such case, contribution or row, or you may not see it', 409: CONFLICT },
  },
  moveChronologyRow: {
    lambda: 'api-contributions',
    method: 'POST',
    path: `${base}/{contributionId}/imr/chronology/{rowId}/move`,
    auth: 'staff',
    summary: 'Move a row up or down among the rows its date and time do not order',
    whoMay: 'The author, while writing it',
    request: { name: 'MoveChronologyRow', schema: imr.moveChronologySchema, maxBytes: 1 * KB },
    responses: { 200: { description: 'The chronology in reading order', body: { name: 'Chronology', schema: imr.chronologyViewSchema } } },
    errors: { 400: INVALID, 403: 'Only the author writes it', 404: NO_SUCH, 409: CONFLICT, ...BODY_ERRORS },
  },
  listMyContributions: {
    lambda: 'api-contributions',
    method: 'GET',
    path: '/api/my-contributions',
    auth: 'staff',
    summary: 'The contributions the caller acts on, on any review (as senior officer or current author): what is needed from them next and by when',
    whoMay: 'Any signed-in staff member (their own contributions only)',
    responses: { 200: { description: 'Those needing the caller first, then soonest due', body: { name: 'MyContributions', schema: myContributionsSchema } } },
    errors: {},
  },
} satisfies Record<string, Command>;
