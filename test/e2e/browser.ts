import { chromium, type Browser, type Page } from 'playwright-core';
import { readMailbox } from '../../infra/local/mailbox.js';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

/** Debian's Chromium, as CI installs it; no downloaded browser. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/** axe with the WCAG 2.0, 2.1 and 2.2 A and AA rules: the public sector's legal bar. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe on ${label}`).toEqual([]);
}

const activeMatches = (page: Page, selector: string) =>
  page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);

/** Presses Tab until the focused element matches `selector`: proves it is reachable by keyboard. */
export async function tabTo(page: Page, selector: string, maxTabs = 120): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await activeMatches(page, selector)) return;
  }
  throw new Error(`Not reachable with the Tab key: ${selector}`);
}

/** Tabs to a text field and types into it. */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `[id="${id}"]`);
  await page.keyboard.type(text);
}

/** Tabs into a radio group and moves with the arrow keys until `value` is chosen. */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[type=radio][name="${name}"]`);
  for (let i = 0; i < 12; i++) {
    if (await activeMatches(page, `input[type=radio][value="${value}"]`)) {
      await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`No radio ${value} in ${name}`);
}

/** Tabs to a checkbox and ticks it with the space bar. */
export async function tick(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[type=checkbox][name="${name}"][value="${value}"]`);
  await page.keyboard.press('Space');
}

/** Tabs to the page's main button and presses Enter. */
export async function pressButton(page: Page, text: string): Promise<void> {
  await tabTo(page, `button.govuk-button, a.govuk-button`);
  const label = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  expect(label).toContain(text);
  await page.keyboard.press('Enter');
}

/**
 * Waits for a page: its path, its h1, focus on the h1 / error summary /
 * success banner (never nowhere), and no axe violations.
 */
export async function expectOnPage(page: Page, path: string, heading: RegExp, label = path): Promise<void> {
  await page.waitForURL((u) => u.pathname === path);
  await expect.poll(() => page.locator('h1').first().textContent()).toMatch(heading);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.matches('h1, .govuk-error-summary, .govuk-notification-banner--success') ?? false))
    .toBe(true);
  await expectNoAxeViolations(page, label);
}

/** The error summary shows `text`, the title starts "Error: " and the summary has focus. */
export async function expectErrorSummary(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('.govuk-error-summary').first().textContent()).toContain(text);
  // The title follows the summary by a render (a page learns of its form's errors in an effect).
  await expect.poll(() => page.title()).toMatch(/^Error: /);
  expect(await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null)).toBe(true);
}

/**
 * The newest one-time code emailed to `to` since the mailbox held `since`
 * messages, from an email whose subject matches `subject`.
 */
export async function emailedCode(sesEndpoint: string, to: string, since: number, subject: RegExp | string = /code/i): Promise<string> {
  const matches = (s: string) => (typeof subject === 'string' ? s === subject : subject.test(s));
  let code = '';
  await expect
    .poll(
      async () => {
        const mail = (await readMailbox(sesEndpoint)).slice(since).filter((m) => m.to.includes(to) && matches(m.subject));
        code = /\b(\d{6,8})\b/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
        return code;
      },
      { timeout: 5000 },
    )
    .not.toBe('');
  return code;
}
