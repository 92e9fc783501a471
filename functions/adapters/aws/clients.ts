import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Env } from '../../config/env.js';

/**
 * The X-Ray tracer (Powertools). Every client below is captured, so each
 * DynamoDB, SES, Step Functions and Cognito call is a subsegment of the
 * handler's trace (CDK turns active tracing on). It traces only inside
 * Lambda: without AWS_EXECUTION_ENV (the local runtime, tests) or with
 * POWERTOOLS_TRACE_ENABLED=false it is a no-op and the clients are left as
 * they are.
 */
export const tracer = new Tracer({ serviceName: 'scr-platform' });

/**
 * AWS SDK v3 clients, built once per environment. Locally the endpoints
 * point at the emulators; in AWS they are unset and the SDK's defaults apply.
 */
export interface AwsClients {
  ddb: DynamoDBDocumentClient;
  ses: SESv2Client;
  sfn: SFNClient;
  cognito: CognitoIdentityProviderClient;
}

const cache = new Map<string, AwsClients>();

export function awsClients(env: Env): AwsClients {
  const cacheKey = [env.AWS_REGION, env.DYNAMODB_ENDPOINT, env.SES_ENDPOINT, env.SFN_ENDPOINT, env.COGNITO_ENDPOINT].join('|');
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const region = env.AWS_REGION;
  // Emulators accept any credentials; AWS uses the Lambda role's.
  const local = (endpoint: string | undefined) =>
    endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {};
  const traced = <T>(client: T): T => tracer.captureAWSv3Client(client);
  const clients: AwsClients = {
    ddb: DynamoDBDocumentClient.from(traced(new DynamoDBClient({ region, ...local(env.DYNAMODB_ENDPOINT) })), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    ses: traced(new SESv2Client({ region, ...local(env.SES_ENDPOINT) })),
    sfn: traced(new SFNClient({ region, ...local(env.SFN_ENDPOINT) })),
    // The local Cognito's admin API checks SigV4 against the local admin credentials, which the
    // local runtime puts in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY: the SDK's default chain reads them.
    cognito: traced(new CognitoIdentityProviderClient({ region, ...(env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {}) })),
  };
  cache.set(cacheKey, clients);
  return clients;
}
