import Holidays from 'date-holidays';
import { createRequire } from 'node:module';

export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2040;

/** Bank holidays in England and Wales (public holidays of GB-ENG) from date-holidays. */
export function buildBankHolidayData() {
  const require = createRequire(import.meta.url);
  const { version } = require('date-holidays/package.json') as { version: string };
  const hd = new Holidays('GB', 'ENG');
  const dates: { date: string; name: string }[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const h of hd.getHolidays(year)) {
      if (h.type === 'public') dates.push({ date: h.date.slice(0, 10), name: h.name });
    }
  }
  return {
    region: 'England and Wales',
    source: `date-holidays@${version} (GB-ENG public holidays)`,
    version: `date-holidays@${version}`,
    firstYear: FIRST_YEAR,
    lastYear: LAST_YEAR,
    dates,
  };
}
