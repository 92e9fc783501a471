/** Starting and stopping the per-case workflow executions. */
export interface Workflows {
  /**
   * Starts an execution named `name` of `stateMachine`. Idempotent: starting
   * the same name with the same input again returns the existing execution.
   */
  start(stateMachine: 'decision', name: string, input: Record<string, unknown>): Promise<{ executionArn: string }>;
  /** Stops a running execution whose stage's work is done; a finished or missing one is fine. */
  stop(stateMachine: 'decision', name: string, cause: string): Promise<void>;
}
