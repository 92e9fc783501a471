import { chromium, type Browser, type Page } from 'playwright-core';
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
