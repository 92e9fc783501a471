import { readFileSync } from 'node:fs';
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge, nagFindingText } from './nag.js';
import { LOG_RETENTION } from './service-function.js';

export interface WorkflowProps {
  /** Absolute path of the ASL (JSONPath) file. */
  readonly definitionFile: string;
  /**
   * Functions by the `${Placeholder}` that names their ARN. Only the ones the
   * file uses are substituted and may be invoked by the state machine.
   */
  readonly functions: Record<string, lambda.IFunction>;
  readonly logsKey: kms.IKey;
}

/** `${Name}` placeholders in an ASL document, in order of first appearance. */
export function aslPlaceholders(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string))];
}

/**
 * A Standard state machine from an ASL file, with `${Placeholders}` filled by
 * `definitionSubstitutions` (the local runtime fills the same ones), logging
 * ALL events without execution data to an encrypted log group named by CloudFormation, and X-Ray tracing.
 * A placeholder with no value fails synth instead of deploying a broken ARN.
 */
export class Workflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);

    const definition = readFileSync(props.definitionFile, 'utf8');
    const placeholders = aslPlaceholders(definition);
    const missing = placeholders.filter((p) => !(p in props.functions));
    if (missing.length > 0) {
      throw new Error(`${props.definitionFile}: no value for placeholder(s) ${missing.join(', ')}`);
    }
    const used = placeholders.map((p) => [p, props.functions[p] as lambda.IFunction] as const);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // Named by CloudFormation: a retained group with a fixed name would make
      // the next create after a failed one fail with "already exists".
      retention: LOG_RETENTION,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(props.definitionFile),
      definitionSubstitutions: Object.fromEntries(used.map(([p, fn]) => [p, fn.functionArn])),
      // Every state transition is logged, never its input or output: a
      // workflow's state carries the case reference and may carry errors that
      // quote case data, and logs must carry no case content.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });

    acknowledge(
      this.stateMachine.role,
      'AwsSolutions-IAM5[Resource::*]',
      'CloudWatch Logs vended delivery (logs:CreateLogDelivery, logs:DescribeLogGroups and friends) and X-Ray (PutTraceSegments, GetSamplingRules...) support no resource-level permissions.',
    );

    if (used.length > 0) {
      // The ASL names unqualified ARNs, so exactly those (no `:*` versions).
      this.stateMachine.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'InvokeTaskFunctions',
          actions: ['lambda:InvokeFunction'],
          resources: used.map(([, fn]) => fn.functionArn),
        }),
      );
    }
  }

  /**
   * Lets a role start executions of this state machine and describe or stop
   * them. Execution ARNs carry the execution name (the case reference), so
   * the second statement ends in `:*`; that one wildcard is acknowledged.
   */
  grantStartAndControl(role: iam.IRole): void {
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['states:StartExecution'],
        resources: [this.stateMachine.stateMachineArn],
      }),
    );
    const executions = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.stateMachine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [executions],
      }),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${nagFindingText(this, executions)}]`,
      `Executions of ${this.node.id} only; each is named by its case reference, unknown until run time.`,
    );
  }
}
