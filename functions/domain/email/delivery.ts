/**
 * Proof of delivery: what SES said happened to one email to one recipient.
 * Pure rules; the handler maps SES's EventBridge events to {@link DeliveryEvent}.
 *
 * Each email the platform sends has exactly one recipient, so the state of a
 * message is the state of its recipient.
 */

/** `sent` is shown as pending: SES accepted it, and nothing final is known yet. */
export type DeliveryStatus = 'sent' | 'delivered' | 'failed';

/** The SES event types the platform reacts to. */
export type DeliveryEventType = 'send' | 'delivery' | 'delivery-delay' | 'bounce' | 'complaint' | 'reject' | 'rendering-failure';

export interface DeliveryEvent {
  type: DeliveryEventType;
  /** When it happened, by the event's own timestamp (ISO 8601). */
  at: string;
  /** For bounces: SES's `bounceType` (Permanent, Transient, Undetermined). */
  bounceType?: string;
}

/** The state a notification item keeps: the winning event so far. */
export interface DeliveryState {
  status: DeliveryStatus;
  /** Normalised ISO instant of the winning event. */
  at: string;
  event: DeliveryEventType;
  bounceType?: string;
  /**
   * Sortable `<at>#<severity>`: a later event wins, and at the same instant
   * the more severe one. The store compares it in a condition.
   */
  order: string;
}

/** Higher is more severe: at the same instant, failed beats delivered beats pending. */
const severity: Record<DeliveryStatus, number> = { sent: 0, delivered: 1, failed: 2 };

/** The status one event on its own says. A transient bounce is SES still trying: pending. */
export function statusOf(event: DeliveryEvent): DeliveryStatus {
  switch (event.type) {
    case 'send':
    case 'delivery-delay':
      return 'sent';
    case 'delivery':
      return 'delivered';
    case 'bounce':
      return event.bounceType === 'Transient' ? 'sent' : 'failed';
    case 'complaint':
    case 'reject':
    case 'rendering-failure':
      return 'failed';
  }
}

/** The state one event would set. Throws on a timestamp that is not a date. */
export function stateOf(event: DeliveryEvent): DeliveryState {
  const ms = Date.parse(event.at);
  if (Number.isNaN(ms)) throw new RangeError(`Not a timestamp: ${event.at}`);
  const at = new Date(ms).toISOString();
  const status = statusOf(event);
  return {
    status,
    at,
    event: event.type,
    ...(event.bounceType ? { bounceType: event.bounceType } : {}),
    order: `${at}#${severity[status]}`,
  };
}

/** Whether `next` replaces `current`: strictly later, or as late and more severe. The same event again does not. */
export function supersedes(next: DeliveryState, current: DeliveryState | undefined): boolean {
  return current === undefined || next.order > current.order;
}

/** The state of a recipient after all of these events, whatever order they arrived in. */
export function deliveryState(events: readonly DeliveryEvent[]): DeliveryState | undefined {
  let current: DeliveryState | undefined;
  for (const event of events) {
    const next = stateOf(event);
    if (supersedes(next, current)) current = next;
  }
  return current;
}

/** What the case page shows. */
export type DeliveryView = 'pending' | 'delivered' | 'failed';

export const deliveryView = (state: Pick<DeliveryState, 'status'> | undefined): DeliveryView =>
  state?.status === 'delivered' ? 'delivered' : state?.status === 'failed' ? 'failed' : 'pending';
