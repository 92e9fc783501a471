import {
  StartExecutionCommand,
  StopExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  DescribeExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { WorkflowName, Workflows } from '../../ports/workflows.js';

/** Workflows on Step Functions (or the local adapter that speaks the same protocol). */
export class SfnWorkflows implements Workflows {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArns: Record<WorkflowName, string | undefined>,
  ) {}

  async start(stateMachine: WorkflowName, name: string, input: Record<string, unknown>): Promise<{ executionArn: string }> {
    const arn = this.stateMachineArns[stateMachine];
    if (!arn) throw new Error(`No ARN configured for the ${stateMachine} state machine`);
    try {
      const out = await this.sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify(input) }),
      );
      return { executionArn: out.executionArn! };
    } catch (error) {
      // Standard workflows treat the same name and input as the same execution;
      // a name reused after the execution ended also means "already started": that is success here.
      if (error instanceof ExecutionAlreadyExists) {
        const executionArn = arn.replace(':stateMachine:', ':execution:') + `:${name}`;
        await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
        return { executionArn };
      }
      throw error;
    }
  }

  async stop(stateMachine: WorkflowName, name: string, cause: string): Promise<void> {
    const arn = this.stateMachineArns[stateMachine];
    if (!arn) throw new Error(`No ARN configured for the ${stateMachine} state machine`);
    const executionArn = arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    try {
      const out = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (out.status !== 'RUNNING') return;
      await this.sfn.send(new StopExecutionCommand({ executionArn, cause }));
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return;
      throw error;
    }
  }

  async status(stateMachine: WorkflowName, name: string) {
    const arn = this.stateMachineArns[stateMachine];
    if (!arn) throw new Error(`No ARN configured for the ${stateMachine} state machine`);
    const executionArn = arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    try {
      const out = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return out.status;
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }
}
