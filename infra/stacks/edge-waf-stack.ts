import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * Requests per 5 minutes before the source is blocked for a while, per route
 * kind. A council office or hospital trust sends everyone through one address,
 * so limits per IP are for what nobody does often (submitting a referral) and
 * signed-in staff are counted per person (their Authorization header), not per office.
 */
export const EDGE_RATE_LIMITS = {
  /** POST /api/referrals per IP: a referrer submits one at a time. */
  referralSubmissionsPerIp: 20,
  /** /api/* without a token per IP (the app's configuration, the OpenAPI document). */
  unauthenticatedApiPerIp: 300,
  /** /api/* with a token, per IP and token: one person, however busy. */
  signedInApiPerPerson: 1500,
  /** Anything per IP: a flood cap generous enough for a whole office. */
  anyRequestPerIp: 20000,
} as const;

/**
 * Rules of AWS's Core rule set that inspect the request body. Referrals are
 * free text about children and families ("<script>" in a quoted message, a
 * file path, a long account of events), so these only count until the
 * sampled requests show they can block without refusing real referrals.
 */
export const BODY_RULES_IN_COUNT_MODE = [
  'SizeRestrictions_BODY',
  'CrossSiteScripting_BODY',
  'GenericLFI_BODY',
  'GenericRFI_BODY',
  'EC2MetaDataSSRF_BODY',
] as const;

export interface EdgeWafStackProps extends StackProps {
  readonly rateLimits?: Partial<typeof EDGE_RATE_LIMITS>;
}

const path = (searchString: string, positionalConstraint: 'STARTS_WITH' | 'EXACTLY'): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint,
    searchString,
    textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
  },
});
const method = (name: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: name, textTransformations: [{ priority: 0, type: 'NONE' }] },
});
const hasAuthorization: wafv2.CfnWebACL.StatementProperty = {
  sizeConstraintStatement: {
    fieldToMatch: { singleHeader: { Name: 'authorization' } },
    comparisonOperator: 'GT',
    size: 0,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

/**
 * The CloudFront web ACL. CLOUDFRONT-scope ACLs can only live in us-east-1,
 * so this is its own stack; by default the app attaches it to the
 * distribution through CDK's cross-region references (`cdk deploy --all`
 * or `npm run deploy` deploy it first).
 */
export class EdgeWafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWafStackProps = {}) {
    super(scope, id, props);
    const limits = { ...EDGE_RATE_LIMITS, ...props.rateLimits };
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managed = (
      priority: number,
      name: string,
      ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[],
    ): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: { vendorName: 'AWS', name, ...(ruleActionOverrides ? { ruleActionOverrides } : {}) },
      },
      visibilityConfig: visibility(name),
    });
    const rate = (
      priority: number,
      name: string,
      limit: number,
      scopeDownStatement: wafv2.CfnWebACL.StatementProperty | undefined,
      perPerson = false,
    ): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec: 300,
          ...(perPerson
            ? {
                aggregateKeyType: 'CUSTOM_KEYS',
                customKeys: [{ ip: {} }, { header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
              }
            : { aggregateKeyType: 'IP' }),
          ...(scopeDownStatement ? { scopeDownStatement } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Serious Case Review platform: rate limits per route, managed protections, body rules counting',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('scr-web-acl'),
      rules: [
        rate(0, 'ReferralSubmissionsPerIp', limits.referralSubmissionsPerIp, {
          andStatement: { statements: [method('POST'), path('/api/referrals', 'EXACTLY')] },
        }),
        rate(1, 'UnauthenticatedApiPerIp', limits.unauthenticatedApiPerIp, {
          andStatement: { statements: [path('/api/', 'STARTS_WITH'), { notStatement: { statement: hasAuthorization } }] },
        }),
        rate(2, 'SignedInApiPerPerson', limits.signedInApiPerPerson, {
          andStatement: { statements: [path('/api/', 'STARTS_WITH'), hasAuthorization] },
        }, true),
        rate(3, 'AnyRequestPerIp', limits.anyRequestPerIp, undefined),
        managed(4, 'AWSManagedRulesAmazonIpReputationList'),
        managed(
          5,
          'AWSManagedRulesCommonRuleSet',
          BODY_RULES_IN_COUNT_MODE.map((name) => ({ name, actionToUse: { count: {} } })),
        ),
        managed(6, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'Attached to the platform distribution (cross-region reference); or pass elsewhere as -c webAclArn=<this>',
    });
  }
}
