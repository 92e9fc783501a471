/** Starting and stopping the per-case workflow executions. */
export interface Workflows {
  /**
   * Starts an execution named `name` of `stateMachine`. Idempotent: starting
   * the same name with the same input again returns the existing execution.
   */
  start(stateMachine: 'decision', name: string, input: Record<string, unknown>): Promise<{ executionArn: string }>;
}
