import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { lambdas as catalogueLambdas } from '../../infra/catalogue.js';
import { repoRoot, startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { checkAlerts } from '../../functions/domain/alerts/alerts.js';
import { watchedDeadlines } from '../../functions/domain/alerts/deadline-check.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { makeReferral } from '../factories/referral.js';
import { arm, disarm, faults, restarted, type Fault } from './support/faults/faults.js';
import { eventually } from '../support/eventually.js';

/**
 * Issue 12 (High): no email the procedure requires is ever silently lost.
 *
 * The local runtime is "killed" at each step of a send (after the claim,
 * after SES accepted the email, before the send is recorded): from that
 * moment the email senders behave as a dead process (workflow tasks never
 * return, stream batches fail, nothing more is written or sent), then the
 * platform is stopped and started again on the same data, as after a crash.
 * Every required email is then COUNTED in the local SES mailboxes (the one
 * before the kill and the ones after): each arrives at least once and at
 * most twice, and the one whose fate was unknown is marked on the case.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const board = parseBoardConfig(JSON.parse(readFileSync(join(repoRoot, 'infra/config/board.example.json'), 'utf8')));
const calendar = englandAndWalesCalendar();
const BM = board.businessManager.email;
const CHAIR = board.boardChair.email;
const SUB = board.subCommitteeChair.email;

/** The email senders, wrapped so a fault can kill them; everything else as in the catalogue. */
const faultyEntries: Record<string, string> = {
  'case-stream': 'test/integration/support/faults/case-stream.ts',
  'workflow-notify': 'test/integration/support/faults/workflow-notify.ts',
  'workflow-check-deadlines': 'test/integration/support/faults/workflow-check-deadlines.ts',
};
const lambdas = catalogueLambdas.map((l) => (faultyEntries[l.id] ? { ...l, entry: faultyEntries[l.id] as string } : l));

describe('crash-safe emails: a kill at each step of a send loses no required email', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scr-crash-'));
  const clock = new FakeClock('2026-11-26T10:00:00Z');
  let platform: LocalPlatform;
  let ddb: DynamoDBDocumentClient;
  /** Every email any of the platform's runs accepted, read from each run's SES mailbox before it stopped. */
  const mail: CapturedEmail[] = [];
  const refs: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  async function boot() {
    platform = await startLocalPlatform({
      dataDir,
      port: 0,
      dynamoPort: 0,
      sesPort: 0,
      sfnPort: 0,
      quiet: true,
      clock,
      lambdas,
      waitPollMs: 50,
      streamPollMs: 50,
      sesEventPollMs: 50,
    });
    ddb?.destroy();
    ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials }));
  }

  /** Arms the fault, does what triggers it, waits for the kill, then stops the platform and starts it again. */
  async function crashAndRestart(fault: Fault, trigger: () => Promise<void>) {
    arm(fault);
    await trigger();
    await eventually(() => faults.fired, Boolean, `the fault ${fault.point} to fire`);
    mail.push(...(await readMailbox(platform.sesEndpoint)));
    await platform.stop();
    restarted();
    await boot();
  }

  const notifications = async (reference: string) =>
    (
      await ddb.send(
        new QueryCommand({
          TableName: platform.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
          ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':n': 'NOTIFICATION#' },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];

  const allMail = async () => [...mail, ...(await readMailbox(platform.sesEndpoint))];
  const count = (emails: CapturedEmail[], to: string, match: (m: CapturedEmail) => boolean) =>
    emails.filter((m) => m.to.includes(to) && match(m)).length;
  const referralMail = (ref: string) => (m: CapturedEmail) => m.subject.includes(ref) && !/^(Overdue|Reminder)/.test(m.subject);
  const escalation = (ref: string, n: number) => (m: CapturedEmail) =>
    m.subject.startsWith(`Overdue: the Strategic and Serious Case Review sub-committee’s recommendation for referral ${ref}`) && m.text.includes(`This is escalation ${n}.`);

  /**
   * After a restart, every case's recovery has finished: each has `n` complete
   * escalations and no email unsettled. The clock moves on only then, as it
   * would after a short outage (an outage spanning the next escalation is
   * another matter: the later escalation supersedes the earlier one).
   */
  async function recovered(n: number) {
    for (const ref of Object.values(refs)) {
      await eventually(
        async () => (await notifications(ref)).filter((x) => String(x.kind).startsWith('alert:recommendation') && x.recipientRole === 'to:all').length,
        (k) => k === n,
        `${n} complete escalation(s) of ${ref}`,
      );
      // Other alerts (the decision's, now also to its owner) may be on their way at this moment: each must settle.
      await eventually(
        async () => (await notifications(ref)).filter((x) => x.status !== 'sent' && x.status !== 'complete'),
        (unsettled) => unsettled.length === 0,
        `every email of ${ref} settled`,
      );
    }
  }

  async function refer(email: string): Promise<string> {
    const idToken = (await signInReferrerLocally(platform, email)).IdToken!;
    const res = await fetch(`${platform.apiUrl}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(makeReferral({ referrer: { email } })),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { reference: string }).reference;
  }

  /** When the next escalation of the recommendation falls due, from the case's own deadline. */
  async function nextEscalationAt(reference: string): Promise<string> {
    const res = await ddb.send(
      new QueryCommand({
        TableName: platform.tableName,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':sk': 'CASE' },
      }),
    );
    const c = res.Items?.[0] as unknown as CaseRecord;
    const task = watchedDeadlines(c, board)[0]!.task;
    // The first escalation is just after the deadline; after it, the next alert is always the next escalation.
    if (clock.now().getTime() <= Date.parse(task.deadline.dueAt)) return new Date(Date.parse(task.deadline.dueAt) + 1).toISOString();
    return checkAlerts(task, board.procedureProfile, calendar, clock.now(), new Set()).nextAt!;
  }

  beforeAll(async () => {
    await boot();
  }, 120_000);

  afterAll(async () => {
    disarm();
    await platform?.stop();
    ddb?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a kill after the claim: the sub-committee chair still gets the only action link, once or twice, and the case says it was resent', async () => {
    await crashAndRestart({ point: 'after-claim', reference: 'SCR-2026-0001', kind: 'referral-received', recipientRole: 'sub-committee-chair' }, async () => {
      refs.a = await refer('crash.a@example.org');
    });
    expect(refs.a).toBe('SCR-2026-0001');
    await eventually(async () => count(await allMail(), SUB, referralMail(refs.a)), (n) => n >= 1, 'the action email after the restart');
    const item = await eventually(
      async () => (await notifications(refs.a)).find((n) => n.sk === 'NOTIFICATION#referral-received#sub-committee-chair'),
      (n) => n?.status === 'sent',
      'the action email recorded as sent',
    );
    expect(item).toMatchObject({ resentAfterUnknownOutcome: true, attempts: 2 });
  }, 180_000);

  it('a kill after SES accepted the email: it is sent again (a duplicate at most), never lost', async () => {
    await crashAndRestart({ point: 'after-ses-accepted', reference: 'SCR-2026-0002', kind: 'referral-received', recipientRole: 'board-chair' }, async () => {
      refs.b = await refer('crash.b@example.org');
    });
    expect(refs.b).toBe('SCR-2026-0002');
    await eventually(async () => count(await allMail(), CHAIR, referralMail(refs.b)), (n) => n >= 2, 'the board chair email, sent again');
    await eventually(
      async () => (await notifications(refs.b)).find((n) => n.sk === 'NOTIFICATION#referral-received#board-chair'),
      (n) => n?.status === 'sent' && n.resentAfterUnknownOutcome === true,
      'the resend recorded',
    );
  }, 180_000);

  it('a kill just before the send is recorded: the same', async () => {
    await crashAndRestart({ point: 'before-record', reference: 'SCR-2026-0003', kind: 'referral-received', recipientRole: 'sub-committee-chair' }, async () => {
      refs.c = await refer('crash.c@example.org');
    });
    expect(refs.c).toBe('SCR-2026-0003');
    await eventually(async () => count(await allMail(), SUB, referralMail(refs.c)), (n) => n >= 2, 'the action email, sent again');
    await eventually(
      async () => (await notifications(refs.c)).find((n) => n.sk === 'NOTIFICATION#referral-received#sub-committee-chair'),
      (n) => n?.status === 'sent' && n.resentAfterUnknownOutcome === true,
      'the resend recorded',
    );
  }, 180_000);

  it("kills at each step of an escalation's send: the business manager gets every escalation (the issue's reproduction)", async () => {
    // Escalation 1 of each case, killed after the business manager's claim (case A).
    const first = await nextEscalationAt(refs.a);
    await crashAndRestart({ point: 'after-claim', reference: refs.a, kind: 'alert:recommendation', recipientRole: `to:${BM}` }, async () => {
      clock.set(first);
    });
    await eventually(async () => count(await allMail(), BM, escalation(refs.a, 1)), (n) => n >= 1, 'escalation 1 to the business manager');
    await recovered(1);
    // Escalation 2, killed after SES accepted the business manager's (case B).
    clock.advance(1000);
    const second = await nextEscalationAt(refs.b);
    await crashAndRestart({ point: 'after-ses-accepted', reference: refs.b, kind: 'alert:recommendation', recipientRole: `to:${BM}` }, async () => {
      clock.set(second);
    });
    await eventually(async () => count(await allMail(), BM, escalation(refs.b, 2)), (n) => n >= 2, 'escalation 2 to the business manager, sent again');
    await recovered(2);
    // Escalation 3, killed before the business manager's is recorded (case C).
    clock.advance(1000);
    const third = await nextEscalationAt(refs.c);
    await crashAndRestart({ point: 'before-record', reference: refs.c, kind: 'alert:recommendation', recipientRole: `to:${BM}` }, async () => {
      clock.set(third);
    });
    await eventually(async () => count(await allMail(), BM, escalation(refs.c, 3)), (n) => n >= 2, 'escalation 3 to the business manager, sent again');

    await recovered(3);
  }, 300_000);

  it('counted across every run: each required email arrived at least once and at most twice', async () => {
    const emails = await allMail();
    const counts: Record<string, number> = {};
    for (const ref of Object.values(refs)) {
      counts[`${ref} referrer`] = count(emails, `crash.${ref === refs.a ? 'a' : ref === refs.b ? 'b' : 'c'}@example.org`, referralMail(ref));
      counts[`${ref} sub-committee chair`] = count(emails, SUB, referralMail(ref));
      counts[`${ref} board chair`] = count(emails, CHAIR, referralMail(ref));
      for (const n of [1, 2, 3]) {
        counts[`${ref} escalation ${n} to the business manager`] = count(emails, BM, escalation(ref, n));
        counts[`${ref} escalation ${n} to the Board chair`] = count(emails, CHAIR, escalation(ref, n));
      }
    }
    console.log('Emails counted in the local SES mailboxes:', counts);
    for (const [what, n] of Object.entries(counts)) {
      expect.soft(n, what).toBeGreaterThanOrEqual(1);
      expect.soft(n, what).toBeLessThanOrEqual(2);
    }
    // The emails whose sender died after SES accepted them, or before recording, are the duplicates.
    expect(counts[`${refs.b} board chair`]).toBe(2);
    expect(counts[`${refs.c} sub-committee chair`]).toBe(2);
    expect(counts[`${refs.a} sub-committee chair`]).toBe(1);
  });
});
