import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeWafStackProps extends StackProps {
  /** Requests per IP in any 5 minutes to /api/* before that IP is blocked for a while. */
  readonly apiRequestsPer5Minutes?: number;
}

/**
 * The CloudFront web ACL. CLOUDFRONT-scope ACLs can only live in us-east-1,
 * so this is its own stack: deploy it, then deploy the platform with
 * `-c webAclArn=<the WebAclArn output>`.
 */
export class EdgeWafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWafStackProps = {}) {
    super(scope, id, props);
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

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Serious Case Review platform: managed protections and a rate limit on the API',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('scr-web-acl'),
      rules: [
        {
          name: 'ApiRateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.apiRequestsPer5Minutes ?? 300,
              evaluationWindowSec: 300,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/api/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('scr-api-rate-limit'),
        },
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        // A referral may run to 64 KB; the API enforces its own body limit,
        // so the rule set's 8 KB body rule only counts.
        managed(2, 'AWSManagedRulesCommonRuleSet', [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.attrArn,
      description: 'Pass to the platform: npx cdk deploy ScrPlatform -c webAclArn=<this>',
    });
  }
}
