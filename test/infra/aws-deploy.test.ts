import { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFUSED_SIGN_UP_LOG } from '../../functions/domain/intake/referrer-domains.js';
import { STACK_NAMES } from '../../infra/bin/create-app.js';
import { lambdas, stateMachines } from '../../infra/catalogue.js';
import { LAMBDA_ENVIRONMENT_LIMIT } from '../../infra/constructs/service-function.js';
import { SES_IDENTITY_VERIFIED_PARAMETER } from '../../infra/constructs/verified-identity-guard.js';
import type { PlatformStack } from '../../infra/stacks/platform-stack.js';
import { METRIC_NAMESPACE } from '../../infra/stacks/platform-stack.js';
import type { SendingIdentityStack } from '../../infra/stacks/sending-identity-stack.js';
import { BODY_RULES_IN_COUNT_MODE, EDGE_RATE_LIMITS } from '../../infra/stacks/edge-waf-stack.js';
import { CODE_REQUESTS_PER_IP } from '../../infra/constructs/sign-in-waf.js';
import { synthesise, SYNTH_TIMEOUT_MS, type Synthesised } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let synthesised: Synthesised;
let template: Template;
let stack: PlatformStack;
let identity: SendingIdentityStack;

beforeAll(() => {
  synthesised = synthesise();
  ({ template, stack, identity } = synthesised);
});

const logicalId = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as never);
const resources = (t: Template, type?: string): Record<string, Resource> =>
  type ? (t.findResources(type) as Record<string, Resource>) : (t.toJSON().Resources as Record<string, Resource>);

/** Properties that give a resource a fixed physical name, by type. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::KMS::Key': 'KeyId',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Cognito::UserPool': 'UserPoolName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
};

describe('two stages', () => {
  it('the sending identity is its own stack, deployed before the platform, in the same region', () => {
    expect(identity.stackName).toBe(STACK_NAMES.identity);
    expect(identity.region).toBe(stack.region);
    expect(stack.dependencies.map((s) => s.stackName)).toContain(STACK_NAMES.identity);
    const t = Template.fromStack(identity);
    t.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.org',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    expect(Object.keys(t.toJSON().Outputs as object).filter((o) => o.startsWith('DkimRecord'))).toHaveLength(3);
  });

  it('the platform only names the identity and configuration set: no cross-stack export between the stages', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toContain('Fn::ImportValue');
    expect(json).not.toContain(STACK_NAMES.identity + '"');
    expect(JSON.stringify(Template.fromStack(identity).toJSON().Outputs)).not.toContain('Export');
  });

  it('a custom MAIL FROM domain is set and its records output; one outside the Board domain is refused', () => {
    const { identity: withMailFrom } = synthesise({ mailFromDomain: 'mail.example.org' });
    const t = Template.fromStack(withMailFrom);
    t.hasResourceProperties('AWS::SES::EmailIdentity', {
      MailFromAttributes: { MailFromDomain: 'mail.example.org', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
    expect(JSON.stringify(t.toJSON().Outputs)).toContain('feedback-smtp');
    expect(() => synthesise({ mailFromDomain: 'mail.elsewhere.org' })).toThrow(/subdomain of example.org/);
  }, SYNTH_TIMEOUT_MS);
});

describe('the verified-identity guard', () => {
  const ruleOf = (t: Template) =>
    (t.toJSON().Rules as Record<string, { Assertions: { Assert: unknown; AssertDescription: string }[] }>).SesIdentityVerifiedRule!;
  const parameterOf = (t: Template) => (t.toJSON().Parameters as Record<string, { Default: string; AllowedValues: string[] }>)[SES_IDENTITY_VERIFIED_PARAMETER]!;

  it('without -c sesIdentityVerified=true the template fails its own rule before any resource is created', () => {
    const { template: unverified } = synthesise({ sesIdentityVerified: undefined });

    const rule = ruleOf(unverified);
    expect(rule.Assertions).toEqual([
      { Assert: { 'Fn::Equals': [{ Ref: SES_IDENTITY_VERIFIED_PARAMETER }, 'true'] }, AssertDescription: expect.stringContaining('refuses to deploy') },
    ]);
    expect(rule.Assertions[0]!.AssertDescription).toMatch(/example\.org.*ScrSendingIdentity.*sesIdentityVerified=true/);
    // The rule's parameter defaults to false: CloudFormation evaluates rules when the change set is created.
    expect(parameterOf(unverified)).toMatchObject({ Default: 'false', AllowedValues: ['true', 'false'] });
  }, SYNTH_TIMEOUT_MS);

  it('with the flag the same rule passes (the parameter defaults to true)', () => {
    expect(parameterOf(template).Default).toBe('true');
    expect(ruleOf(template).Assertions).toHaveLength(1);
  });

  it('the user pools no longer depend on an identity created in the same stack', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    for (const pool of Object.values(resources(template, 'AWS::Cognito::UserPool'))) {
      expect(JSON.stringify((pool as { DependsOn?: unknown }).DependsOn ?? [])).not.toMatch(/EmailIdentity|ConfigurationSet/);
    }
  });
});

describe('re-runnable after a failed create', () => {
  it('no stack has termination protection in its template (npm run deploy turns it on after success)', () => {
    for (const s of [stack, identity, synthesised.edgeWaf!]) expect(s.terminationProtection, s.stackName).toBe(false);
  });

  it.each([
    ['platform', () => template],
    ['identity', () => Template.fromStack(identity)],
    ['edge WAF', () => Template.fromStack(synthesised.edgeWaf!)],
  ] as const)('%s: no retained resource has a fixed physical name', (_name, get) => {
    const fixed = Object.entries(resources(get()))
      .filter(([, r]) => r.DeletionPolicy === 'Retain' || r.UpdateReplacePolicy === 'Retain')
      .filter(([, r]) => NAME_PROPERTIES[r.Type] && r.Properties?.[NAME_PROPERTIES[r.Type]!] !== undefined)
      // A name made from this stack's own id is new with every create, so a failed first create never blocks the next.
      .filter(([, r]) => !JSON.stringify(r.Properties[NAME_PROPERTIES[r.Type]!]).includes('"AWS::StackId"'))
      .map(([id, r]) => `${id} ${r.Type} ${JSON.stringify(r.Properties[NAME_PROPERTIES[r.Type]!])}`);
    expect(fixed).toEqual([]);
  });

  it('the workflow log groups in particular are named by CloudFormation', () => {
    for (const machine of stateMachines) {
      const group = resources(template, 'AWS::Logs::LogGroup')[logicalId(stack.workflows[machine.id]!.logGroup)]!;
      expect(group.Properties.LogGroupName).toBeUndefined();
      expect(group.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('environment size', () => {
  it('is checked with every deploy-time value, state machine ARNs included', () => {
    for (const spec of lambdas.filter((l) => l.startsWorkflows)) {
      const service = stack.functions[spec.id]!;
      const vars = (resources(template, 'AWS::Lambda::Function')[logicalId(service.function)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      for (const machine of stateMachines) expect(Object.keys(vars)).toContain(machine.arnEnv);
      // Each ARN counted at the 256 bytes assumed for a deploy-time value.
      const withoutArns = service.environmentBytes - stateMachines.reduce((n, m) => n + m.arnEnv.length + 256, 0);
      expect(withoutArns).toBeGreaterThan(0);
      expect(service.environmentBytes).toBeLessThanOrEqual(LAMBDA_ENVIRONMENT_LIMIT);
    }
  });

  it('a value added after construction that breaks the limit fails synth', () => {
    const fresh = synthesise();
    const service = fresh.stack.functions['case-stream']!;
    service.addEnvironment('LATE_VALUE', 'x'.repeat(LAMBDA_ENVIRONMENT_LIMIT));
    expect(() => fresh.app.synth({ force: true })).toThrow(/over Lambda's 4096-byte limit \(largest: LATE_VALUE\)/);
  }, SYNTH_TIMEOUT_MS);
});

describe('alarms reach the encrypted topic', () => {
  it('every alarm notifies the topic, and its key lets CloudWatch publish', () => {
    const topic = resources(template, 'AWS::SNS::Topic')[logicalId(stack.alarmTopic)]!;
    const keyRef = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const key = resources(template, 'AWS::KMS::Key')[keyRef]!;
    const statements = (key.Properties.KeyPolicy as { Statement: { Principal?: { Service?: unknown }; Action: string[] | string; Effect: string }[] }).Statement;
    const cloudwatch = statements.find((s) => JSON.stringify(s.Principal?.Service) === '"cloudwatch.amazonaws.com"');
    expect(cloudwatch?.Effect).toBe('Allow');
    expect(cloudwatch?.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
    for (const alarm of Object.values(resources(template, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: logicalId(stack.alarmTopic) }]);
    }
    // The topic's own policy (which replaces SNS's default) lets this account's alarms publish.
    const policy = Object.values(resources(template, 'AWS::SNS::TopicPolicy'))[0]!;
    const allow = (policy.Properties.PolicyDocument as { Statement: { Effect: string; Principal?: { Service?: string }; Action: string; Condition?: unknown }[] }).Statement.find(
      (s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(allow?.Action).toBe('sns:Publish');
    expect(JSON.stringify(allow?.Condition)).toContain('aws:SourceAccount');
  });
});

describe('alarms on real failures only', () => {
  it('refused sign-ups are a metric of their own, and the trigger alarm subtracts them from its errors', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ $.message = "${REFUSED_SIGN_UP_LOG}" }`,
      LogGroupName: { Ref: logicalId(stack.functions['cognito-pre-sign-up']!.logGroup) },
      MetricTransformations: [Match.objectLike({ MetricNamespace: METRIC_NAMESPACE, MetricName: 'RefusedSignUps', MetricValue: '1' })],
    });
    const alarm = Object.values(resources(template, 'AWS::CloudWatch::Alarm')).find((a) =>
      String(a.Properties.AlarmDescription).startsWith('cognito-pre-sign-up'),
    )!;
    const metrics = alarm.Properties.Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string } } }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe('FILL(errors, 0) - FILL(refused, 0)');
    expect(metrics.map((m) => m.MetricStat?.Metric.MetricName).filter(Boolean).sort()).toEqual(['Errors', 'RefusedSignUps']);
  });

  it('the handler logs exactly the line the filter counts', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../functions/handlers/cognito-pre-sign-up.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/logger\.info\(REFUSED_SIGN_UP_LOG\);\s*throw new Error/);
  });
});

describe('SES events function failures are parked', () => {
  it('has deliberate async retries and max event age, failures to the alarmed queue', () => {
    const fn = stack.functions['ses-events']!;
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(fn.function) },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.sesEventFailures), 'Arn'] } } },
    });
    const alarm = Object.values(resources(template, 'AWS::CloudWatch::Alarm')).find((a) =>
      JSON.stringify(a.Properties.Dimensions ?? []).includes(logicalId(stack.sesEventFailures)),
    );
    expect(alarm?.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible');
  });
});

describe('/act', () => {
  it('is served uncached with Cache-Control: no-store and the page security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/act',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            ResponseHeadersPolicyId: { Ref: logicalId(stack.web.actHeadersPolicy) },
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
        ]),
      }),
    });
    const policy = resources(template, 'AWS::CloudFront::ResponseHeadersPolicy')[logicalId(stack.web.actHeadersPolicy)]!;
    const config = policy.Properties.ResponseHeadersPolicyConfig as {
      CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
      SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
    };
    expect(config.CustomHeadersConfig.Items).toContainEqual({ Header: 'Cache-Control', Value: 'no-store', Override: true });
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toEqual(stack.resolve(stack.web.contentSecurityPolicy));
  });
});

describe('SES sandbox', () => {
  it('is stated in the outputs at deploy time', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: string }>;
    expect(outputs.SesSandbox?.Value).toMatch(/sandbox.*production access/i);
  });
});

describe('WAF defaults that fit a public body', () => {
  type RateBased = { AggregateKeyType: string; Limit: number; ScopeDownStatement?: unknown; CustomKeys?: unknown };
  type Rule = {
    Name: string;
    Priority: number;
    Action?: unknown;
    OverrideAction?: unknown;
    Statement: { RateBasedStatement: RateBased; ManagedRuleGroupStatement: { RuleActionOverrides: { Name: string; ActionToUse: unknown }[] } };
  };
  const edgeRules = (): Rule[] => {
    const acl = Object.values(resources(Template.fromStack(synthesised.edgeWaf!), 'AWS::WAFv2::WebACL'))[0]!;
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    return acl.Properties.Rules as Rule[];
  };
  const byName = (name: string) => edgeRules().find((r) => r.Name === name)!;

  it('the distribution gets the edge web ACL by default', () => {
    expect(synthesised.edgeWaf?.region).toBe('us-east-1');
    const dist = Object.values(resources(template, 'AWS::CloudFront::Distribution'))[0]!;
    expect(JSON.stringify((dist.Properties.DistributionConfig as { WebACLId: unknown }).WebACLId)).toContain(STACK_NAMES.edgeWaf);
  });

  it('is tight on referral submission per IP, generous per signed-in person, and caps floods per IP', () => {
    const referral = byName('ReferralSubmissionsPerIp').Statement.RateBasedStatement;
    expect(referral).toMatchObject({ AggregateKeyType: 'IP', Limit: EDGE_RATE_LIMITS.referralSubmissionsPerIp });
    expect(JSON.stringify(referral.ScopeDownStatement)).toMatch(/"POST".*"\/api\/referrals"/);

    const unauthenticated = byName('UnauthenticatedApiPerIp').Statement.RateBasedStatement;
    expect(unauthenticated).toMatchObject({ AggregateKeyType: 'IP', Limit: EDGE_RATE_LIMITS.unauthenticatedApiPerIp });
    expect(JSON.stringify(unauthenticated.ScopeDownStatement)).toContain('NotStatement');

    const signedIn = byName('SignedInApiPerPerson').Statement.RateBasedStatement;
    expect(signedIn.AggregateKeyType).toBe('CUSTOM_KEYS');
    expect(JSON.stringify(signedIn.CustomKeys)).toContain('authorization');
    expect(signedIn.Limit).toBeGreaterThan(EDGE_RATE_LIMITS.unauthenticatedApiPerIp);

    const flood = byName('AnyRequestPerIp').Statement.RateBasedStatement;
    expect(flood.Limit).toBeGreaterThanOrEqual(10 * signedIn.Limit);
    // Limits in order: referral < unauthenticated < signed-in < flood.
    expect(EDGE_RATE_LIMITS.referralSubmissionsPerIp).toBeLessThan(EDGE_RATE_LIMITS.unauthenticatedApiPerIp);
  });

  it('runs the Core and known-bad-inputs rule sets, with the body rules only counting', () => {
    const core = byName('AWSManagedRulesCommonRuleSet');
    expect(core.OverrideAction).toEqual({ None: {} });
    const overrides = core.Statement.ManagedRuleGroupStatement.RuleActionOverrides;
    expect(overrides.map((o) => o.Name).sort()).toEqual([...BODY_RULES_IN_COUNT_MODE].sort());
    for (const o of overrides) expect(o.ActionToUse).toEqual({ Count: {} });
    expect(byName('AWSManagedRulesKnownBadInputsRuleSet').OverrideAction).toEqual({ None: {} });
  });

  it('the referrer pool has a regional web ACL limiting the requests that send email codes', () => {
    const acl = resources(template, 'AWS::WAFv2::WebACL')[stack.getLogicalId(stack.signInWaf.webAcl)]!;
    expect(acl.Properties.Scope).toBe('REGIONAL');
    const rule = (acl.Properties.Rules as Rule[]).find((r) => r.Name === 'CodeRequestsPerIp')!;
    expect(rule.Statement.RateBasedStatement.Limit).toBe(CODE_REQUESTS_PER_IP);
    expect(JSON.stringify(rule.Statement)).toContain('AWSCognitoIdentityProviderService.SignUp');
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [logicalId(stack.userPools.referrerPool), 'Arn'] },
    });
  });
});

describe('the API cannot be used around CloudFront', () => {
  const distributionConfig = () =>
    (Object.values(resources(template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig as {
      Origins: { Id: string; CustomOriginConfig?: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
      CacheBehaviors: { PathPattern: string; FunctionAssociations?: { FunctionARN: unknown }[]; OriginRequestPolicyId?: string }[];
    });
  const secretRef = () => stack.getLogicalId(stack.originVerifySecret.node.defaultChild as never);

  it('CloudFront sends the generated secret to the API origin, as a dynamic reference (never in the template)', () => {
    const api = distributionConfig().Origins.find((o) => o.CustomOriginConfig)!;
    const header = api.OriginCustomHeaders?.find((h) => h.HeaderName === 'x-origin-verify');
    expect(JSON.stringify(header?.HeaderValue)).toMatch(new RegExp(`\\{\\{resolve:secretsmanager:.*${secretRef()}`));
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ ExcludePunctuation: true, PasswordLength: 48 }),
    });
  });

  it('every HTTP function, and only those, gets the same secret to check', () => {
    for (const spec of lambdas) {
      const vars = (resources(template, 'AWS::Lambda::Function')[logicalId(stack.functions[spec.id]!.function)]!.Properties.Environment as {
        Variables: Record<string, unknown>;
      }).Variables;
      if (spec.routes?.length) expect(JSON.stringify(vars.ORIGIN_VERIFY_SECRET), spec.id).toContain(secretRef());
      else expect(vars.ORIGIN_VERIFY_SECRET, spec.id).toBeUndefined();
    }
  });

  it("/api/* passes the viewer's address in a header CloudFront's function overwrites", () => {
    const api = distributionConfig().CacheBehaviors.find((b) => b.PathPattern === '/api/*')!;
    expect(api.FunctionAssociations).toHaveLength(1);
    const fnId = (api.FunctionAssociations![0]!.FunctionARN as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const code = resources(template, 'AWS::CloudFront::Function')[fnId]!.Properties.FunctionCode as string;
    expect(code).toContain("request.headers['x-viewer-address'] = { value: event.viewer.ip }");
    // All viewer headers except Host reach the API (the function's header included).
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });
});

describe('audit archive (S3 Object Lock)', () => {
  const bucket = () => resources(template, 'AWS::S3::Bucket')[logicalId(stack.auditArchive.bucket)]!;

  it('locks every object in compliance mode for the Board default retention, versioned, KMS-encrypted, retained without a fixed name', () => {
    const b = bucket();
    expect(b.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 * 15 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [expect.objectContaining({ ServerSideEncryptionByDefault: expect.objectContaining({ SSEAlgorithm: 'aws:kms' }) })] },
      PublicAccessBlockConfiguration: expect.objectContaining({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
    });
    expect(b.Properties.BucketName).toBeUndefined();
    expect(b.DeletionPolicy).toBe('Retain');
  });

  it('takes its retention from the Board configuration (auditRetentionYears)', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const config = JSON.parse(readFileSync(new URL('../../infra/config/board.example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'scr-board-')), 'board.json');
    writeFileSync(file, JSON.stringify({ ...config, auditRetentionYears: 30 }));

    const other = synthesise({ boardConfig: file });

    const b = resources(other.template, 'AWS::S3::Bucket')[other.stack.getLogicalId(other.stack.auditArchive.bucket.node.defaultChild as never)]!;
    expect(b.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 * 30 } } });
  }, SYNTH_TIMEOUT_MS);

  it('a stream consumer gets only audit items (before or after a change) and may only put objects', () => {
    const fn = logicalId(stack.auditArchive.service.function);
    const mapping = Object.values(resources(template, 'AWS::Lambda::EventSourceMapping')).find((m) => JSON.stringify(m.Properties.FunctionName).includes(fn))!;
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.streamFailures), 'Arn'] } } },
    });
    const patterns = (mapping.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
    expect(patterns).toEqual([
      { dynamodb: { NewImage: { type: { S: ['audit'] } } } },
      { dynamodb: { OldImage: { type: { S: ['audit'] } } } },
    ]);
    const role = logicalId(stack.auditArchive.service.role);
    const s3Actions = Object.values(resources(template, 'AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement)
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
      .filter((a) => a.startsWith('s3:'));
    expect(s3Actions).toEqual(['s3:PutObject']);
    const vars = (resources(template, 'AWS::Lambda::Function')[fn]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars.AUDIT_ARCHIVE_BUCKET).toEqual({ Ref: logicalId(stack.auditArchive.bucket) });
  });

  it('alarms when events could not be archived', () => {
    const alarm = Object.values(resources(template, 'AWS::CloudWatch::Alarm')).find((a) => String(a.Properties.AlarmDescription).startsWith('Audit events could not be archived'));
    expect(alarm?.Properties).toMatchObject({ MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.auditArchive.service.function) } }] });
  });
});
