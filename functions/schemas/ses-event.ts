import * as z from 'zod';
import type { DeliveryEvent, DeliveryEventType } from '../domain/email/delivery.js';

/**
 * An SES event as EventBridge delivers it (configuration set event
 * destination on the default bus). Only the fields the platform reads; the
 * rest is let through untouched. Reference:
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
const timestamped = z.looseObject({ timestamp: z.string() });

export const sesEventSchema = z.looseObject({
  'detail-type': z.string(),
  source: z.literal('aws.ses'),
  time: z.string().optional(),
  detail: z.looseObject({
    eventType: z.string(),
    mail: z.looseObject({
      messageId: z.string().min(1),
      timestamp: z.string(),
      tags: z.record(z.string(), z.array(z.string())).optional(),
    }),
    delivery: timestamped.optional(),
    bounce: z.looseObject({ bounceType: z.string(), timestamp: z.string() }).optional(),
    complaint: timestamped.optional(),
    deliveryDelay: timestamped.optional(),
  }),
});
export type SesEvent = z.infer<typeof sesEventSchema>;

const eventTypes: Record<string, DeliveryEventType> = {
  Send: 'send',
  Delivery: 'delivery',
  DeliveryDelay: 'delivery-delay',
  Bounce: 'bounce',
  Complaint: 'complaint',
  Reject: 'reject',
  'Rendering Failure': 'rendering-failure',
};

/**
 * The message id and delivery event an SES event says, or undefined for
 * event types that say nothing about delivery (opens, clicks, subscriptions).
 * Events without their own timestamp (send, reject, rendering failure) use
 * when SES accepted the email.
 */
export function deliveryEventOf(event: SesEvent): { messageId: string; event: DeliveryEvent } | undefined {
  const d = event.detail;
  const type = eventTypes[d.eventType];
  if (!type) return undefined;
  const at =
    (type === 'delivery' && d.delivery?.timestamp) ||
    (type === 'bounce' && d.bounce?.timestamp) ||
    (type === 'complaint' && d.complaint?.timestamp) ||
    (type === 'delivery-delay' && d.deliveryDelay?.timestamp) ||
    d.mail.timestamp;
  return {
    messageId: d.mail.messageId,
    event: { type, at, ...(type === 'bounce' && d.bounce ? { bounceType: d.bounce.bounceType } : {}) },
  };
}
