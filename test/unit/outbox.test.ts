import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { agreedDateDeadline, openReview, type ReviewRecord } from '../../functions/domain/review/review.js';
import { outboxEffects, scheduleFingerprint, withSchedule } from '../../functions/domain/case/outbox.js';
import { makeReferral } from '../factories/referral.js';

/** The review workflow restarts only when what its schedule depends on changes. */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const decidedAt = new Date('2026-11-30T10:00:00Z');
const base = buildCase(makeReferral(), 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' }).caseRecord;
const decided = (): CaseRecord => withSchedule(undefined, { ...base, status: 'review-decided', version: 3, review: openReview(decidedAt, board, calendar) });
const change = (c: CaseRecord, f: (r: ReviewRecord) => ReviewRecord): CaseRecord => withSchedule(c, { ...c, version: c.version + 1, review: f(c.review!) });

const records = (r: ReviewRecord, recordedAt?: string): ReviewRecord => ({
  ...r,
  records: [
    {
      id: 'rec1',
      agency: 'Example Police',
      contactName: 'Records Lead',
      contactEmail: 'records@police.example.org',
      requestedAt: '2026-12-01T10:00:00.000Z',
      requestedBy: 'bm@example.org',
      deadline: r.panelDeadline,
      ...(recordedAt ? { securedBy: 'Records Lead', securedOn: '2026-12-02', recordedAt, recordedBy: 'bm@example.org' } : {}),
    },
  ],
});

describe('the schedule fingerprint', () => {
  const at = '2026-12-01T10:00:00.000Z';
  it.each<[string, (r: ReviewRecord) => ReviewRecord]>([
    ['a proceeding', (r) => ({ ...r, proceedings: [{ id: 'p1', kind: 'coroner', details: 'Inquest', recordedBy: 'bm', recordedAt: at }] })],
    ['an early lesson', (r) => ({ ...r, earlyLessons: [{ id: 'l1', lesson: 'Share the plan', recordedBy: 'bm', recordedAt: at }] })],
    ['a publication hold', (r) => ({ ...r, publicationHold: { reason: 'Trial', setBy: 'bm', setAt: at } })],
    ['a request for a new timescale (not yet agreed)', (r) => ({ ...r, extensionRequests: [{ approachedRole: 'ofsted', reason: 'Trial', requestedAt: at, requestedBy: 'bm' }] })],
    ['a panel member', (r) => ({ ...r, panel: [{ id: 'm1', name: 'A', jobTitle: 'B', organisation: 'C', agency: 'police', email: 'a@example.org', coOpted: false, addedAt: at, addedBy: 'bm' }] })],
  ])('is unchanged by %s, so the execution keeps running', (_what, f) => {
    // Prepare
    const before = decided();
    // Act
    const after = change(before, f);
    // Assess
    expect(after.scheduleFingerprint).toBe(before.scheduleFingerprint);
    expect(after.scheduleVersion).toBe(3);
    expect(outboxEffects('MODIFY', image(before), image(after))).toBeUndefined();
  });

  it.each<[string, (r: ReviewRecord) => ReviewRecord]>([
    ['an agreed extension', (r) => ({ ...r, completion: agreedDateDeadline('2027-06-30', new Date(at), 'Agreed', 'Ofsted'), completionSetAt: at })],
    ['a records request', (r) => records(r)],
    ['a statutory notification sent again', (r) => ({ ...r, statutoryAttempts: { ...r.statutoryAttempts, 'ofsted-nbu': 2 } })],
    ['the Ofsted form, first recorded (its duty is done)', (r) => ({ ...r, ofstedFormUpdatedAt: at })],
    ['the review started (the panel duty is done)', (r) => ({ ...r, startedAt: at, startedBy: 'bm' })],
  ])('changes with %s, so the execution restarts', (_what, f) => {
    // Prepare
    const before = decided();
    // Act
    const after = change(before, f);
    // Assess
    expect(after.scheduleFingerprint).not.toBe(before.scheduleFingerprint);
    expect(after.scheduleVersion).toBe(4);
    expect(outboxEffects('MODIFY', image(before), image(after))?.reviewWorkflow).toEqual({ start: 'SCR-2026-0042-review-v4', stop: 'SCR-2026-0042-review-v3' });
  });

  it('changes when records are recorded as secured, and not when the Ofsted form is edited again', () => {
    const requested = change(decided(), (r) => records({ ...r, ofstedFormUpdatedAt: '2026-12-01T10:00:00.000Z' }));
    const secured = change(requested, (r) => records(r, '2026-12-02T10:00:00.000Z'));
    const edited = change(secured, (r) => ({ ...r, ofstedFormUpdatedAt: '2026-12-03T10:00:00.000Z' }));
    expect(secured.scheduleFingerprint).not.toBe(requested.scheduleFingerprint);
    expect(edited.scheduleFingerprint).toBe(secured.scheduleFingerprint);
    // The execution keeps the name of the schedule it runs, through later edits.
    expect([requested.scheduleVersion, secured.scheduleVersion, edited.scheduleVersion]).toEqual([4, 5, 5]);
  });

  it('does not exist before a review is decided', () => {
    expect(scheduleFingerprint(base)).toBeUndefined();
    expect(withSchedule(undefined, base)).not.toHaveProperty('scheduleFingerprint');
  });
});

describe('the outbox with fingerprints', () => {
  it('on the decision, starts the execution named by the schedule version', () => {
    const before = { ...base, status: 'awaiting-decision' as const, version: 2 };
    const after = withSchedule(before, { ...before, status: 'review-decided', version: 3, review: openReview(decidedAt, board, calendar) });
    expect(outboxEffects('MODIFY', image(before), image(after))).toMatchObject({ stopDecisionWorkflow: true, reviewWorkflow: { start: 'SCR-2026-0042-review-v3' } });
  });
  it('a header edit that leaves the schedule as it was (a later version, the same fingerprint) starts nothing', () => {
    const before = decided();
    const after = withSchedule(before, { ...before, version: 7 });
    expect(after.scheduleVersion).toBe(3);
    expect(outboxEffects('MODIFY', image(before), image(after))).toBeUndefined();
  });
});

/** The stream image of a case header, as the table's stream gives it. */
function image(c: CaseRecord) {
  return {
    type: { S: 'case' },
    sk: { S: 'CASE' },
    reference: { S: c.reference },
    status: { S: c.status },
    version: { N: String(c.version) },
    ...(c.scheduleFingerprint ? { scheduleFingerprint: { S: c.scheduleFingerprint } } : {}),
    ...(c.scheduleVersion !== undefined ? { scheduleVersion: { N: String(c.scheduleVersion) } } : {}),
  };
}
