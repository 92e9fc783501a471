/** The per-case state machines: the decision stage, and a review once decided. */
export type WorkflowName = 'decision' | 'review';

/** Starting and stopping the per-case workflow executions. */
export interface Workflows {
  /**
   * Starts an execution named `name` of `stateMachine`. Idempotent: starting
   * the same name with the same input again returns the existing execution.
   */
  start(stateMachine: WorkflowName, name: string, input: Record<string, unknown>): Promise<{ executionArn: string }>;
  /** Stops a running execution whose stage's work is done; a finished or missing one is fine. */
  stop(stateMachine: WorkflowName, name: string, cause: string): Promise<void>;
  /** The status of the execution named `name`, or undefined if there is none. */
  status?(stateMachine: WorkflowName, name: string): Promise<'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE' | undefined>;
}
