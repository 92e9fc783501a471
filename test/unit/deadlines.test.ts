import { describe, expect, it } from 'vitest';
import { calendarMonthsDeadline, workingDaysDeadline } from '../../functions/domain/calendar/deadlines.js';
import { englandAndWalesCalendar, addWorkingDays, CalendarRangeError } from '../../functions/domain/calendar/working-days.js';
import { endOfLondonDay, londonDate } from '../../functions/domain/calendar/london.js';
import shipped from '../../functions/domain/calendar/bank-holidays.england-and-wales.json' with { type: 'json' };
import { buildBankHolidayData } from '../../infra/scripts/bank-holiday-data.js';

const calendar = englandAndWalesCalendar();

describe('calendar months (8.2, 8.4)', () => {
  it.each([
    // from (instant), months, due London day, due instant
    ['2027-01-31T10:00:00Z', 1, '2027-02-28', '2027-02-28T23:59:59.999Z'],
    ['2028-01-31T10:00:00Z', 1, '2028-02-29', '2028-02-29T23:59:59.999Z'], // leap year
    ['2026-11-26T15:00:00Z', 1, '2026-12-26', '2026-12-26T23:59:59.999Z'],
    ['2026-08-31T09:00:00Z', 4, '2026-12-31', '2026-12-31T23:59:59.999Z'],
    ['2026-10-31T09:00:00Z', 4, '2027-02-28', '2027-02-28T23:59:59.999Z'],
    // Clocks go forward on 2027-03-28: end of that day is 23:59:59.999 BST = 22:59:59.999Z.
    ['2027-02-28T12:00:00Z', 1, '2027-03-28', '2027-03-28T22:59:59.999Z'],
    // Clocks go back on 2026-10-25: end of that day is GMT again.
    ['2026-09-25T12:00:00Z', 1, '2026-10-25', '2026-10-25T23:59:59.999Z'],
    // 23:30 UTC on 30 June is 00:30 on 1 July in London: the period runs from 1 July.
    ['2026-06-30T23:30:00Z', 1, '2026-08-01', '2026-08-01T22:59:59.999Z'],
  ])('%s + %i month(s) = %s', (from, months, dueDate, dueAt) => {
    const d = calendarMonthsDeadline(new Date(from), months, 'test');
    expect(d.dueDate).toBe(dueDate);
    expect(d.dueAt).toBe(dueAt);
    expect(d.timeZone).toBe('Europe/London');
    expect(d.rule).toContain(`= ${dueDate} end of day (Europe/London)`);
  });

  it('states the rule in words an auditor can check', () => {
    expect(calendarMonthsDeadline(new Date('2027-01-31T10:00:00Z'), 1, 'para 8.2').rule).toBe(
      '1 calendar month from 2027-01-31 = 2027-02-28 end of day (Europe/London)',
    );
  });
});

describe('working days (England and Wales)', () => {
  it.each([
    ['2026-11-26T10:00:00Z', 10, '2026-12-10'], // Thursday, no holidays
    ['2026-12-17T10:00:00Z', 10, '2027-01-05'], // skips 25, 28 Dec (Boxing Day substitute) and 1 Jan
    ['2027-03-24T10:00:00Z', 3, '2027-03-31'], // 25 Mar, then Good Friday 26 Mar and Easter Monday 29 Mar
    ['2026-11-27T10:00:00Z', 1, '2026-11-30'], // Friday -> Monday
    ['2026-11-28T10:00:00Z', 1, '2026-11-30'], // received on a Saturday
    ['2023-05-05T10:00:00Z', 1, '2023-05-09'], // coronation bank holiday 8 May 2023
  ])('%s + %i working days = %s', (from, days, due) => {
    const d = workingDaysDeadline(new Date(from), days, calendar, 'test');
    expect(d.dueDate).toBe(due);
    expect(d.dueAt).toBe(endOfLondonDay(due).toISOString());
    expect(d.calendarVersion).toBe(calendar.version);
    expect(d.rule).toContain(calendar.version);
  });

  it('counts backwards for reminders', () => {
    expect(addWorkingDays(calendar, '2027-01-05', -10)).toBe('2026-12-17');
  });

  it('refuses to guess outside the bank holiday data', () => {
    expect(() => addWorkingDays(calendar, '2040-12-30', 5)).toThrow(CalendarRangeError);
  });

  it('ships bank holiday data in step with the installed date-holidays package', () => {
    expect(shipped).toEqual(buildBankHolidayData());
  });
});

describe('London days', () => {
  it('finds the London day of an instant across the clock change', () => {
    expect(londonDate(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
    expect(londonDate(new Date('2026-07-31T23:30:00Z'))).toBe('2026-08-01');
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});
