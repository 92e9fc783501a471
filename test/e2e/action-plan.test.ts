import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { firstSignIn } from '../support/staff.js';
import { chooseRadio, emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, tabTo, typeInto } from './browser.js';
import { BUSINESS_MANAGER, decidedCase, startWorkspacePlatform } from './workspace-fixture.js';

/**
 * The action plan and the Board's reports in the browser, by keyboard alone,
 * axe clean (issue 11): the business manager adds an action with an owner
 * (an empty form names every missing answer); the owner, not on the case,
 * signs in on the plan's own page and records progress; the business
 * manager reads the progress report and downloads it as CSV, and reads the
 * timeliness report with its chart and table; then changes the action's due
 * date and owner on its "Change" page (a bad answer is named in the error
 * summary, nothing typed is lost).
 */
const OWNER = 'olive.owner@health.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';

let platform: LocalPlatform;
let browser: Browser;
let dataDir = '';
let reference = '';
const consoleErrors: string[] = [];

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return page;
}

/** Opens `path`, signs in there with password and emailed code by keyboard, and lands back on it. */
async function openSignedIn(path: string, heading: RegExp, email: string, password: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${platform.appUrl}${path}`);
  await expectOnPage(page, '/sign-in', /^Sign in$/, `sign-in for ${email}`);
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', password);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await pressButton(page, 'Continue');
  await expectOnPage(page, '/sign-in/code', /Check your email/, `sign-in code for ${email}`);
  await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, email, before));
  await pressButton(page, 'Continue');
  await expectOnPage(page, path, heading, `${path} as ${email}`);
  return page;
}

const mainText = (page: Page) => page.locator('main').textContent();
const successBanner = async (page: Page, text: string) => {
  await expect.poll(() => page.locator('.govuk-notification-banner--success').first().textContent()).toContain(text);
  await expectNoAxeViolations(page, text);
};

beforeAll(async () => {
  ({ platform, dataDir } = await startWorkspacePlatform('scr-e2e-actions-'));
  browser = await launchChromium();
  reference = await decidedCase(platform);
  const manager = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
  const invited = await fetch(`${platform.apiUrl}/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Olive Owner', email: OWNER, role: 'agency-contributor' }),
  });
  expect(invited.status).toBe(201);
  await firstSignIn(platform, OWNER, PASSWORD);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the action plan and the Board reports, by keyboard', () => {
  it('the business manager adds an action with an owner (an empty form names every missing answer)', async () => {
    const page = await openSignedIn(`/cases/${reference}/actions`, /^Action plan$/, BUSINESS_MANAGER, platform.localStaff.password);
    await expect.poll(() => mainText(page)).toContain('There are no actions in the plan yet.');
    await pressButton(page, 'Add the action');
    await expectErrorSummary(page, 'Select which recommendation it is');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the date it is due by');
    await expectNoAxeViolations(page, 'add action with errors');
    await chooseRadio(page, 'add.source', 'board');
    await typeInto(page, 'add-recommendation', 'Health visitors are trained to recognise neglect');
    await typeInto(page, 'add-organisation', 'Community Health');
    await typeInto(page, 'add-ownerName', 'Olive Owner');
    await typeInto(page, 'add-ownerEmail', OWNER);
    await typeInto(page, 'add-dueDate', '30');
    await typeInto(page, 'add-dueDate-month', '6');
    await typeInto(page, 'add-dueDate-year', String(new Date().getUTCFullYear() + 1));
    await typeInto(page, 'add-outcome', 'Every health visitor trained');
    await typeInto(page, 'add-evaluation', 'An audit of ten case files');
    await pressButton(page, 'Add the action');
    await successBanner(page, 'The action was added to the plan');
    await expect.poll(() => mainText(page)).toContain('Action 1: Community Health');
    expect(await mainText(page)).toContain(`30 June ${new Date().getUTCFullYear() + 1}`);
    await page.context().close();
  });

  it('the owner, not on the case, records progress on the plan’s own page', async () => {
    const page = await openSignedIn(`/cases/${reference}/action-plan`, /^Action plan$/, OWNER, PASSWORD);
    await expect.poll(() => mainText(page)).toContain('Action 1: Community Health');
    await chooseRadio(page, 'progress-1.status', 'in-progress');
    await pressButton(page, 'Record progress');
    await expectErrorSummary(page, 'Enter what has been done');
    await typeInto(page, 'progress-1-note', 'Eight of twelve health visitors trained');
    await pressButton(page, 'Record progress');
    await successBanner(page, 'Progress on action 1 was recorded');
    await expect.poll(() => mainText(page)).toContain('Progress updates (1)');
    // The action's evidence has a page of its own, reached by keyboard.
    await tabTo(page, 'a[href$="/evidence"]');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname.endsWith('/evidence'));
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Evidence for an action');
    await expect.poll(() => mainText(page)).toContain('Upload a file');
    await expectNoAxeViolations(page, 'evidence page');
    // My tasks lists the actions they own.
    await page.goto(`${platform.appUrl}/tasks`);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('My tasks');
    await expect.poll(() => mainText(page)).toContain('Your actions');
    expect(await mainText(page)).toContain('Action 1: Community Health');
    await expectNoAxeViolations(page, 'my tasks with actions');
    await page.context().close();
  });

  it('the business manager reads the progress report, downloads it as CSV, and reads the timeliness report', async () => {
    const page = await openSignedIn('/reports', /^Reports$/, BUSINESS_MANAGER, platform.localStaff.password);
    await tabTo(page, 'a[href="/reports/action-plans"]');
    await page.keyboard.press('Enter');
    await expectOnPage(page, '/reports/action-plans', /^Progress of the action plans$/);
    await expect.poll(() => mainText(page)).toContain(reference);
    expect(await mainText(page)).toContain('In progress');
    await tabTo(page, 'button.app-link-button');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[1]).toBe(`${reference},1,Community Health,Olive Owner,${new Date().getUTCFullYear() + 1}-06-30,In progress,Open,0,`);

    await page.goto(`${platform.appUrl}/reports`);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Reports');
    await tabTo(page, 'a[href="/reports/timeliness"]');
    await page.keyboard.press('Enter');
    await expectOnPage(page, '/reports/timeliness', /^Timeliness of reviews$/);
    const chart = page.locator('svg#chart-decision[role="img"]');
    await expect.poll(() => chart.locator('title').textContent()).toContain('On time 1');
    await expect.poll(() => mainText(page)).toContain('Not complete yet');
    await expectNoAxeViolations(page, 'timeliness report');
    await page.context().close();
    expect(consoleErrors).toEqual([]);
  });

  it('the business manager changes the action’s due date on its Change page; a bad answer is named and nothing is lost', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const page = await openSignedIn(`/cases/${reference}/action-plan`, /^Action plan$/, BUSINESS_MANAGER, platform.localStaff.password);
    await expect.poll(() => mainText(page)).toContain('Action 1: Community Health');
    await tabTo(page, 'a[href$="/change"]');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname.endsWith('/change'));
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Change action 1');
    await expectNoAxeViolations(page, 'change an action');
    const replaceIn = async (id: string, text: string) => {
      await tabTo(page, `[id="${id}"]`);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
      if (text) await page.keyboard.type(text);
    };
    await replaceIn('ownerEmail', '');
    await replaceIn('dueDate-month', '7');
    await replaceIn('dueDate', '31');
    await pressButton(page, 'Save the change');
    await expectErrorSummary(page, 'Enter the email address of the person responsible');
    await expectNoAxeViolations(page, 'change an action with errors');
    expect(await page.locator('[id="dueDate-month"]').inputValue()).toBe('7');
    await replaceIn('ownerEmail', OWNER);
    await pressButton(page, 'Save the change');
    await page.waitForURL((u) => u.pathname === `/cases/${reference}/action-plan`);
    await successBanner(page, 'Action 1 was changed');
    expect(await mainText(page)).toContain(`31 July ${year}`);
    await page.context().close();
    expect(consoleErrors).toEqual([]);
  });
});
