import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * Cognito operations that send an email code to whoever is named in the
 * request, with no token: sign-up, starting a passwordless sign-in, resending
 * the confirmation code. The browser calls them on Cognito directly (not
 * through CloudFront), so the edge web ACL never sees them.
 */
export const CODE_SENDING_TARGETS = [
  'AWSCognitoIdentityProviderService.SignUp',
  'AWSCognitoIdentityProviderService.InitiateAuth',
  'AWSCognitoIdentityProviderService.ResendConfirmationCode',
] as const;

/** Code-sending requests per IP in 5 minutes: a few referrers in one office, not a mail bomb. */
export const CODE_REQUESTS_PER_IP = 30;

export interface SignInWafProps {
  /** The referrers' pool: open to self sign-up, so anyone can make it send email. */
  readonly userPool: cognito.IUserPool;
  readonly codeRequestsPerIp?: number;
}

/**
 * A REGIONAL web ACL on the referrer user pool: a tight rate limit per IP on
 * the unauthenticated operations that send email codes, and AWS's IP
 * reputation list. The staff pool has none (no self sign-up; the Plus plan's
 * threat protection covers it, and an office signing in at 9am must not be
 * blocked as one address).
 */
export class SignInWaf extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: SignInWafProps) {
    super(scope, id);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const target = (name: string): wafv2.CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { singleHeader: { Name: 'x-amz-target' } },
        positionalConstraint: 'EXACTLY',
        searchString: name,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Referrer sign-in: rate limit on the operations that send email codes',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('scr-referrer-sign-in'),
      rules: [
        {
          name: 'CodeRequestsPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.codeRequestsPerIp ?? CODE_REQUESTS_PER_IP,
              evaluationWindowSec: 300,
              scopeDownStatement: { orStatement: { statements: CODE_SENDING_TARGETS.map(target) } },
            },
          },
          visibilityConfig: visibility('scr-referrer-code-requests'),
        },
        {
          name: 'AWSManagedRulesAmazonIpReputationList',
          priority: 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' } },
          visibilityConfig: visibility('AWSManagedRulesAmazonIpReputationList'),
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.userPool.userPoolArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
