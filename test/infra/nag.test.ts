import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthesise, SYNTH_TIMEOUT_MS } from './synth.js';

/** `AwsSolutions-S1 at ScrPlatform/LogsBucket/Resource`, one line per finding and construct. */
function findings(report: ReturnType<AwsSolutionsChecks['validateScope']>): string[] {
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? '?'}`));
}

function acknowledgedOnDistribution(template: Template): string[] {
  const resources = template.findResources('AWS::CloudFront::Distribution') as Record<
    string,
    { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string }[] } } }
  >;
  return Object.values(resources)
    .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? [])
    .map((r) => r.id)
    .sort();
}

describe('cdk-nag AwsSolutions', () => {
  it('the app synthesises with zero unacknowledged errors or warnings', () => {
    // Prepare / Act: synthesise() runs app.synth(); with cdk-nag v3 registered as a
    // validation plugin, any finding makes it throw with the report.
    const { app, stack, nag, serverlessNag } = synthesise();

    // Assess: ask both packs directly as well, for a readable list if this ever fails.
    expect(findings(nag.validateScope(app))).toEqual([]);
    expect(findings(serverlessNag.validateScope(app))).toEqual([]);
    // cdk-nag v3 reports through the validation report, not annotations; CDK's
    // own errors and the old-style AwsSolutions annotations must be absent too.
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  it('writes every acknowledgement, with its reason, into the template', () => {
    const { template } = synthesise();

    const rules = Object.values(template.toJSON().Resources as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }>)
      .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []);

    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.reason.length, rule.id).toBeGreaterThan(30);
    // The web ACL is attached by default (CFR2 needs no acknowledgement).
    expect(acknowledgedOnDistribution(template)).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR4']);
  }, SYNTH_TIMEOUT_MS);

  it('the Serverless pack runs on synth too, and every acknowledgement of it has a reason', () => {
    const { template } = synthesise();
    const rules = Object.values(template.toJSON().Resources as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }>)
      .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? [])
      .filter((r) => r.id.startsWith('Serverless-'));
    expect(new Set(rules.map((r) => r.id))).toEqual(
      new Set(['Serverless-LambdaDLQ', 'Serverless-SQSRedrivePolicy', 'Serverless-LambdaLatestVersion', 'Serverless-LambdaTracing']),
    );
    for (const rule of rules) expect(rule.reason.length, rule.id).toBeGreaterThan(30);
  }, SYNTH_TIMEOUT_MS);

  it('the Serverless pack would catch a finding', () => {
    const app = new App();
    const stack = new Stack(app, 'Canary');
    new sqs.Queue(stack, 'NoRedrive');
    const report = findings(new ServerlessChecks(app).validateScope(app));
    expect(report).toContain('Serverless-SQSRedrivePolicy at Canary/NoRedrive/Resource');
  });

  it('would catch a finding (the check above is not vacuous)', () => {
    // Prepare: a bucket without access logs or TLS enforcement.
    const app = new App();
    const stack = new Stack(app, 'Canary');
    new s3.Bucket(stack, 'Careless');
    const nag = new AwsSolutionsChecks(app);

    // Act
    const report = findings(nag.validateScope(app));

    // Assess
    expect(report).toEqual(expect.arrayContaining(['AwsSolutions-S1 at Canary/Careless/Resource', 'AwsSolutions-S10 at Canary/Careless/Resource']));
  });

  it('an acknowledgement silences only the finding it names', () => {
    const app = new App();
    const stack = new Stack(app, 'Canary');
    const bucket = new s3.Bucket(stack, 'Careless');
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'test' });
    const nag = new AwsSolutionsChecks(app);

    const report = findings(nag.validateScope(app));

    expect(report).not.toContain('AwsSolutions-S1 at Canary/Careless/Resource');
    expect(report).toContain('AwsSolutions-S10 at Canary/Careless/Resource');
  });
});

describe('optional hardening', () => {
  it('the full configuration (custom domain, edge WAF, alarm email, country list) synthesises clean too', () => {
    // Prepare / Act: every finding acknowledged only for lack of these must now be fixed for real.
    const { app, nag, serverlessNag, edgeWaf, template } = synthesise({
      edgeWaf: 'true',
      domainName: 'scr.example-lscb.org.uk',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      alarmEmail: 'ops@example-lscb.org.uk',
      allowedCountries: 'GB',
      mailFromDomain: 'mail.example.org',
    });

    // Assess
    expect(findings(nag.validateScope(app))).toEqual([]);
    expect(findings(serverlessNag.validateScope(app))).toEqual([]);
    expect(edgeWaf?.region).toBe('us-east-1');
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: Match.anyValue(),
        Aliases: ['scr.example-lscb.org.uk'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
        Restrictions: { GeoRestriction: { Locations: ['GB'], RestrictionType: 'whitelist' } },
      }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example-lscb.org.uk' });
    expect(acknowledgedOnDistribution(template)).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  it('an existing web ACL can be given instead of the edge stack', () => {
    const { app, nag, edgeWaf, template } = synthesise({ webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/scr/abc' });

    expect(findings(nag.validateScope(app))).toEqual([]);
    expect(edgeWaf).toBeUndefined();
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/scr/abc' }),
    });
  }, SYNTH_TIMEOUT_MS);

  it('without any web ACL (-c edgeWaf=false) the missing WAF is acknowledged, not hidden', () => {
    const { edgeWaf, template } = synthesise({ edgeWaf: 'false' });

    expect(edgeWaf).toBeUndefined();
    expect(acknowledgedOnDistribution(template)).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']);
  }, SYNTH_TIMEOUT_MS);
});
