import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { CASE_SECTIONS } from '../../web/src/pages/case/sections.js';
import { chooseRadio, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, tabTo, typeInto } from './browser.js';
import { BUSINESS_MANAGER, decidedCase, signInByKeyboard, startWorkspacePlatform, whatSticksOut } from './workspace-fixture.js';

/**
 * The case as a workspace, in a real browser, by keyboard alone: a page per
 * part of the case joined by a sub navigation, "What needs doing" first,
 * axe on every page, and at 320 px wide no page scrolls sideways. Time is
 * moved forward with the local-only "Move time forward" page, so duties
 * become overdue and say by how many working days.
 */

let platform: LocalPlatform;
let dataDir = '';
let browser: Browser;
let page: Page;
let reference = '';
const consoleErrors: string[] = [];

const pathOf = (slug: string) => `/cases/${reference}${slug ? `/${slug}` : ''}`;
const headingOf = (slug: string) => {
  const s = CASE_SECTIONS.find((x) => x.slug === slug)!;
  return new RegExp(`^${slug === '' ? `Case ${reference}` : s.title}$`);
};
/** After a full page load (page.goto) focus stays at the top of the document, as for any first load: check the rest. */
async function loaded(path: string, heading: RegExp, label = path): Promise<void> {
  await page.waitForURL((u) => u.pathname === path);
  await expect.poll(() => page.locator('h1').first().textContent()).toMatch(heading);
  await expectNoAxeViolations(page, label);
}
const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
beforeAll(async () => {
  ({ platform, dataDir } = await startWorkspacePlatform('scr-e2e-workspace-'));
  reference = await decidedCase(platform);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the case workspace, by keyboard', () => {
  it('opens on the summary, led by what needs doing, soonest first', async () => {
    await page.goto(`${platform.appUrl}${pathOf('')}`);
    await expectOnPage(page, '/sign-in', /^Sign in$/);
    await signInByKeyboard(page, platform, BUSINESS_MANAGER);
    await expectOnPage(page, pathOf(''), headingOf(''), 'case summary');

    const items = page.locator('.govuk-task-list__item');
    await items.first().waitFor();
    const texts = await items.allTextContents();
    // The records (2 working days) and Ofsted's form (5) come before completing the review (4 months).
    const at = (what: string) => texts.findIndex((t) => t.includes(what));
    expect(at('Example Health Trust: secure the records')).toBeGreaterThanOrEqual(0);
    expect(at('Example Health Trust')).toBeLessThan(at('Complete the serious case review'));
    expect(texts.find((t) => t.includes('Complete the serious case review'))).toContain('Owner: the business manager');
    for (const t of texts) expect(t).toMatch(/Due: (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ \d{4}/);
  });

  it('reaches every page from the sub navigation with Tab and Enter, each passing axe', async () => {
    for (const { slug } of CASE_SECTIONS.filter((s) => s.slug !== '')) {
      await tabTo(page, `nav[aria-label="Case ${reference}"] a[href="${pathOf(slug)}"]`, 200);
      await page.keyboard.press('Enter');
      await expectOnPage(page, pathOf(slug), headingOf(slug), `case ${slug}`);
      expect(await page.locator(`nav[aria-label="Case ${reference}"] a[aria-current="page"]`).getAttribute('href')).toBe(pathOf(slug));
    }
  });

  it('keeps links into the case working: the review page, and a review form that comes back to it', async () => {
    await page.goto(`${platform.appUrl}${pathOf('review')}`);
    await loaded(pathOf('review'), /^Serious case review$/);
    await tabTo(page, `a[href="${pathOf('review')}/early-lessons/add"]`, 250);
    await page.keyboard.press('Enter');
    await expectOnPage(page, `${pathOf('review')}/early-lessons/add`, /^Record an early lesson$/);
    // Back goes to the review page it came from.
    await tabTo(page, `a.govuk-back-link[href="${pathOf('review')}"]`, 50);
    await page.keyboard.press('Enter');
    await expectOnPage(page, pathOf('review'), /^Serious case review$/);
  });
});

describe('3.1: the business manager records that the other children were considered, by keyboard', () => {
  const label = 'Confirm with children’s social care that the other children named in the referral have been considered';
  it('follows the duty from What needs doing to its page, is told what is missing, records it and sees the duty done', async () => {
    await page.goto(`${platform.appUrl}${pathOf('')}`);
    await loaded(pathOf(''), headingOf(''), 'case summary (3.1 open)');
    await expect.poll(() => page.locator('.govuk-task-list').textContent()).toContain(label);
    await tabTo(page, `.govuk-task-list a[href="${pathOf('other-children')}"]`, 100);
    await page.keyboard.press('Enter');
    await expectOnPage(page, pathOf('other-children'), /^Record that the other children were considered$/);
    await expectNoAxeViolations(page, '3.1 form');

    await pressButton(page, 'Record it');
    await expectErrorSummary(page, 'Enter who in children’s social care confirmed it');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('Enter what was done');
    await expectNoAxeViolations(page, '3.1 form (errors)');

    const [d, m, y] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date()).split('/');
    await typeInto(page, 'confirmedWith', 'Duty team manager, children’s social care');
    await typeInto(page, 'confirmedOn', d ?? '');
    await typeInto(page, 'confirmedOn-month', m ?? '');
    await typeInto(page, 'confirmedOn-year', y ?? '');
    await typeInto(page, 'whatWasDone', 'Both siblings were seen and a strategy discussion was held.');
    await pressButton(page, 'Record it');

    await expectOnPage(page, pathOf(''), headingOf(''), 'case summary (3.1 recorded)');
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('You have recorded that the other children were considered');
    await expect.poll(() => page.locator('main').textContent()).not.toContain(label);
    await expectNoAxeViolations(page, 'case summary (3.1 recorded)');
  });
});

describe('moving time forward (local only), by keyboard', () => {
  it('moves local time six weeks on, after explaining what is missing', async () => {
    await page.goto(`${platform.appUrl}/local/time`);
    await loaded('/local/time', /^Move time forward$/);
    await page.locator('dd', { hasText: /\d{4}/ }).first().waitFor();
    await pressButton(page, 'Move time forward');
    await expectErrorSummary(page, 'Select how far to move time forward');
    await expectNoAxeViolations(page, 'move time forward (errors)');

    await chooseRadio(page, 'advanceBy', 'P42D');
    await pressButton(page, 'Move time forward');
    await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('Local time is now');
    await expectNoAxeViolations(page, 'move time forward (done)');
  });

  it('shows what is overdue, and by how many working days', async () => {
    await page.goto(`${platform.appUrl}${pathOf('')}`);
    await loaded(pathOf(''), headingOf(''), 'case summary (six weeks on)');
    await expect.poll(() => page.locator('.govuk-task-list').textContent()).toMatch(/Overdue by \d+ working days/);
    const first = (await page.locator('.govuk-task-list__item').first().textContent()) ?? '';
    expect(first).toContain('Example Health Trust: secure the records');
    // Due 2 working days after the decision, six weeks ago: about 28 working days late.
    const n = Number(/Overdue by (\d+) working days/.exec(first)?.[1]);
    expect(n).toBeGreaterThanOrEqual(25);
    expect(n).toBeLessThanOrEqual(30);
    await expectNoAxeViolations(page, 'case summary with overdue duties');
  });

  it('the timeline says what the emails were in people’s language', async () => {
    await page.goto(`${platform.appUrl}${pathOf('timeline')}`);
    await loaded(pathOf('timeline'), /^Timeline$/);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.locator('text=Referral submitted by the referrer').first().waitFor();
          return page.locator('main').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toMatch(/Email to .+ sent \(escalation \d+: securing an agency’s records is overdue\)/);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Email to the Board chair delivered (decision due)');
    expect(main).not.toMatch(/messageId|recipientRole|eventAt/);
  });

  it('lists the emails sent, oldest first, each named for its duty and reminder or escalation', async () => {
    await page.goto(`${platform.appUrl}${pathOf('emails')}`);
    await loaded(pathOf('emails'), /^Emails sent$/);
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    const what = await page.locator('table tbody tr th').allTextContents();
    expect(what[0]).toMatch(/^(Referral received|Recommendation needed|Decision due)$/);
    expect(what.some((w) => /^Escalation \d+: securing an agency’s records is overdue$/.test(w))).toBe(true);
  });
});

describe('at 320 px wide', () => {
  it('no page of the workspace scrolls sideways, and each passes axe', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    for (const { slug } of CASE_SECTIONS) {
      await page.goto(`${platform.appUrl}${pathOf(slug)}`);
      await loaded(pathOf(slug), headingOf(slug), `case ${slug || 'summary'} at 320 px`);
      // Wait for the page's content, not just its heading.
      await page.locator('nav[aria-label^="Case "]').waitFor();
      if (slug === 'timeline' || slug === 'emails') await page.locator('table tbody tr').first().waitFor();
      expect(await noSidewaysScroll(), `${pathOf(slug)} scrolls sideways at 320 px: ${(await whatSticksOut(page)).join('; ')}`).toBe(true);
    }
    // A wide table scrolls inside its own region, which takes focus to scroll by keyboard.
    await page.goto(`${platform.appUrl}${pathOf('review')}`);
    await loaded(pathOf('review'), /^Serious case review$/);
    await tabTo(page, '.app-table-wrapper[role="region"]', 250);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toBeTruthy();
    expect(await noSidewaysScroll()).toBe(true);
  });

  it('ran under the strict Content-Security-Policy without breaking it', () => {
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
