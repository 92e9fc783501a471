import { randomUUID } from 'node:crypto';
import type { Clock } from '../../functions/ports/clock.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './arns.js';
import type { LambdaInvoker } from './lambda-runtime.js';
import { describeError, type LocalLog } from './log.js';
import { readMailbox, type CapturedEmail } from './mailbox.js';

/**
 * SES's sending events, made locally. In AWS the configuration set sends
 * them to EventBridge and a rule invokes the catalogue's `sesEvents`
 * Lambdas; here the emitter watches the emulator's mailbox and invokes the
 * same Lambdas with the same EventBridge-shaped events, so proof of
 * delivery is testable end to end.
 *
 * Every accepted email is sent then delivered, except to SES's mailbox
 * simulator addresses, which behave as in AWS:
 * - bounce@simulator.amazonses.com: a permanent bounce
 * - complaint@simulator.amazonses.com: delivered, then a complaint
 * - suppressionlist@simulator.amazonses.com: a permanent bounce (on the suppression list)
 * (a `+label` before the `@` is allowed, as in AWS).
 */

/** The local configuration set's name, as SES puts it in each event's tags. */
export const LOCAL_CONFIGURATION_SET = 'local';

/** An SES event as EventBridge delivers it (the fields SES documents; enough for the platform). */
export interface SesEventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: 'aws.ses';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown> & { eventType: string; mail: Record<string, unknown> };
}

type Step =
  | { eventType: 'Send'; detailType: 'Email Sent' }
  | { eventType: 'Delivery'; detailType: 'Email Delivered' }
  | { eventType: 'Bounce'; detailType: 'Email Bounced'; bounceSubType: 'General' | 'OnAccountSuppressionList' }
  | { eventType: 'Complaint'; detailType: 'Email Complaint Received' };

const SENT: Step = { eventType: 'Send', detailType: 'Email Sent' };
const DELIVERED: Step = { eventType: 'Delivery', detailType: 'Email Delivered' };

/** What SES would report for one recipient, in order. */
export function simulatorSteps(recipient: string): Step[] {
  const [local = '', domain = ''] = recipient.toLowerCase().split('@');
  const mailbox = local.split('+')[0];
  if (domain === 'simulator.amazonses.com') {
    if (mailbox === 'bounce') return [SENT, { eventType: 'Bounce', detailType: 'Email Bounced', bounceSubType: 'General' }];
    if (mailbox === 'complaint') return [SENT, DELIVERED, { eventType: 'Complaint', detailType: 'Email Complaint Received' }];
    if (mailbox === 'suppressionlist') {
      return [SENT, { eventType: 'Bounce', detailType: 'Email Bounced', bounceSubType: 'OnAccountSuppressionList' }];
    }
  }
  return [SENT, DELIVERED];
}

/**
 * The EventBridge events SES would publish for one accepted email: for each
 * recipient its steps, each a millisecond after the one before (so the
 * latest-wins rule sees them in order), starting at `acceptedAt`.
 */
export function sesEventsFor(email: Pick<CapturedEmail, 'messageId' | 'from' | 'to' | 'cc' | 'bcc'>, acceptedAt: Date): SesEventBridgeEvent[] {
  const recipients = [...email.to, ...email.cc, ...email.bcc];
  const mail = {
    timestamp: acceptedAt.toISOString(),
    source: email.from,
    messageId: email.messageId ?? '',
    destination: recipients,
    headersTruncated: false,
    tags: { 'ses:configuration-set': [LOCAL_CONFIGURATION_SET] },
  };
  return recipients.flatMap((recipient) =>
    simulatorSteps(recipient).map((step, i) => {
      const at = new Date(acceptedAt.getTime() + i).toISOString();
      const detail: SesEventBridgeEvent['detail'] = { eventType: step.eventType, mail };
      switch (step.eventType) {
        case 'Send':
          detail.send = {};
          break;
        case 'Delivery':
          detail.delivery = { timestamp: at, recipients: [recipient], processingTimeMillis: i, smtpResponse: '250 2.0.0 OK', reportingMTA: 'local' };
          break;
        case 'Bounce':
          detail.bounce = {
            bounceType: 'Permanent',
            bounceSubType: step.bounceSubType,
            bouncedRecipients: [{ emailAddress: recipient, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
            timestamp: at,
            feedbackId: randomUUID(),
            reportingMTA: 'dns; local',
          };
          break;
        case 'Complaint':
          detail.complaint = { complainedRecipients: [{ emailAddress: recipient }], timestamp: at, feedbackId: randomUUID(), complaintFeedbackType: 'abuse' };
          break;
      }
      return {
        version: '0',
        id: randomUUID(),
        'detail-type': step.detailType,
        source: 'aws.ses',
        account: LOCAL_ACCOUNT,
        time: at,
        region: LOCAL_REGION,
        resources: [`arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT}:configuration-set/${LOCAL_CONFIGURATION_SET}`],
        detail,
      } satisfies SesEventBridgeEvent;
    }),
  );
}

export interface SesEventEmitterOptions {
  sesEndpoint: string;
  invoker: LambdaInvoker;
  /** The Lambdas EventBridge would invoke (the catalogue's `sesEvents` ones). */
  lambdaIds: readonly string[];
  /** Event timestamps come from the platform's clock, like every other local instant. */
  clock: Clock;
  log: LocalLog;
  /** Pause between looks at the mailbox (ms). Default 250. */
  pollMs?: number;
  /**
   * How long (real ms) an email whose notification is not recorded yet keeps
   * being retried, as EventBridge retries in AWS. Emails that are no
   * notification (sign-in codes) are given up after it. Default 5000.
   */
  retryForMs?: number;
}

interface Pending {
  firstSeen: number;
  acceptedAt: Date;
}

/** Watches the emulator's mailbox and invokes the `sesEvents` Lambdas for each new email. */
export class SesEventEmitter {
  readonly #opts: SesEventEmitterOptions;
  readonly #pending = new Map<string, Pending>();
  readonly #done = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(opts: SesEventEmitterOptions) {
    this.#opts = opts;
  }

  start(): void {
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(ms: number) {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#poll()
        .catch((error: unknown) => this.#opts.log.warn(`SES events: ${describeError(error)}`))
        .finally(() => this.#schedule(this.#opts.pollMs ?? 250));
    }, ms);
  }

  async #poll(): Promise<void> {
    const emails = await readMailbox(this.#opts.sesEndpoint);
    for (const email of emails) {
      if (this.#stopped) return;
      const id = email.messageId;
      if (!id || this.#done.has(id)) continue;
      let pending = this.#pending.get(id);
      if (!pending) {
        pending = { firstSeen: Date.now(), acceptedAt: this.#opts.clock.now() };
        this.#pending.set(id, pending);
      }
      const giveUp = Date.now() - pending.firstSeen > (this.#opts.retryForMs ?? 5000);
      if ((await this.#emit(email, pending)) || giveUp) {
        this.#pending.delete(id);
        this.#done.add(id);
      }
    }
  }

  /** True when every event was handled (or the email is no notification and never will be). */
  async #emit(email: CapturedEmail, pending: Pending): Promise<boolean> {
    const events = sesEventsFor(email, pending.acceptedAt);
    for (const lambdaId of this.#opts.lambdaIds) {
      for (const event of events) {
        try {
          const result = (await this.#opts.invoker.invoke(lambdaId, event)) as { outcome?: string } | null;
          // Its notification is not recorded yet (or it is no notification): try again later.
          if (result?.outcome === 'unknown-message') return false;
        } catch (error) {
          this.#opts.log.warn(`SES events: ${lambdaId} failed on ${event['detail-type']} (will retry): ${describeError(error)}`);
          return false;
        }
      }
    }
    return true;
  }
}
