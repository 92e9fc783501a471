import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { AuditEvent, CaseRecord } from '../../functions/domain/case/case.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../functions/domain/errors.js';
import { openReview } from '../../functions/domain/review/review.js';
import { mayOnCase } from '../../functions/domain/access/access.js';
import type { Role } from '../../functions/domain/access/roles.js';
import {
  checkWithinReviewPeriod,
  compareVersions,
  knownOnCase,
  reviewPeriodOf,
  workingDraft,
  type TermsOfReference,
  type TorDraft,
  type TorVersion,
} from '../../functions/domain/review/terms-of-reference.js';
import { agreeTermsOfReference, compareTermsOfReference, saveTorDraft, viewTermsOfReference, type TorDeps } from '../../functions/domain/review/terms-of-reference-actions.js';
import { torAgreeSchema, torDraftSchema, torQuestionIds, torQuestions, type TorContent } from '../../functions/schemas/terms-of-reference.js';
import type { TermsOfReferenceStore } from '../../functions/ports/terms-of-reference-store.js';
import type { Caller } from '../../functions/ports/identity.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';

const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const meta = { requestId: 'r' };
const REF = 'SCR-2026-0042';
const caller = (role: Role): Caller => ({ userId: `u-${role}`, email: `${role}@example.org`, pool: 'staff', roles: [role], sessionId: 's', authTime: 0 });

/** Every question answered, the period and the dates: what agreeing needs. */
function complete(overrides: Partial<TorContent> = {}, answer = (i: number) => `Answer ${i + 1}`): TorContent {
  return {
    answers: Object.fromEntries(torQuestionIds.map((id, i) => [id, answer(i)])) as TorContent['answers'],
    periodFrom: '2025-03-01',
    periodTo: '2026-02-28',
    familyHistory: 'Grandparents’ involvement since 2019',
    startDate: '2026-12-07',
    completionDate: '2027-03-30',
    ...overrides,
  };
}

const version = (n: number, content: TorContent): TorVersion => ({ version: n, agreedAt: `2026-12-0${n}T10:00:00.000Z`, agreedBy: { email: 'c@example.org', role: 'sub-committee-chair' }, content });

describe('the fifteen issues of 7.1', () => {
  it('are fifteen, each with its own id, in the procedure’s words', () => {
    // Prepare
    const procedure = readFileSync('docs/procedure/serious-case-reviews-2008.txt', 'utf8');
    // Assess
    expect(torQuestions).toHaveLength(15);
    expect(new Set(torQuestionIds).size).toBe(15);
    for (const q of torQuestions) expect(procedure).toContain(`- ${q.text}`);
  });
});

describe('schemas (browser and server)', () => {
  it('a draft may leave anything blank, but what it holds must be valid', () => {
    expect(torDraftSchema.safeParse({ expectedRevision: 0, content: { answers: {} } }).success).toBe(true);
    const bad = torDraftSchema.safeParse({ expectedRevision: 0, content: { answers: {}, periodFrom: '2026-02-30' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Start of the review period must be a real date');
  });

  it('a period that ends before it starts is refused on its end', () => {
    const r = torDraftSchema.safeParse({ expectedRevision: 0, content: { answers: {}, periodFrom: '2026-03-01', periodTo: '2026-02-28' } });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['content.periodTo', 'End of the review period must be the same as or after the start of the review period'],
    ]);
  });

  it('agreeing needs every answer, the period and the dates, each named', () => {
    const r = torAgreeSchema.safeParse({ expectedRevision: 0, content: { ...complete({ periodTo: undefined }), answers: { ...complete().answers, coroner: '  ' } } });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['content.answers.coroner', 'Enter an answer to question 10'],
      ['content.periodTo', 'Enter the end of the review period (cut-off)'],
    ]);
    expect(torAgreeSchema.safeParse({ expectedRevision: 0, content: complete() }).success).toBe(true);
  });
});

describe('versions and the comparison (7.2)', () => {
  it('a new draft starts from the last agreed version; with none, from nothing', () => {
    expect(workingDraft({ versions: [] })).toEqual({ revision: 0, basedOn: 0, content: { answers: {} } });
    const v1 = version(1, complete());
    const w = workingDraft({ versions: [v1] });
    expect(w).toMatchObject({ revision: 0, basedOn: 1, content: v1.content });
    // A copy: editing the draft never changes the agreed version.
    w.content.answers.issues = 'changed';
    expect(v1.content.answers.issues).toBe('Answer 1');
  });

  it('says per part what changed, with old and new text; dates as GOV.UK writes them', () => {
    // Prepare
    const v1 = version(1, complete());
    const v2 = version(2, complete({ periodFrom: '2024-09-01', familyHistory: undefined }, (i) => (i === 4 ? 'Answer 5, and the school nurse' : `Answer ${i + 1}`)));
    // Act
    const c = compareVersions(v1, v2);
    // Assess
    expect(c).toMatchObject({ from: 1, to: 2 });
    expect(c.entries).toHaveLength(20);
    expect(c.entries.filter((e) => e.changed).map((e) => e.field)).toEqual(['answers.contributors', 'periodFrom', 'familyHistory']);
    expect(c.entries.find((e) => e.field === 'answers.contributors')).toMatchObject({
      label: 'Question 5: Which organisations and professionals should contribute to the review?',
      before: 'Answer 5',
      after: 'Answer 5, and the school nurse',
    });
    expect(c.entries.find((e) => e.field === 'periodFrom')).toMatchObject({ before: '1 March 2025', after: '1 September 2024' });
    expect(c.entries.find((e) => e.field === 'familyHistory')).toEqual({ field: 'familyHistory', label: 'Family history and background wanted', changed: true, before: 'Grandparents’ involvement since 2019' });
    expect(c.entries.find((e) => e.field === 'answers.issues')).toMatchObject({ changed: false, before: 'Answer 1', after: 'Answer 1' });
  });
});

describe('the review period, for the chronology', () => {
  const period = { from: '2025-03-01', to: '2026-02-28' };
  it('is that of the latest agreed version, and none before one is agreed', () => {
    expect(reviewPeriodOf({ versions: [] })).toBeUndefined();
    expect(reviewPeriodOf({ versions: [version(1, complete()), version(2, complete({ periodFrom: '2024-09-01' }))] })).toEqual({ from: '2024-09-01', to: '2026-02-28', version: 2 });
  });

  it.each([
    ['2025-03-01', true],
    ['2026-02-28', true],
    ['2025-02-28', false],
    ['2026-03-01', false],
    // A date known only to the month is within when any of its days is.
    ['2025-02', false],
    ['2025-03', true],
    ['2026-02', true],
    ['2026-03', false],
  ] as const)('%s within: %s', (date, within) => {
    const r = checkWithinReviewPeriod(date, period);
    expect(r.within).toBe(within);
    if (!r.within) expect(r.message).toBe('The date must be within the review period, 1 March 2025 to 28 February 2026');
  });

  it('refuses what is not a date', () => {
    expect(() => checkWithinReviewPeriod('May 2025', period)).toThrow(RangeError);
  });
});

describe('who may (role matrix)', () => {
  const table: [Role, string[]][] = [
    ['business-manager', ['tor.edit', 'tor.readDraft', 'tor.read']],
    ['sub-committee-chair', ['tor.edit', 'tor.readDraft', 'tor.read']],
    ['sub-committee-member', ['tor.readDraft', 'tor.read']],
    ['board-chair', ['tor.readDraft', 'tor.read']],
    ['auditor', ['tor.readDraft', 'tor.read']],
    ['agency-contributor', ['tor.read']],
    ['senior-officer', ['tor.read']],
    ['overview-author', ['tor.read']],
    ['external-reader', []],
    ['referrer', []],
  ];
  it.each(table)('%s', (role, allowed) => {
    expect((['tor.edit', 'tor.readDraft', 'tor.read'] as const).filter((a) => mayOnCase(role, a))).toEqual(allowed);
  });
});

// ---------------------------------------------------------------- use cases, with fakes at the ports

function setUp(status: CaseRecord['status'] = 'review-decided') {
  let n = 0;
  const base = buildCase(makeReferral(), REF, new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, meta).caseRecord;
  const review = openReview(new Date('2026-11-30T10:00:00Z'), board, calendar);
  review.proceedings.push({ id: 'p1', kind: 'coroner', details: 'HM Coroner, inquest opened', recordedBy: 'bm@example.org', recordedAt: '2026-12-01T09:00:00Z' });
  const state = {
    case: { ...base, status, version: 3, review } as CaseRecord,
    tor: { versions: [] } as TermsOfReference,
    audit: [] as AuditEvent[],
    members: new Map<string, Role>(),
  };
  const store = {
    getCase: async (ref: string) => (ref === state.case.reference ? structuredClone(state.case) : undefined),
    getMember: async (_ref: string, userId: string) => {
      const role = state.members.get(userId);
      return role ? { reference: REF, userId, email: 'x', role, addedAt: '', addedBy: '' } : undefined;
    },
    appendAudit: async (e: AuditEvent) => void state.audit.push(e),
    recordSecurityEvent: async (e: AuditEvent) => state.audit.push(e),
  };
  const terms: TermsOfReferenceStore = {
    getTermsOfReference: async () => structuredClone(state.tor),
    saveTorDraft: async (_ref, draft: TorDraft, expected, audit) => {
      if ((state.tor.draft?.revision ?? 0) !== expected) return false;
      state.tor.draft = draft;
      state.audit.push(audit);
      return true;
    },
    agreeTorVersion: async (_ref, v, expected, audit) => {
      if ((state.tor.draft?.revision ?? 0) !== expected || state.tor.versions.some((x) => x.version === v.version)) return false;
      state.tor = { versions: [...state.tor.versions, v] };
      state.audit.push(audit);
      return true;
    },
  };
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  const deps = { store: store as unknown as TorDeps['store'], terms, clock, ids: { uuid: () => `id-${++n}`, secret: () => 's' }, board } satisfies TorDeps;
  return { state, deps, clock };
}

describe('terms of reference use cases', () => {
  it('draw up, agree v1, change, agree v2: each version frozen with who and when, the audit holding no content', async () => {
    // Prepare
    const { state, deps, clock } = setUp();
    const chair = caller('sub-committee-chair');
    // Act
    const saved = await saveTorDraft(deps, REF, { expectedRevision: 0, content: { answers: { issues: 'Learning about neglect' } } }, chair, meta);
    await agreeTermsOfReference(deps, REF, { expectedRevision: saved.revision, content: complete() }, chair, meta);
    clock.set(new Date('2026-12-15T10:00:00Z'));
    const view = await viewTermsOfReference(deps, REF, caller('business-manager'), meta);
    const agreed2 = await agreeTermsOfReference(deps, REF, { expectedRevision: 0, content: complete({ periodFrom: '2024-09-01' }) }, caller('business-manager'), meta);
    // Assess
    expect(view.draft).toBeUndefined();
    expect(view.versions.map((v) => v.version)).toEqual([1]);
    expect(agreed2).toEqual({ version: 2, agreedAt: '2026-12-15T10:00:00.000Z' });
    expect(state.tor.versions.map((v) => [v.version, v.agreedBy.email, v.agreedAt])).toEqual([
      [1, 'sub-committee-chair@example.org', '2026-12-01T10:00:00.000Z'],
      [2, 'business-manager@example.org', '2026-12-15T10:00:00.000Z'],
    ]);
    expect(reviewPeriodOf(state.tor)).toEqual({ from: '2024-09-01', to: '2026-02-28', version: 2 });
    expect(state.audit.filter((e) => e.action !== 'terms-of-reference.viewed').map((e) => [e.action, e.detail])).toEqual([
      ['terms-of-reference.draft-saved', { revision: 1, basedOn: 0 }],
      ['terms-of-reference.agreed', { version: 1 }],
      ['terms-of-reference.agreed', { version: 2, partsChanged: 1 }],
    ]);
    expect(JSON.stringify(state.audit)).not.toContain('Answer 1');
  });

  it('a save over someone else’s newer draft is refused and changes nothing', async () => {
    const { state, deps } = setUp();
    await saveTorDraft(deps, REF, { expectedRevision: 0, content: { answers: { issues: 'First' } } }, caller('business-manager'), meta);
    const stale = saveTorDraft(deps, REF, { expectedRevision: 0, content: { answers: { issues: 'Second' } } }, caller('sub-committee-chair'), meta);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(agreeTermsOfReference(deps, REF, { expectedRevision: 0, content: complete() }, caller('sub-committee-chair'), meta)).rejects.toBeInstanceOf(ConflictError);
    expect(state.tor.draft?.content.answers.issues).toBe('First');
    expect(state.tor.versions).toEqual([]);
  });

  it('only the chair and the business manager draw up; the panel, Board chair and auditor read the draft; contributors read agreed versions only', async () => {
    const { state, deps } = setUp();
    await saveTorDraft(deps, REF, { expectedRevision: 0, content: { answers: { issues: 'Draft text' } } }, caller('business-manager'), meta);
    for (const role of ['board-chair', 'auditor'] as const) {
      await expect(saveTorDraft(deps, REF, { expectedRevision: 1, content: { answers: {} } }, caller(role), meta)).rejects.toBeInstanceOf(ForbiddenError);
      expect((await viewTermsOfReference(deps, REF, caller(role), meta)).draft?.content.answers.issues).toBe('Draft text');
    }
    state.members.set('u-sub-committee-member', 'sub-committee-member');
    state.members.set('u-agency-contributor', 'agency-contributor');
    state.members.set('u-external-reader', 'external-reader');
    expect((await viewTermsOfReference(deps, REF, caller('sub-committee-member'), meta)).canReadDraft).toBe(true);
    const contributor = await viewTermsOfReference(deps, REF, caller('agency-contributor'), meta);
    expect(contributor).toMatchObject({ canEdit: false, canReadDraft: false });
    expect(contributor.draft).toBeUndefined();
    // An external reader reads reference, status and deadlines only: the case's content is not there for them.
    await expect(viewTermsOfReference(deps, REF, caller('external-reader'), meta)).rejects.toBeInstanceOf(NotFoundError);
    // Not on the case at all: it does not exist for them.
    await expect(viewTermsOfReference(deps, REF, caller('senior-officer'), meta)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('agreeing an incomplete draft names each part missing', async () => {
    const { deps } = setUp();
    const refused = agreeTermsOfReference(deps, REF, { expectedRevision: 0, content: { answers: {} } }, caller('sub-committee-chair'), meta);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ errors: expect.arrayContaining([{ name: 'content.answers.issues', href: '#content-answers-issues', text: 'Enter an answer to question 1' }]) });
  });

  it('a review no longer in progress reads but cannot change', async () => {
    const { deps } = setUp('no-review');
    await expect(saveTorDraft(deps, REF, { expectedRevision: 0, content: { answers: {} } }, caller('business-manager'), meta)).rejects.toBeInstanceOf(ConflictError);
    expect((await viewTermsOfReference(deps, REF, caller('business-manager'), meta)).canEdit).toBe(false);
  });

  it('compares two agreed versions; an unknown version is 404', async () => {
    const { deps } = setUp();
    await agreeTermsOfReference(deps, REF, { expectedRevision: 0, content: complete() }, caller('sub-committee-chair'), meta);
    await agreeTermsOfReference(deps, REF, { expectedRevision: 0, content: complete({ completionDate: '2027-05-30' }) }, caller('sub-committee-chair'), meta);
    const c = await compareTermsOfReference(deps, REF, '1', '2', caller('auditor'), meta);
    expect(c.entries.filter((e) => e.changed)).toEqual([{ field: 'completionDate', label: 'Date the review must be completed by', changed: true, before: '30 March 2027', after: '30 May 2027' }]);
    await expect(compareTermsOfReference(deps, REF, '1', '3', caller('auditor'), meta)).rejects.toBeInstanceOf(NotFoundError);
    await expect(compareTermsOfReference(deps, REF, '0x1', '2', caller('auditor'), meta)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows what the case already knows beside the questions', async () => {
    const { state } = setUp();
    const known = knownOnCase(state.case.review!, board);
    expect(known.parallel).toEqual(["Coroner's inquest: HM Coroner, inquest opened"]);
    expect(known.coroner).toEqual(["Coroner's inquest: HM Coroner, inquest opened"]);
    expect(known.dates).toEqual(['Review decided on 30 November 2026', 'To be completed by 30 March 2027']);
    if (board.otherBoardChairs.length) expect(known.otherBoards?.[0]).toMatch(/^Other Boards in the Board's configuration: /);
  });
});
