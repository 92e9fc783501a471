import { describe, expect, it, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkDeadlines, type DeadlineCheckDeps } from '../../functions/domain/alerts/deadline-check.js';
import { sendNotification } from '../../functions/domain/email/notify.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';
import { makeReferral } from '../factories/referral.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const calendar = englandAndWalesCalendar();
const ids = cryptoIds;

let store: MemoryStore;
let mailer: MemoryMailer;
let clock: FakeClock;
let deps: DeadlineCheckDeps;

beforeEach(() => {
  // Prepare: a referral received on Thursday 26 November 2026 at 10:00.
  store = new MemoryStore();
  mailer = new MemoryMailer();
  clock = new FakeClock('2026-11-26T10:00:00Z');
  const { caseRecord } = buildCase(makeReferral(), 'SCR-2026-0001', clock.now(), { board, calendar, ids }, { requestId: 'r' });
  // The 3.1 confirmation about other children was recorded at once, so these tests hear only the decision stage's alerts
  // (the 3.1 duty's own alerts are tested in duty-owners.test.ts).
  const otherChildrenCheck = { confirmedWith: 'Duty manager', confirmedOn: '2026-11-26', whatWasDone: 'Siblings seen', recordedAt: clock.now().toISOString(), recordedBy: 'bm@example.org' };
  store.cases.set(caseRecord.reference, { ...caseRecord, otherChildrenCheck });
  deps = { store: store as never, mailer, clock, ids, board, calendar, appBaseUrl: 'https://scr.example.org' };
});

const subjects = () => mailer.sent.map((m) => `${m.to.join(',')}: ${m.subject}`);

describe('the decision stage check step', () => {
  it('sends nothing on receipt and wakes for the first reminder', async () => {
    const result = await checkDeadlines(deps, 'SCR-2026-0001');
    expect(result).toEqual({ done: false, nextAt: '2026-12-03T09:00:00.000Z', sent: 0 });
    expect(mailer.sent).toEqual([]);
  });

  it('reminds the sub-committee chair 5 and 1 working days before the recommendation is due', async () => {
    clock.set('2026-12-03T09:00:00Z'); // 5 working days before Thursday 10 December
    const first = await checkDeadlines(deps, 'SCR-2026-0001');
    expect(subjects()).toEqual([
      'scr-subcommittee-chair@example.org: Reminder: the Strategic and Serious Case Review sub-committee’s recommendation for referral SCR-2026-0001 is due by Thursday 10 December 2026',
    ]);
    // A retry at the same moment sends nothing more.
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent).toHaveLength(1);
    clock.set(first.nextAt!);
    expect(first.nextAt).toBe('2026-12-09T09:00:00.000Z');
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent).toHaveLength(2);
  });

  it('escalates an overdue recommendation at once to the sub-committee chair (its owner), the Board chair and business manager, then every 5 working days', async () => {
    clock.set('2026-12-11T00:00:00.000Z'); // the first instant after 10 December ends
    const result = await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent.map((m) => m.to[0]).sort()).toEqual(['lscb-business-manager@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
    expect(mailer.sent[0]?.subject).toMatch(/^Overdue: the Strategic and Serious Case Review sub-committee’s recommendation for referral SCR-2026-0001/);
    expect(result.nextAt).toBe('2026-12-18T09:00:00.000Z');
    clock.set(result.nextAt!);
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent.filter((m) => m.subject.startsWith('Overdue'))).toHaveLength(6);
    // The same morning is also 5 working days before the decision (Saturday 26 December): the Board chair is reminded.
    expect(mailer.sent.filter((m) => m.subject.startsWith('Reminder')).map((m) => m.to[0])).toEqual(['lscb-chair@example.org']);
  });

  it('escalates an overdue decision to the Board chair (its owner) with the tiers: business manager, then vice-chair, then adviser', async () => {
    clock.set('2026-12-27T00:00:00.000Z'); // decision due Saturday 26 December 2026
    await checkDeadlines(deps, 'SCR-2026-0001');
    const decision = () => mailer.sent.filter((m) => m.subject.includes('Board chair’s decision')).map((m) => m.to[0]);
    expect(decision()).toEqual(['lscb-chair@example.org', 'lscb-business-manager@example.org']);
    clock.set('2027-01-06T09:00:00.000Z');
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(decision()).toEqual([
      'lscb-chair@example.org',
      'lscb-business-manager@example.org',
      'lscb-chair@example.org',
      'lscb-business-manager@example.org',
      'lscb-vice-chair@example.org',
    ]);
  });

  it('after downtime sends the latest escalation once, not every missed one', async () => {
    clock.set('2027-01-20T12:00:00.000Z');
    await checkDeadlines(deps, 'SCR-2026-0001');
    const count = mailer.sent.length;
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent.length).toBe(count);
    expect(new Set(mailer.sent.map((m) => m.subject)).size).toBe(2); // one per overdue deadline
  });

  it('a failed send does not stop the check: the alert stays incomplete, the loop wakes soon, and only the failed recipient is emailed again', async () => {
    clock.set('2026-12-11T00:00:00.000Z');
    mailer.failNext = 1;
    const first = await checkDeadlines(deps, 'SCR-2026-0001');
    expect(first.done).toBe(false);
    expect(first.nextAt).toBe('2026-12-11T00:10:00.000Z');
    expect(await store.sentAlertKeys('SCR-2026-0001')).toEqual(new Set());
    clock.set(first.nextAt!);
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent.map((m) => m.to[0]).sort()).toEqual(['lscb-business-manager@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
    expect(await store.sentAlertKeys('SCR-2026-0001')).toEqual(new Set(['recommendation:2026-12-10:escalation:1']));
  });

  it('an email that keeps failing is parked after 5 attempts, audited, and the alert completes so the loop goes on', async () => {
    clock.set('2026-12-11T00:00:00.000Z');
    mailer.failNext = 100;
    let result = await checkDeadlines(deps, 'SCR-2026-0001');
    for (let i = 0; i < 4; i++) {
      clock.set(result.nextAt!);
      result = await checkDeadlines(deps, 'SCR-2026-0001');
    }
    const states = (await store.listNotifications('SCR-2026-0001')).map((n) => `${n.recipientRole} ${n.status} ${n.attempts}`).sort();
    expect(states).toEqual(['to:lscb-business-manager@example.org parked 5', 'to:lscb-chair@example.org parked 5', 'to:scr-subcommittee-chair@example.org parked 5']);
    expect(store.audit.filter((a) => a.action === 'notification.parked')).toHaveLength(3);
    expect(await store.sentAlertKeys('SCR-2026-0001')).toEqual(new Set(['recommendation:2026-12-10:escalation:1']));
    // Parked is settled: the loop sleeps until the next escalation, not 10 minutes.
    expect(result.nextAt).toBe('2026-12-18T09:00:00.000Z');
  });

  it('a claim whose sender died is not taken for sent: the alert stays open until the claim is stale, then it is sent again and marked so', async () => {
    clock.set('2026-12-11T00:00:00.000Z');
    // A sender claims the business manager's escalation and dies before recording it.
    const staleBefore = '2026-12-10T23:58:00.000Z';
    await store.claimNotification({
      reference: 'SCR-2026-0001',
      kind: 'alert:recommendation:2026-12-10:escalation:1',
      recipientRole: 'to:lscb-business-manager@example.org',
      email: 'lscb-business-manager@example.org',
      claimedAt: clock.now().toISOString(),
      staleBefore,
    });
    const retry = await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent.map((m) => m.to[0]).sort()).toEqual(['lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
    expect(await store.sentAlertKeys('SCR-2026-0001')).toEqual(new Set());
    expect(retry.nextAt).toBe('2026-12-11T00:02:00.001Z');
    clock.set(retry.nextAt!);
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent.map((m) => m.to[0]).sort()).toEqual(['lscb-business-manager@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
    const bm = (await store.listNotifications('SCR-2026-0001')).find((n) => n.recipientRole === 'to:lscb-business-manager@example.org');
    expect(bm).toMatchObject({ status: 'sent', resentAfterUnknownOutcome: true, attempts: 2 });
    expect(store.audit.find((a) => a.detail?.recipient === 'lscb-business-manager@example.org')?.detail).toMatchObject({ resent: 'after unknown outcome' });
    expect(await store.sentAlertKeys('SCR-2026-0001')).toEqual(new Set(['recommendation:2026-12-10:escalation:1']));
  });

  it('after a restart (claims marked unknown) the claimed email is sent again at once', async () => {
    clock.set('2026-12-11T00:00:00.000Z');
    await store.claimNotification({
      reference: 'SCR-2026-0001',
      kind: 'alert:recommendation:2026-12-10:escalation:1',
      recipientRole: 'to:lscb-chair@example.org',
      email: 'lscb-chair@example.org',
      claimedAt: clock.now().toISOString(),
      staleBefore: '2026-12-10T23:58:00.000Z',
    });
    store.markAbandoned();
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent.map((m) => m.to[0]).sort()).toEqual(['lscb-business-manager@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
  });

  it('words a reminder when it is sent: on time it counts the working days left; late, it says the deadline has passed and by how long', async () => {
    clock.set('2026-12-03T09:00:00Z'); // 5 working days before Thursday 10 December
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent[0]?.text).toContain('is due by Thursday 10 December 2026, 5 working days from now.');
    clock.set('2026-12-09T15:00:00Z'); // the 1-day reminder, sent six hours after its moment
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent[1]?.text).toContain('1 working day from now.');
  });

  it("a reminder renews the expiry of its holder's earlier links on the case, and of no one else's", async () => {
    // The referral's emails: the sub-committee chair's carries a link expiring 28 days after receipt.
    await sendNotification(deps, 'SCR-2026-0001', 'referral-received');
    const [original] = [...store.links.values()];
    expect(original).toMatchObject({ action: 'recommend', expiresAt: '2026-12-24T10:00:00.000Z' });
    clock.set('2026-12-03T09:00:00Z');
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(store.links.get(original!.tokenHash)?.expiresAt).toBe('2026-12-31T09:00:00.000Z');
    // A link already used is not renewed.
    store.links.set(original!.tokenHash, { ...store.links.get(original!.tokenHash)!, usedAt: '2026-12-04T10:00:00Z', expiresAt: '2026-12-31T09:00:00.000Z' });
    clock.set('2026-12-09T09:00:00Z');
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(store.links.get(original!.tokenHash)?.expiresAt).toBe('2026-12-31T09:00:00.000Z');
  });

  it('a reminder carries a fresh single-use link for its holder, expiring actionLinkExpiryDays later', async () => {
    clock.set('2026-12-03T09:00:00Z');
    await checkDeadlines(deps, 'SCR-2026-0001');
    expect(mailer.sent[0]?.text).toMatch(/Record it: https:\/\/scr\.example\.org\/act#\S+/);
    const links = [...store.links.values()];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ action: 'recommend', intendedEmail: 'scr-subcommittee-chair@example.org', expiresAt: '2026-12-31T09:00:00.000Z' });
  });

  it('never carries case details', async () => {
    clock.set('2027-01-20T12:00:00.000Z');
    await checkDeadlines(deps, 'SCR-2026-0001');
    for (const m of mailer.sent) expect(m.subject + m.text + m.html).not.toMatch(/Sam|Fictional|2018-04-12|fictional account/);
  });
});
