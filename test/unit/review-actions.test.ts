import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { AuditEvent, CaseRecord } from '../../functions/domain/case/case.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../functions/domain/errors.js';
import { openReview } from '../../functions/domain/review/review.js';
import { recordExtension, recordProceedings, REVIEW_LIMITS, type ReviewDeps } from '../../functions/domain/review/review-actions.js';
import type { Caller } from '../../functions/ports/identity.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';

/** The review use cases with a store fake at the port: permissions, validation, limits and lost updates. */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const clock = new FakeClock('2026-12-01T10:00:00Z');
const meta = { requestId: 'r' };
const caller = (role: Caller['roles'][number]): Caller => ({ userId: `u-${role}`, email: `${role}@example.org`, pool: 'staff', roles: [role], sessionId: 's', authTime: 0 });

function setUp(status: CaseRecord['status'] = 'review-decided') {
  let n = 0;
  const base = buildCase(makeReferral(), 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, meta).caseRecord;
  const state = {
    case: { ...base, status, version: 3, review: openReview(new Date('2026-11-30T10:00:00Z'), board, calendar) } as CaseRecord,
    audit: [] as AuditEvent[],
    /** Set to make the next write lose to someone else's. */
    concurrentChange: false,
  };
  const store = {
    getCase: async (ref: string) => (ref === state.case.reference ? structuredClone(state.case) : undefined),
    getMember: async () => undefined,
    appendAudit: async (e: AuditEvent) => void state.audit.push(e),
    // Refused access is counted (one item per person per minute); here each is simply kept.
    recordSecurityEvent: async (e: AuditEvent) => state.audit.push(e),
    updateCase: async ({ previous, next, audit }: { previous: CaseRecord; next: CaseRecord; audit: AuditEvent }) => {
      if (state.concurrentChange || state.case.version !== previous.version) return false;
      state.case = { ...next, version: previous.version + 1 };
      state.audit.push(audit);
      return true;
    },
  };
  const deps = { store: store as unknown as ReviewDeps['store'], clock, ids: { uuid: () => `id-${++n}`, secret: () => 's' }, board, calendar } satisfies ReviewDeps;
  return { state, deps };
}

describe('review use cases', () => {
  it('only the business manager records proceedings; a case that is not a review in progress says so', async () => {
    const { deps } = setUp();
    await expect(recordProceedings(deps, 'SCR-2026-0042', { kind: 'coroner', details: 'x' }, caller('board-chair'), meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordProceedings(deps, 'SCR-2026-9999', { kind: 'coroner', details: 'x' }, caller('business-manager'), meta)).rejects.toBeInstanceOf(NotFoundError);
    const other = setUp('no-review');
    await expect(recordProceedings(other.deps, 'SCR-2026-0042', { kind: 'coroner', details: 'x' }, caller('business-manager'), meta)).rejects.toBeInstanceOf(ConflictError);
  });

  it(`holds up to ${REVIEW_LIMITS.proceedings} proceedings, then says so and changes nothing`, async () => {
    const { state, deps } = setUp();
    for (let i = 0; i < REVIEW_LIMITS.proceedings; i++) await recordProceedings(deps, 'SCR-2026-0042', { kind: 'criminal', details: `case ${i}` }, caller('business-manager'), meta);
    const before = state.case.version;
    const refused = recordProceedings(deps, 'SCR-2026-0042', { kind: 'criminal', details: 'one more' }, caller('business-manager'), meta);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ errors: [{ name: 'kind', text: `A review can hold up to ${REVIEW_LIMITS.proceedings} parallel proceedings. Contact the service team if you need more` }] });
    expect(state.case.version).toBe(before);
  });

  it('an extension that lost to a concurrent change is a clear 409, and nothing is written', async () => {
    const { state, deps } = setUp();
    state.concurrentChange = true;
    const body = { agreedByRole: 'ofsted', agreedByName: 'A Inspector', agreedOn: '2026-12-01', newDueDate: '2027-06-30', reason: 'Trial' };
    await expect(recordExtension(deps, 'SCR-2026-0042', body, caller('business-manager'), meta)).rejects.toThrow(/Someone else changed this case/);
    expect(state.case.review?.extensions).toEqual([]);
    state.concurrentChange = false;
    await recordExtension(deps, 'SCR-2026-0042', body, caller('business-manager'), meta);
    expect(state.case.review).toMatchObject({ completion: { dueDate: '2027-06-30', kind: 'agreed-date' }, completionSetAt: '2026-12-01T10:00:00.000Z' });
    expect(state.audit.at(-1)).toMatchObject({ action: 'review.extension-agreed', detail: { previousDueDate: '2027-03-30', newDueDate: '2027-06-30' } });
  });

  it('an agreement dated in the future is refused', async () => {
    const { deps } = setUp();
    const body = { agreedByRole: 'ofsted', agreedByName: 'A Inspector', agreedOn: '2026-12-02', newDueDate: '2027-06-30', reason: 'Trial' };
    await expect(recordExtension(deps, 'SCR-2026-0042', body, caller('business-manager'), meta)).rejects.toMatchObject({
      errors: [{ name: 'agreedOn', text: 'Date agreed must be today or in the past' }],
    });
  });
});
