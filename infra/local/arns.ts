/**
 * The ARNs the local runtime hands out. They have the shape of real ones
 * (region eu-west-2, the account id AWS tools use for local emulators) so
 * code that parses ARNs behaves the same locally and in AWS.
 */
export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_ACCOUNT = '000000000000';

/** `arn:aws:lambda:eu-west-2:000000000000:function:<id>` */
export function lambdaArn(id: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${id}`;
}

/** `arn:aws:states:eu-west-2:000000000000:stateMachine:<id>` */
export function stateMachineArn(id: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${id}`;
}

/** `arn:aws:states:eu-west-2:000000000000:execution:<id>:<name>` */
export function executionArn(stateMachineId: string, name: string): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachineId}:${name}`;
}

/** The function id of a local Lambda ARN (qualifier ignored), or undefined. */
export function lambdaIdFromArn(arn: string): string | undefined {
  const prefix = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:`;
  if (!arn.startsWith(prefix)) return undefined;
  return arn.slice(prefix.length).split(':')[0];
}
