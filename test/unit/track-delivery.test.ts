import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { trackDelivery, type TrackDeliveryDeps } from '../../functions/domain/email/track-delivery.js';
import { supersedes, type DeliveryState } from '../../functions/domain/email/delivery.js';
import type { AuditEvent, MessagePointer, NotificationRecord } from '../../functions/domain/case/case.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { deliveryEventOf, sesEventSchema } from '../../functions/schemas/ses-event.js';
import { sesEventsFor } from '../../infra/local/ses-events.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));

/** The store's delivery contract in memory: latest wins, nothing written when it does not. */
class DeliveryStore extends MemoryStore {
  pointers = new Map<string, MessagePointer>();
  delivery = new Map<string, DeliveryState>();
  override async recordNotificationSent(r: NotificationRecord, messageId: string, audit: AuditEvent) {
    await super.recordNotificationSent(r, messageId, audit);
    this.pointers.set(messageId, { messageId, reference: r.reference, kind: r.kind, recipientRole: r.recipientRole });
  }
  async findMessage(id: string) {
    return this.pointers.get(id);
  }
  async recordDelivery(p: MessagePointer, state: DeliveryState, audit: AuditEvent) {
    const key = `${p.reference}|${p.kind}|${p.recipientRole}`;
    if (!supersedes(state, this.delivery.get(key))) return false;
    this.delivery.set(key, state);
    this.audit.push(audit);
    return true;
  }
}

let store: DeliveryStore;
let mailer: MemoryMailer;
let deps: TrackDeliveryDeps;
const pointer: MessagePointer = { messageId: 'm-chair', reference: 'SCR-2026-0001', kind: 'referral-received', recipientRole: 'sub-committee-chair' };

beforeEach(() => {
  // Prepare: the sub-committee chair's referral email was sent as m-chair.
  store = new DeliveryStore();
  store.pointers.set(pointer.messageId, pointer);
  mailer = new MemoryMailer();
  deps = { store: store as never, mailer, clock: new FakeClock('2026-11-26T10:05:00Z'), ids: cryptoIds, board, appBaseUrl: 'https://scr.example.org' };
});

const at = (s: number) => `2026-11-26T10:00:0${s}.000Z`;

describe('tracking the delivery of an email', () => {
  it('records a delivery with an audit event naming no email body, and alerts nobody', async () => {
    const result = await trackDelivery(deps, 'm-chair', { type: 'delivery', at: at(1) });
    expect(result).toEqual({ outcome: 'recorded', status: 'delivered', alerted: false });
    expect(store.audit.map((a) => a.action)).toEqual(['notification.delivered']);
    expect(store.audit[0]?.detail).toEqual({ notification: 'referral-received', recipientRole: 'sub-committee-chair', messageId: 'm-chair', event: 'delivery', eventAt: at(1) });
    expect(mailer.sent).toEqual([]);
  });

  it('ignores a message no notification sent', async () => {
    expect(await trackDelivery(deps, 'cognito-code', { type: 'delivery', at: at(1) })).toEqual({ outcome: 'unknown-message', alerted: false });
    expect(store.audit).toEqual([]);
  });

  it('alerts the business manager once when the email fails, however often the event comes', async () => {
    const bounce = { type: 'bounce', at: at(2), bounceType: 'Permanent' } as const;
    const first = await trackDelivery(deps, 'm-chair', bounce);
    const again = await trackDelivery(deps, 'm-chair', bounce);
    const complaint = await trackDelivery(deps, 'm-chair', { type: 'complaint', at: at(3) });
    expect(first).toEqual({ outcome: 'recorded', status: 'failed', alerted: true });
    expect(again).toEqual({ outcome: 'superseded', status: 'failed', alerted: false });
    expect(complaint).toEqual({ outcome: 'recorded', status: 'failed', alerted: false });
    expect(mailer.sent).toHaveLength(1);
    const [alert] = mailer.sent;
    expect(alert?.to).toEqual([board.businessManager.email]);
    expect(alert?.subject).toBe('Email not delivered: referral SCR-2026-0001');
    expect(alert?.text).toContain('to the chair of the Strategic and Serious Case Review sub-committee could not be delivered');
    expect(alert?.text).toContain('https://scr.example.org/cases/SCR-2026-0001');
  });

  it('a delivery stamped before a recorded bounce changes nothing', async () => {
    await trackDelivery(deps, 'm-chair', { type: 'bounce', at: at(2), bounceType: 'Permanent' });
    const late = await trackDelivery(deps, 'm-chair', { type: 'delivery', at: at(1) });
    expect(late.outcome).toBe('superseded');
    expect([...store.delivery.values()][0]?.status).toBe('failed');
  });

  it('a transient bounce is pending and alerts nobody', async () => {
    const result = await trackDelivery(deps, 'm-chair', { type: 'bounce', at: at(1), bounceType: 'Transient' });
    expect(result).toEqual({ outcome: 'recorded', status: 'sent', alerted: false });
    expect(store.audit.map((a) => a.action)).toEqual(['notification.pending']);
  });

  it('retries the alert when sending it failed the first time', async () => {
    mailer.failNext = 1;
    await expect(trackDelivery(deps, 'm-chair', { type: 'reject', at: at(1) })).rejects.toThrow(/Email not sent \(attempt 1 of 5\)/);
    const retried = await trackDelivery(deps, 'm-chair', { type: 'reject', at: at(1) });
    expect(retried).toEqual({ outcome: 'superseded', status: 'failed', alerted: true });
    expect(mailer.sent).toHaveLength(1);
  });

  it('does not alert about an alert that failed', async () => {
    store.pointers.set('m-alert', { ...pointer, messageId: 'm-alert', kind: 'alert:delivery-failed:referral-received:sub-committee-chair', recipientRole: 'to:bm@example.org' });
    const result = await trackDelivery(deps, 'm-alert', { type: 'bounce', at: at(1), bounceType: 'Permanent' });
    expect(result).toEqual({ outcome: 'recorded', status: 'failed', alerted: false });
    expect(mailer.sent).toEqual([]);
  });
});

describe('SES events as EventBridge delivers them', () => {
  const email = { messageId: 'm-1', from: 'scr@example.org', cc: [], bcc: [] };
  const accepted = new Date('2026-11-26T10:00:00Z');
  const mapped = (to: string) => sesEventsFor({ ...email, to: [to] }, accepted).map((e) => deliveryEventOf(sesEventSchema.parse(e)));

  it.each([
    ['chair@example.org', [['send', undefined], ['delivery', undefined]]],
    ['bounce@simulator.amazonses.com', [['send', undefined], ['bounce', 'Permanent']]],
    ['Complaint+x@simulator.amazonses.com', [['send', undefined], ['delivery', undefined], ['complaint', undefined]]],
    ['suppressionlist@simulator.amazonses.com', [['send', undefined], ['bounce', 'Permanent']]],
  ])('%s', (to, expected) => {
    const events = mapped(to);
    expect(events.map((e) => [e?.event.type, e?.event.bounceType])).toEqual(expected);
    expect(events.every((e) => e?.messageId === 'm-1')).toBe(true);
    // Each step a millisecond after the one before, from when SES accepted it.
    expect(events.map((e) => e?.event.at)).toEqual(expected.map((_, i) => new Date(accepted.getTime() + i).toISOString()));
  });

  it('takes each event type from detail.eventType and its own timestamp', () => {
    const base = { 'detail-type': 'x', source: 'aws.ses', detail: { mail: { messageId: 'm-2', timestamp: at(0) } } };
    const of = (detail: Record<string, unknown>) => deliveryEventOf(sesEventSchema.parse({ ...base, detail: { ...base.detail, ...detail } }))?.event;
    expect(of({ eventType: 'Reject', reject: { reason: 'Bad content' } })).toEqual({ type: 'reject', at: at(0) });
    expect(of({ eventType: 'Rendering Failure', failure: {} })).toEqual({ type: 'rendering-failure', at: at(0) });
    expect(of({ eventType: 'DeliveryDelay', deliveryDelay: { timestamp: at(4) } })).toEqual({ type: 'delivery-delay', at: at(4) });
    expect(of({ eventType: 'Bounce', bounce: { bounceType: 'Transient', timestamp: at(5), bouncedRecipients: [] } })).toEqual({ type: 'bounce', at: at(5), bounceType: 'Transient' });
    expect(of({ eventType: 'Open', open: {} })).toBeUndefined();
  });
});
