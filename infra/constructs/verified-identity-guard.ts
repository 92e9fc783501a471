import { CfnParameter, CfnRule, Fn, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Context flag saying the SES identity has been verified (`-c sesIdentityVerified=true`). */
export const SES_IDENTITY_VERIFIED_CONTEXT = 'sesIdentityVerified';

/** Template parameter the guard rule checks; `npm run deploy` sets it through the context flag. */
export const SES_IDENTITY_VERIFIED_PARAMETER = 'SesIdentityVerified';

export interface VerifiedIdentityGuardProps {
  /** The domain identity the user pools send through. */
  readonly emailDomain: string;
  /** Name of the stack that creates the identity (stage 1). */
  readonly identityStackName: string;
  /** Whether the context flag says the identity is verified. */
  readonly verified: boolean;
}

/**
 * Makes the platform stack refuse to deploy while its sending identity is not
 * verified. Cognito checks the SES identity when a user pool is created; with
 * an unverified domain the first create fails half-way and rolls back. So the
 * template carries a CloudFormation rule, checked when the change set is
 * created, before any resource exists: the parameter it checks defaults to
 * the context flag, so a deploy without `-c sesIdentityVerified=true` fails
 * at once with the message below and creates nothing.
 *
 * The flag is a promise made by whoever deploys; `npm run deploy` only makes
 * it after SES's GetEmailIdentity reports the domain verified for sending.
 * On an existing stack the CDK CLI keeps the parameter's previous value, so
 * once deployed the platform is not blocked by a forgotten flag.
 */
export class VerifiedIdentityGuard extends Construct {
  readonly parameter: CfnParameter;
  readonly rule: CfnRule;
  /** What a refused deploy says. */
  readonly message: string;

  constructor(scope: Construct, id: string, props: VerifiedIdentityGuardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.message =
      `${stack.stackName} refuses to deploy: the SES identity ${props.emailDomain} is not known to be verified. ` +
      `Deploy ${props.identityStackName} first, publish its DKIM records, wait for SES to verify the domain, ` +
      `then deploy with -c ${SES_IDENTITY_VERIFIED_CONTEXT}=true (npm run deploy does all of this and checks).`;

    this.parameter = new CfnParameter(stack, SES_IDENTITY_VERIFIED_PARAMETER, {
      type: 'String',
      allowedValues: ['true', 'false'],
      default: props.verified ? 'true' : 'false',
      description: `Set to true only once SES has verified ${props.emailDomain} (Cognito cannot create the user pools before).`,
    });
    this.rule = new CfnRule(stack, 'SesIdentityVerifiedRule', {
      assertions: [
        {
          assert: Fn.conditionEquals(this.parameter.valueAsString, 'true'),
          assertDescription: this.message,
        },
      ],
    });
  }
}
