import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { signInReferrerLocally } from '../../infra/local/cognito/sign-in.js';
import { makeReferral } from '../factories/referral.js';
import { chooseRadio, emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, tick, typeInto } from './browser.js';

/**
 * The decision stage in a real browser, by keyboard alone: each chair opens
 * the link from their email, signs in, and records what is asked of them
 * (paras 4.1, 4.2, 8.2, 1.3). The link's secret never stays in the address.
 */
const REFERRER = 'robin.referrer@example.org';
const SUB_COMMITTEE_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';

let platform: LocalPlatform;
let browser: Browser;
let dataDir: string;
let reference = '';
const consoleErrors: string[] = [];

const mailFor = async (to: string, filter: (m: CapturedEmail) => boolean) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes(to) && filter(m));

/** The action link in the newest "Action needed" email about the referral to `to`. */
async function actionLinkFor(to: string): Promise<string> {
  let link = '';
  await expect
    .poll(
      async () => {
        const mail = await mailFor(to, (m) => m.subject.startsWith('Action needed') && m.subject.includes(reference));
        link = /(https?:\/\/\S+\/act#[A-Za-z0-9_-]{40,64})/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return link;
}

const codeFor = (to: string, since: number) => emailedCode(platform.sesEndpoint, to, since);
const onPage = (page: Page, path: string, heading: RegExp) => expectOnPage(page, path, heading, `${path} (${heading.source})`);
const errorSummaryShows = (page: Page, text: string) => expectErrorSummary(page, text);

/** Opens an emailed link in a fresh tab; the secret leaves the address at once. */
async function openLink(page: Page, link: string) {
  const secret = link.split('#')[1] ?? '';
  await page.goto(link);
  await expect.poll(() => page.url()).not.toContain(secret);
  expect(await page.evaluate(() => window.location.hash)).toBe('');
  await page.locator('h1').first().waitFor();
}

/** Signs in with password and emailed code, by keyboard, from the sign-in page. */
async function signIn(page: Page, email: string) {
  await onPage(page, '/sign-in', /^Sign in$/);
  expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Sign in as the person the email was sent to');
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', platform.localStaff.password);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await pressButton(page, 'Continue');
  await onPage(page, '/sign-in/code', /Check your email/);
  await typeInto(page, 'code', await codeFor(email, before));
  await pressButton(page, 'Continue');
}

/** Every request the browser makes to the actions API, as "METHOD": opening a link must only read. */
const actionRequests: string[] = [];

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/actions') actionRequests.push(r.method());
  });
  return page;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-decision-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  browser = await launchChromium();

  // Prepare: a referral (a death with abuse suspected: a mandatory review) through the real API.
  const tokens = await signInReferrerLocally(platform, REFERRER);
  const response = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${tokens.IdToken}` },
    body: JSON.stringify(makeReferral({ referrer: { email: REFERRER } })),
  });
  expect(response.status).toBe(201);
  reference = ((await response.json()) as { reference: string }).reference;
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the chairs act from their emails, by keyboard', () => {
  it('the sub-committee chair signs in from the link and records the recommendation', async () => {
    const link = await actionLinkFor(SUB_COMMITTEE_CHAIR);
    const page = await newPage();

    await openLink(page, link);
    await signIn(page, SUB_COMMITTEE_CHAIR);
    await onPage(page, '/act', /Record the sub-committee’s recommendation/);
    expect(page.url()).not.toContain('#');
    // The secret is kept for this tab only, and opening the page only read what the link asks.
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(actionRequests.length).toBeGreaterThan(0);
    expect(actionRequests.every((m) => m === 'GET')).toBe(true);
    const main = await page.locator('main').textContent();
    expect(main).toContain(reference);
    expect(main).toContain('Serious case review required (paragraphs 3.1 and 3.2)');
    expect(main).toContain('(paragraph 3.2)');

    await pressButton(page, 'Record recommendation');
    await errorSummaryShows(page, 'Select what the sub-committee recommends');
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Enter the reasons for the recommendation');
    expect(summary).toContain('Select the criteria applied');
    await expectNoAxeViolations(page, 'recommendation (errors)');

    // Against a review the criteria make mandatory: the same warning and stated reason as the Board chair's (1.3).
    await chooseRadio(page, 'recommendation', 'no-review');
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('paragraph 1.3');
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('must be the subject of a serious case review');
    await pressButton(page, 'Record recommendation');
    await errorSummaryShows(page, 'Enter why you are departing from the guidance');
    expect(await page.locator('#departureReason-error').textContent()).toContain('paragraphs 1.3 and 3.2');
    await expectNoAxeViolations(page, 'recommendation against a mandatory review (no reason)');

    await chooseRadio(page, 'recommendation', 'serious-case-review');
    expect(await page.locator('#departureReason').count()).toBe(0);
    await typeInto(page, 'rationale', 'The child died and neglect is suspected: paragraphs 3.1 and 3.2 apply.');
    await tick(page, 'criteriaApplied', '3.1');
    await tick(page, 'criteriaApplied', '3.2');
    await pressButton(page, 'Record recommendation');

    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Recommendation recorded');
    expect(await page.title()).toMatch(/^Recommendation recorded – /);
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('h1') ?? false)).toBe(true);
    expect(await page.locator('.govuk-panel').textContent()).toContain(reference);
    expect(await page.locator('main').textContent()).toContain('paragraph 4.2');
    await expectNoAxeViolations(page, 'recommendation recorded');
  });

  it('the Board chair must give a reason to depart from the recommendation, then records the decision', async () => {
    const link = await actionLinkFor(BOARD_CHAIR);
    const page = await newPage();

    await openLink(page, link);
    await signIn(page, BOARD_CHAIR);
    await onPage(page, '/act', /Record your decision/);
    const main = await page.locator('main').textContent();
    expect(main).toContain('The sub-committee’s recommendation');
    expect(main).toContain('The child died and neglect is suspected');

    await chooseRadio(page, 'decision', 'partnership-review');
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('paragraph 1.3');
    await typeInto(page, 'reasons', 'A coroner-led process already covers the death.');
    await pressButton(page, 'Record decision');
    await errorSummaryShows(page, 'Enter why you are departing from the guidance');
    expect(await page.locator('#departureReason-error').textContent()).toContain('paragraphs 1.3 and 3.2');
    await expectNoAxeViolations(page, 'decision (departure without a reason)');

    await typeInto(page, 'departureReason', 'Local protocols need review more than a full serious case review would show.');
    await pressButton(page, 'Record decision');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Decision recorded');
    expect(await page.title()).toMatch(/^Decision recorded – /);
    const confirmation = await page.locator('main').textContent();
    expect(confirmation).toContain(reference);
    expect(confirmation).toContain('A partnership review');
    expect(confirmation).toContain('paragraphs 5.1 and 5.2');
    await expectNoAxeViolations(page, 'decision recorded');

    // The referrer hears the outcome.
    await expect
      .poll(async () => (await mailFor(REFERRER, (m) => m.subject.includes(reference) && m.subject.includes('decision'))).length, {
        timeout: 20_000,
      })
      .toBe(1);

    // Opening the same link again changes nothing and says so.
    await openLink(page, link);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('The decision has already been recorded');
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('h1') ?? false)).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Nothing was changed');
    expect(await page.locator('form button.govuk-button').count()).toBe(0);
    await expectNoAxeViolations(page, 'decision already recorded');

    // The case's decision page shows the recommendation (4.2) and the decision (8.2), and warns that it departs from both.
    await page.goto(`${platform.appUrl}/cases/${reference}/decision`);
    await page.getByRole('heading', { name: 'Board chair’s decision' }).waitFor();
    const recommendation = page.locator('h2:text-is("Sub-committee recommendation") + p + dl');
    expect(await recommendation.textContent()).toContain('Conduct a serious case review');
    expect(await recommendation.textContent()).toContain('Paragraphs 3.1 and 3.2');
    expect(await recommendation.textContent()).toContain(SUB_COMMITTEE_CHAIR);
    const warnings = await page.locator('.govuk-warning-text').allTextContents();
    expect(warnings.some((w) => w.includes('This decision departs from the sub-committee’s recommendation'))).toBe(true);
    expect(warnings.some((w) => w.includes('This decision departs from the guidance (paragraphs 1.3 and 3.2)'))).toBe(true);
    const decided = await page.locator('main').textContent();
    expect(decided).toContain('A partnership review');
    expect(decided).toContain('Local protocols need review more than a full serious case review would show.');
    expect(decided).toContain(BOARD_CHAIR);
    await expectNoAxeViolations(page, 'case page with the decision');

    // The app runs under the strict Content-Security-Policy without breaking it.
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
