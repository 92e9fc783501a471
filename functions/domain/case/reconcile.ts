import type { CaseStore } from '../../ports/case-store.js';
import type { WorkflowName, Workflows } from '../../ports/workflows.js';
import type { CaseRecord } from './case.js';
import { reviewExecutionName } from './outbox.js';

/** The workflow execution a case in its current state must have running, if any. */
export function owedWorkflow(c: CaseRecord): { machine: WorkflowName; name: string } | undefined {
  if (c.status === 'awaiting-recommendation' || c.status === 'awaiting-decision') return { machine: 'decision', name: c.reference };
  // The review's execution is named by the version its schedule was taken at (see outbox.ts).
  // Decided against a full review with the 3.1 duty still open: the decision workflow watches it until it is met.
  if (NOT_FOR_FULL_REVIEW.has(c.status) && c.criteria.considerOtherChildrenNow && !c.otherChildrenCheck) return { machine: 'decision', name: c.reference };
  // After completion the loop goes on while the action plan has open actions (their reminders and escalations).
  if (c.status === 'review-decided' && (!c.review?.completedAt || (c.actionPlan?.open ?? 0) > 0)) return { machine: 'review', name: reviewExecutionName(c.reference, c.scheduleVersion ?? c.version) };
  return undefined;
}

const NOT_FOR_FULL_REVIEW = new Set<CaseRecord['status']>(['imr-only', 'partnership-review', 'no-review']);

export interface ReconcileResult {
  /** Cases that owe a workflow. */
  owing: number;
  /** Executions this call started (they were missing). */
  started: string[];
  /** Cases whose owed workflow is not running and could not be started: say so loudly. */
  cannot: { reference: string; execution: string; why: string }[];
}

/**
 * The stream is the outbox; if it ever lost a record, a case could be left
 * without its workflow. This makes sure: every case in a state that owes a
 * workflow (decision, or the review of its current version) has it running,
 * started idempotently (same name, same input: the same execution). An owed
 * execution that exists but is not running (failed, or ended) cannot be
 * started again under its name: that is reported, never ignored.
 */
export async function reconcileWorkflows(deps: { store: Pick<CaseStore, 'listCasePage' | 'getCase'>; workflows: Workflows }): Promise<ReconcileResult> {
  const result: ReconcileResult = { owing: 0, started: [], cannot: [] };
  for await (const c of casesOwingAWorkflow(deps.store)) {
    const owed = owedWorkflow(c);
    if (!owed) continue;
    result.owing++;
    try {
      const before = deps.workflows.status ? await deps.workflows.status(owed.machine, owed.name) : undefined;
      if (before === 'RUNNING') continue;
      if (before !== undefined) {
        result.cannot.push({ reference: c.reference, execution: owed.name, why: `its ${owed.machine} execution is ${before}` });
        continue;
      }
      await deps.workflows.start(owed.machine, owed.name, { reference: c.reference });
      result.started.push(owed.name);
    } catch (error) {
      result.cannot.push({ reference: c.reference, execution: owed.name, why: (error as Error).name });
    }
  }
  return result;
}

const OPEN_STATUSES = new Set<CaseRecord['status']>(['awaiting-recommendation', 'awaiting-decision', 'review-decided', ...NOT_FOR_FULL_REVIEW]);

/** Every case whose status can owe a workflow, read whole; the others are passed over on the list index. */
async function* casesOwingAWorkflow(store: Pick<CaseStore, 'listCasePage' | 'getCase'>): AsyncGenerator<CaseRecord> {
  let cursor: string | undefined;
  do {
    const page = await store.listCasePage(100, cursor);
    for (const row of page.items) {
      if (!OPEN_STATUSES.has(row.status)) continue;
      const c = await store.getCase(row.reference);
      if (c) yield c;
    }
    cursor = page.cursor;
  } while (cursor);
}
