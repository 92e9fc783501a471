import { describe, expect, it } from 'vitest';
import {
  alertKeys,
  checkAlerts,
  deadlineStatus,
  nextCheckAt,
  type AlertCheck,
  type TrackedTask,
} from '../../functions/domain/alerts/alerts.js';
import { workingDaysDeadline, type Deadline } from '../../functions/domain/calendar/deadlines.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { endOfLondonDay } from '../../functions/domain/calendar/london.js';
import { PROCEDURE_2008 } from '../../functions/config/board.js';

const calendar = englandAndWalesCalendar();
const profile = PROCEDURE_2008; // reminders 5 and 1 working days before; escalate every 5 working days
const BM = 'business.manager@lscb.example.gov.uk';
const VC = 'vice.chair@lscb.example.gov.uk';
const CSA = 'csa@lscb.example.gov.uk';
const tiers = [[BM], [VC], [CSA]];
const none: ReadonlySet<string> = new Set();

/** A deadline due at the end of a London day, as deadlines.ts would produce it. */
function dueOn(dueDate: string): Deadline {
  return {
    dueAt: endOfLondonDay(dueDate).toISOString(),
    dueDate,
    rule: `test: due ${dueDate}`,
    kind: 'working-days',
    amount: 10,
    from: '2026-01-01T00:00:00.000Z',
    authority: 'test',
    timeZone: 'Europe/London',
  };
}

function makeTask(overrides: Partial<TrackedTask> = {}): TrackedTask {
  return {
    id: 'recommendation',
    // Received Thursday 26 November 2026: 10 working days = Thursday 10 December 2026.
    deadline: workingDaysDeadline(new Date('2026-11-26T10:00:00Z'), 10, calendar, 'test'),
    openedAt: '2026-11-26T10:00:00.000Z',
    escalationTiers: tiers,
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const minus1ms = (iso: string) => new Date(Date.parse(iso) - 1);
const keysOf = (check: AlertCheck) => check.due.map((a) => a.key);

describe('reminders', () => {
  it.each([
    // due day, working days before, 09:00 London as UTC
    ['2026-12-10', 5, '2026-12-03T09:00:00.000Z'], // GMT
    ['2026-12-10', 1, '2026-12-09T09:00:00.000Z'],
    ['2026-10-28', 5, '2026-10-21T08:00:00.000Z'], // still BST: clocks go back on 25 October
    ['2026-10-28', 1, '2026-10-27T09:00:00.000Z'], // GMT again
    ['2027-03-31', 5, '2027-03-22T09:00:00.000Z'], // GMT; skips Good Friday and Easter Monday
    ['2027-03-31', 1, '2027-03-30T08:00:00.000Z'], // BST: clocks went forward on 28 March
    ['2026-12-29', 1, '2026-12-24T09:00:00.000Z'], // skips 28 Dec (substitute), 26-27 weekend, 25 Dec
    ['2026-12-29', 5, '2026-12-18T09:00:00.000Z'],
  ])('due %s: the %i-working-day reminder falls due at %s', (dueDate, n, expectedAt) => {
    // Prepare
    const task = makeTask({ deadline: dueOn(dueDate), openedAt: '2026-09-01T00:00:00.000Z' });

    // Act
    const before = checkAlerts(task, profile, calendar, minus1ms(expectedAt), none);
    const onTime = checkAlerts(task, profile, calendar, at(expectedAt), none);

    // Assess
    expect(before.nextAt).toBe(expectedAt);
    expect(onTime.due).toEqual([
      {
        key: `recommendation:${dueDate}:reminder:${n}wd`,
        taskId: 'recommendation',
        kind: 'reminder',
        at: expectedAt,
        workingDaysBefore: n,
      },
    ]);
  });

  it('skips a reminder whose moment had passed when the task opened, and still sends the later one', () => {
    // Prepare: opened Monday 7 December, 3 working days before the due date.
    const task = makeTask({ openedAt: '2026-12-07T10:00:00.000Z' });

    // Act
    const onOpening = checkAlerts(task, profile, calendar, at('2026-12-07T10:00:00.000Z'), none);
    const nextMorning = checkAlerts(task, profile, calendar, at('2026-12-08T09:30:00.000Z'), none);
    const oneDayBefore = checkAlerts(task, profile, calendar, at('2026-12-09T09:00:00.000Z'), none);

    // Assess
    expect(onOpening).toEqual({ due: [], nextAt: '2026-12-09T09:00:00.000Z' });
    expect(nextMorning).toEqual({ due: [], nextAt: '2026-12-09T09:00:00.000Z' });
    expect(keysOf(oneDayBefore)).toEqual(['recommendation:2026-12-10:reminder:1wd']);
  });

  it.each([
    ['2026-12-03T08:59:59.999Z', ['recommendation:2026-12-10:reminder:5wd']], // opened just before 09:00
    ['2026-12-03T09:00:00.000Z', ['recommendation:2026-12-10:reminder:5wd']], // opened at 09:00 exactly
    ['2026-12-03T09:00:00.001Z', []], // opened just after: skipped
  ])('a task opened at %s gets %j on the morning of the 5-day reminder', (openedAt, expected) => {
    // Prepare
    const task = makeTask({ openedAt });

    // Act
    const check = checkAlerts(task, profile, calendar, at('2026-12-03T12:00:00.000Z'), none);

    // Assess
    expect(keysOf(check)).toEqual(expected);
  });

  it('sends a missed reminder late after downtime, but only the nearest one', () => {
    // Prepare
    const task = makeTask();

    // Act: down from 2 December; back on the 4th, then on the afternoon of the 9th.
    const backOn4th = checkAlerts(task, profile, calendar, at('2026-12-04T11:00:00.000Z'), none);
    const backOn9th = checkAlerts(task, profile, calendar, at('2026-12-09T15:00:00.000Z'), none);

    // Assess: the 5-day reminder is superseded once the 1-day reminder's moment has come.
    expect(backOn4th).toEqual({
      due: [expect.objectContaining({ key: 'recommendation:2026-12-10:reminder:5wd', at: '2026-12-03T09:00:00.000Z' })],
      nextAt: '2026-12-09T09:00:00.000Z',
    });
    expect(backOn9th).toEqual({
      due: [expect.objectContaining({ key: 'recommendation:2026-12-10:reminder:1wd' })],
      nextAt: '2026-12-11T00:00:00.000Z',
    });
  });

  it('does not send a reminder once the deadline is overdue', () => {
    // Prepare
    const task = makeTask();

    // Act: down from 2 December until just after the deadline.
    const check = checkAlerts(task, profile, calendar, at('2026-12-11T00:00:00.000Z'), none);

    // Assess
    expect(keysOf(check)).toEqual(['recommendation:2026-12-10:escalation:1']);
  });

  it('does not repeat a reminder already sent', () => {
    // Prepare
    const task = makeTask();
    const sent = new Set(['recommendation:2026-12-10:reminder:5wd']);

    // Act
    const check = checkAlerts(task, profile, calendar, at('2026-12-07T10:00:00.000Z'), sent);

    // Assess
    expect(check).toEqual({ due: [], nextAt: '2026-12-09T09:00:00.000Z' });
  });

  it('follows the profile: reminders 10, 3 and 1 working days before, duplicates ignored', () => {
    // Prepare
    const task = makeTask({ openedAt: '2026-11-01T00:00:00.000Z' });
    const custom = { reminderWorkingDaysBefore: [1, 10, 3, 3], escalationRepeatWorkingDays: 5 };
    const sent = new Set<string>();
    const times: string[] = [];

    // Act: walk the schedule up to the due date.
    let now = new Date('2026-11-01T00:00:00.000Z');
    for (let check = checkAlerts(task, custom, calendar, now, sent); check.nextAt && check.nextAt < task.deadline.dueAt; ) {
      now = new Date(check.nextAt);
      check = checkAlerts(task, custom, calendar, now, sent);
      for (const alert of check.due) {
        sent.add(alert.key);
        times.push(`${alert.workingDaysBefore}wd ${alert.at}`);
      }
    }

    // Assess
    expect(times).toEqual(['10wd 2026-11-26T09:00:00.000Z', '3wd 2026-12-07T09:00:00.000Z', '1wd 2026-12-09T09:00:00.000Z']);
  });
});

describe('escalations', () => {
  it.each([
    // number, due at, recipients (tiers cumulate, then stay at everyone)
    [1, '2026-12-11T00:00:00.000Z', [BM]], // the instant after the end of Thursday 10 December
    [2, '2026-12-18T09:00:00.000Z', [BM, VC]], // 5 working days after Friday 11 December
    [3, '2026-12-29T09:00:00.000Z', [BM, VC, CSA]], // skips 25 and 28 December
    [4, '2027-01-06T09:00:00.000Z', [BM, VC, CSA]], // skips 1 January
    [5, '2027-01-13T09:00:00.000Z', [BM, VC, CSA]],
  ])('escalation %i falls due at %s to %j', (n, expectedAt, recipients) => {
    // Prepare
    const task = makeTask();

    // Act
    const before = checkAlerts(task, profile, calendar, minus1ms(expectedAt), none);
    const onTime = checkAlerts(task, profile, calendar, at(expectedAt), none);

    // Assess
    expect(before.nextAt).toBe(expectedAt);
    expect(onTime.due).toEqual([
      {
        key: `recommendation:2026-12-10:escalation:${n}`,
        taskId: 'recommendation',
        kind: 'escalation',
        at: expectedAt,
        escalationNumber: n,
        recipients,
      },
    ]);
  });

  it('escalates at once when the deadline is missed, not at its last millisecond', () => {
    // Prepare
    const task = makeTask();

    const sent = new Set([alertKeys.reminder('recommendation', '2026-12-10', 1)]);

    // Act
    const lastMoment = checkAlerts(task, profile, calendar, at(task.deadline.dueAt), sent);

    // Assess
    expect(lastMoment).toEqual({ due: [], nextAt: '2026-12-11T00:00:00.000Z' });
  });

  it('escalates at midnight and 09:00 London time in summer', () => {
    // Prepare: due Wednesday 15 July 2026 (BST).
    const task = makeTask({ deadline: dueOn('2026-07-15'), openedAt: '2026-07-01T09:00:00.000Z' });

    // Act
    const first = checkAlerts(task, profile, calendar, at('2026-07-15T23:00:00.000Z'), none);

    // Assess
    expect(first.due.map((a) => [a.escalationNumber, a.at])).toEqual([[1, '2026-07-15T23:00:00.000Z']]);
    expect(first.nextAt).toBe('2026-07-23T08:00:00.000Z');
  });

  it('repeats at the profile interval', () => {
    // Prepare
    const task = makeTask();

    // Act
    const check = checkAlerts(task, { ...profile, escalationRepeatWorkingDays: 2 }, calendar, at('2026-12-11T00:00:00.000Z'), none);

    // Assess: Friday 11 December + 2 working days = Tuesday 15 December.
    expect(check.nextAt).toBe('2026-12-15T09:00:00.000Z');
  });

  it('lists each address once, in tier order, whatever its case', () => {
    // Prepare
    const task = makeTask({ escalationTiers: [[BM, VC], [BM.toUpperCase(), CSA], [VC]] });

    // Act
    const check = checkAlerts(task, profile, calendar, at('2026-12-29T09:00:00.000Z'), none);

    // Assess
    expect(check.due[0]?.recipients).toEqual([BM, VC, CSA]);
  });

  it('refuses a repeat interval that would never move on', () => {
    expect(() => checkAlerts(makeTask(), { ...profile, escalationRepeatWorkingDays: 0 }, calendar, at('2026-12-20T00:00:00Z'), none)).toThrow(
      RangeError,
    );
  });
});

describe('restart safety', () => {
  it('after 12 working days down past the due date, sends only the latest escalation, to the widened tiers', () => {
    // Prepare: escalations 1 and 2 were never sent; the service returns on Wednesday 30 December.
    const task = makeTask();
    const now = at('2026-12-30T12:00:00.000Z');

    // Act
    const first = checkAlerts(task, profile, calendar, now, none);
    const again = checkAlerts(task, profile, calendar, now, new Set(keysOf(first)));

    // Assess
    expect(first).toEqual({
      due: [
        {
          key: 'recommendation:2026-12-10:escalation:3',
          taskId: 'recommendation',
          kind: 'escalation',
          at: '2026-12-29T09:00:00.000Z',
          escalationNumber: 3,
          recipients: [BM, VC, CSA],
        },
      ],
      nextAt: '2027-01-06T09:00:00.000Z',
    });
    expect(again).toEqual({ due: [], nextAt: '2027-01-06T09:00:00.000Z' });
  });

  it('walks a whole schedule from the wake-up times it gives, each alert once, never waking twice at one instant', () => {
    // Prepare
    const task = makeTask();
    const sent = new Set<string>();
    const log: string[] = [];
    let now = at(task.openedAt);

    // Act
    while (now < at('2027-01-10T00:00:00.000Z')) {
      const check = checkAlerts(task, profile, calendar, now, sent);
      for (const alert of check.due) {
        sent.add(alert.key);
        log.push(`${now.toISOString()} ${alert.key}`);
      }
      expect(check.nextAt && Date.parse(check.nextAt)).toBeGreaterThan(now.getTime());
      now = new Date(check.nextAt as string);
    }

    // Assess
    expect(log).toEqual([
      '2026-12-03T09:00:00.000Z recommendation:2026-12-10:reminder:5wd',
      '2026-12-09T09:00:00.000Z recommendation:2026-12-10:reminder:1wd',
      '2026-12-11T00:00:00.000Z recommendation:2026-12-10:escalation:1',
      '2026-12-18T09:00:00.000Z recommendation:2026-12-10:escalation:2',
      '2026-12-29T09:00:00.000Z recommendation:2026-12-10:escalation:3',
      '2027-01-06T09:00:00.000Z recommendation:2026-12-10:escalation:4',
    ]);
  });

  it.each([
    '2026-11-26T10:00:00.000Z',
    '2026-12-03T09:00:00.000Z',
    '2026-12-10T23:59:59.999Z',
    '2026-12-11T00:00:00.000Z',
    '2026-12-29T09:00:00.000Z',
  ])('at %s, with everything due already sent, next wakes strictly later', (iso) => {
    // Prepare
    const task = makeTask();
    const sent = new Set(keysOf(checkAlerts(task, profile, calendar, at(iso), none)));

    // Act
    const check = checkAlerts(task, profile, calendar, at(iso), sent);

    // Assess
    expect(check.due).toEqual([]);
    expect(Date.parse(check.nextAt as string)).toBeGreaterThan(Date.parse(iso));
  });

  it('works out a long-overdue task without generating its whole history', () => {
    // Prepare: three years overdue (about 750 working days).
    const task = makeTask();
    const now = at('2029-12-10T12:00:00.000Z');

    // Act
    const check = checkAlerts(task, profile, calendar, now, none);

    // Assess
    const [latest] = check.due;
    expect(latest?.escalationNumber).toBeGreaterThan(140);
    expect(latest?.escalationNumber).toBeLessThan(160);
    expect(latest?.recipients).toEqual([BM, VC, CSA]);
    expect(Date.parse(latest?.at as string)).toBeLessThanOrEqual(now.getTime());
    expect(Date.parse(check.nextAt as string)).toBeGreaterThan(now.getTime());
    expect(Date.parse(check.nextAt as string) - Date.parse(latest?.at as string)).toBeLessThan(14 * 24 * 3600 * 1000);
  });
});

describe('done tasks', () => {
  it.each([
    ['before any reminder', '2026-11-30T10:00:00.000Z', '2026-12-01T10:00:00.000Z'],
    ['between reminders', '2026-12-04T10:00:00.000Z', '2026-12-09T10:00:00.000Z'],
    ['while overdue, with escalations unsent', '2026-12-21T10:00:00.000Z', '2027-01-20T10:00:00.000Z'],
  ])('done %s: nothing due and nothing ever will be', (_when, doneAt, now) => {
    // Prepare
    const task = makeTask({ doneAt });

    // Act
    const check = checkAlerts(task, profile, calendar, at(now), none);

    // Assess
    expect(check).toEqual({ due: [] });
    expect(deadlineStatus(task, profile, calendar, at(now))).toBe('done');
  });

  it('when replaying history, nothing falls due after doneAt', () => {
    // Prepare: the task was done on 8 December; replay the morning of the 4th.
    const task = makeTask({ doneAt: '2026-12-08T10:00:00.000Z' });

    // Act
    const check = checkAlerts(task, profile, calendar, at('2026-12-04T10:00:00.000Z'), none);

    // Assess
    expect(check).toEqual({ due: [expect.objectContaining({ key: 'recommendation:2026-12-10:reminder:5wd' })] });
  });
});

describe('extensions', () => {
  it('fires the reminders again for the new due date', () => {
    // Prepare: both reminders for 10 December were sent; on 9 December the deadline moves to 17 December.
    const sent = new Set([alertKeys.reminder('recommendation', '2026-12-10', 5), alertKeys.reminder('recommendation', '2026-12-10', 1)]);
    const task = makeTask({ deadline: dueOn('2026-12-17'), deadlineSetAt: '2026-12-09T14:00:00.000Z' });

    // Act
    const onExtension = checkAlerts(task, profile, calendar, at('2026-12-09T14:00:00.000Z'), sent);
    const fiveDaysBefore = checkAlerts(task, profile, calendar, at('2026-12-10T09:00:00.000Z'), sent);

    // Assess
    expect(onExtension).toEqual({ due: [], nextAt: '2026-12-10T09:00:00.000Z' });
    expect(keysOf(fiveDaysBefore)).toEqual(['recommendation:2026-12-17:reminder:5wd']);
  });

  it('skips the new date’s reminders already past when the extension was granted', () => {
    // Prepare: escalation 1 went out for 10 December; at 10:00 on the 11th the deadline moves to 17 December.
    const sent = new Set([alertKeys.escalation('recommendation', '2026-12-10', 1)]);
    const task = makeTask({ deadline: dueOn('2026-12-17'), deadlineSetAt: '2026-12-11T10:00:00.000Z' });

    // Act
    const check = checkAlerts(task, profile, calendar, at('2026-12-11T10:00:00.000Z'), sent);

    // Assess: the 5-day reminder (10 December 09:00) is skipped; the 1-day one is next.
    expect(check).toEqual({ due: [], nextAt: '2026-12-16T09:00:00.000Z' });
    expect(deadlineStatus(task, profile, calendar, at('2026-12-11T10:00:00.000Z'))).toBe('due-soon');
  });

  it('does not resend an escalation for the same due date, but escalates afresh if the new date is missed', () => {
    // Prepare
    const sent = new Set([alertKeys.escalation('recommendation', '2026-12-10', 1)]);
    const sameDate = makeTask({ deadline: dueOn('2026-12-10') });
    const extended = makeTask({ deadline: dueOn('2026-12-17'), deadlineSetAt: '2026-12-11T10:00:00.000Z' });

    // Act
    const recomputed = checkAlerts(sameDate, profile, calendar, at('2026-12-11T10:00:00.000Z'), sent);
    const missedAgain = checkAlerts(extended, profile, calendar, at('2026-12-18T00:00:00.000Z'), sent);

    // Assess
    expect(recomputed).toEqual({ due: [], nextAt: '2026-12-18T09:00:00.000Z' });
    expect(missedAgain.due).toEqual([
      expect.objectContaining({ key: 'recommendation:2026-12-17:escalation:1', escalationNumber: 1, recipients: [BM] }),
    ]);
  });
});

describe('deadline status', () => {
  it.each([
    ['2026-12-03T08:59:59.999Z', 'on-track'],
    ['2026-12-03T09:00:00.000Z', 'due-soon'], // the 5-day reminder window opens
    ['2026-12-10T23:59:59.999Z', 'due-soon'],
    ['2026-12-11T00:00:00.000Z', 'overdue'],
  ] as const)('at %s the deadline is %s', (now, expected) => {
    expect(deadlineStatus(makeTask(), profile, calendar, at(now))).toBe(expected);
  });

  it('is due soon from the largest reminder window even if that reminder was skipped', () => {
    const task = makeTask({ openedAt: '2026-12-07T10:00:00.000Z' });
    expect(deadlineStatus(task, profile, calendar, at('2026-12-07T10:00:00.000Z'))).toBe('due-soon');
  });

  it('is never due soon without reminders', () => {
    expect(deadlineStatus(makeTask(), { reminderWorkingDaysBefore: [] }, calendar, at('2026-12-10T12:00:00.000Z'))).toBe('on-track');
  });
});

describe('nextCheckAt', () => {
  it.each([
    [[{ due: [], nextAt: '2026-12-09T09:00:00.000Z' }, { due: [] }, { due: [], nextAt: '2026-12-03T09:00:00.000Z' }], '2026-12-03T09:00:00.000Z'],
    [[{ due: [] }, { due: [] }], undefined],
    [[], undefined],
  ] as [AlertCheck[], string | undefined][])('the earliest wake-up of %j is %s', (checks, expected) => {
    expect(nextCheckAt(checks)).toBe(expected);
  });
});
