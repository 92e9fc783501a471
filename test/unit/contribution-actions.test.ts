import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { AuditEvent, CaseMember, CaseRecord } from '../../functions/domain/case/case.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../functions/domain/errors.js';
import { openReview } from '../../functions/domain/review/review.js';
import type { Contribution, DisciplinaryMatter } from '../../functions/domain/contributions/contributions.js';
import type { ImrSection } from '../../functions/domain/contributions/imr.js';
import type { ChronologyRow } from '../../functions/domain/contributions/chronology.js';
import type { TorVersion } from '../../functions/domain/review/terms-of-reference.js';
import {
  acceptContributionFindings,
  changeContributionDueDate,
  commission,
  declareContributionIndependence,
  getContribution,
  listContributions,
  listDisciplinaryMatters,
  nameContributionAuthor,
  recordDisciplinaryMatter,
  recordContributionCourtAgreement,
  returnContributionToAuthor,
  saveImrSection,
  getImr,
  addChronologyEntries,
  getChronology,
  moveChronologyRow,
  updateChronologyEntry,
  deleteChronologyEntry,
  contributionFileAccess,
  submitContributionForAcceptance,
  type ContributionDeps,
} from '../../functions/domain/contributions/contribution-actions.js';
import type { ContributionStore } from '../../functions/ports/contribution-store.js';
import type { Caller } from '../../functions/ports/identity.js';
import { FakeClock } from '../../functions/ports/clock.js';
import type { Role } from '../../functions/domain/access/roles.js';
import { makeReferral } from '../factories/referral.js';

/** The contribution use cases with fakes at the ports: who may see and do what, validation, lost updates, audit. */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const meta = { requestId: 'r' };
const REF = 'SCR-2026-0042';
const staff = (email: string, roles: Role[] = []): Caller => ({ userId: `u-${email}`, email, pool: 'staff', roles, sessionId: 's', authTime: 0 });
const bm = staff('bm@example.org', ['business-manager']);
const chair = staff('chair@example.org', ['sub-committee-chair']);
const auditor = staff('auditor@example.org', ['auditor']);
const so = staff('sam@police.example.org', ['senior-officer']);
const author = staff('ann@police.example.org', ['agency-contributor']);
const otherSo = staff('hana@nhs.example.org', ['senior-officer']);
const panelMember = staff('pat@council.example.org', ['sub-committee-member']);
const stranger = staff('nobody@example.org', ['agency-contributor']);

function setUp(status: CaseRecord['status'] = 'review-decided') {
  let n = 0;
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  const base = buildCase(makeReferral(), REF, new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, meta).caseRecord;
  const review = openReview(new Date('2026-11-30T10:00:00Z'), board, calendar);
  review.panel = [{ id: 'p1', name: 'Pat', jobTitle: 'Head', organisation: 'Council', agency: 'education', email: 'pat@council.example.org', coOpted: false, addedAt: '', addedBy: '' }];
  const state = {
    case: { ...base, status, version: 3, review } as CaseRecord,
    members: new Map<string, CaseMember>([[panelMember.userId, { reference: REF, userId: panelMember.userId, email: panelMember.email, role: 'sub-committee-member', addedAt: '', addedBy: '' }]]),
    contributions: new Map<string, Contribution>(),
    disciplinary: [] as DisciplinaryMatter[],
    sections: new Map<string, ImrSection>(),
    rows: new Map<string, ChronologyRow>(),
    audit: [] as AuditEvent[],
    security: [] as AuditEvent[],
    loseNextWrite: false,
    /** The agreed terms of reference's review period; none agreed until a test sets it. */
    period: undefined as { from: string; to: string } | undefined,
  };
  const store = {
    getCase: async (ref: string) => (ref === REF ? structuredClone(state.case) : undefined),
    getMember: async (_ref: string, userId: string) => state.members.get(userId),
    appendAudit: async (e: AuditEvent) => void state.audit.push(e),
    recordSecurityEvent: async (e: AuditEvent) => state.security.push(e),
  };
  const contributions: ContributionStore = {
    listContributions: async () => [...state.contributions.values()].map((c) => structuredClone(c)),
    getContribution: async (_r, id) => structuredClone(state.contributions.get(id)),
    putContribution: async (c, expected, audit) => {
      const current = state.contributions.get(c.id);
      if (state.loseNextWrite || (expected === undefined ? current !== undefined : current?.version !== expected)) {
        state.loseNextWrite = false;
        return false;
      }
      state.contributions.set(c.id, structuredClone(c));
      state.audit.push(audit);
      return true;
    },
    listDisciplinaryMatters: async (_r, id) => state.disciplinary.filter((m) => m.contributionId === id),
    addDisciplinaryMatter: async (m, audit) => {
      state.disciplinary.push(m);
      state.audit.push(audit);
    },
    listImrSections: async (_r, id) => [...state.sections.values()].filter((x) => x.contributionId === id).map((x) => structuredClone(x)),
    listChronology: async () => [...state.rows.values()].map((r) => structuredClone(r)),
    getChronologyRow: async (_r, _c, rowId) => structuredClone(state.rows.get(rowId)),
    putChronologyRows: async (_r, _c, rows, audit) => {
      const ok = rows.every(({ row, previousPosition, previousVersion }) =>
        previousPosition === undefined
          ? !state.rows.has(row.id)
          : state.rows.get(row.id)?.position === previousPosition && (previousVersion === undefined || (state.rows.get(row.id)?.version ?? 1) === previousVersion),
      );
      if (!ok) return false;
      for (const { row } of rows) state.rows.set(row.id, structuredClone(row));
      state.audit.push(audit);
      return true;
    },
    deleteChronologyRow: async (_r, _c, rowId, audit) => {
      if (!state.rows.delete(rowId)) return false;
      state.audit.push(audit);
      return true;
    },
    putImrSection: async (x, expected, audit) => {
      const key = `${x.contributionId}|${x.section}`;
      const current = state.sections.get(key);
      if (expected === undefined ? current !== undefined : current?.version !== expected) return false;
      state.sections.set(key, structuredClone(x));
      state.audit.push(audit);
      return true;
    },
  };
  const terms: ContributionDeps['terms'] = {
    getTermsOfReference: async () => ({
      versions: state.period
        ? [{ version: 1, content: { answers: {}, periodFrom: state.period.from, periodTo: state.period.to }, agreedAt: '', agreedBy: { name: '', email: '' } } as unknown as TorVersion]
        : [],
    }),
  };
  const deps: ContributionDeps = { store: store as unknown as ContributionDeps['store'], contributions, clock, ids: { uuid: () => `id-${++n}`, secret: () => 's' }, board, calendar, terms };
  return { state, deps, clock };
}

const police = { kind: 'imr', organisation: 'Northshire Police', seniorOfficerName: 'Sam Senior', seniorOfficerEmail: 'Sam@Police.example.org' };
const health = { kind: 'independent-professional', description: 'GP report', organisation: 'Northshire NHS Trust', seniorOfficerName: 'Hana', seniorOfficerEmail: 'hana@nhs.example.org' };
const authorBody = { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: 'ann@police.example.org' };

const nineAnswers = Array.from({ length: 9 }, (_, i) => `Answer ${i + 1}`);

async function readyToSubmit(deps: ContributionDeps) {
  const c = await commission(deps, REF, police, bm, meta);
  await nameContributionAuthor(deps, REF, c.id, authorBody, so, meta);
  await declareContributionIndependence(deps, REF, c.id, { notDirectlyConcerned: true, notLineManager: true }, author, meta);
  await saveImrSection(deps, REF, c.id, 'analysis', { content: { answers: nineAnswers, caseSpecific: [] } }, author, meta);
  return c.id;
}

describe('contribution use cases', () => {
  it('only the business manager asks for a contribution; the due date follows the profile; the audit event carries no names', async () => {
    const { deps, state } = setUp();
    for (const who of [chair, auditor]) await expect(commission(deps, REF, police, who, meta)).rejects.toBeInstanceOf(ForbiddenError);
    // A senior officer not on the case and named on none of its contributions: the case does not exist for them.
    await expect(commission(deps, REF, police, so, meta)).rejects.toBeInstanceOf(NotFoundError);
    await expect(commission(deps, REF, { ...police, seniorOfficerEmail: 'x' }, bm, meta)).rejects.toBeInstanceOf(ValidationError);
    const c = await commission(deps, REF, police, bm, meta);
    expect(c).toMatchObject({ status: 'awaiting-author', dueDate: '2027-01-15', seniorOfficer: { email: 'sam@police.example.org' }, mayDo: ['changeDueDate'] });
    const event = state.audit.at(-1)!;
    expect(event).toMatchObject({ action: 'contribution.commissioned', actor: { role: 'business-manager' }, detail: { contributionId: c.id, contributionKind: 'imr' } });
    expect(JSON.stringify(event)).not.toMatch(/Northshire|Sam Senior|sam@police/);
  });

  it('a case that is not a review in progress has no contributions; an unknown case is 404', async () => {
    await expect(listContributions(setUp('no-review').deps, REF, bm, meta)).rejects.toBeInstanceOf(ConflictError);
    await expect(listContributions(setUp().deps, 'SCR-2026-9999', bm, meta)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the senior officer (not on the case) names the author; only the author declares; a "no" asks for another author', async () => {
    const { deps, state } = setUp();
    const c = await commission(deps, REF, police, bm, meta);
    await expect(nameContributionAuthor(deps, REF, c.id, authorBody, bm, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(nameContributionAuthor(deps, REF, c.id, authorBody, otherSo, meta)).rejects.toBeInstanceOf(NotFoundError);
    const named = await nameContributionAuthor(deps, REF, c.id, authorBody, so, meta);
    expect(named).toMatchObject({ status: 'awaiting-declaration', author: { email: 'ann@police.example.org' } });
    expect(state.audit.at(-1)).toMatchObject({ action: 'contribution.author-named', actor: { role: 'senior-officer' } });
    await expect(declareContributionIndependence(deps, REF, c.id, { notDirectlyConcerned: true, notLineManager: true }, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    const declined = await declareContributionIndependence(deps, REF, c.id, { notDirectlyConcerned: true, notLineManager: false }, author, meta);
    expect(declined.status).toBe('awaiting-author');
    expect(state.audit.at(-1)?.action).toBe('contribution.author-declined');
    // The declined author sees only that it moved on (no content, nothing to do); the same person cannot be named again.
    expect(await getContribution(deps, REF, c.id, author, meta)).toMatchObject({ status: 'awaiting-author', mayDo: [], returns: [] });
    await expect(submitContributionForAcceptance(deps, REF, c.id, author, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(nameContributionAuthor(deps, REF, c.id, authorBody, so, meta)).rejects.toMatchObject({ errors: [{ name: 'authorEmail' }] });
  });

  it('submit, return with reasons, resubmit, accept: each by the right person, each audited', async () => {
    const { deps, state, clock } = setUp();
    const id = await readyToSubmit(deps);
    await expect(submitContributionForAcceptance(deps, REF, id, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await submitContributionForAcceptance(deps, REF, id, author, meta);
    await expect(acceptContributionFindings(deps, REF, id, bm, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(returnContributionToAuthor(deps, REF, id, { reasons: '' }, so, meta)).rejects.toBeInstanceOf(ValidationError);
    const returned = await returnContributionToAuthor(deps, REF, id, { reasons: 'Analysis of question 4 missing' }, so, meta);
    expect(returned.returns).toHaveLength(1);
    // The right person at the wrong moment hears the rule.
    await expect(acceptContributionFindings(deps, REF, id, so, meta)).rejects.toBeInstanceOf(ConflictError);
    await submitContributionForAcceptance(deps, REF, id, author, meta);
    clock.advance(3 * 24 * 3600 * 1000);
    const accepted = await acceptContributionFindings(deps, REF, id, so, meta);
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: 'sam@police.example.org', acceptedAt: '2026-12-04T10:00:00.000Z' });
    expect(state.audit.map((e) => e.action).filter((a) => a.startsWith('contribution.'))).toEqual([
      'contribution.commissioned',
      'contribution.author-named',
      'contribution.independence-declared',
      'contribution.imr-section-saved',
      'contribution.submitted',
      'contribution.returned',
      'contribution.submitted',
      'contribution.accepted',
    ]);
  });

  it('who sees what: nobody sees another organisation’s draft; the panel and offices see the content once submitted', async () => {
    const { deps, state } = setUp();
    const id = await readyToSubmit(deps);
    await commission(deps, REF, health, bm, meta);
    const seen = async (who: Caller) => (await listContributions(deps, REF, who, meta)).contributions.map((c) => `${c.organisation}:${c.returns.length >= 0 ? 'x' : ''}`);
    expect(await seen(so)).toEqual(['Northshire Police:x']);
    expect(await seen(otherSo)).toEqual(['Northshire NHS Trust:x']);
    expect(await seen(author)).toEqual(['Northshire Police:x']);
    expect(await seen(bm)).toHaveLength(2);
    expect(await seen(panelMember)).toHaveLength(2);
    // Someone on no contribution and not on the case: the case's 404, counted as a security event.
    await expect(listContributions(deps, REF, stranger, meta)).rejects.toBeInstanceOf(NotFoundError);
    expect(state.security.at(-1)).toMatchObject({ action: 'access.denied' });
    // Return reasons are content: the offices see them only once submitted again.
    await submitContributionForAcceptance(deps, REF, id, author, meta);
    await returnContributionToAuthor(deps, REF, id, { reasons: 'More detail' }, so, meta);
    expect((await getContribution(deps, REF, id, chair, meta)).returns).toEqual([]);
    expect((await getContribution(deps, REF, id, author, meta)).returns).toHaveLength(1);
    await submitContributionForAcceptance(deps, REF, id, author, meta);
    expect((await getContribution(deps, REF, id, auditor, meta)).returns).toHaveLength(1);
    expect(state.audit.at(-1)).toMatchObject({ action: 'contribution.viewed', actor: { role: 'auditor' } });
  });

  it('the due date: the business manager changes it, never after the completion date; a lost update is a 409', async () => {
    const { deps, state } = setUp();
    const c = await commission(deps, REF, police, bm, meta);
    await expect(changeContributionDueDate(deps, REF, c.id, { dueDate: '2027-02-01', reason: 'x' }, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeContributionDueDate(deps, REF, c.id, { dueDate: '2027-04-01', reason: 'x' }, bm, meta)).rejects.toMatchObject({ errors: [{ name: 'dueDate' }] });
    state.loseNextWrite = true;
    await expect(changeContributionDueDate(deps, REF, c.id, { dueDate: '2027-02-01', reason: 'x' }, bm, meta)).rejects.toThrow(/Someone else changed/);
    expect(state.contributions.get(c.id)?.version).toBe(1);
    expect((await changeContributionDueDate(deps, REF, c.id, { dueDate: '2027-02-01', reason: 'Records late' }, bm, meta)).dueDate).toBe('2027-02-01');
  });

  it('a children’s guardian’s contribution waits for the court’s agreement before it can be accepted (9.6)', async () => {
    const { deps } = setUp();
    const c = await commission(deps, REF, { ...police, kind: 'childrens-guardian', organisation: 'Cafcass' }, bm, meta);
    await nameContributionAuthor(deps, REF, c.id, authorBody, so, meta);
    await declareContributionIndependence(deps, REF, c.id, { notDirectlyConcerned: true, notLineManager: true }, author, meta);
    await submitContributionForAcceptance(deps, REF, c.id, author, meta);
    await expect(acceptContributionFindings(deps, REF, c.id, so, meta)).rejects.toThrow(/court’s prior agreement/);
    await expect(recordContributionCourtAgreement(deps, REF, c.id, { court: 'Family Court', agreedOn: '2026-11-20' }, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await recordContributionCourtAgreement(deps, REF, c.id, { court: 'Family Court', agreedOn: '2026-11-20' }, bm, meta);
    expect((await acceptContributionFindings(deps, REF, c.id, so, meta)).status).toBe('accepted');
  });

  it('disciplinary matters (10.9, 10.10): kept apart, seen only by the business manager and the organisation’s senior officer, never in the contribution', async () => {
    const { deps, state } = setUp();
    const id = await readyToSubmit(deps);
    await commission(deps, REF, health, bm, meta);
    const matter = { kind: 'concurrent', urgent: true, details: 'Officer suspended pending an investigation into handling of the first referral' };
    for (const who of [author, chair, auditor, panelMember, otherSo]) {
      await expect(recordDisciplinaryMatter(deps, REF, id, matter, who, meta)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listDisciplinaryMatters(deps, REF, id, who, meta)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(recordDisciplinaryMatter(deps, REF, id, { ...matter, details: '' }, so, meta)).rejects.toBeInstanceOf(ValidationError);
    expect(await recordDisciplinaryMatter(deps, REF, id, matter, so, meta)).toMatchObject({ kind: 'concurrent', urgent: true, recordedBy: so.email });
    expect((await listDisciplinaryMatters(deps, REF, id, bm, meta)).matters).toHaveLength(1);
    // Never part of the contribution as anyone reads it, and its details are in no audit event.
    await submitContributionForAcceptance(deps, REF, id, author, meta);
    expect(JSON.stringify(await getContribution(deps, REF, id, chair, meta))).not.toContain('suspended');
    expect(JSON.stringify(await listContributions(deps, REF, so, meta))).not.toContain('suspended');
    expect(JSON.stringify(state.audit)).not.toContain('suspended');
    expect(state.audit.find((e) => e.action === 'contribution.disciplinary-recorded')).toMatchObject({ detail: { disciplinaryKind: 'concurrent', urgent: true } });
  });

  it('the IMR’s sections: saved one by one by the author, each on its own version; submission waits for every answer and every interview record shared (10.14)', async () => {
    const { deps, state } = setUp();
    const c = await commission(deps, REF, police, bm, meta);
    await nameContributionAuthor(deps, REF, c.id, authorBody, so, meta);
    const learning = { content: { goodPractice: 'Prompt referral', waysOfWorking: '', training: '', managementAndSupervision: '', partnershipWorking: '', resources: '' } };
    // Not before independence is declared.
    await expect(saveImrSection(deps, REF, c.id, 'learning', learning, author, meta)).rejects.toBeInstanceOf(ConflictError);
    await declareContributionIndependence(deps, REF, c.id, { notDirectlyConcerned: true, notLineManager: true }, author, meta);
    await expect(saveImrSection(deps, REF, c.id, 'learning', learning, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveImrSection(deps, REF, c.id, 'analysis', { content: { answers: ['only one'], caseSpecific: [] } }, author, meta)).rejects.toBeInstanceOf(ValidationError);
    const saved = await saveImrSection(deps, REF, c.id, 'learning', learning, author, meta);
    expect(saved.version).toBe(1);
    // Two authors on the same section: the second, from the old version, is refused; another section is not affected.
    await saveImrSection(deps, REF, c.id, 'learning', { ...learning, expectedVersion: 1 }, author, meta);
    await expect(saveImrSection(deps, REF, c.id, 'learning', { ...learning, expectedVersion: 1 }, author, meta)).rejects.toThrow(/Someone else saved this section/);
    const partial = [...nineAnswers.slice(0, 8), ' '];
    await saveImrSection(deps, REF, c.id, 'analysis', { content: { answers: partial, caseSpecific: [{ question: 'Was the school told?', answer: 'Yes' }] } }, author, meta);
    await expect(submitContributionForAcceptance(deps, REF, c.id, author, meta)).rejects.toThrow(/Answer analysis question 9/);
    await saveImrSection(deps, REF, c.id, 'analysis', { content: { answers: nineAnswers, caseSpecific: [] }, expectedVersion: 1 }, author, meta);
    const interview = { interviewee: 'Duty officer', role: 'PC', heldOn: '2026-11-30', interviewedBy: 'Ann Author' };
    await saveImrSection(deps, REF, c.id, 'interviews', { content: { items: [interview] } }, author, meta);
    await expect(submitContributionForAcceptance(deps, REF, c.id, author, meta)).rejects.toThrow(/not been shared with the interviewee/);
    await saveImrSection(deps, REF, c.id, 'interviews', { content: { items: [{ ...interview, sharedOn: '2026-12-01' }] }, expectedVersion: 1 }, author, meta);
    expect((await submitContributionForAcceptance(deps, REF, c.id, author, meta)).status).toBe('submitted');
    // Submitted: the author can no longer change it; the panel and offices now read it.
    await expect(saveImrSection(deps, REF, c.id, 'learning', { ...learning, expectedVersion: 2 }, author, meta)).rejects.toBeInstanceOf(ConflictError);
    expect((await getImr(deps, REF, c.id, chair, meta)).sections.map((x) => x.section).sort()).toEqual(['analysis', 'interviews', 'learning']);
    expect(state.audit.filter((e) => e.action === 'contribution.imr-section-saved').every((e) => !JSON.stringify(e).includes('Prompt referral'))).toBe(true);
  });

  it('nobody reads another organisation’s draft IMR, nor the offices before it is submitted', async () => {
    const { deps } = setUp();
    const id = await readyToSubmit(deps);
    await commission(deps, REF, health, bm, meta);
    await expect(getImr(deps, REF, id, otherSo, meta)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getImr(deps, REF, id, chair, meta)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getImr(deps, REF, id, so, meta)).sections).toHaveLength(1);
  });

  it('the chronology: rows added by the author, every problem named by its row, read in order, same-day rows moved', async () => {
    const { deps } = setUp();
    const id = await readyToSubmit(deps);
    const row = (date: string, whatHappened: string, extra = {}) => ({
      date,
      role: 'Health visitor',
      organisation: 'Health',
      whatHappened,
      childSeen: 'yes',
      wishesSought: 'no',
      wishesExpressed: 'no',
      wishesRecorded: 'not-recorded',
      sourceRecord: 'Case file',
      ...extra,
    });
    const refused = addChronologyEntries(deps, REF, id, { entries: [row('2026-05-02', 'Visit'), row('2026-13-01', 'Bad date', { sourceRecord: '' })] }, author, meta);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ name: 'entries.1.date', text: expect.stringMatching(/^Row 2: /) })]) });
    await expect(addChronologyEntries(deps, REF, id, { entries: [row('2026-05-02', 'Visit')] }, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await addChronologyEntries(deps, REF, id, { entries: [row('2026-05-02', 'First that day'), row('2026-04', 'April, day unknown'), row('2026-05-02', 'Second that day')] }, author, meta);
    const order = async () => ((await getChronology(deps, REF, id, author, meta)).rows as { whatHappened: string; id: string }[]).map((r) => r.whatHappened);
    expect(await order()).toEqual(['April, day unknown', 'First that day', 'Second that day']);
    const second = ((await getChronology(deps, REF, id, author, meta)).rows as { whatHappened: string; id: string }[]).find((r) => r.whatHappened === 'Second that day')!;
    await moveChronologyRow(deps, REF, id, second.id, { direction: 'up' }, author, meta);
    expect(await order()).toEqual(['April, day unknown', 'Second that day', 'First that day']);
    await expect(moveChronologyRow(deps, REF, id, second.id, { direction: 'up' }, author, meta)).rejects.toThrow(/already the first/);
    // Another organisation's senior officer reads none of it.
    await commission(deps, REF, health, bm, meta);
    await expect(getChronology(deps, REF, id, otherSo, meta)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the chronology: the author edits a row (it keeps its place) and deletes one; nobody else may; an unknown row is 404', async () => {
    // Prepare
    const { deps, state } = setUp();
    const id = await readyToSubmit(deps);
    const entry = (whatHappened: string, extra = {}) => ({
      date: '2026-05-02',
      role: 'Health visitor',
      organisation: 'Health',
      whatHappened,
      childSeen: 'yes',
      wishesSought: 'no',
      wishesExpressed: 'no',
      wishesRecorded: 'not-recorded',
      sourceRecord: 'Case file',
      ...extra,
    });
    await addChronologyEntries(deps, REF, id, { entries: [entry('First'), entry('Second')] }, author, meta);
    const rows = async () => (await getChronology(deps, REF, id, author, meta)).rows as unknown as ChronologyRow[];
    const [first, second] = await rows();
    // Act: edit the first, refuse a bad edit, delete the second
    expect(first!.version).toBe(1);
    const changed = await updateChronologyEntry(deps, REF, id, first!.id, { entry: entry('First, corrected', { time: '09:30' }), expectedVersion: 1 }, author, meta);
    expect((changed.rows[0] as unknown as ChronologyRow).version).toBe(2);
    // A second edit from the version read before the first is refused: nothing overwritten.
    const stale = updateChronologyEntry(deps, REF, id, first!.id, { entry: entry('First, from an old tab'), expectedVersion: 1 }, author, meta);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow('Someone else changed this row since you opened it. Nothing was saved: reload the row to see their change, then make yours again.');
    // Without the version read: a clear message, nothing saved.
    await expect(updateChronologyEntry(deps, REF, id, first!.id, { entry: entry('No version') }, author, meta)).rejects.toMatchObject({
      errors: [{ name: 'expectedVersion', text: 'The version of the row you changed is missing: reload the row and make your change again' }],
    });
    const bad = updateChronologyEntry(deps, REF, id, first!.id, { entry: entry('', { sourceRecord: '' }), expectedVersion: 2 }, author, meta);
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ name: 'sourceRecord', text: 'Enter the source record' })]) });
    await expect(updateChronologyEntry(deps, REF, id, first!.id, { entry: entry('By the senior officer'), expectedVersion: 2 }, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteChronologyEntry(deps, REF, id, second!.id, so, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await deleteChronologyEntry(deps, REF, id, second!.id, author, meta);
    // Assess
    const after = await rows();
    expect(after.map((r) => [r.whatHappened, r.time, r.position])).toEqual([['First, corrected', '09:30', first!.position]]);
    await expect(deleteChronologyEntry(deps, REF, id, second!.id, author, meta)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateChronologyEntry(deps, REF, id, 'no-such-row', { entry: entry('x'), expectedVersion: 1 }, author, meta)).rejects.toBeInstanceOf(NotFoundError);
    expect(state.audit.filter((e) => e.action === 'contribution.imr-section-saved' && (e.detail?.rowChanged || e.detail?.rowDeleted))).toHaveLength(2);
    // Once submitted, nothing changes.
    await saveImrSection(deps, REF, id, 'interviews', { content: { items: [] } }, author, meta);
    await submitContributionForAcceptance(deps, REF, id, author, meta);
    await expect(updateChronologyEntry(deps, REF, id, first!.id, { entry: entry('Late'), expectedVersion: 2 }, author, meta)).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteChronologyEntry(deps, REF, id, first!.id, author, meta)).rejects.toBeInstanceOf(ConflictError);
  });

  it('the chronology’s dates: any date while no terms of reference are agreed; then only within the agreed review period, which is named', async () => {
    // Prepare
    const { deps, state } = setUp();
    const id = await readyToSubmit(deps);
    const entry = (date: string) => ({
      date,
      role: 'Social worker',
      organisation: 'Council',
      whatHappened: 'Visit',
      childSeen: 'yes',
      wishesSought: 'yes',
      wishesExpressed: 'yes',
      wishesRecorded: 'yes',
      sourceRecord: 'Case file',
    });
    // Act and assess: no agreed period, any date
    expect((await getChronology(deps, REF, id, author, meta)).reviewPeriod).toBeNull();
    await addChronologyEntries(deps, REF, id, { entries: [entry('2019-03-04')] }, author, meta);
    // An agreed period bounds every later write
    state.period = { from: '2025-09-01', to: '2026-02-28' };
    expect((await getChronology(deps, REF, id, author, meta)).reviewPeriod).toEqual({ from: '2025-09-01', to: '2026-02-28', version: 1 });
    const outside = addChronologyEntries(deps, REF, id, { entries: [entry('2026-01-10'), entry('2026-03-01')] }, author, meta);
    await expect(outside).rejects.toMatchObject({
      errors: [{ name: 'entries.1.date', text: 'Row 2: Date of the event must be between 1 September 2025 and 28 February 2026, the period of the review' }],
    });
    // An approximate date that overlaps the period is allowed; one wholly outside is not.
    await addChronologyEntries(deps, REF, id, { entries: [entry('2025-09-01'), entry('2026-02-28'), entry('2025-09'), entry('2026')] }, author, meta);
    await expect(addChronologyEntries(deps, REF, id, { entries: [entry('2025-08')] }, author, meta)).rejects.toBeInstanceOf(ValidationError);
    const old = ((await getChronology(deps, REF, id, author, meta)).rows as unknown as ChronologyRow[]).find((r) => r.date === '2019-03-04')!;
    const edit = updateChronologyEntry(deps, REF, id, old.id, { entry: { ...entry('2019-03-04'), whatHappened: 'Edited' }, expectedVersion: 1 }, author, meta);
    await expect(edit).rejects.toMatchObject({ errors: [{ name: 'date', text: expect.stringContaining('the period of the review') }] });
    await updateChronologyEntry(deps, REF, id, old.id, { entry: entry('2025-10-04'), expectedVersion: 1 }, author, meta);
  });

  it('a contribution’s files: read by whoever reads its content; attached by its author while writing and by the business manager', async () => {
    // Prepare
    const { deps } = setUp();
    const id = await readyToSubmit(deps);
    await commission(deps, REF, health, bm, meta);
    const access = (who: Caller, intent: 'read' | 'upload') => contributionFileAccess(deps, REF, id, intent, who, meta);
    // Act and assess: a draft
    expect(await access(author, 'upload')).toEqual({ actorRole: 'agency-contributor', mayUpload: true });
    expect(await access(so, 'read')).toEqual({ actorRole: 'senior-officer', mayUpload: false });
    await expect(access(so, 'upload')).rejects.toBeInstanceOf(ForbiddenError);
    for (const who of [otherSo, chair, bm, stranger, panelMember]) await expect(access(who, 'read')).rejects.toBeInstanceOf(NotFoundError);
    await expect(contributionFileAccess(deps, REF, 'no-such-id', 'read', author, meta)).rejects.toBeInstanceOf(NotFoundError);
    // Submitted: the offices and the panel read; the business manager attaches; the author no longer does.
    await saveImrSection(deps, REF, id, 'interviews', { content: { items: [] } }, author, meta);
    await submitContributionForAcceptance(deps, REF, id, author, meta);
    expect(await access(bm, 'upload')).toEqual({ actorRole: 'business-manager', mayUpload: true });
    expect((await access(chair, 'read')).mayUpload).toBe(false);
    expect((await access(panelMember, 'read')).mayUpload).toBe(false);
    await expect(access(author, 'upload')).rejects.toThrow(/cannot be attached now/);
    await expect(access(otherSo, 'read')).rejects.toBeInstanceOf(NotFoundError);
  });
});
