import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

/**
 * SES events the configuration set publishes to EventBridge's default bus,
 * where the platform's `ses-events` rule picks them up.
 */
export const SES_EVENT_TYPES = [
  ses.EmailSendingEvent.SEND,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.DELIVERY_DELAY,
  ses.EmailSendingEvent.RENDERING_FAILURE,
] as const;

/**
 * Name of the configuration set, derived from the identity stack's name so
 * that the platform stack can name it without a cross-stack reference (the
 * two stages stay independently deployable and deletable). Not a retained
 * resource: a failed create rolls it back, so the fixed name never blocks a retry.
 */
export function configurationSetNameFor(identityStackName: string): string {
  return `${identityStackName}-email`.toLowerCase().replace(/[^a-z0-9_-]/g, '-').slice(0, 64);
}

export interface SendingIdentityStackProps extends StackProps {
  /** The Board's sending domain (the part after `@` of `board.emailFrom`). */
  readonly emailDomain: string;
  /**
   * Optional custom MAIL FROM domain, a subdomain of `emailDomain` (e.g.
   * `mail.example.org`), so SPF aligns with the From domain for DMARC.
   */
  readonly mailFromDomain?: string;
}

/**
 * Stage 1 of a deployment: the SES domain identity (Easy DKIM, 2048-bit), an
 * optional custom MAIL FROM domain, and the configuration set (TLS required,
 * reputation metrics, account suppression of bounces and complaints) with its
 * event destination on the default EventBridge bus.
 *
 * Deploy it first, publish the DKIM CNAME records it outputs, and wait for
 * SES to verify the domain: Cognito refuses to create a user pool that sends
 * through an unverified identity, so the platform stack (stage 2) is guarded
 * until then (see `verifiedIdentityGuard`). Nothing here is retained and
 * nothing holds case data, so it can be deleted and re-created at will
 * (re-publishing DKIM records if the tokens change).
 */
export class SendingIdentityStack extends Stack {
  readonly emailDomain: string;
  readonly configurationSet: ses.ConfigurationSet;
  readonly emailIdentity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: SendingIdentityStackProps) {
    super(scope, id, props);
    this.emailDomain = props.emailDomain;
    if (props.mailFromDomain && !props.mailFromDomain.toLowerCase().endsWith(`.${props.emailDomain.toLowerCase()}`)) {
      throw new Error(`Context mailFromDomain must be a subdomain of ${props.emailDomain}, got: ${props.mailFromDomain}`);
    }

    this.configurationSet = new ses.ConfigurationSet(this, 'EmailConfigurationSet', {
      configurationSetName: configurationSetNameFor(this.stackName),
      // Emails about children must never travel in clear between mail servers.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [...SES_EVENT_TYPES],
    });

    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: ses.Identity.domain(props.emailDomain),
      configurationSet: this.configurationSet,
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      dkimSigning: true,
      feedbackForwarding: true,
      ...(props.mailFromDomain
        ? { mailFromDomain: props.mailFromDomain, mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE }
        : {}),
    });

    this.emailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `CNAME to publish in DNS for ${props.emailDomain} (DKIM)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    if (props.mailFromDomain) {
      new CfnOutput(this, 'MailFromRecords', {
        description: `DNS records for the custom MAIL FROM domain ${props.mailFromDomain}`,
        value: `${props.mailFromDomain} MX 10 feedback-smtp.${this.region}.amazonses.com ; ${props.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      });
    }
    new CfnOutput(this, 'ConfigurationSetName', { value: this.configurationSet.configurationSetName });
    new CfnOutput(this, 'NextStep', {
      value: `Publish the DKIM records, then run "npm run deploy" again: it checks that SES has verified ${props.emailDomain} (aws sesv2 get-email-identity --email-identity ${props.emailDomain}) before deploying the platform.`,
    });
  }
}
