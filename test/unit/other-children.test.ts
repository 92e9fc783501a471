import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { AuditEvent, CaseRecord } from '../../functions/domain/case/case.js';
import { caseTasks } from '../../functions/domain/case/case-views.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/domain/errors.js';
import { otherChildrenDuty } from '../../functions/domain/intake/other-children.js';
import { recordOtherChildrenConsidered, type OtherChildrenDeps } from '../../functions/domain/intake/other-children-actions.js';
import { watchedDeadlines } from '../../functions/domain/alerts/deadline-check.js';
import { checkAlerts } from '../../functions/domain/alerts/alerts.js';
import { outboxEffects } from '../../functions/domain/case/outbox.js';
import { owedWorkflow } from '../../functions/domain/case/reconcile.js';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Caller } from '../../functions/ports/identity.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';

/** Paragraph 3.1: other children at risk must be considered at once; the case opens a duty for the business manager. */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const meta = { requestId: 'r' };
const caller = (role: Caller['roles'][number]): Caller => ({ userId: `u-${role}`, email: `${role}@example.org`, pool: 'staff', roles: [role], sessionId: 's', authTime: 0 });
const ids = { uuid: () => 'u', secret: () => 's' };

const mandatory = makeReferral(); // a death with neglect suspected (3.1, 3.2)
const notMandatory = makeReferral({ incident: { type: 'life-threatening-injury', date: '2026-11-20', summary: 'x' }, concerns: { abuseOrNeglect: 'suspected', interAgencyConcerns: 'yes', interAgencyConcernsDetail: 'x' } });

const received = (referral: typeof mandatory, at: string) => buildCase(referral, 'SCR-2026-0042', new Date(at), { board, calendar, ids }, meta).caseRecord;

describe('the 3.1 duty opens at once when the criteria call for it', () => {
  it.each([
    { name: 'received on a Thursday: due by the end of Friday', at: '2026-11-26T10:00:00Z', due: '2026-11-27' },
    { name: 'received on a Friday: due by the end of Monday', at: '2026-11-27T16:00:00Z', due: '2026-11-30' },
    { name: 'received on Christmas Eve: due after the bank holidays', at: '2026-12-24T10:00:00Z', due: '2026-12-29' },
  ])('$name', ({ at, due }) => {
    // Prepare
    const c = received(mandatory, at);
    // Act
    const duty = otherChildrenDuty(c, board, calendar);
    // Assess
    expect(duty).toMatchObject({ id: 'other-children', ownerRole: 'business-manager', owner: board.businessManager, task: { openedAt: c.receivedAt, deadline: { dueDate: due } } });
    expect(duty?.label).toMatch(/^Confirm with children’s social care that the other children named in the referral have been considered, and record what was done/);
  });

  it('is not opened when the criteria do not call for it', () => {
    const c = received(notMandatory, '2026-11-26T10:00:00Z');
    expect(c.criteria.considerOtherChildrenNow).toBe(false);
    expect(otherChildrenDuty(c, board, calendar)).toBeUndefined();
    expect(caseTasks(c, { board, calendar }, new Date('2026-11-26T10:00:00Z')).map((t) => t.id)).not.toContain('other-children');
  });

  it('is on the business manager’s task list and watched with the decision stage’s deadlines, escalating to the owner and the sub-committee chair', () => {
    const c = received(mandatory, '2026-11-26T10:00:00Z');
    const now = new Date('2026-11-26T10:00:00Z');
    expect(caseTasks(c, { board, calendar }, now).find((t) => t.id === 'other-children')).toMatchObject({ owner: 'business-manager', deadline: { dueDate: '2026-11-27' } });
    const watched = watchedDeadlines(c, board, calendar, now).find((w) => w.task.id === 'other-children');
    expect(watched?.owner.email).toBe(board.businessManager.email);
    expect(watched?.task.escalationTiers).toEqual([[board.businessManager.email, board.subCommitteeChair.email], [board.boardChair.email]]);
  });

  it('is done once recorded, and leaves the task list', () => {
    const c: CaseRecord = { ...received(mandatory, '2026-11-26T10:00:00Z'), otherChildrenCheck: { confirmedWith: 'x', confirmedOn: '2026-11-26', whatWasDone: 'x', recordedAt: '2026-11-26T15:00:00.000Z', recordedBy: 'bm@example.org' } };
    expect(otherChildrenDuty(c, board, calendar)?.task.doneAt).toBe('2026-11-26T15:00:00.000Z');
    expect(caseTasks(c, { board, calendar }, new Date('2026-11-26T16:00:00Z')).map((t) => t.id)).not.toContain('other-children');
  });
});

function setUp(referral = mandatory) {
  const clock = new FakeClock('2026-11-27T11:00:00Z');
  const state = { case: { ...received(referral, '2026-11-26T10:00:00Z'), version: 1 } as CaseRecord, audit: [] as AuditEvent[] };
  const store = {
    getCase: async (ref: string) => (ref === state.case.reference ? structuredClone(state.case) : undefined),
    getMember: async () => undefined,
    recordSecurityEvent: async (e: AuditEvent) => state.audit.push(e),
    updateCase: async ({ previous, next, audit }: { previous: CaseRecord; next: CaseRecord; audit: AuditEvent }) => {
      if (state.case.version !== previous.version) return false;
      state.case = { ...next, version: previous.version + 1 };
      state.audit.push(audit);
      return true;
    },
  };
  const deps = { store: store as unknown as OtherChildrenDeps['store'], clock, ids: { uuid: () => 'id', secret: () => 's' }, board, calendar } satisfies OtherChildrenDeps;
  return { state, deps, clock };
}

const body = { confirmedWith: 'Duty team manager, children’s social care', confirmedOn: '2026-11-27', whatWasDone: 'Both siblings were seen and a strategy discussion held.' };

describe('recording that the other children were considered (3.1)', () => {
  it('the business manager records it once, with its audit event in the same write and no case content in the audit', async () => {
    // Prepare
    const { state, deps } = setUp();
    // Act
    const result = await recordOtherChildrenConsidered(deps, 'SCR-2026-0042', body, caller('business-manager'), meta);
    // Assess
    expect(result).toEqual({ recordedAt: '2026-11-27T11:00:00.000Z' });
    expect(state.case.otherChildrenCheck).toMatchObject({ ...body, recordedBy: 'business-manager@example.org' });
    expect(state.audit).toEqual([expect.objectContaining({ action: 'case.other-children-considered', detail: { confirmedOn: '2026-11-27', onTime: true } })]);
    expect(JSON.stringify(state.audit)).not.toContain('siblings');
    await expect(recordOtherChildrenConsidered(deps, 'SCR-2026-0042', body, caller('business-manager'), meta)).rejects.toBeInstanceOf(ConflictError);
  });

  it.each([
    { name: 'another role is refused (403)', role: 'board-chair' as const, input: body, error: ForbiddenError },
    { name: 'a blank form is refused with each field (400)', role: 'business-manager' as const, input: {}, error: ValidationError },
    { name: 'a date in the future is refused (400)', role: 'business-manager' as const, input: { ...body, confirmedOn: '2026-11-28' }, error: ValidationError },
  ])('$name, and nothing changes', async ({ role, input, error }) => {
    const { state, deps } = setUp();
    await expect(recordOtherChildrenConsidered(deps, 'SCR-2026-0042', input, caller(role), meta)).rejects.toBeInstanceOf(error);
    expect(state.case.otherChildrenCheck).toBeUndefined();
    expect(state.audit.filter((a) => a.action === 'case.other-children-considered')).toEqual([]);
  });

  it('a case whose criteria do not call for it has nothing to record (409)', async () => {
    const { deps } = setUp(notMandatory);
    await expect(recordOtherChildrenConsidered(deps, 'SCR-2026-0042', body, caller('business-manager'), meta)).rejects.toBeInstanceOf(ConflictError);
  });

  it('recorded after its deadline says so in the audit', async () => {
    const { state, deps, clock } = setUp();
    clock.set('2026-11-30T09:00:00Z');
    await recordOtherChildrenConsidered(deps, 'SCR-2026-0042', body, caller('business-manager'), meta);
    expect(state.audit.at(-1)?.detail).toEqual({ confirmedOn: '2026-11-27', onTime: false });
  });
});

describe('decided against a full review while the 3.1 duty is open', () => {
  const decidedNot = (status: 'no-review' | 'imr-only' | 'partnership-review', checked = false): CaseRecord => ({
    ...received(mandatory, '2026-11-26T10:00:00Z'),
    status,
    version: 3,
    ...(checked ? { otherChildrenCheck: { confirmedWith: 'x', confirmedOn: '2026-11-27', whatWasDone: 'x', recordedAt: '2026-11-27T15:00:00.000Z', recordedBy: 'bm@example.org' } } : {}),
  });
  // The header as the table's stream gives it: the whole item, marshalled.
  const image = (c: CaseRecord) => marshall({ ...c, type: 'case', pk: `CASE#${c.reference}`, sk: 'CASE' }, { removeUndefinedValues: true }) as Parameters<typeof outboxEffects>[1];
  const awaiting = (): CaseRecord => ({ ...received(mandatory, '2026-11-26T10:00:00Z'), status: 'awaiting-decision', version: 2 });

  it.each(['no-review', 'imr-only', 'partnership-review'] as const)('%s: the decision workflow keeps watching the duty, and the case owes it until the duty is met', (status) => {
    // Act
    const effects = outboxEffects('MODIFY', image(awaiting()), image(decidedNot(status)));
    const watched = watchedDeadlines(decidedNot(status), board, calendar, new Date('2026-11-30T10:00:00Z'));
    // Assess
    expect(effects).toMatchObject({ notifications: ['decision-recorded'], stopDecisionWorkflow: false });
    expect(watched.map((w) => w.task.id)).toEqual(['other-children']);
    expect(owedWorkflow(decidedNot(status))).toEqual({ machine: 'decision', name: 'SCR-2026-0042' });
  });

  it('once the duty is met the stage has nothing left: nothing watched, no workflow owed, and a decision then stops it', () => {
    // Act
    const effects = outboxEffects('MODIFY', image(awaiting()), image(decidedNot('no-review', true)));
    // Assess
    expect(watchedDeadlines(decidedNot('no-review', true), board, calendar, new Date('2026-11-30T10:00:00Z'))).toEqual([]);
    expect(owedWorkflow(decidedNot('no-review', true))).toBeUndefined();
    expect(effects).toMatchObject({ stopDecisionWorkflow: true });
  });

  it('an overdue duty escalates after the decision as before it', () => {
    const c = decidedNot('no-review');
    const [w] = watchedDeadlines(c, board, calendar, new Date('2026-11-30T10:00:00Z'));
    const check = checkAlerts(w!.task, board.procedureProfile, calendar, new Date('2026-11-30T10:00:00Z'), new Set());
    expect(check.due.map((a) => a.kind)).toEqual(['escalation']);
  });

  it('a case whose criteria never called for it stops the decision workflow at the decision', () => {
    const plain: CaseRecord = { ...received(notMandatory, '2026-11-26T10:00:00Z'), status: 'no-review', version: 3 };
    expect(outboxEffects('MODIFY', image({ ...plain, status: 'awaiting-decision', version: 2 }), image(plain))).toMatchObject({ stopDecisionWorkflow: true });
    expect(owedWorkflow(plain)).toBeUndefined();
  });
});
