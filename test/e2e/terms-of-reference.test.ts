import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { torQuestions } from '../../functions/schemas/terms-of-reference.js';
import { makeReferral } from '../factories/referral.js';
import { emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, tabTo, typeInto } from './browser.js';
import { eventually } from '../support/eventually.js';

/**
 * The terms of reference in a real browser, by keyboard alone (paras 7.1,
 * 7.2): the sub-committee chair draws them up, saves a draft, agrees
 * version 1, changes two parts, agrees version 2 and reads what changed.
 */
const REFERRER = 'tor.referrer@example.org';
const SUB_COMMITTEE_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let dataDir: string;
let reference = '';
const consoleErrors: string[] = [];

const caseUrl = () => `/cases/${reference}`;
const torUrl = () => `${caseUrl()}/terms-of-reference`;
const onPage = (path: string, heading: RegExp) => expectOnPage(page, path, heading, `${path} (${heading.source})`);
const mainText = async () => (await page.locator('main').textContent()) ?? '';
const banner = async () => (await page.locator('.govuk-notification-banner--success').textContent()) ?? '';

/** A chair acts on their emailed link through the API, signed in as themselves. */
async function act(email: string, body: unknown): Promise<void> {
  const isIt = (m: CapturedEmail) => m.to.includes(email) && m.subject.startsWith('Action needed') && m.subject.includes(reference);
  const secret = await eventually(
    async () => /\/act#([A-Za-z0-9_-]{40,64})/.exec((await readMailbox(platform.sesEndpoint)).filter(isIt).at(-1)?.text ?? '')?.[1] ?? '',
    (s) => s !== '',
    `the action email to ${email}`,
  );
  const token = (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-action-token': secret, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function followLink(href: string): Promise<void> {
  await tabTo(page, `a[href="${href}"]`, 250);
  await page.keyboard.press('Enter');
}

/** Tabs to the button with this value ("save" or "agree") and presses Enter. */
async function press(value: 'save' | 'agree', text: string): Promise<void> {
  await tabTo(page, `button[value="${value}"]`, 250);
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')).toContain(text);
  await page.keyboard.press('Enter');
}

async function typeDate(name: string, day: string, month: string, year: string): Promise<void> {
  await typeInto(page, name, day);
  await typeInto(page, `${name}-month`, month);
  await typeInto(page, `${name}-year`, year);
}

/** Goes to the top of the page, so tabbing starts from the first field again. */
async function toTop(): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-tor-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  // Prepare: a referral recommended and decided on for a serious case review, through the real API.
  const tokens = await signInReferrerLocally(platform, REFERRER);
  const response = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${tokens.IdToken}` },
    body: JSON.stringify(makeReferral({ referrer: { email: REFERRER } })),
  });
  expect(response.status).toBe(201);
  reference = ((await response.json()) as { reference: string }).reference;
  await act(SUB_COMMITTEE_CHAIR, { recommendation: 'serious-case-review', rationale: 'Paragraphs 3.1 and 3.2 apply.', criteriaApplied: ['3.1', '3.2'] });
  await act(BOARD_CHAIR, { decision: 'serious-case-review', reasons: 'The criteria for a serious case review are met.' });
  const chair = (await signInStaffLocally(platform, SUB_COMMITTEE_CHAIR, platform.localStaff.password)).IdToken!;
  await eventually(
    async () => ((await (await fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${chair}` } })).json()) as { status?: string }).status,
    (s) => s === 'review-decided',
    'the case to show its review',
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the sub-committee chair draws up and agrees the terms of reference, by keyboard', () => {
  it('signs in and opens the terms of reference from the case', async () => {
    await page.goto(`${platform.appUrl}${caseUrl()}`);
    await onPage('/sign-in', /^Sign in$/);
    await typeInto(page, 'email', SUB_COMMITTEE_CHAIR);
    await typeInto(page, 'password', platform.localStaff.password);
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await tabTo(page, 'button.govuk-button');
    await page.keyboard.press('Enter');
    await onPage('/sign-in/code', /Check your email/);
    await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, SUB_COMMITTEE_CHAIR, before));
    await tabTo(page, 'button.govuk-button');
    await page.keyboard.press('Enter');
    await onPage(caseUrl(), new RegExp(reference));
    // The review is a page of the case's workspace; the terms of reference are reached from it.
    await followLink(`${caseUrl()}/review`);
    await page.getByRole('heading', { name: 'Serious case review', exact: true }).waitFor();

    await followLink(torUrl());
    await onPage(torUrl(), /^Terms of reference$/);
    // The heading shows while the terms of reference load: wait for them.
    await expect.poll(mainText).toContain('No version has been agreed yet.');
    const text = await mainText();
    expect(text).toContain('Known on the case:');
    expect(text).toMatch(/To be completed by \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  it('cannot agree an empty version: the error summary names what is missing', async () => {
    await press('agree', 'Agree as version 1');
    await expectErrorSummary(page, 'Enter an answer to question 1');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('Enter an answer to question 15');
    expect(summary).toContain('Enter the start of the review period');
    await expectNoAxeViolations(page, 'terms of reference (errors)');
    // The summary's first link goes to the first question's box.
    await tabTo(page, '.govuk-error-summary a');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('content-answers-issues');
  });

  it('saves a draft, then agrees version 1', async () => {
    // The focus is on the first box (from the error summary).
    await page.keyboard.type('How neglect went unrecognised across agencies; chronologies and interviews.');
    await press('save', 'Save draft');
    await expect.poll(banner).toContain('Draft of the terms of reference saved');
    await expectNoAxeViolations(page, 'terms of reference (draft saved)');
    expect(await page.inputValue('#content-answers-issues')).toContain('How neglect went unrecognised');

    await toTop();
    for (const [i, q] of torQuestions.entries()) {
      if (i > 0) await typeInto(page, `content-answers-${q.id}`, `Answer ${i + 1}`);
      if (q.id === 'period') {
        await typeDate('content-periodFrom', '1', '3', '2025');
        await typeDate('content-periodTo', '28', '2', '2026');
        await typeInto(page, 'content-familyHistory', 'Family background since 2019');
      }
      if (q.id === 'dates') {
        await typeDate('content-startDate', '7', '12', '2026');
        await typeDate('content-completionDate', '26', '3', '2027');
      }
    }
    await press('agree', 'Agree as version 1');
    await expect.poll(banner).toContain('Version 1 of the terms of reference agreed');
    expect(await page.evaluate(() => document.activeElement?.matches('.govuk-notification-banner--success'))).toBe(true);
    await expect.poll(mainText).toContain('Version 1 is in force');
    expect(await mainText()).toContain('Review period: 1 March 2025 to 28 February 2026');
    await expectNoAxeViolations(page, 'terms of reference (version 1 agreed)');
  });

  it('changes two parts and agrees version 2, starting from version 1', async () => {
    await expect.poll(mainText).toContain('Draft version 2, starting from version 1');
    expect(await page.inputValue('#content-answers-contributors')).toBe('Answer 5');
    await toTop();
    await tabTo(page, '[id="content-answers-contributors"]');
    await page.keyboard.press('End');
    await page.keyboard.type(', and the school nurse');
    // The start of the period moves back: select the year's digits and type over them.
    await tabTo(page, '[id="content-periodFrom-year"]', 250);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2024');
    await press('agree', 'Agree as version 2');
    await expect.poll(banner).toContain('Version 2 of the terms of reference agreed');
    await expect.poll(mainText).toContain('Review period: 1 March 2024 to 28 February 2026');
    const history = (await page.locator('table').textContent()) ?? '';
    expect(history).toContain(SUB_COMMITTEE_CHAIR);
  });

  it('reads what changed between version 1 and version 2', async () => {
    await followLink(`${torUrl()}/compare/1/2`);
    await onPage(`${torUrl()}/compare/1/2`, /^What changed from version 1 to version 2$/);
    await expect.poll(mainText).toContain('parts changed');
    const text = await mainText();
    expect(text).toContain('2 parts changed.');
    const changed = await page.locator('.app-tor-part', { has: page.locator('.govuk-tag', { hasText: /^Changed$/ }) }).allTextContents();
    expect(changed).toHaveLength(2);
    expect(changed[0]).toContain('Question 5: Which organisations and professionals should contribute to the review?');
    expect(changed[0]).toContain('Answer 5, and the school nurse');
    expect(changed[1]).toContain('Start of the review period');
    expect(changed[1]).toContain('1 March 2025');
    expect(changed[1]).toContain('1 March 2024');
  });

  it('reads version 1 as it was agreed', async () => {
    await followLink(torUrl());
    await onPage(torUrl(), /^Terms of reference$/);
    await followLink(`${torUrl()}/versions/1`);
    await onPage(`${torUrl()}/versions/1`, /^Terms of reference: version 1$/);
    await expect.poll(mainText).toContain('Agreed by');
    const text = await mainText();
    expect(text).toContain(`Agreed by ${SUB_COMMITTEE_CHAIR}`);
    expect(text).toContain('1 March 2025 to 28 February 2026');
    expect(text).toContain('Answer 5');
    expect(text).not.toContain('school nurse');
    expect(consoleErrors).toEqual([]);
  });
});
