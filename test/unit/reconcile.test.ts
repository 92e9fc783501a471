import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { openReview } from '../../functions/domain/review/review.js';
import { owedWorkflow, reconcileWorkflows } from '../../functions/domain/case/reconcile.js';
import { makeReferral } from '../factories/referral.js';

/** Which workflow a case must have running, whatever the stream delivered (issue 12), through to the action plan (issue 11). */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const notMandatory = makeReferral({ incident: { type: 'life-threatening-injury', date: '2026-11-20', summary: 'x' }, concerns: { abuseOrNeglect: 'suspected', interAgencyConcerns: 'yes', interAgencyConcernsDetail: 'x' } });
const base = buildCase(notMandatory, 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' }).caseRecord;
const review = (extra: Partial<CaseRecord> = {}, completedAt?: string): CaseRecord => {
  const r = openReview(new Date('2026-11-30T10:00:00Z'), board, calendar);
  return { ...base, status: 'review-decided', version: 5, scheduleVersion: 4, review: completedAt ? { ...r, completedAt } : r, ...extra };
};

describe('the workflow a case owes', () => {
  it('awaiting a recommendation or decision: the decision workflow, named by the reference', () => {
    expect(owedWorkflow(base)).toEqual({ machine: 'decision', name: 'SCR-2026-0042' });
    expect(owedWorkflow({ ...base, status: 'awaiting-decision' })).toEqual({ machine: 'decision', name: 'SCR-2026-0042' });
  });
  it('an open review: the review workflow of its schedule version', () => {
    expect(owedWorkflow(review())).toEqual({ machine: 'review', name: 'SCR-2026-0042-review-v4' });
  });
  it('a completed review with open actions: still the review workflow, which watches the actions', () => {
    expect(owedWorkflow(review({ actionPlan: { open: 2 } }, '2027-03-01T10:00:00.000Z'))).toEqual({ machine: 'review', name: 'SCR-2026-0042-review-v4' });
  });
  it('a completed review with every action done, or none: nothing', () => {
    expect(owedWorkflow(review({ actionPlan: { open: 0 } }, '2027-03-01T10:00:00.000Z'))).toBeUndefined();
    expect(owedWorkflow(review({}, '2027-03-01T10:00:00.000Z'))).toBeUndefined();
  });
});

describe('reconciling', () => {
  it('starts what is owed and missing, leaves what runs, and reports an owed execution that ended', async () => {
    const cases = [review({ reference: 'SCR-2026-0001' }), review({ reference: 'SCR-2026-0002', actionPlan: { open: 1 } }, '2027-03-01T10:00:00.000Z'), { ...base, reference: 'SCR-2026-0003' }, review({ reference: 'SCR-2026-0004' }, '2027-03-01T10:00:00.000Z')];
    const running = new Map<string, string>([['SCR-2026-0001-review-v4', 'RUNNING'], ['SCR-2026-0003', 'SUCCEEDED']]);
    const started: string[] = [];
    const result = await reconcileWorkflows({
      store: {
        listCasePage: async () => ({ items: cases.map((c) => ({ reference: c.reference, status: c.status })) as never, cursor: undefined }),
        getCase: async (ref: string) => cases.find((c) => c.reference === ref),
      },
      workflows: {
        start: async (_m: string, name: string) => void started.push(name),
        stop: async () => undefined,
        status: async (_m: string, name: string) => running.get(name) as never,
      } as never,
    });
    expect(started).toEqual(['SCR-2026-0002-review-v4']);
    expect(result).toMatchObject({ owing: 3, started: ['SCR-2026-0002-review-v4'], cannot: [{ reference: 'SCR-2026-0003', why: 'its decision execution is SUCCEEDED' }] });
  });
});
