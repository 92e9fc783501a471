import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SEND_ATTEMPTS, sendOnce, STALE_CLAIM_MS, type EmailToSend, type SendOnceDeps } from '../../functions/domain/email/send-once.js';
import { auditEvent } from '../../functions/domain/audit/audit.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';

let store: MemoryStore;
let mailer: MemoryMailer;
let clock: FakeClock;
let deps: SendOnceDeps;
let built: Date[];

const email = (): EmailToSend => ({
  reference: 'SCR-2026-0001',
  kind: 'referral-received',
  recipientRole: 'sub-committee-chair',
  to: 'chair@example.org',
  tags: { reference: 'SCR-2026-0001', notification: 'referral-received' },
  component: 'test',
  detail: { extra: 'x', absent: undefined },
  content: (now) => {
    built.push(now);
    return { subject: `Referral SCR-2026-0001 at ${now.toISOString()}`, text: 't', html: '<p>t</p>' };
  },
});

const stored = async () => (await store.listNotifications('SCR-2026-0001'))[0];

beforeEach(() => {
  store = new MemoryStore();
  mailer = new MemoryMailer();
  clock = new FakeClock('2026-11-26T10:00:00Z');
  deps = { store, mailer, clock, ids: cryptoIds };
  built = [];
});

describe('sending an email once', () => {
  it('claims, builds the content at the moment of sending, sends and records it with its audit event', async () => {
    expect(await sendOnce(deps, email())).toEqual({ outcome: 'sent' });
    expect(built).toEqual([clock.now()]);
    expect(mailer.sent).toHaveLength(1);
    expect(await stored()).toMatchObject({ status: 'sent', attempts: 1, messageId: 'm-1' });
    expect(store.audit).toHaveLength(1);
    expect(store.audit[0]).toMatchObject({ action: 'notification.sent', actor: { kind: 'system', component: 'test' } });
    expect(store.audit[0]?.detail).toEqual({ notification: 'referral-received', recipientRole: 'sub-committee-chair', extra: 'x', messageId: 'm-1' });
    // Again: nothing is sent twice.
    expect(await sendOnce(deps, email())).toEqual({ outcome: 'already-sent' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('a fresh claim held by another attempt is in flight, not sent: the caller learns when it goes stale', async () => {
    await store.claimNotification({
      reference: 'SCR-2026-0001',
      kind: 'referral-received',
      recipientRole: 'sub-committee-chair',
      email: 'chair@example.org',
      claimedAt: clock.now().toISOString(),
      staleBefore: '2000-01-01T00:00:00.000Z',
    });
    expect(await sendOnce(deps, email())).toEqual({ outcome: 'in-flight', staleAt: new Date(clock.now().getTime() + STALE_CLAIM_MS + 1).toISOString() });
    expect(mailer.sent).toHaveLength(0);
    // Once stale, its fate is unknown: it is sent again, and the record and audit say so.
    clock.advance(STALE_CLAIM_MS + 1);
    expect(await sendOnce(deps, email())).toEqual({ outcome: 'resent' });
    expect(await stored()).toMatchObject({ status: 'sent', attempts: 2, resentAfterUnknownOutcome: true });
    expect(store.audit[0]?.detail).toMatchObject({ resent: 'after unknown outcome' });
  });

  it('a failed send is released and thrown as a TransientError (retried), and parked at the fifth attempt', async () => {
    mailer.failNext = MAX_SEND_ATTEMPTS;
    for (let attempt = 1; attempt < MAX_SEND_ATTEMPTS; attempt++) {
      await expect(sendOnce(deps, email())).rejects.toMatchObject({ name: 'TransientError', message: `Email not sent (attempt ${attempt} of 5): Error` });
      expect(await stored()).toMatchObject({ status: 'failed', attempts: attempt });
    }
    expect(await sendOnce(deps, email())).toEqual({ outcome: 'parked', parkedNow: true });
    expect(await stored()).toMatchObject({ status: 'parked', attempts: 5 });
    expect(store.audit.map((a) => a.action)).toEqual(['notification.parked']);
    expect(store.audit[0]?.detail).toEqual({ notification: 'referral-received', recipientRole: 'sub-committee-chair', extra: 'x', attempts: 5, errorName: 'Error' });
    // Parked is settled: nothing more is tried automatically.
    expect(await sendOnce(deps, email())).toEqual({ outcome: 'parked' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('a failed attempt after an unknown one is still a resend when it finally goes', async () => {
    await store.claimNotification({
      reference: 'SCR-2026-0001',
      kind: 'referral-received',
      recipientRole: 'sub-committee-chair',
      email: 'chair@example.org',
      claimedAt: clock.now().toISOString(),
      staleBefore: '2000-01-01T00:00:00.000Z',
    });
    store.markAbandoned();
    expect(await sendOnce(deps, email())).toEqual({ outcome: 'resent' });
  });
});

describe('the audit event factory', () => {
  it('leaves absent fields and undefined detail out, and takes a Date or an ISO string', () => {
    const at = new Date('2026-11-26T10:00:00Z');
    expect(auditEvent({ eventId: 'e', reference: 'R', at, action: 'case.viewed', actor: { kind: 'system', component: 'c' }, detail: { a: 1, b: undefined } })).toEqual({
      eventId: 'e',
      reference: 'R',
      at: '2026-11-26T10:00:00.000Z',
      action: 'case.viewed',
      actor: { kind: 'system', component: 'c' },
      detail: { a: 1 },
    });
    expect(
      auditEvent({ eventId: 'e', reference: 'R', at: '2026-11-26T10:00:00.000Z', action: 'case.viewed', actor: { kind: 'system', component: 'c' }, requestId: 'q', sourceIp: '1.2.3.4' }),
    ).toEqual({ eventId: 'e', reference: 'R', at: '2026-11-26T10:00:00.000Z', action: 'case.viewed', actor: { kind: 'system', component: 'c' }, requestId: 'q', sourceIp: '1.2.3.4' });
  });
});
