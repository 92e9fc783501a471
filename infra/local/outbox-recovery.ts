import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoCaseStore } from '../../functions/adapters/aws/dynamo-case-store.js';
import { SfnWorkflows } from '../../functions/adapters/aws/sfn-workflows.js';
import { reconcileWorkflows, type ReconcileResult } from '../../functions/domain/case/reconcile.js';
import { LOCAL_REGION, stateMachineArn } from './arns.js';
import { localCredentials } from './dynamodb.js';
import { describeError, type LocalLog } from './log.js';

export interface OutboxRecoveryOptions {
  dynamo: DynamoDBClient;
  tableName: string;
  referencePrefix: string;
  sfnEndpoint: string;
  /** The state machine ids the platform runs (only these are reconciled). */
  stateMachineIds: readonly string[];
  log: LocalLog;
}

/**
 * What the local runtime does so that nothing owed is lost across a crash or
 * a gap in the stream (issue 12):
 * - at start-up, before anything sends, every email claim left `sending` by
 *   the previous run is marked `unknown` (that run is dead, so its fate is
 *   unknown): the next attempt sends it again and the case says so;
 * - at start-up and whenever the stream poller lost records, every case that
 *   owes a workflow gets one (started idempotently), and a case whose
 *   workflow cannot be started is logged as an error.
 */
export class OutboxRecovery {
  readonly #store: DynamoCaseStore;
  readonly #sfn: SFNClient;
  readonly #workflows: SfnWorkflows;
  readonly #log: LocalLog;
  #running: Promise<ReconcileResult | undefined> | undefined;
  #again = false;

  constructor(opts: OutboxRecoveryOptions) {
    // Recovery reads cases and marks claims; it never writes a case, so it has no task rule to apply.
    this.#store = new DynamoCaseStore(DynamoDBDocumentClient.from(opts.dynamo), opts.tableName, opts.referencePrefix, () => {
      throw new Error('Outbox recovery does not write cases');
    });
    this.#sfn = new SFNClient({ endpoint: opts.sfnEndpoint, region: LOCAL_REGION, credentials: localCredentials });
    const arn = (id: 'decision' | 'review') => (opts.stateMachineIds.includes(id) ? stateMachineArn(id) : undefined);
    this.#workflows = new SfnWorkflows(this.#sfn, { decision: arn('decision'), review: arn('review') });
    this.#log = opts.log;
  }

  /** Marks the claims of the dead previous run `unknown`. Call before anything can send. */
  async markAbandonedClaims(): Promise<number> {
    const marked = await this.#store.markAbandonedClaims();
    if (marked > 0) {
      this.#log.warn(`${marked} email(s) were claimed by the previous run but not recorded as sent: they will be sent again (a duplicate is possible)`);
    }
    return marked;
  }

  /**
   * Every case that owes a workflow has one running. Runs one at a time; a
   * call while one runs makes it run once more after. Never throws: it logs.
   */
  reconcile(why: string): Promise<ReconcileResult | undefined> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      let result: ReconcileResult | undefined;
      do {
        this.#again = false;
        result = await this.#reconcileOnce(why);
      } while (this.#again);
      this.#running = undefined;
      return result;
    })();
    return this.#running;
  }

  async #reconcileOnce(why: string): Promise<ReconcileResult | undefined> {
    try {
      const result = await reconcileWorkflows({ store: this.#store, workflows: this.#workflows });
      if (result.started.length > 0) {
        this.#log.warn(`Reconciled workflows (${why}): started ${result.started.length} missing execution(s): ${result.started.join(', ')}`);
      }
      for (const c of result.cannot) {
        this.#log.error(`Case ${c.reference} owes workflow execution ${c.execution} but it is not running and cannot be started (${c.why}): its deadlines are not being watched. Redrive it or start it by hand.`);
      }
      return result;
    } catch (error) {
      this.#log.error(`Could not reconcile workflows (${why}): ${describeError(error)}. Cases may be without their workflow until the next start.`);
      return undefined;
    }
  }

  stop(): void {
    this.#sfn.destroy();
  }
}
