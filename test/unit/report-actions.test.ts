import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { openReview } from '../../functions/domain/review/review.js';
import type { AuditEvent, CaseMember, CaseRecord } from '../../functions/domain/case/case.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../functions/domain/errors.js';
import { emptyReportState, type ReportState } from '../../functions/domain/report/report.js';
import {
  commentOnReport,
  finaliseReport,
  markPublished,
  saveReportSection,
  startReportVersion,
  viewReport,
  type ReportDeps,
} from '../../functions/domain/report/report-actions.js';
import type { ReportExport, ReportStore } from '../../functions/ports/report-store.js';
import type { Caller } from '../../functions/ports/identity.js';
import { FakeClock } from '../../functions/ports/clock.js';
import type { Role } from '../../functions/domain/access/roles.js';
import { makeReferral } from '../factories/referral.js';

/** The report's use cases with fakes at the ports: who may do what, stale saves, the hold, one audit event per write. */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const meta = { requestId: 'r' };
const REF = 'SCR-2026-0042';
const staff = (email: string, roles: Role[] = []): Caller => ({ userId: `u-${email}`, email, pool: 'staff', roles, sessionId: 's', authTime: 0 });
const bm = staff('bm@example.org', ['business-manager']);
const auditor = staff('auditor@example.org', ['auditor']);
const author = staff('alex@example.org', ['overview-author']);
const panel = staff('pat@council.example.org', ['agency-contributor']);
const stranger = staff('nobody@example.org', ['agency-contributor']);

function setUp() {
  let n = 0;
  const base = buildCase(makeReferral(), REF, new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, meta).caseRecord;
  const review = openReview(new Date('2026-11-30T10:00:00Z'), board, calendar);
  review.panel = [{ id: 'p1', name: 'Pat', jobTitle: 'Head', organisation: 'Council', agency: 'education', email: panel.email, coOpted: false, addedAt: '', addedBy: '' }];
  const state = {
    case: { ...base, status: 'review-decided', version: 3, review } as CaseRecord,
    members: new Map<string, CaseMember>([
      [author.userId, { reference: REF, userId: author.userId, email: author.email, role: 'overview-author', addedAt: '', addedBy: '' }],
      [panel.userId, { reference: REF, userId: panel.userId, email: panel.email, role: 'agency-contributor', addedAt: '', addedBy: '' }],
    ]),
    report: emptyReportState() as ReportState & { exports: ReportExport[] },
    audit: [] as AuditEvent[],
    security: [] as AuditEvent[],
    notified: 0,
  };
  state.report.exports = [];
  const write = (audit: AuditEvent, change: () => void) => {
    change();
    state.audit.push(audit);
    return Promise.resolve(true);
  };
  const reports: ReportStore = {
    getReport: async () => structuredClone(state.report),
    startVersion: (_r, v, sections, _e, a) => write(a, () => ((state.report.versions = [...state.report.versions, v]), (state.report.sections = [...state.report.sections, ...sections]))),
    saveSection: (_r, s, _e, a) => write(a, () => (state.report.sections = [...state.report.sections.filter((x) => !(x.version === s.version && x.section === s.section)), s])),
    addComment: (_r, c, a) => write(a, () => (state.report.comments = [...state.report.comments, c])),
    finalise: (_r, v, a) => write(a, () => (state.report.versions = state.report.versions.map((x) => (x.version === v.version ? v : x)))),
    accept: async () => false,
    putFeedbackSession: async () => undefined,
    putPseudonyms: async (_r, p, a) => void write(a, () => (state.report.pseudonyms = p)),
    putPublication: (_r, p, _v, a) => write(a, () => (state.report.publication = p)),
    putExport: async () => undefined,
  };
  const deps: ReportDeps = {
    store: {
      getCase: async (ref: string) => (ref === REF ? structuredClone(state.case) : undefined),
      getMember: async (_ref: string, userId: string) => state.members.get(userId),
      appendAudit: async (e: AuditEvent) => void state.audit.push(e),
      recordSecurityEvent: async (e: AuditEvent) => state.security.push(e),
    } as unknown as ReportDeps['store'],
    reports,
    terms: { getTermsOfReference: async () => ({ versions: [] }) },
    contributions: { listContributions: async () => [], listImrSections: async () => [] },
    clock: new FakeClock('2026-12-01T10:00:00Z'),
    ids: { uuid: () => `id-${++n}`, secret: () => 's' },
    board,
    notify: async () => void state.notified++,
  };
  return { state, deps };
}

const written = {
  introduction: { circumstances: 'What happened.', authorName: 'Alex Author', authorJobTitle: 'Reviewer' },
  facts: { whatWasKnown: 'Known to two agencies.' },
  analysis: { howAndWhy: 'Not shared.', differentDecisions: 'Perhaps.', goodPractice: 'Some.' },
  conclusions: { conclusions: 'Share more.', recommendations: [] },
};

describe('report use cases', () => {
  it('the author writes; the auditor reads only; someone not on the case gets 404 and a security event', async () => {
    const { state, deps } = setUp();
    await expect(startReportVersion(deps, REF, { expectedLatest: 0 }, auditor, meta)).rejects.toThrow(ForbiddenError);
    await expect(viewReport(deps, REF, stranger, meta)).rejects.toThrow(NotFoundError);
    expect(state.security).toHaveLength(1);
    expect(await startReportVersion(deps, REF, { expectedLatest: 0 }, author, meta)).toEqual({ version: 1, createdAt: '2026-12-01T10:00:00.000Z' });
    expect((await viewReport(deps, REF, auditor, meta)).versions.map((v) => v.step)).toEqual(['draft']);
    expect(state.audit.map((a) => a.action)).toEqual(['report.version-started', 'report.viewed']);
  });

  it('refuses a stale save, says what is missing before the final offer, and notifies once offered', async () => {
    const { state, deps } = setUp();
    await startReportVersion(deps, REF, { expectedLatest: 0 }, author, meta);
    await expect(saveReportSection(deps, REF, '1', 'facts', { expectedRevision: 1, content: written.facts }, author, meta)).rejects.toThrow(ConflictError);
    await expect(saveReportSection(deps, REF, '1', 'nonsense', { expectedRevision: 0, content: {} }, author, meta)).rejects.toThrow(NotFoundError);
    await expect(finaliseReport(deps, REF, '1', { confirm: true }, author, meta)).rejects.toThrow(ValidationError);
    for (const [id, content] of Object.entries(written)) await saveReportSection(deps, REF, '1', id, { expectedRevision: 0, content }, author, meta);
    expect(await finaliseReport(deps, REF, '1', { confirm: true }, author, meta)).toMatchObject({ version: 1 });
    expect(state.notified).toBe(1);
    // What it drew from the case is frozen into the version.
    expect(state.report.versions[0]!.derived?.panel).toEqual([{ name: 'Pat', jobTitle: 'Head', organisation: 'Council', agency: expect.any(String) }]);
    await expect(saveReportSection(deps, REF, '1', 'facts', { expectedRevision: 1, content: written.facts }, author, meta)).rejects.toThrow(/offered as final/);
  });

  it('a panel member comments by their address on the panel; the auditor may not', async () => {
    const { state, deps } = setUp();
    await startReportVersion(deps, REF, { expectedLatest: 0 }, bm, meta);
    await expect(commentOnReport(deps, REF, '1', { section: 'analysis', text: 'More on the GP' }, auditor, meta)).rejects.toThrow(ForbiddenError);
    await commentOnReport(deps, REF, '1', { section: 'analysis', text: 'More on the GP' }, panel, meta);
    expect(state.report.comments).toEqual([expect.objectContaining({ section: 'analysis', text: 'More on the GP', by: { email: panel.email, role: 'agency-contributor' } })]);
    const invalid = await commentOnReport(deps, REF, '1', { section: 'analysis', text: ' ' }, panel, meta).catch((e: ValidationError) => e.errors);
    expect(invalid).toEqual([{ name: 'text', href: '#text', text: 'Enter your comment' }]);
  });

  it('will not mark the report published while a hold is on (8.8)', async () => {
    const { state, deps } = setUp();
    state.case.review!.publicationHold = { reason: 'Criminal trial', setBy: bm.email, setAt: '' };
    const err = await markPublished(deps, REF, { publishedOn: '2026-12-01', where: 'Website' }, bm, meta).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/^Publication is on hold \(paragraph 8\.8\): Criminal trial/);
    expect(state.report.publication).toBeUndefined();
    await expect(markPublished(deps, REF, { publishedOn: '2026-12-01', where: 'Website' }, author, meta)).rejects.toThrow(ForbiddenError);
  });
});
