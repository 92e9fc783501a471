import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn } from '../support/staff.js';
import { chooseRadio, emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, typeInto } from './browser.js';
import { eventually } from '../support/eventually.js';

/**
 * Contributions in the browser, by keyboard alone, axe clean (issue 10): the
 * business manager asks the police for a report (an independent
 * professional's) naming its senior officer; the senior officer, signed in, names the
 * author; the author declares independence and submits; the senior officer
 * accepts the findings.
 */
const REFERRER = 'jo.referrer@example.org';
const SUB_COMMITTEE_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const BUSINESS_MANAGER = 'lscb-business-manager@example.org';
const SENIOR_OFFICER = 'so@police.example.org';
const AUTHOR = 'author@police.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';

let platform: LocalPlatform;
let browser: Browser;
let dataDir: string;
let reference = '';
let managerToken = '';
const consoleErrors: string[] = [];
const contributionsPath = () => `/cases/${reference}/contributions`;

async function actAs(email: string, body: unknown): Promise<void> {
  const secretIn = async () => {
    const mail = (await readMailbox(platform.sesEndpoint)).filter(
      (m: CapturedEmail) => m.to.includes(email) && m.subject.startsWith('Action needed') && m.subject.includes(reference),
    );
    return /\/act#([A-Za-z0-9_-]{40,64})/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
  };
  const secret = await eventually(secretIn, (s) => s !== '', `the action email to ${email}`);
  const token = (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-action-token': secret, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const asManager = (method: string, path: string, body?: unknown) =>
  fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${managerToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

/** A new browser of its own (another person), reporting console errors. */
async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return page;
}

/** Opens the contributions page and signs in there with password and emailed code, by keyboard. */
async function openSignedIn(email: string, password: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${platform.appUrl}${contributionsPath()}`);
  await expectOnPage(page, '/sign-in', /^Sign in$/, `sign-in for ${email}`);
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', password);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await pressButton(page, 'Continue');
  await expectOnPage(page, '/sign-in/code', /Check your email/, `sign-in code for ${email}`);
  await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, email, before));
  await pressButton(page, 'Continue');
  await expectOnPage(page, contributionsPath(), /^Contributions$/, `contributions as ${email}`);
  return page;
}

const mainText = (page: Page) => page.locator('main').textContent();
const successBanner = async (page: Page, text: string) => {
  await expect.poll(() => page.locator('.govuk-notification-banner--success').first().textContent()).toContain(text);
  await expectNoAxeViolations(page, text);
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-contributions-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  browser = await launchChromium();
  const tokens = await signInReferrerLocally(platform, REFERRER);
  const response = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${tokens.IdToken}` },
    body: JSON.stringify(makeReferral({ referrer: { email: REFERRER } })),
  });
  expect(response.status).toBe(201);
  reference = ((await response.json()) as { reference: string }).reference;
  await actAs(SUB_COMMITTEE_CHAIR, { recommendation: 'serious-case-review', rationale: 'Criteria met.', criteriaApplied: ['3.1'] });
  await actAs(BOARD_CHAIR, { decision: 'serious-case-review', reasons: 'A review is required.' });
  managerToken = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
  await eventually(async () => ((await (await asManager('GET', `/cases/${reference}`)).json()) as { review?: unknown }).review, (r) => r !== undefined, 'the review');
  // The senior officer and the author have accounts and are on the case (so its workspace opens for them).
  for (const [email, role] of [
    [SENIOR_OFFICER, 'senior-officer'],
    [AUTHOR, 'agency-contributor'],
  ] as const) {
    expect((await asManager('POST', '/users', { name: `Test ${role}`, email, role })).status).toBe(201);
    await firstSignIn(platform, email, PASSWORD);
    expect((await asManager('POST', `/cases/${reference}/members`, { email, role })).status).toBe(201);
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a contribution from asking to accepted, by keyboard', () => {
  it('the business manager asks the police for a report (an empty form names every missing answer)', async () => {
    const page = await openSignedIn(BUSINESS_MANAGER, platform.localStaff.password);
    expect(await mainText(page)).toContain('No contributions have been asked for yet.');
    await pressButton(page, 'Ask for the contribution');
    await expectErrorSummary(page, 'Select what kind of contribution is asked for');
    await expectNoAxeViolations(page, 'contributions with errors');
    // A GP's report: the IMR's pages have their own keyboard test (imr-pages.test.ts).
    await chooseRadio(page, 'commission.kind', 'independent-professional');
    await typeInto(page, 'commission-organisation', 'Northshire Police');
    await typeInto(page, 'commission-seniorOfficerName', 'Sam Senior');
    await typeInto(page, 'commission-seniorOfficerEmail', SENIOR_OFFICER);
    await pressButton(page, 'Ask for the contribution');
    await successBanner(page, 'A contribution was asked for from Northshire Police');
    await expect.poll(() => mainText(page)).toContain('Waiting for the senior officer to name an author');
    await page.context().close();
  });

  it('the senior officer names the author, who declares independence and submits', async () => {
    const so = await openSignedIn(SENIOR_OFFICER, PASSWORD);
    await typeInto(so, 'author-authorName', 'Ann Author');
    await typeInto(so, 'author-authorJobTitle', 'Detective Inspector');
    await typeInto(so, 'author-authorEmail', AUTHOR);
    await pressButton(so, 'Name the author');
    await successBanner(so, 'The author was named');
    await so.context().close();

    const author = await openSignedIn(AUTHOR, PASSWORD);
    await chooseRadio(author, 'independence.notDirectlyConcerned', 'no');
    await chooseRadio(author, 'independence.notLineManager', 'no');
    await pressButton(author, 'Send declaration');
    await successBanner(author, 'You declared your independence');
    await pressButton(author, 'Submit to the senior officer');
    await successBanner(author, 'The contribution was submitted');
    await author.context().close();
  });

  it('the senior officer accepts the findings', async () => {
    const so = await openSignedIn(SENIOR_OFFICER, PASSWORD);
    await chooseRadio(so, 'return.choice', 'accept');
    await pressButton(so, 'Continue');
    await successBanner(so, 'You accepted the findings');
    await expect.poll(() => mainText(so)).toContain('Findings accepted');
    await so.context().close();
    expect(consoleErrors).toEqual([]);
  });
});
