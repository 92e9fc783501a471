import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { chooseRadio, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, tabTo, typeInto } from './browser.js';
import { BOARD_CHAIR, BUSINESS_MANAGER, decidedCase, signInByKeyboard, startWorkspacePlatform, SUB_COMMITTEE_CHAIR } from './workspace-fixture.js';
import { eventually } from '../support/eventually.js';

/**
 * The overview report in a real browser, by keyboard alone (11.1-11.4,
 * Appendix B): the business manager drafts it section by section; the
 * sub-committee chair comments; the report is offered as final; both chairs
 * accept it from their emailed links (read from the local mailbox); the
 * review shows complete and on time; Word and PDF exports are downloaded.
 */
let platform: LocalPlatform;
let dataDir = '';
let browser: Browser;
let reference = '';
const contexts: BrowserContext[] = [];
const consoleErrors: string[] = [];

const versionsUrl = () => `/cases/${reference}/report/versions`;
const versionUrl = (n: number) => `/cases/${reference}/report/versions/${n}`;

/** A signed-in person in their own browser context (their own session). */
async function personAt(email: string, path: string, heading: RegExp): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${platform.appUrl}${path}`);
  await page.waitForURL((u) => u.pathname === '/sign-in');
  await signInByKeyboard(page, platform, email);
  await expectOnPage(page, path, heading);
  return page;
}

/** Tabs to the button whose text has `text`, and presses Enter. */
async function press(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? (document.activeElement.textContent ?? '') : ''));
    if (focused.includes(text)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`No button "${text}" reachable by keyboard`);
}

const fromTop = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const banner = (page: Page) => page.locator('.govuk-notification-banner--success').first().textContent();

async function saved(page: Page, text: string) {
  await expect.poll(() => banner(page), { timeout: 45_000 }).toContain(text);
  await fromTop(page);
}

/** The newest acceptance link emailed to `to`. */
const acceptanceLink = (to: string) =>
  eventually(
    async () => {
      const mail = (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes(to) && m.subject.includes('accept the overview report') && m.subject.includes(reference));
      return /(https?:\/\/\S+\/act#[A-Za-z0-9_-]{40,64})/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
    },
    (s) => s !== '',
    `the acceptance email to ${to}`,
    { timeoutMs: 45_000 },
  );

beforeAll(async () => {
  ({ platform, dataDir } = await startWorkspacePlatform('scr-e2e-report-'));
  reference = await decidedCase(platform);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the overview report, by keyboard, from draft to both chairs’ acceptance', () => {
  let manager: Page;

  it('the business manager starts the first version and writes it section by section', async () => {
    manager = await personAt(BUSINESS_MANAGER, versionsUrl(), /^Overview report$/);
    expect(await manager.getByTestId('completion').textContent()).toContain('Not complete yet');
    await press(manager, 'Start the first version');
    await saved(manager, 'Version 1 of the report started');
    await tabTo(manager, `a[href="${versionUrl(1)}"]`, 300);
    await manager.keyboard.press('Enter');
    await expectOnPage(manager, versionUrl(1), /^Overview report, version 1$/);

    // Offering an unfinished draft names what is missing, in the error summary.
    await fromTop(manager);
    await tabTo(manager, '#confirm', 400);
    await manager.keyboard.press('Space');
    await press(manager, 'Offer version 1 as final');
    await expectErrorSummary(manager, 'Write the circumstances that led to the review (Introduction)');

    await fromTop(manager);
    await typeInto(manager, 'content-circumstances', 'The child was admitted to hospital with injuries.');
    await typeInto(manager, 'content-authorName', 'Alex Author');
    await typeInto(manager, 'content-authorJobTitle', 'Independent reviewer');
    await press(manager, 'Save introduction');
    await saved(manager, 'Introduction saved');
    await typeInto(manager, 'content-whatWasKnown', 'The family was known to the health visitor and the police.');
    await press(manager, 'Save the facts');
    await saved(manager, 'The facts saved');
    await typeInto(manager, 'content-howAndWhy', 'Information was not shared between agencies.');
    await typeInto(manager, 'content-differentDecisions', 'An earlier strategy meeting might have changed the course of events.');
    await typeInto(manager, 'content-goodPractice', 'The nursery recorded its concerns well.');
    await press(manager, 'Save analysis');
    await saved(manager, 'Analysis saved');
    await typeInto(manager, 'content-conclusions', 'Agencies did not share what they knew.');
    await press(manager, 'Add a recommendation');
    expect(await manager.evaluate(() => document.activeElement?.id)).toBe('content-recommendations-text');
    await manager.keyboard.type('Share domestic abuse notifications within one working day');
    await tabTo(manager, '#content-recommendations-0-national');
    await manager.keyboard.press('Space');
    await press(manager, 'Save conclusions and recommendations');
    await saved(manager, 'Conclusions and recommendations saved');
    await expectNoAxeViolations(manager, 'a version with every section written');
  }, 240_000);

  it('the sub-committee chair comments on a section', async () => {
    const chair = await personAt(SUB_COMMITTEE_CHAIR, versionUrl(1), /^Overview report, version 1$/);
    expect(await chair.locator('main').textContent()).toContain('Information was not shared between agencies.');
    await typeInto(chair, 'comment-analysis', 'Say more about the GP’s part.');
    await press(chair, 'Add comment on analysis');
    await saved(chair, 'Comment added');
    expect(await chair.locator('#analysis').textContent()).toContain('Say more about the GP’s part.');
    await expectNoAxeViolations(chair, 'a version with a comment');
  }, 120_000);

  it('the business manager offers it as final; both chairs accept it from their emailed links', async () => {
    // Back to the versions, then to version 1 again, by keyboard: the page shows the chair's comment.
    await fromTop(manager);
    await tabTo(manager, `a[href="${versionsUrl()}"]`, 300);
    await manager.keyboard.press('Enter');
    await expectOnPage(manager, versionsUrl(), /^Overview report$/);
    await tabTo(manager, `a[href="${versionUrl(1)}"]`, 300);
    await manager.keyboard.press('Enter');
    await expectOnPage(manager, versionUrl(1), /^Overview report, version 1$/);
    expect(await manager.locator('#analysis').textContent()).toContain('Say more about the GP’s part.');
    await tabTo(manager, '#confirm', 400);
    await manager.keyboard.press('Space');
    await press(manager, 'Offer version 1 as final');
    await saved(manager, 'Version 1 offered as final');

    for (const [who, after] of [
      [SUB_COMMITTEE_CHAIR, 'The Board chair has been emailed a link to accept it too.'],
      [BOARD_CHAIR, 'Your acceptance completes the serious case review.'],
    ] as const) {
      // The chair opens the emailed link, signs in, and lands back on it (the secret never reaches a server log).
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(await acceptanceLink(who));
      await page.waitForURL((u) => u.pathname === '/sign-in');
      await signInByKeyboard(page, platform, who);
      await expectOnPage(page, '/act', /^Accept version 1 of the overview report$/);
      await press(page, 'Accept the report');
      await expectErrorSummary(page, 'Confirm that you accept the overview report');
      await tabTo(page, '#accept');
      await page.keyboard.press('Space');
      await press(page, 'Accept the report');
      await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 45_000 }).toBe('Overview report accepted');
      expect(await page.locator('main').textContent()).toContain(after);
      await expectNoAxeViolations(page, `${who}’s acceptance`);
    }
  }, 240_000);

  it('the review shows complete and on time; Word and PDF exports download', async () => {
    await fromTop(manager);
    await tabTo(manager, `a[href="${versionsUrl()}"]`, 300);
    await manager.keyboard.press('Enter');
    await expectOnPage(manager, versionsUrl(), /^Overview report$/);
    await expect.poll(() => manager.getByTestId('completion').textContent()).toContain('Completed on time');
    expect(await manager.locator('main').textContent()).toContain('Accepted by both chairs');

    for (const [format, label] of [
      ['docx', 'Word (.docx)'],
      ['pdf', 'PDF'],
    ] as const) {
      await fromTop(manager);
      await chooseRadio(manager, 'kind', 'report');
      await chooseRadio(manager, 'format', format);
      expect(await manager.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '')).toBe(label);
      await press(manager, 'Make the export');
      // The banner says "Export made" each time: wait for this export's own row.
      await expect.poll(() => manager.locator('main').textContent(), { timeout: 45_000 }).toContain(`${reference}-v1-report.${format}`);
      await fromTop(manager);
    }
    const files: Record<string, Uint8Array> = {};
    for (const ext of ['docx', 'pdf']) {
      const name = `${reference}-v1-report.${ext}`;
      const [download] = await Promise.all([manager.waitForEvent('download', { timeout: 45_000 }), press(manager, `Download ${name}`)]);
      expect(download.suggestedFilename()).toBe(name);
      files[ext] = new Uint8Array(readFileSync((await download.path())!));
      await fromTop(manager);
    }
    const xml = strFromU8(unzipSync(files.docx!)['word/document.xml']!);
    expect(xml).toContain('Information was not shared between agencies.');
    expect(xml).toContain('Share domestic abuse notifications within one working day [Lesson of national relevance]');
    expect(strFromU8(files.pdf!.subarray(0, 5))).toBe('%PDF-');
    await expectNoAxeViolations(manager, 'the versions page with exports');

    // The case's timescale page says so too.
    await fromTop(manager);
    await tabTo(manager, `a[href="/cases/${reference}"]`, 50);
    await manager.keyboard.press('Enter');
    await expectOnPage(manager, `/cases/${reference}`, /./);
    await tabTo(manager, `a[href="/cases/${reference}/timescale"]`, 80);
    await manager.keyboard.press('Enter');
    await expectOnPage(manager, `/cases/${reference}/timescale`, /./);
    await expect.poll(() => manager.getByTestId('completed').textContent()).toMatch(/^Completed on .+, within four months of the decision/);
    // The one 400 is the unfinished draft offered as final on purpose (its error summary is checked above).
    expect(consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(consoleErrors.filter((e) => e.includes('status of 400'))).toHaveLength(1);
  }, 240_000);
});
