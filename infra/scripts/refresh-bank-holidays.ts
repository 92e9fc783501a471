/**
 * Regenerates the England and Wales bank holiday data that working-day
 * deadlines use. Run `npx tsx infra/scripts/refresh-bank-holidays.ts` after
 * upgrading `date-holidays` (a unit test fails while the shipped file is
 * out of step with the installed package).
 *
 * Why a generated file: the Lambda bundles stay small (date-holidays ships
 * every country's rules) and each deadline records exactly which calendar
 * produced it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBankHolidayData } from './bank-holiday-data.js';

const target = fileURLToPath(new URL('../../functions/domain/calendar/bank-holidays.england-and-wales.json', import.meta.url));
writeFileSync(target, JSON.stringify(buildBankHolidayData(), null, 2) + '\n');
console.log(`Wrote ${target}`);
