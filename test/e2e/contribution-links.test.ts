import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';
import { chooseRadio, emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, tabTo, typeInto } from './browser.js';
import { BUSINESS_MANAGER, decidedCase, startWorkspacePlatform } from './workspace-fixture.js';

/**
 * A contribution from its emailed links, in Chromium, by keyboard alone, axe
 * clean (issue 10, paras 10.1, 10.2, 10.6): the senior officer, on the case
 * only through the contribution, names the author from the "asked for" email;
 * the author declares independence from theirs (a link opened by someone
 * else is refused); the report is submitted (through the API); the senior
 * officer returns it once from the "submitted" email, then accepts the
 * resubmission from the next one. A used link says what happened.
 */
const SENIOR_OFFICER = 'so@housing.example.org';
const AUTHOR = 'author@housing.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';

let platform: LocalPlatform;
let dataDir = '';
let browser: Browser;
let reference = '';
let contributionId = '';
let managerToken = '';
const consoleErrors: string[] = [];
const contributionsPath = () => `/cases/${reference}/contributions`;

const api = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
};

/** The link in the newest email to `to` about the case whose subject starts `subject` (at least `count` of them). */
async function emailedLink(to: string, subject: string, count = 1): Promise<string> {
  const mails = await eventually(
    async () => (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes(to) && m.subject.startsWith(subject) && m.subject.includes(reference)),
    (m) => m.length >= count,
    `email "${subject}" to ${to}`,
  );
  const link = /(https?:\/\/\S+\/act#[A-Za-z0-9_-]{40,64})/.exec(mails.at(-1)!.text)?.[1] ?? '';
  expect(link).not.toBe('');
  return link;
}

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return page;
}

/**
 * Opens an emailed link and waits for the page it opens (`heading`, axe
 * clean); the secret leaves the address at once. Signs in by keyboard when
 * asked: the page that follows gets focus as any page change does. Opened
 * already signed in, it is a fresh page load, where focus stays at the start.
 */
async function openLink(page: Page, link: string, email: string, heading: RegExp, label: string): Promise<void> {
  const secret = link.split('#')[1] ?? '';
  await page.goto(link);
  await expect.poll(() => page.url()).not.toContain(secret);
  await page.locator('h1').first().waitFor();
  if (new URL(page.url()).pathname !== '/sign-in') {
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(heading);
    expect(new URL(page.url()).pathname).toBe('/act');
    await expectNoAxeViolations(page, label);
    return;
  }
  await expectOnPage(page, '/sign-in', /^Sign in$/, `sign-in for ${email}`);
  expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Sign in as the person the email was sent to');
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', PASSWORD);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await pressButton(page, 'Continue');
  await expectOnPage(page, '/sign-in/code', /Check your email/, `sign-in code for ${email}`);
  await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, email, before));
  await pressButton(page, 'Continue');
  await expectOnPage(page, '/act', heading, label);
}

beforeAll(async () => {
  ({ platform, dataDir } = await startWorkspacePlatform('scr-e2e-contribution-links-'));
  browser = await launchChromium();
  reference = await decidedCase(platform);
  managerToken = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
  // Accounts, but not on the case: the contribution puts them there.
  for (const [email, role] of [
    [SENIOR_OFFICER, 'senior-officer'],
    [AUTHOR, 'agency-contributor'],
  ] as const) {
    expect((await api(managerToken, 'POST', '/users', { name: `Test ${role}`, email, role })).status).toBe(201);
    await firstSignIn(platform, email, PASSWORD);
  }
  const asked = await api(managerToken, 'POST', `/cases/${reference}/contributions`, {
    kind: 'other',
    description: 'Tenancy report',
    organisation: 'Northshire Homes',
    seniorOfficerName: 'Sol Senior',
    seniorOfficerEmail: SENIOR_OFFICER,
  });
  expect(asked.status).toBe(201);
  contributionId = asked.body.id as string;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('asking only people who can sign in', () => {
  it('the business manager asking with an address that has no staff account is told so, with a link to invite them', async () => {
    const page = await newPage();
    await page.goto(`${platform.appUrl}${contributionsPath()}`);
    await expectOnPage(page, '/sign-in', /^Sign in$/, 'sign-in for the business manager');
    await typeInto(page, 'email', BUSINESS_MANAGER);
    await typeInto(page, 'password', platform.localStaff.password);
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await pressButton(page, 'Continue');
    await expectOnPage(page, '/sign-in/code', /Check your email/, 'sign-in code for the business manager');
    await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, BUSINESS_MANAGER, before));
    await pressButton(page, 'Continue');
    await expectOnPage(page, contributionsPath(), /^Contributions$/, 'contributions as the business manager');
    await chooseRadio(page, 'commission.kind', 'independent-professional');
    await typeInto(page, 'commission-organisation', 'Northshire Surgery');
    await typeInto(page, 'commission-seniorOfficerName', 'Pat Practice');
    await typeInto(page, 'commission-seniorOfficerEmail', 'pat@surgery.example.org');
    await pressButton(page, 'Ask for the contribution');
    await expectErrorSummary(page, 'Invite pat@surgery.example.org as an agency senior officer on the Users page first, then ask again');
    await expectNoAxeViolations(page, 'asking without an account');
    await tabTo(page, '#commission-invite a');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/admin/users/invite');
    await page.locator('h1').first().waitFor();
  });
});

describe('a contribution from its emailed links, by keyboard', () => {
  let officer: Page;

  it('the senior officer names the author from the "asked for" email (an empty form names every missing answer)', async () => {
    officer = await newPage();
    await openLink(officer, await emailedLink(SENIOR_OFFICER, 'Contribution asked for'), SENIOR_OFFICER, /^Name the author$/, 'name the author');
    const main = (await officer.locator('main').textContent()) ?? '';
    expect(main).toContain(reference);
    expect(main).toContain('Northshire Homes');
    await pressButton(officer, 'Name the author');
    await expectErrorSummary(officer, 'Enter the author’s full name');
    expect(await officer.locator('.govuk-error-summary').textContent()).toContain('Enter the author’s email address');
    await expectNoAxeViolations(officer, 'name the author (errors)');
    await typeInto(officer, 'authorName', 'Alex Author');
    await typeInto(officer, 'authorJobTitle', 'Tenancy services manager');
    await typeInto(officer, 'authorEmail', AUTHOR);
    await pressButton(officer, 'Name the author');
    await expectOnPage(officer, '/act', /^Author named$/, 'author named');
    expect(await officer.locator('main').textContent()).toContain('Alex Author is emailed a link to declare');
    // On the case through the contribution alone: its contributions open for them.
    await tabTo(officer, `a[href="${contributionsPath()}"]`);
    await officer.keyboard.press('Enter');
    await expectOnPage(officer, contributionsPath(), /^Contributions$/, 'contributions as the senior officer');
    expect(await officer.locator('main').textContent()).toContain('Alex Author, Tenancy services manager');
  });

  it('the author declares independence from their link; the same link opened by the senior officer is refused', async () => {
    const link = await emailedLink(AUTHOR, 'You are named as an author');
    // Someone else signed in: told so, nothing changed.
    await openLink(officer, link, SENIOR_OFFICER, /^This link was sent to someone else$/, 'someone else');

    const author = await newPage();
    await openLink(author, link, AUTHOR, /^Declare your independence$/, 'declare');
    await pressButton(author, 'Send declaration');
    await expectErrorSummary(author, 'Select whether you have been directly concerned with the child or family');
    await expectNoAxeViolations(author, 'declare (errors)');
    await chooseRadio(author, 'notDirectlyConcerned', 'no');
    await chooseRadio(author, 'notLineManager', 'no');
    await pressButton(author, 'Send declaration');
    await expectOnPage(author, '/act', /^Independence declared$/, 'declared');
    // The author opens the case's contributions too, and theirs is in progress.
    await tabTo(author, `a[href="${contributionsPath()}"]`);
    await author.keyboard.press('Enter');
    await expectOnPage(author, contributionsPath(), /^Contributions$/, 'contributions as the author');
    expect(await author.locator('main').textContent()).toContain('Northshire Homes');
  });

  it('submitted (API), the senior officer returns it once from the link; the used link then says what happened', async () => {
    const authorToken = (await signInStaffLocally(platform, AUTHOR, PASSWORD)).IdToken!;
    expect((await api(authorToken, 'POST', `/cases/${reference}/contributions/${contributionId}/submit`)).body).toMatchObject({ status: 'submitted' });
    const link = await emailedLink(SENIOR_OFFICER, 'Contribution submitted');
    await openLink(officer, link, SENIOR_OFFICER, /^Accept the findings or return the contribution$/, 'findings');
    await chooseRadio(officer, 'answer', 'return');
    await pressButton(officer, 'Send answer');
    await expectErrorSummary(officer, 'Enter why it is returned');
    await expectNoAxeViolations(officer, 'findings (errors)');
    await typeInto(officer, 'reasons', 'Say which tenancy visits saw the child.');
    await pressButton(officer, 'Send answer');
    await expectOnPage(officer, '/act', /^Returned to the author$/, 'returned');

    await openLink(officer, link, SENIOR_OFFICER, /^This link has already been used$/, 'used link');
    expect(await officer.locator('main').textContent()).toContain('It was returned to the author on');
  });

  it('resubmitted (API), the senior officer accepts the findings from the new link', async () => {
    const authorToken = (await signInStaffLocally(platform, AUTHOR, PASSWORD)).IdToken!;
    expect((await api(authorToken, 'POST', `/cases/${reference}/contributions/${contributionId}/submit`)).body).toMatchObject({ status: 'submitted' });
    await openLink(officer, await emailedLink(SENIOR_OFFICER, 'Contribution submitted', 2), SENIOR_OFFICER, /^Accept the findings or return the contribution$/, 'findings again');
    expect(await officer.locator('main').textContent()).toContain('It was returned once before.');
    await chooseRadio(officer, 'answer', 'accept');
    await pressButton(officer, 'Send answer');
    await expectOnPage(officer, '/act', /^Findings accepted$/, 'accepted');
    expect((await api(managerToken, 'GET', `/cases/${reference}/contributions/${contributionId}`)).body).toMatchObject({ status: 'accepted', acceptedBy: SENIOR_OFFICER });
    // Only the refusals the browser logs (the link opened by someone else, 403; the request without an account, 400): no script errors, no CSP violations.
    expect(consoleErrors.filter((e) => !/status of (403|400)/.test(e))).toEqual([]);
    expect(consoleErrors.length).toBeLessThanOrEqual(2);
  });
});
