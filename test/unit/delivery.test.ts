import { describe, expect, it } from 'vitest';
import { deliveryState, deliveryView, stateOf, supersedes, type DeliveryEvent } from '../../functions/domain/email/delivery.js';

const t = (s: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, s)).toISOString();
const send = (s: number): DeliveryEvent => ({ type: 'send', at: t(s) });
const delivery = (s: number): DeliveryEvent => ({ type: 'delivery', at: t(s) });
const bounce = (s: number, bounceType: string): DeliveryEvent => ({ type: 'bounce', at: t(s), bounceType });
const complaint = (s: number): DeliveryEvent => ({ type: 'complaint', at: t(s) });
const reject = (s: number): DeliveryEvent => ({ type: 'reject', at: t(s) });

describe('the delivery state of one recipient', () => {
  it.each<[string, DeliveryEvent[], 'sent' | 'delivered' | 'failed']>([
    ['sent only', [send(0)], 'sent'],
    ['sent then delivered', [send(0), delivery(1)], 'delivered'],
    ['delivered arriving before sent', [delivery(1), send(0)], 'delivered'],
    ['permanent bounce', [send(0), bounce(1, 'Permanent')], 'failed'],
    ['undetermined bounce', [send(0), bounce(1, 'Undetermined')], 'failed'],
    ['transient bounce stays pending', [send(0), bounce(1, 'Transient')], 'sent'],
    ['transient bounce then delivered', [send(0), bounce(1, 'Transient'), delivery(2)], 'delivered'],
    ['transient bounce then permanent bounce', [send(0), bounce(1, 'Transient'), bounce(2, 'Permanent')], 'failed'],
    ['complaint after delivery', [send(0), delivery(1), complaint(5)], 'failed'],
    ['bounce after delivery (latest wins)', [delivery(1), bounce(3, 'Permanent')], 'failed'],
    ['a late-arriving older delivery does not undo a bounce', [bounce(3, 'Permanent'), delivery(1)], 'failed'],
    ['reject', [reject(0)], 'failed'],
    ['rendering failure', [{ type: 'rendering-failure', at: t(0) }], 'failed'],
    ['delivery delay stays pending', [send(0), { type: 'delivery-delay', at: t(1) }], 'sent'],
    ['same instant: failed beats delivered', [delivery(1), bounce(1, 'Permanent')], 'failed'],
    ['same instant either order', [bounce(1, 'Permanent'), delivery(1)], 'failed'],
    ['same instant: delivered beats sent', [delivery(1), send(1)], 'delivered'],
  ])('%s', (_name, events, expected) => {
    // Prepare / Act
    const state = deliveryState(events);
    // Assess
    expect(state?.status).toBe(expected);
  });

  it('knows nothing without events', () => {
    expect(deliveryState([])).toBeUndefined();
  });

  it('compares by the event timestamp, not its text', () => {
    const a = stateOf({ type: 'delivery', at: '2026-11-26T10:00:01+00:00' });
    const b = stateOf({ type: 'send', at: '2026-11-26T10:00:00.500Z' });
    expect(a.at).toBe('2026-11-26T10:00:01.000Z');
    expect(supersedes(a, b)).toBe(true);
    expect(supersedes(b, a)).toBe(false);
  });

  it('the same event again replaces nothing (redelivery is idempotent)', () => {
    const s = stateOf(bounce(1, 'Permanent'));
    expect(supersedes(stateOf(bounce(1, 'Permanent')), s)).toBe(false);
  });

  it('refuses a timestamp that is not one', () => {
    expect(() => stateOf({ type: 'send', at: 'yesterday' })).toThrow(RangeError);
  });

  it.each([
    [undefined, 'pending'],
    ['sent', 'pending'],
    ['delivered', 'delivered'],
    ['failed', 'failed'],
  ] as const)('shows %s as %s', (status, view) => {
    expect(deliveryView(status ? { status } : undefined)).toBe(view);
  });
});
