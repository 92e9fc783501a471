import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { envSchema } from '../../functions/config/env.js';
import { PROJECT_ROOT } from '../../infra/bin/create-app.js';
import { lambdas, stateMachines } from '../../infra/catalogue.js';
import { CONTENT_SECURITY_POLICY } from '../../infra/web-security.js';
import type { PlatformStack } from '../../infra/stacks/platform-stack.js';
import { synthesise } from './synth.js';
import { configurationSetNameFor, type SendingIdentityStack } from '../../infra/stacks/sending-identity-stack.js';

type Resource = { Type: string; Properties: Record<string, unknown> };

let template: Template;
let stack: PlatformStack;
let identity: SendingIdentityStack;

beforeAll(() => {
  ({ template, stack, identity } = synthesise());
});

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

function resources(type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

describe('table', () => {
  it('is on-demand with pk/sk, gsi1 (list fields only), sparse task indexes gsi2 and gsi3, a NEW_AND_OLD_IMAGES stream, PITR, deletion protection and a customer key', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: Match.arrayWith(['reference', 'status', 'receivedAt', 'criteriaOutcome', 'nextTask', 'userId', 'role']),
          },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: Match.arrayWith(['reference', 'taskId', 'label', 'owner', 'deadline']) },
        },
        {
          IndexName: 'gsi3',
          KeySchema: [
            { AttributeName: 'gsi3pk', KeyType: 'HASH' },
            { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: Match.arrayWith(['reference', 'taskId', 'label', 'owner', 'deadline']) },
        },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
          SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] } },
        }),
      ],
    });
  });

  it('is retained when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has keys that rotate', () => {
    const keys = Object.values(resources('AWS::KMS::Key'));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.Properties.EnableKeyRotation).toBe(true);
  });
});

describe('functions', () => {
  it.each(lambdas.map((l) => [l.id, l] as const))('%s runs on Node.js 24 ARM64 (x86_64 where it prints PDFs: the Chromium layer) with tracing and its own log group with a retention', (id, spec) => {
    const service = stack.functions[id];
    expect(service, `no function for catalogue entry ${id}`).toBeDefined();
    const fnId = logicalId(service!.function);
    const fn = resources('AWS::Lambda::Function')[fnId]!;
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: [spec.printsPdf ? 'x86_64' : 'arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logicalId(service!.logGroup) } },
    });
    const logGroup = resources('AWS::Logs::LogGroup')[logicalId(service!.logGroup)]!;
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
  });

  it('set only variables functions/config/env.ts knows, and all it requires', () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const spec of lambdas) {
      const fn = resources('AWS::Lambda::Function')[logicalId(stack.functions[spec.id]!.function)]!;
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const names = Object.keys(vars).filter((n) => n !== 'NODE_OPTIONS');
      expect(names.filter((n) => !known.has(n)), spec.id).toEqual([]);
      expect(names, spec.id).toEqual(expect.arrayContaining(['TABLE_NAME', 'APP_BASE_URL', 'BOARD_CONFIG']));
      if (spec.sendsEmail) expect(names, spec.id).toContain('SES_CONFIGURATION_SET');
      if (spec.startsWorkflows) {
        for (const machine of stateMachines) expect(names, spec.id).toContain(machine.arnEnv);
      }
    }
  });

  it('get the validated Board configuration as compact JSON and the CloudFront URL', () => {
    const fn = resources('AWS::Lambda::Function')[logicalId(stack.functions[lambdas[0]!.id]!.function)]!;
    const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const board = JSON.parse(vars.BOARD_CONFIG as string) as { board: { emailFrom: string }; procedureProfile: unknown };
    expect(board.board.emailFrom).toBe('scr-notifications@example.org');
    expect(board.procedureProfile).toBeDefined();
    expect(vars.BOARD_CONFIG).not.toContain('\n');
    expect(JSON.stringify(vars.APP_BASE_URL)).toContain(logicalId(stack.web.distribution));
  });
});

describe('HTTP API', () => {
  it('has a route for every catalogue route, each to its function', () => {
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route'));
    const expected = lambdas.flatMap((l) => (l.routes ?? []).map((r) => `${r.method} ${r.path}`));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([...expected].sort());
  });

  it('logs access and throttles at the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });
});

describe('stream consumers', () => {
  it.each(lambdas.filter((l) => l.tableStream).map((l) => [l.id] as const))(
    '%s retries, bisects, reports item failures and sends failures to the encrypted queue',
    (id) => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalId(stack.functions[id]!.function) },
        EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] },
        MaximumRetryAttempts: Match.anyValue(),
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.streamFailures), 'Arn'] } } },
      });
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    },
  );
});

describe('SES events', () => {
  it.each(lambdas.filter((l) => l.sesEvents).map((l) => [l.id] as const))(
    "%s is the target of a rule on the default bus for aws.ses events of the configuration set, with retries and a dead-letter queue",
    (id) => {
      const rule = resources('AWS::Events::Rule')[logicalId(stack.sesEventRules[id]!)]!;
      expect(rule, `no rule for ${id}`).toBeDefined();
      expect(rule.Properties.EventBusName).toBeUndefined(); // the default bus, where the configuration set publishes
      expect(rule.Properties.EventPattern).toEqual({
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [expect.anything()] } } },
      });
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [logicalId(stack.functions[id]!.function), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack.sesEventFailures), 'Arn'] } },
        }),
      ]);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [logicalId(stack.functions[id]!.function), 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [logicalId(stack.sesEventRules[id]!), 'Arn'] },
      });
    },
  );

  it('matches the configuration set that publishes to EventBridge (in the sending-identity stack)', () => {
    const identityTemplate = Template.fromStack(identity);
    const [configurationSet] = Object.values(identityTemplate.findResources('AWS::SES::ConfigurationSet')).map(
      (r) => (r as Resource).Properties.Name,
    );
    expect(configurationSet).toBe(configurationSetNameFor(identity.stackName));
    identityTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: Match.stringLikeRegexp('^EmailConfigurationSet') },
      EventDestination: Match.objectLike({ EventBridgeDestination: Match.anyValue() }),
    });
    const rules = Object.values(stack.sesEventRules).map((r) => resources('AWS::Events::Rule')[logicalId(r)]!);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const pattern = rule.Properties.EventPattern as { detail: { mail: { tags: Record<string, unknown[]> } } };
      expect(pattern.detail.mail.tags['ses:configuration-set']).toEqual([configurationSet]);
    }
  });
});

describe('state machines', () => {
  it.each(stateMachines.map((m) => [m.id, m] as const))('%s gets the function ARN of each placeholder, logs ALL without execution data and traces', (id, machine) => {
    const sm = resources('AWS::StepFunctions::StateMachine')[logicalId(stack.workflows[id]!.stateMachine)]!;
    const asl = readFileSync(path.join(PROJECT_ROOT, machine.file), 'utf8');
    const substitutions = sm.Properties.DefinitionSubstitutions as Record<string, unknown>;
    for (const spec of lambdas.filter((l) => l.aslPlaceholder && asl.includes(`\${${l.aslPlaceholder}}`))) {
      expect(substitutions[spec.aslPlaceholder!]).toEqual({ 'Fn::GetAtt': [logicalId(stack.functions[spec.id]!.function), 'Arn'] });
    }
    expect(sm.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('decision: NotifyReferralReceived invokes the notify function once substituted', () => {
    const sm = resources('AWS::StepFunctions::StateMachine')[logicalId(stack.workflows.decision!.stateMachine)]!;
    const substitutions = sm.Properties.DefinitionSubstitutions as Record<string, unknown>;
    const asl = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'state-machines/decision.asl.json'), 'utf8')) as {
      States: Record<string, { Resource?: string }>;
    };
    const placeholder = /^\$\{(\w+)\}$/.exec(asl.States.NotifyReferralReceived!.Resource ?? '')?.[1];
    expect(placeholder).toBe('NotifyFunctionArn');
    expect(substitutions[placeholder!]).toEqual({
      'Fn::GetAtt': [logicalId(stack.functions['workflow-notify']!.function), 'Arn'],
    });
  });

  it('review: NotifyReviewOwed invokes the notify function, and the stream consumer may start and stop review executions', () => {
    const sm = resources('AWS::StepFunctions::StateMachine')[logicalId(stack.workflows.review!.stateMachine)]!;
    const substitutions = sm.Properties.DefinitionSubstitutions as Record<string, unknown>;
    const asl = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'state-machines/review.asl.json'), 'utf8')) as {
      StartAt: string;
      States: Record<string, { Resource?: string; Parameters?: Record<string, unknown> }>;
    };
    expect(asl.StartAt).toBe('NotifyReviewOwed');
    expect(asl.States.NotifyReviewOwed!.Parameters).toMatchObject({ notification: 'review-owed' });
    expect(substitutions.NotifyFunctionArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.functions['workflow-notify']!.function), 'Arn'] });
    expect(substitutions.CheckDeadlinesFunctionArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.functions['workflow-check-deadlines']!.function), 'Arn'] });
    const streamFn = resources('AWS::Lambda::Function')[logicalId(stack.functions['case-stream']!.function)]!;
    const env = (streamFn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.REVIEW_STATE_MACHINE_ARN).toEqual({ Ref: logicalId(stack.workflows.review!.stateMachine) });
  });

  it('may invoke exactly the functions its ASL names', () => {
    const role = logicalId(stack.workflows.decision!.stateMachine.role as never);
    const policies = Object.values(resources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(role),
    );
    const invoke = policies
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement)
      .filter((s) => JSON.stringify(s.Action).includes('lambda:InvokeFunction'));
    const resourcesOf = invoke.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
    expect(resourcesOf).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [logicalId(stack.functions['workflow-notify']!.function), 'Arn'] },
        { 'Fn::GetAtt': [logicalId(stack.functions['workflow-check-deadlines']!.function), 'Arn'] },
      ]),
    );
    expect(resourcesOf).toHaveLength(2);
  });
});

describe('IAM', () => {
  const statements = () =>
    Object.values(resources('AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Effect: string }[] }).Statement,
    );
  const actions = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

  it('no policy allows deleting table items (audit items must stay)', () => {
    const deleting = statements().filter(
      (s) =>
        s.Effect === 'Allow' &&
        actions(s).some((a) => /^dynamodb:(DeleteItem|BatchWriteItem|PartiQLDelete|\*)$/.test(a) || a === '*'),
    );
    expect(deleting).toEqual([]);
  });

  it('no role uses an AWS managed policy', () => {
    for (const role of Object.values(resources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('only the email-sending functions may send, from the Board address only', () => {
    const senders = lambdas.filter((l) => l.sendsEmail).map((l) => logicalId(stack.functions[l.id]!.role));
    for (const [, policy] of Object.entries(resources('AWS::IAM::Policy'))) {
      const doc = policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Condition?: unknown }[] };
      const sends = doc.Statement.filter((s) => actions(s).some((a) => a.startsWith('ses:')));
      if (sends.length === 0) continue;
      expect(senders).toContain((policy.Properties.Roles as { Ref: string }[])[0]!.Ref);
      for (const s of sends) {
        expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'scr-notifications@example.org' } });
      }
    }
  });
});

describe('attached files (issue 10)', () => {
  it('keeps them in a private, KMS-encrypted, versioned, TLS-only, logged bucket with CORS for the app and a lifecycle', () => {
    const bucketId = logicalId(stack.caseFiles.bucket);
    const bucket = resources('AWS::S3::Bucket')[bucketId]!;
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } } },
        ],
      },
      LoggingConfiguration: { LogFilePrefix: 'case-files/' },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          { AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['Content-Type'], AllowedOrigins: [Match.anyValue()], ExposedHeaders: ['ETag'], MaxAge: 300 },
        ],
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
        ]),
      },
    });
    expect(template.toJSON().Resources[bucketId].DeletionPolicy).toBe('Retain');
    // Named from the stack's own id (new for each stack created, so a retained bucket never blocks a retry),
    // and that name is the origin the pages' CSP lets the browser upload to.
    const name = bucket.Properties.BucketName as { 'Fn::Join': [string, unknown[]] };
    expect(JSON.stringify(name)).toContain('AWS::StackId');
    expect(stack.resolve(stack.caseFiles.origin)).toEqual({ 'Fn::Join': ['', ['https://scr-files-', name['Fn::Join'][1][1], '.s3.eu-west-2.amazonaws.com']] });
    // The bucket policy refuses plain http.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets only the files and report functions put, get and delete objects under cases/, and use the key through S3 only', () => {
    const bucketId = logicalId(stack.caseFiles.bucket);
    const policies = Object.values(resources('AWS::IAM::Policy'));
    const touching = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(bucketId));
    // The files Lambda (attachments) and the report Lambda (its exports, in the case's space).
    expect(touching).toHaveLength(2);
    const roles = touching.map((t) => (t.Properties.Roles as { Ref: string }[])[0]!.Ref).sort();
    expect(roles).toEqual([logicalId(stack.functions['api-files']!.role as never), logicalId(stack.functions['api-report']!.role as never)].sort());
    for (const policy of touching) {
      const statements = (policy.Properties.PolicyDocument as { Statement: { Sid?: string; Action: string[]; Resource: unknown; Condition?: unknown }[] }).Statement;
      const objects = statements.find((s) => s.Sid === 'CaseFilesObjects')!;
      expect([...objects.Action].sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
      expect(JSON.stringify(objects.Resource)).toContain('/cases/*');
      const key = statements.find((s) => s.Sid === 'CaseFilesKeyThroughS3Only')!;
      expect(key.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-2.amazonaws.com' } });
      const role = (policy.Properties.Roles as { Ref: string }[])[0]!.Ref;
      const fn = Object.values(resources('AWS::Lambda::Function')).find((f) => JSON.stringify(f.Properties.Role).includes(role))!;
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.FILES_BUCKET).toEqual({ Ref: bucketId });
    }
  });
});

describe('the HTTP API within CloudFormation’s limits', () => {
  it('one integration and one API-scoped invoke permission per function, so the stack stays well under 500 resources', () => {
    const integrations = Object.values(resources('AWS::ApiGatewayV2::Integration'));
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route'));
    const apiFunctions = Object.entries(stack.functions).filter(([id]) => id.startsWith('api-'));
    expect(routes.length).toBeGreaterThan(90);
    expect(integrations).toHaveLength(new Set(integrations.map((i) => JSON.stringify(i.Properties.IntegrationUri))).size);
    expect(integrations.length).toBeLessThanOrEqual(apiFunctions.length);
    const fromApi = Object.values(resources('AWS::Lambda::Permission')).filter((p) => p.Properties.Principal === 'apigateway.amazonaws.com');
    expect(fromApi.length).toBeLessThanOrEqual(apiFunctions.length + 2);
    const total = Object.keys(template.toJSON().Resources as object).length;
    expect(total).toBeLessThan(450);
  });
});

describe('web hosting', () => {
  it('keeps the bucket private, encrypted, TLS-only and logged', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'web-bucket/' },
    });
  });

  it('serves index.html, rewrites app routes, and sends /api/* uncached to the HTTP API', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/api/*',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            // Managed CachingDisabled and AllViewerExceptHostHeader policies.
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
            ViewerProtocolPolicy: 'redirect-to-https',
          }),
        ]),
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
      }),
    });
  });

  it('sends the security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: stack.resolve(stack.web.contentSecurityPolicy), Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true }),
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          XSSProtection: Match.objectLike({ Protection: false }),
        },
      }),
    });
    const csp = stack.web.contentSecurityPolicy;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // In AWS the browser may also call Cognito's API (sign-in) and PUT to the case files bucket (presigned uploads), and nothing else.
    expect(csp).toContain(`connect-src 'self' https://cognito-idp.eu-west-2.amazonaws.com ${stack.caseFiles.origin};`);
    expect(csp.replace(` https://cognito-idp.eu-west-2.amazonaws.com ${stack.caseFiles.origin}`, '')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('keeps the self-only policy for the local server', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('cognito-idp');
  });
});

describe('alarms', () => {
  it('alarm on failed workflow executions and on stream failures, to the operators topic', () => {
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm'));
    const topic = logicalId(stack.alarmTopic);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    const text = JSON.stringify(alarms);
    expect(text).toContain('ExecutionsFailed');
    expect(text).toContain('ApproximateNumberOfMessagesVisible');
  });
});

describe('SES', () => {
  it('has a configuration set requiring TLS with an event destination, and the Board domain as identity, in the sending-identity stack', () => {
    const identityTemplate = Template.fromStack(identity);
    identityTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
    identityTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['send', 'delivery', 'bounce', 'complaint', 'reject']),
      }),
    });
    identityTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.org' });
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    template.resourceCountIs('AWS::SES::ConfigurationSet', 0);
  });
});
