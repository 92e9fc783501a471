import data from './bank-holidays.england-and-wales.json' with { type: 'json' };
import { addDays, dayOfWeek } from './london.js';

/** The bank holiday calendar: a version recorded with every deadline it produced. */
export interface WorkingDayCalendar {
  version: string;
  isWorkingDay(day: string): boolean;
}

export class CalendarRangeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CalendarRangeError';
  }
}

/** England and Wales: weekends and bank holidays are not working days. */
export function englandAndWalesCalendar(): WorkingDayCalendar {
  const holidays = new Set(data.dates.map((d) => d.date));
  return {
    version: `${data.region} bank holidays, ${data.version}`,
    isWorkingDay(day: string): boolean {
      const year = Number(day.slice(0, 4));
      // Refuse to guess beyond the data: a silent wrong deadline is worse than a loud error.
      if (year < data.firstYear || year > data.lastYear) {
        throw new CalendarRangeError(`No bank holiday data for ${year}; run infra/scripts/refresh-bank-holidays.ts`);
      }
      const dow = dayOfWeek(day);
      return dow !== 0 && dow !== 6 && !holidays.has(day);
    },
  };
}

/** The day `n` working days after `day` (day itself not counted). Negative `n` counts back. */
export function addWorkingDays(calendar: WorkingDayCalendar, day: string, n: number): string {
  const step = n >= 0 ? 1 : -1;
  let remaining = Math.abs(n);
  let current = day;
  while (remaining > 0) {
    current = addDays(current, step);
    if (calendar.isWorkingDay(current)) remaining--;
  }
  return current;
}
