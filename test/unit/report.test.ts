import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { openReview, agreedDateDeadline } from '../../functions/domain/review/review.js';
import type { Contribution } from '../../functions/domain/contributions/contributions.js';
import {
  accept,
  acceptanceStep,
  comment,
  contentOf,
  emptyReportState,
  finalise,
  mayOnReport,
  owedReportEmails,
  pseudonymise,
  publishBlocker,
  saveSection,
  startVersion,
  ReportRuleError,
  type ReportDerived,
  type ReportState,
} from '../../functions/domain/report/report.js';
import { deriveReportParts } from '../../functions/domain/report/derived.js';
import { completionOutcome, describeCompletion } from '../../functions/domain/report/timeliness.js';
import { saveReportSectionSchema, pseudonymsSchema } from '../../functions/schemas/report.js';
import type { TorVersion } from '../../functions/domain/review/terms-of-reference.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const calendar = englandAndWalesCalendar();
const author = { email: 'author@example.org', role: 'overview-author' };
const derived: ReportDerived = { termsOfReference: { version: 1, items: [] }, contributors: [], panel: [], imrRecommendations: [] };

/** Applies a new version and its sections to a state, as the store would. */
function withVersion(s: ReportState, at: string): ReportState {
  const { version, sections } = startVersion(s, author, at);
  return { ...s, versions: [...s.versions, version], sections: [...s.sections, ...sections] };
}

function written(s: ReportState, v: number): ReportState {
  const at = '2026-03-01T10:00:00Z';
  const secs = [
    saveSection(s, v, 'introduction', { circumstances: 'Child A was admitted to hospital.', authorName: 'Alex Author', authorJobTitle: 'Independent reviewer' }, author, at),
    saveSection(s, v, 'facts', { whatWasKnown: 'Known to two agencies.' }, author, at),
    saveSection(s, v, 'analysis', { howAndWhy: 'Information was not shared.', differentDecisions: 'Possibly.', goodPractice: 'The school acted quickly.' }, author, at),
    saveSection(s, v, 'conclusions', { conclusions: 'Lessons were learned.', recommendations: [{ text: 'Share referrals within a day', nationalRelevance: true }] }, author, at),
  ];
  return { ...s, sections: [...s.sections.filter((x) => x.version !== v), ...secs] };
}

describe('report versions', () => {
  it('starts at version 1 and copies the latest version’s sections into the next, leaving the earlier one as it was', () => {
    // Prepare
    let s = withVersion(emptyReportState(), '2026-03-01T09:00:00Z');
    s = written(s, 1);
    // Act
    s = withVersion(s, '2026-03-02T09:00:00Z');
    const edited = saveSection(s, 2, 'facts', { whatWasKnown: 'Known to three agencies.' }, author, '2026-03-02T10:00:00Z');
    s = { ...s, sections: [...s.sections.filter((x) => !(x.version === 2 && x.section === 'facts')), edited] };
    // Assess
    expect(s.versions.map((v) => [v.version, v.basedOn])).toEqual([[1, 0], [2, 1]]);
    expect(contentOf(s, 1).facts.whatWasKnown).toBe('Known to two agencies.');
    expect(contentOf(s, 2).facts.whatWasKnown).toBe('Known to three agencies.');
    expect(contentOf(s, 2).analysis.goodPractice).toBe('The school acted quickly.');
    expect(edited.revision).toBe(2);
  });

  it('refuses edits to a superseded version and to one offered as final', () => {
    let s = written(withVersion(emptyReportState(), '2026-03-01T09:00:00Z'), 1);
    s = withVersion(s, '2026-03-02T09:00:00Z');
    expect(() => saveSection(s, 1, 'facts', { whatWasKnown: 'x' }, author, 'now')).toThrow(/superseded/);
    const final = finalise(s, 2, derived, author, '2026-03-03T09:00:00Z');
    s = { ...s, versions: s.versions.map((v) => (v.version === 2 ? final : v)) };
    expect(() => saveSection(s, 2, 'facts', { whatWasKnown: 'x' }, author, 'now')).toThrow(/offered as final/);
  });

  it('will not offer an empty draft as final, and says what is missing', () => {
    const s = withVersion(emptyReportState(), '2026-03-01T09:00:00Z');
    expect(() => finalise(s, 1, derived, author, 'now')).toThrow(ReportRuleError);
    expect(() => finalise(s, 1, derived, author, 'now')).toThrow('Write the circumstances that led to the review (Introduction)');
  });

  it('keeps comments per version and section, and closes them once the Board chair accepted', () => {
    let s = written(withVersion(emptyReportState(), '2026-03-01T09:00:00Z'), 1);
    const c = comment(s, 1, 'analysis', 'Say more about the GP.', 'c1', { email: 'panel@example.org', role: 'sub-committee-member' }, '2026-03-02T09:00:00Z');
    expect(c).toMatchObject({ version: 1, section: 'analysis', text: 'Say more about the GP.' });
    s = { ...s, versions: [finalise(s, 1, derived, author, 't1')] };
    s = { ...s, versions: [accept(s, 1, 'sub-committee-chair', { email: 'scc@example.org', role: 'sub-committee-chair' }, 't2')] };
    s = { ...s, versions: [accept(s, 1, 'board-chair', { email: 'bc@example.org', role: 'board-chair' }, 't3')] };
    expect(() => comment(s, 1, 'analysis', 'Late', 'c2', author, 't4')).toThrow(/comments are closed/);
  });
});

describe('acceptance by both chairs', () => {
  const scc = { email: 'scc@example.org', role: 'sub-committee-chair' };
  const bc = { email: 'bc@example.org', role: 'board-chair' };
  const finalState = () => {
    const s = written(withVersion(emptyReportState(), '2026-03-01T09:00:00Z'), 1);
    return { ...s, versions: [finalise(s, 1, derived, author, '2026-03-02T09:00:00Z')] };
  };

  it('asks the sub-committee chair first, then the Board chair, then nobody', () => {
    let s = finalState();
    expect(acceptanceStep(s, 1)).toBe('awaiting-sub-committee-chair');
    expect(owedReportEmails(s)).toEqual([{ kind: 'report-acceptance', chair: 'sub-committee-chair', version: 1, recipientRole: 'report:v1:sub-committee-chair' }]);
    expect(() => accept(s, 1, 'board-chair', bc, 't')).toThrow('The sub-committee chair must accept the report first');
    s = { ...s, versions: [accept(s, 1, 'sub-committee-chair', scc, '2026-03-03T09:00:00Z')] };
    expect(acceptanceStep(s, 1)).toBe('awaiting-board-chair');
    expect(owedReportEmails(s).map((e) => e.recipientRole)).toEqual(['report:v1:board-chair']);
    expect(() => accept(s, 1, 'sub-committee-chair', scc, 't')).toThrow(/already accepted/);
    s = { ...s, versions: [accept(s, 1, 'board-chair', bc, '2026-03-04T09:00:00Z')] };
    expect(acceptanceStep(s, 1)).toBe('accepted');
    expect(s.versions[0]).toMatchObject({ subCommitteeChairAcceptance: { by: scc, at: '2026-03-03T09:00:00Z' }, boardChairAcceptance: { by: bc, at: '2026-03-04T09:00:00Z' } });
    expect(owedReportEmails(s)).toEqual([]);
    expect(() => startVersion(s, author, 't')).toThrow(/no longer be changed/);
  });

  it('a new version started after the offer supersedes it: it can no longer be accepted and owes no email', () => {
    let s = finalState();
    s = withVersion(s, '2026-03-03T09:00:00Z');
    expect(acceptanceStep(s, 1)).toBe('superseded');
    expect(() => accept(s, 1, 'sub-committee-chair', scc, 't')).toThrow(/later version/);
    expect(owedReportEmails(s)).toEqual([]);
  });
});

describe('who may do what with the report', () => {
  it.each([
    ['overview-author', 'edit', false, true],
    ['business-manager', 'edit', false, true],
    ['sub-committee-chair', 'edit', false, false],
    ['sub-committee-member', 'comment', false, true],
    ['agency-contributor', 'comment', false, false],
    ['agency-contributor', 'comment', true, true],
    ['agency-contributor', 'read', false, false],
    ['external-reader', 'read', true, false],
    ['auditor', 'read', false, true],
    ['auditor', 'comment', false, false],
    ['board-chair', 'manage', false, false],
    ['business-manager', 'manage', false, true],
  ] as const)('%s %s (on the panel: %s): %s', (role, action, onPanel, allowed) => {
    expect(mayOnReport(role, action, onPanel)).toBe(allowed);
  });
});

describe('what the report takes from the case', () => {
  it('lists contributors and the panel, takes the agreed terms of reference, and attributes accepted IMRs’ recommendations', () => {
    // Prepare
    const review = openReview(new Date('2026-01-10T12:00:00Z'), board, calendar);
    review.panel.push({ id: 'p1', name: 'Pat Panel', jobTitle: 'Head of service', organisation: 'County Council', agency: 'social-care', email: 'pat@example.org', coOpted: false, addedAt: 't', addedBy: 'bm' });
    const contribution = (id: string, organisation: string, status: Contribution['status'], kind: Contribution['kind'] = 'imr') =>
      ({ id, organisation, status, kind, author: { name: `Author ${id}`, jobTitle: 'Reviewer', email: `${id}@example.org`, namedAt: 't' } }) as unknown as Contribution;
    const tor = { version: 2, content: { answers: { issues: 'Information sharing' }, periodFrom: '2025-01-01', periodTo: '2025-12-31' } } as unknown as TorVersion;
    const rec = { action: 'Train staff', byWhom: 'Named nurse', byWhen: '2026-06-30', outcome: 'Staff know the pathway', evaluation: 'Audit' };
    // Act
    const parts = deriveReportParts({
      review,
      tor,
      contributions: [contribution('c1', 'Health Trust', 'accepted'), contribution('c2', 'Police', 'submitted'), contribution('c3', 'GP practice', 'accepted', 'independent-professional')],
      recommendations: new Map([['c1', { items: [rec] }], ['c2', { items: [{ ...rec, action: 'Not yet accepted' }] }]]),
    });
    // Assess
    expect(parts.termsOfReference.version).toBe(2);
    expect(parts.termsOfReference.items[0]).toEqual({ label: expect.stringMatching(/^Question 1: /), text: 'Information sharing' });
    expect(parts.termsOfReference.items.at(-1)).toEqual({ label: 'Period reviewed', text: expect.stringMatching(/1 January 2025 to 31 December 2025/) });
    expect(parts.contributors.map((c) => [c.organisation, c.nature])).toEqual([
      ['Health Trust', 'Individual management review'],
      ['Police', 'Individual management review'],
      ['GP practice', 'Report from an independent professional (for example a GP)'],
    ]);
    expect(parts.panel).toEqual([{ name: 'Pat Panel', jobTitle: 'Head of service', organisation: 'County Council', agency: 'Children’s Services (social care)' }]);
    expect(parts.imrRecommendations).toEqual([{ organisation: 'Health Trust', ...rec }]);
  });
});

describe('anonymising', () => {
  const entries = [
    { name: 'Jane Smith', pseudonym: 'Mother' },
    { name: 'Jane', pseudonym: 'Child A' },
    { name: 'Tom', pseudonym: 'Sibling B' },
  ];
  it.each([
    ['Jane Smith told the nurse that Jane was unwell.', 'Mother told the nurse that Child A was unwell.'],
    ['JANE and jane and Tom.', 'Child A and Child A and Sibling B.'],
    ['Tomorrow Tomas saw Tom.', 'Tomorrow Tomas saw Sibling B.'],
    ['Jane\nSmith (across a line)', 'Mother (across a line)'],
    ['No names here.', 'No names here.'],
  ])('%j becomes %j', (text, expected) => {
    expect(pseudonymise(text, entries)).toBe(expected);
  });

  it('never replaces inside a pseudonym', () => {
    expect(pseudonymise('Anna met Ann.', [{ name: 'Ann', pseudonym: 'Anna' }, { name: 'Anna', pseudonym: 'Child C' }])).toBe('Child C met Anna.');
  });

  it('refuses the same name twice in the pseudonym table', () => {
    const r = pseudonymsSchema.safeParse({ entries: [{ name: 'Jane', pseudonym: 'A' }, { name: ' jane ', pseudonym: 'B' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('jane is listed twice');
  });
});

describe('publication (8.8)', () => {
  const accepted = (): ReportState => {
    const s = written(withVersion(emptyReportState(), 't0'), 1);
    let v = finalise(s, 1, derived, author, 't1');
    v = accept({ ...s, versions: [v] }, 1, 'sub-committee-chair', author, 't2');
    v = accept({ ...s, versions: [v] }, 1, 'board-chair', author, 't3');
    return { ...s, versions: [v], pseudonyms: { entries: [{ name: 'Jane', pseudonym: 'Child A' }], updatedAt: 't', updatedBy: 'bm' } };
  };
  it('is blocked while a hold is on, before acceptance, and without pseudonyms', () => {
    expect(publishBlocker(accepted(), { reason: 'Criminal trial' })).toMatch(/^Publication is on hold \(paragraph 8\.8\): Criminal trial/);
    expect(publishBlocker({ ...accepted(), versions: [] }, undefined)).toMatch(/both chairs/);
    const { pseudonyms: _p, ...noPseudonyms } = accepted();
    expect(publishBlocker(noPseudonyms, undefined)).toMatch(/pseudonyms/);
    expect(publishBlocker(accepted(), undefined)).toBeUndefined();
  });
});

describe('the section schema', () => {
  it('gives GOV.UK wording for a recommendation left empty', () => {
    const r = saveReportSectionSchema('conclusions').safeParse({ expectedRevision: 0, content: { conclusions: 'x', recommendations: [{ text: ' ', nationalRelevance: false }] } });
    expect(r.error?.issues[0]?.message).toBe('Enter the recommendation');
  });
});

describe('completion in time (8.4, 8.5)', () => {
  const decidedIn = (at: string) => openReview(new Date(at), board, calendar);
  it.each([
    // decided in GMT, due in BST: 15 Jan + 4 months = 15 May (BST)
    ['on the last day, late evening BST', '2026-01-15T10:00:00Z', '2026-05-15T22:30:00Z', { kind: 'within-four-months', completedOn: '2026-05-15' }],
    // 23:30 UTC on 15 May is 00:30 BST on 16 May: a day late
    ['half past midnight BST the day after', '2026-01-15T10:00:00Z', '2026-05-15T23:30:00Z', { kind: 'late', completedOn: '2026-05-16', daysLate: 1 }],
    // decided in BST (00:30 BST on 1 July is 23:30 UTC on 30 June), due in GMT: 1 July + 4 months = 1 November
    ['decided just after midnight BST, completed on the GMT due day', '2026-06-30T23:30:00Z', '2026-11-01T23:59:00Z', { kind: 'within-four-months', completedOn: '2026-11-01' }],
    ['ten days late in GMT', '2026-06-30T23:30:00Z', '2026-11-11T09:00:00Z', { kind: 'late', completedOn: '2026-11-11', daysLate: 10 }],
  ])('%s', (_name, decidedAt, completedAt, expected) => {
    expect(completionOutcome(decidedIn(decidedAt), completedAt, 4)).toMatchObject(expected);
  });

  it('within an agreed extension, and late against the extended date', () => {
    const review = decidedIn('2026-01-15T10:00:00Z');
    const extended = {
      ...review,
      completion: agreedDateDeadline('2026-07-31', new Date('2026-05-01T09:00:00Z'), 'New completion date agreed', '8.5'),
      extensions: [{ newDueDate: '2026-07-31', agreedOn: '2026-05-01', agreedByRole: 'board-chair', reason: 'Trial', previousDueDate: '2026-05-15', recordedBy: 'bm', recordedAt: 't' }],
    } as unknown as typeof review;
    const within = completionOutcome(extended, '2026-07-20T09:00:00Z', 4);
    expect(within).toEqual({ kind: 'within-extension', completedOn: '2026-07-20', dueDate: '2026-07-31', originalDueDate: '2026-05-15', extensions: 1 });
    expect(describeCompletion(within)).toBe('Completed on Monday 20 July 2026, within the agreed extension (due by Friday 31 July 2026; four months ended Friday 15 May 2026)');
    const late = completionOutcome(extended, '2026-08-03T09:00:00Z', 4);
    expect(late).toEqual({ kind: 'late', completedOn: '2026-08-03', dueDate: '2026-07-31', daysLate: 3 });
    expect(describeCompletion(late)).toBe('Completed on Monday 3 August 2026, 3 days late (due by Friday 31 July 2026)');
  });
});

describe('the report in the timeline and the emails list', () => {
  it('names the chairs asked to accept the report and what for', async () => {
    const { recipientInSentence, emailPurpose } = await import('../../functions/domain/email/wording.js');
    expect(recipientInSentence('report:v2:board-chair')).toBe(recipientInSentence('board-chair'));
    expect(recipientInSentence('report:v2:sub-committee-chair')).toBe(recipientInSentence('sub-committee-chair'));
    expect(emailPurpose('report-acceptance', 'report:v2:board-chair')).toBe('accept the overview report, paragraph 11.3');
  });
});

describe('the acceptance emails (11.3)', () => {
  it('say the reference, what is needed, by when and carry the link; never the child’s or family’s details', async () => {
    // Prepare
    const { buildCase } = await import('../../functions/domain/intake/intake.js');
    const { makeReferral } = await import('../factories/referral.js');
    const { reportAcceptanceEmail } = await import('../../functions/domain/report/report-emails.js');
    const referral = makeReferral();
    const { caseRecord } = buildCase(referral, 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' });
    const decided = { ...caseRecord, status: 'review-decided' as const, review: openReview(new Date('2026-11-26T10:00:00Z'), board, calendar) };
    // Act
    const sub = reportAcceptanceEmail({ kind: 'report-acceptance', chair: 'sub-committee-chair', version: 2, recipientRole: 'report:v2:sub-committee-chair' }, decided, board, 'https://scr.example/act#secret');
    const chair = reportAcceptanceEmail({ kind: 'report-acceptance', chair: 'board-chair', version: 2, recipientRole: 'report:v2:board-chair' }, decided, board, 'https://scr.example/act#secret');
    // Assess
    expect(sub.subject).toBe('Action needed by Friday 26 March 2027: accept the overview report for SCR-2026-0042');
    expect(sub.text).toContain('Version 2 of the overview report for serious case review SCR-2026-0042 is final and needs acceptance by the Chair of the Strategic and Serious Case Review sub-committee (paragraph 11.3).');
    expect(sub.text).toContain('https://scr.example/act#secret');
    expect(chair.text).toContain('Your acceptance completes the review.');
    for (const email of [sub, chair]) {
      for (const secret of [referral.child.firstNames, referral.child.lastName]) expect(`${email.subject}\n${email.text}\n${email.html}`).not.toContain(secret);
    }
  });
});
