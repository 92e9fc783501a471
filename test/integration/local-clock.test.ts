import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdjustableClock, CLOCK_FILE, ClockSettingError, parseAdvanceDuration, parseClockSpeed } from '../../infra/local/clock.js';
import { signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { callsFor } from './support/registry.js';
import { makeWorkspace, startTestPlatform } from './support/platform.js';
import { waitUntil } from '../support/eventually.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
const START = '2026-11-26T10:00:00.000Z';

/** A real-time source the test moves by hand. */
function fakeRealTime(startIso = '2026-01-01T00:00:00.000Z') {
  let now = Date.parse(startIso);
  return {
    read: () => now,
    pass: (ms: number) => {
      now += ms;
    },
  };
}

describe('AdjustableClock', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'scr-clock-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs at its speed, and a speed change does not make it jump', () => {
    // Prepare
    const real = fakeRealTime();
    const clock = new AdjustableClock({ start: START, speed: 86_400, realNow: real.read });

    // Act
    real.pass(SECOND);
    const afterOneSecondFast = clock.now().toISOString();
    clock.setSpeed(1);
    const rightAfterSlowingDown = clock.now().toISOString();
    real.pass(SECOND);
    const afterOneSecondSlow = clock.now().toISOString();

    // Assess
    expect(afterOneSecondFast).toBe('2026-11-27T10:00:00.000Z');
    expect(rightAfterSlowingDown).toBe('2026-11-27T10:00:00.000Z');
    expect(afterOneSecondSlow).toBe('2026-11-27T10:00:01.000Z');
    expect(clock.speed).toBe(1);
  });

  it('moves forward by advance, and never backwards', () => {
    // Prepare
    const real = fakeRealTime();
    const clock = new AdjustableClock({ start: START, realNow: real.read });

    // Act
    clock.advance(parseAdvanceDuration('P1DT6H'));
    const advanced = clock.now().toISOString();
    real.pass(-HOUR); // the machine's clock steps back
    const afterStepBack = clock.now().toISOString();

    // Assess
    expect(advanced).toBe('2026-11-27T16:00:00.000Z');
    expect(afterStepBack).toBe(advanced);
    expect(() => clock.advance(-1)).toThrow(ClockSettingError);
    expect(() => clock.advance(Number.NaN)).toThrow(ClockSettingError);
    expect(() => clock.setSpeed(0.5)).toThrow(/from 1 \(real time\)/);
    expect(() => clock.setSpeed(Number.POSITIVE_INFINITY)).toThrow(ClockSettingError);
    expect(clock.now().toISOString()).toBe(advanced);
  });

  it('persists across a restart, running at speed 1 while stopped and never going backwards', async () => {
    // Prepare: a day a second for ten seconds, plus a step forward.
    const real = fakeRealTime();
    const first = await AdjustableClock.open({ dataDir, speed: 86_400, realNow: real.read });
    real.pass(10 * SECOND);
    first.advance(parseAdvanceDuration('PT6H'));
    const atStop = first.now().getTime();
    await first.close();

    // Act: an hour passes while stopped; start again, still fast.
    real.pass(HOUR);
    const second = await AdjustableClock.open({ dataDir, speed: 86_400, realNow: real.read });
    const afterRestart = second.now().getTime();
    await second.close();
    // The machine's clock went back a day while stopped.
    real.pass(-DAY);
    const third = await AdjustableClock.open({ dataDir, realNow: real.read });
    const afterStepBack = third.now().getTime();
    await third.close();
    const saved = JSON.parse(await readFile(path.join(dataDir, CLOCK_FILE), 'utf8')) as { localNow: string };

    // Assess
    expect(atStop).toBe(Date.parse('2026-01-01T00:00:00.000Z') + 10 * DAY + 6 * HOUR);
    expect(afterRestart).toBe(atStop + HOUR);
    expect(second.speed).toBe(86_400);
    expect(afterStepBack).toBe(afterRestart);
    expect(saved.localNow).toBe(new Date(afterStepBack).toISOString());
  });

  it('starts at real time without a saved state (as after --fresh)', async () => {
    // Prepare
    const real = fakeRealTime('2027-03-01T12:00:00.000Z');
    await rm(path.join(dataDir, CLOCK_FILE), { force: true });

    // Act
    const clock = await AdjustableClock.open({ dataDir, realNow: real.read });

    // Assess
    expect(clock.now().toISOString()).toBe('2027-03-01T12:00:00.000Z');
    expect(existsSync(path.join(dataDir, CLOCK_FILE))).toBe(true);
    await clock.close();
  });

  it('reads days, hours and minutes as ISO 8601 durations and refuses anything else', () => {
    expect(parseAdvanceDuration('P1D')).toBe(DAY);
    expect(parseAdvanceDuration('PT6H')).toBe(6 * HOUR);
    expect(parseAdvanceDuration('P2DT12H30M')).toBe(2 * DAY + 12 * HOUR + 30 * 60 * SECOND);
    for (const bad of ['-P1D', 'P1W', 'P1M', 'P1Y', 'PT30S', 'P', 'PT', 'P1DT', '1D', 'p1d']) {
      expect(() => parseAdvanceDuration(bad), bad).toThrow(ClockSettingError);
    }
    expect(() => parseAdvanceDuration('-PT1H')).toThrow(/only moves forward/);
  });

  it('reads a clock speed from the command line or refuses it by name', () => {
    expect(parseClockSpeed('86400', '--clock-speed')).toBe(86_400);
    expect(parseClockSpeed('1.5', 'CLOCK_SPEED')).toBe(1.5);
    for (const bad of ['0', '0.5', '-5', 'fast', '', '1e9', '99999999']) {
      expect(() => parseClockSpeed(bad, '--clock-speed'), bad).toThrow(/--clock-speed must be a number from 1/);
    }
  });
});

describe('the local clock control', () => {
  let ws: Awaited<ReturnType<typeof makeWorkspace>>;
  let platform: LocalPlatform;
  let sfn: SFNClient;
  let businessManager: string;
  const chair = 'scr-subcommittee-chair@example.org';

  /** A fresh ID token: each big step forward expires the ones issued before it. */
  async function idToken(email: string): Promise<string> {
    const tokens = await signInStaffLocally(platform, email, platform.localStaff.password);
    return tokens.IdToken as string;
  }

  async function control(method: 'GET' | 'POST', body?: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(platform.clockUrl, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  /** The test machine's task calls of one execution (by its input's name) at one step. */
  const stepCalls = (name: string, step: string) =>
    callsFor(platform.appUrl, 'test-task').filter((c) => {
      const event = c.event as { step: string; input: { name?: string } };
      return event.step === step && event.input.name === name;
    });

  /** How far local time is ahead of real time (ms). */
  const lead = () => platform.clock.now().getTime() - Date.now();

  beforeAll(async () => {
    ws = await makeWorkspace();
    // The platform's own clock: persisted in dataDir, real speed.
    platform = await startTestPlatform({ dataDir: ws.dataDir, fresh: true, webDist: ws.webDist });
    sfn = new SFNClient({ endpoint: platform.sfnEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    businessManager = platform.localStaff.accounts.find((a) => a.role === 'business-manager')?.email as string;
  }, 120_000);

  afterAll(async () => {
    sfn?.destroy();
    await platform?.stop();
    await ws?.remove();
  });

  it('tells anyone the local time and speed', async () => {
    // Act
    const { status, json } = await control('GET');

    // Assess
    expect(status).toBe(200);
    expect(json.speed).toBe(1);
    expect(Math.abs(Date.parse(json.now as string) - Date.now())).toBeLessThan(60 * SECOND);
  });

  it('refuses a change without a valid token (401) and from staff other than the business manager (403)', async () => {
    // Prepare
    const chairToken = await idToken(chair);

    // Act
    const none = await control('POST', { advanceBy: 'P1D' });
    const forged = await control('POST', { advanceBy: 'P1D' }, 'not.a.token');
    const byChair = await control('POST', { advanceBy: 'P1D' }, chairToken);

    // Assess
    expect(none.status).toBe(401);
    expect(none.json.message).toMatch(/Sign in as the business manager/);
    expect(forged.status).toBe(401);
    expect(byChair.status).toBe(403);
    expect(byChair.json.message).toBe('Only the business manager can change the local clock');
    expect(lead()).toBeLessThan(HOUR);
  });

  it('refuses a step backwards or a request it cannot read (400)', async () => {
    // Prepare
    const token = await idToken(businessManager);

    // Act
    const backwards = await control('POST', { advanceBy: '-P1D' }, token);
    const weeks = await control('POST', { advanceBy: 'P1W' }, token);
    const slow = await control('POST', { speed: 0.5 }, token);
    const both = await control('POST', { advanceBy: 'P1D', speed: 2 }, token);
    const notJson = await control('POST', 'advance please', token);

    // Assess
    expect(backwards).toMatchObject({ status: 400, json: { message: 'The clock only moves forward: advanceBy cannot be negative' } });
    expect(weeks.status).toBe(400);
    expect(slow).toMatchObject({ status: 400, json: { message: expect.stringMatching(/from 1 \(real time\)/) } });
    expect(both.status).toBe(400);
    expect(notJson.status).toBe(400);
    expect(lead()).toBeLessThan(HOUR);
  });

  it('lets the business manager change the speed and move time forward', async () => {
    // Prepare
    const token = await idToken(businessManager);
    const before = platform.clock.now().getTime();

    // Act: speed first (the advance ends this token's 15 minutes).
    const faster = await control('POST', { speed: 2 }, token);
    const realAgain = await control('POST', { speed: 1 }, token);
    const advanced = await control('POST', { advanceBy: 'PT6H' }, token);
    const read = await control('GET');

    // Assess
    expect(faster).toMatchObject({ status: 200, json: { speed: 2 } });
    expect(realAgain).toMatchObject({ status: 200, json: { speed: 1 } });
    expect(advanced.status).toBe(200);
    expect(Date.parse(advanced.json.now as string) - before).toBeGreaterThanOrEqual(6 * HOUR);
    expect(Date.parse(read.json.now as string)).toBeGreaterThanOrEqual(Date.parse(advanced.json.now as string));
    expect(lead()).toBeGreaterThan(6 * HOUR - 60 * SECOND);
  });

  it('releases a waiting workflow when time is moved past its Wait', async () => {
    // Prepare: an execution parked on a Wait a day away.
    const until = new Date(platform.clock.now().getTime() + DAY - HOUR).toISOString();
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: platform.stateMachineArn('test'), name: 'released', input: JSON.stringify({ name: 'released', until }) }),
    );
    const arn = started.executionArn as string;
    await waitUntil(() => stepCalls('released', 'first').length === 1);
    const token = await idToken(businessManager);
    const stillWaiting = await platform.awaitExecution(arn, 200).then(
      () => 'settled',
      () => 'running',
    );

    // Act
    const advanced = await control('POST', { advanceBy: 'P1D' }, token);
    const finished = await platform.awaitExecution(arn, 5000);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));

    // Assess
    expect(stillWaiting).toBe('running');
    expect(advanced.status).toBe(200);
    expect(finished.status).toBe('SUCCEEDED');
    expect(described.status).toBe('SUCCEEDED');
    const [second] = stepCalls('released', 'second');
    expect(Date.parse(second?.clockNow as string)).toBeGreaterThanOrEqual(Date.parse(until));
  });

  it('keeps local time across a restart, and --fresh sets it back to real time', async () => {
    // Prepare
    const atStop = platform.clock.now().getTime();
    sfn.destroy();
    await platform.stop();

    // Act
    platform = await startTestPlatform({ dataDir: ws.dataDir, webDist: ws.webDist });
    const afterRestart = platform.clock.now().getTime();
    const leadAfterRestart = lead();
    await platform.stop();
    platform = await startTestPlatform({ dataDir: ws.dataDir, fresh: true, webDist: ws.webDist });
    sfn = new SFNClient({ endpoint: platform.sfnEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

    // Assess
    expect(afterRestart).toBeGreaterThanOrEqual(atStop);
    expect(leadAfterRestart).toBeGreaterThan(DAY + 6 * HOUR - 60 * SECOND);
    expect(Math.abs(lead())).toBeLessThan(60 * SECOND);
  });
});
