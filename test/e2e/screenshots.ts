/**
 * Screenshots of the case workspace at 1280 and 320 px wide, for the docs:
 *
 *   npx tsx test/e2e/screenshots.ts      (or npm run screenshots)
 *
 * Starts the local platform on free ports with empty data in a temporary
 * folder, makes a decided case through the real API (workspace-fixture.ts),
 * moves local time six weeks on so duties are overdue, signs in as the
 * business manager and saves one full-page PNG per page and width under
 * docs/screenshots/. Chromium: /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { CASE_SECTIONS } from '../../web/src/pages/case/sections.js';
import { launchChromium } from './browser.js';
import { BUSINESS_MANAGER, decidedCase, signInByKeyboard, startWorkspacePlatform, whatSticksOut } from './workspace-fixture.js';
import { eventually } from '../support/eventually.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'docs', 'screenshots');
const WIDTHS = [1280, 320] as const;

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const { platform, dataDir } = await startWorkspacePlatform('scr-screenshots-');
  const browser = await launchChromium();
  try {
    const reference = await decidedCase(platform);
    // Six weeks on: the records and Ofsted's form are overdue, so the tags show it.
    const manager = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
    const moved = await fetch(platform.clockUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ advanceBy: 'P42D' }),
    });
    if (moved.status !== 200) throw new Error(`Moving local time answered ${moved.status}`);

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${platform.appUrl}/cases/${reference}`);
    await page.locator('#email').waitFor();
    await signInByKeyboard(page, platform, BUSINESS_MANAGER);
    await page.locator('.govuk-task-list').waitFor();
    // The escalations sent after the clock moved are on the timeline before the pictures are taken.
    await eventually(
      async () => (await (await fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${manager}` } })).json()) as { notifications?: { kind: string }[] },
      (c) => (c.notifications ?? []).some((n) => n.kind.includes(':escalation:')),
      'the escalations to be sent',
    );

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const { slug } of CASE_SECTIONS) {
        await page.goto(`${platform.appUrl}/cases/${reference}${slug ? `/${slug}` : ''}`);
        await page.locator('nav[aria-label^="Case "]').waitFor();
        if (slug === 'timeline' || slug === 'emails') await page.locator('table tbody tr').first().waitFor();
        if (slug === '') await page.locator('.govuk-task-list').waitFor();
        const file = path.join(out, `case-${slug || 'summary'}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        // What sticks out past the right edge, if anything: the page must never scroll sideways.
        const wide = await whatSticksOut(page);
        console.log(`${path.relative(root, file)}${wide.length ? `  scrolls sideways: ${wide.join(', ')}` : ''}`);
      }
    }
    await page.goto(`${platform.appUrl}/local/time`);
    await page.locator('dd', { hasText: /\d{4}/ }).first().waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(out, 'local-time-1280.png'), fullPage: true });
    console.log('docs/screenshots/local-time-1280.png');
  } finally {
    await browser.close();
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
