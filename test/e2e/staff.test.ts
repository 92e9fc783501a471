import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { DEFAULT_LOCAL_STAFF_PASSWORD } from '../../infra/local/cognito/index.js';
import { authenticatorCode, rememberAuthenticatorApp, signInReferrerLocally } from '../../infra/local/cognito/sign-in.js';
import { makeReferral } from '../factories/referral.js';
import { emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, tabTo, typeInto } from './browser.js';

const BUSINESS_MANAGER = 'lscb-business-manager@example.org';
const REFERRER = 'casey.referrer@example.org';

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let dataDir: string;
let reference = '';
const consoleErrors: string[] = [];

const mailCount = async () => (await readMailbox(platform.sesEndpoint)).length;
const codeFor = (to: string, since: number) => emailedCode(platform.sesEndpoint, to, since);
const onPage = (path: string, heading: RegExp) => expectOnPage(page, path, heading);
const errorSummaryShows = (text: string) => expectErrorSummary(page, text);

/**
 * MFA_SETUP in the browser, by keyboard: the QR code, the key behind "I
 * cannot scan the QR code", and a code from the app (computed from the key,
 * as an authenticator app would).
 */
async function setUpAppAtSignIn(on: Page, email: string): Promise<void> {
  await expectOnPage(on, '/sign-in/authenticator-app', /^Set up an authenticator app$/);
  expect(await on.locator('svg[role="img"][aria-label*="QR code"] path').count()).toBe(1);
  await tabTo(on, 'summary.govuk-details__summary');
  await on.keyboard.press('Enter');
  const key = ((await on.locator('#secret-key').textContent()) ?? '').replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expectNoAxeViolations(on, 'set up an authenticator app at sign-in');
  rememberAuthenticatorApp(email, key, Math.floor(Date.now() / 30_000) - 1);
  await typeInto(on, 'appCode', authenticatorCode(email, Date.now()).code);
  await pressButton(on, 'Continue');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-staff-'));
  platform = await startLocalPlatform({
    dataDir,
    fresh: true,
    port: 0,
    dynamoPort: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    seedStaffPassword: DEFAULT_LOCAL_STAFF_PASSWORD,
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  // Prepare: a referral from a verified referrer, through the real API.
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

describe('the business manager, by keyboard', () => {
  it('signs in with a password and an emailed code, and comes back to the page they asked for', async () => {
    await page.goto(`${platform.appUrl}/tasks`);
    await onPage('/sign-in', /^Sign in$/);

    await pressButton(page, 'Continue');
    await errorSummaryShows('Enter your email address');
    await expectNoAxeViolations(page, 'sign-in (errors)');

    await typeInto(page, 'email', BUSINESS_MANAGER);
    await typeInto(page, 'password', 'not-the-password');
    await pressButton(page, 'Continue');
    // The same words whether or not the account exists.
    await errorSummaryShows('Enter a correct email address and password');

    await typeInto(page, 'password', DEFAULT_LOCAL_STAFF_PASSWORD);
    const before = await mailCount();
    await pressButton(page, 'Continue');
    await onPage('/sign-in/code', /Check your email/);
    const input = page.locator('#code');
    expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await input.getAttribute('inputmode')).toBe('numeric');

    await typeInto(page, 'code', '00000000');
    await pressButton(page, 'Continue');
    await errorSummaryShows('The code is not correct');
    await expectNoAxeViolations(page, 'sign-in code (errors)');

    await page.fill('#code', '');
    await typeInto(page, 'code', await codeFor(BUSINESS_MANAGER, before));
    await pressButton(page, 'Continue');
    await onPage('/tasks', /My tasks/);

    // Tokens live in this tab's session storage only.
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.includes('session:staff')))).toBe(true);
    const nav = await page.locator('nav[aria-label="Menu"]').textContent();
    for (const item of ['My tasks', 'Cases', 'Users', 'Board configuration', BUSINESS_MANAGER, 'Sign out']) expect(nav).toContain(item);
  });

  it('finds the case, reads it, and downloads its timeline', async () => {
    await page.getByRole('link', { name: 'Cases', exact: true }).focus();
    await page.keyboard.press('Enter');
    await onPage('/cases', /^Cases$/);
    await page.locator('table').waitFor();

    await page.getByRole('link', { name: reference }).focus();
    await page.keyboard.press('Enter');
    await onPage(`/cases/${reference}`, new RegExp(reference));
    // The summary leads with what needs doing: the recommendation, owned by the sub-committee chair, soonest first.
    await page.getByRole('heading', { name: 'What needs doing' }).waitFor();
    const todo = (await page.locator('.govuk-task-list').textContent()) ?? '';
    expect(todo).toContain('Recommend whether to hold a serious case review');
    expect(todo).toContain('Owner: the chair of the Strategic and Serious Case Review sub-committee');
    expect(todo.indexOf('Recommend whether')).toBeLessThan(todo.indexOf('Decide whether'));

    // Each part of the case is a page of its own, reached from the case's sub navigation by keyboard.
    const caseNav = page.locator(`nav[aria-label="Case ${reference}"]`);
    expect(await caseNav.locator('a[aria-current="page"]').textContent()).toBe('Summary');
    await caseNav.getByRole('link', { name: 'Referral', exact: true }).focus();
    await page.keyboard.press('Enter');
    await onPage(`/cases/${reference}/referral`, /^Referral and criteria$/);
    // The referral reads as check your answers does.
    expect(await page.locator('main').textContent()).toContain('Sam');

    await caseNav.getByRole('link', { name: 'People', exact: true }).focus();
    await page.keyboard.press('Enter');
    await onPage(`/cases/${reference}/people`, /^People on this case$/);
    await page.getByRole('button', { name: 'Add to case' }).focus();
    await page.keyboard.press('Enter');
    await errorSummaryShows('Select a role');
    await expectNoAxeViolations(page, 'add someone (errors)');

    await caseNav.getByRole('link', { name: 'Timeline', exact: true }).focus();
    await page.keyboard.press('Enter');
    await onPage(`/cases/${reference}/timeline`, /^Timeline$/);
    // In people's language: no technical fields on the page.
    await page.locator('text=Referral submitted by the referrer').first().waitFor();
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.locator('text=Referral submitted by the referrer').first().waitFor();
          return page.locator('main').textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('Email to the Board chair sent (decision due)');
    expect(await page.locator('main').textContent()).not.toMatch(/messageId|recipientRole/);
    await expectNoAxeViolations(page, 'case timeline');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download timeline (CSV)' }).focus();
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${reference}-timeline.csv`);
    // The technical fields stay in the CSV.
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv).toContain('referral.submitted');
    expect(csv).toContain('messageId');

    // Proof of delivery: the referral's three emails, each named for what it was, Delivered once SES says so (a moment after sending).
    await page.goto(`${platform.appUrl}/cases/${reference}/emails`);
    const emails = page.locator('table', { has: page.locator('caption', { hasText: 'Emails sent about this case' }) });
    await expect
      .poll(
        async () => {
          await page.reload();
          // The case's sub navigation appears with the case's data, the h1 before it.
          await page.locator(`nav[aria-label="Case ${reference}"]`).waitFor();
          return emails.locator('tbody tr').evaluateAll((rows) =>
            rows.map((r) => `${r.querySelector('th')?.textContent ?? ''} | ${r.querySelector('.govuk-tag')?.textContent ?? ''}`).sort(),
          );
        },
        { timeout: 20_000, interval: 500 },
      )
      .toEqual(['Decision due | Delivered', 'Recommendation needed | Delivered', 'Referral received | Delivered']);
    const toReferrer = emails.locator('tbody tr', { hasText: REFERRER });
    expect(await toReferrer.textContent()).toContain('The referrer');
    expect(await emails.locator('thead').textContent()).toBe('WhatToStatusWhen');
    await expectNoAxeViolations(page, 'case page with emails sent');
  });

  it('sees "Page not found" for a case that does not exist', async () => {
    await page.goto(`${platform.appUrl}/cases/SCR-2099-9999`);
    await page.locator('h1', { hasText: 'Page not found' }).waitFor();
    await expectNoAxeViolations(page, 'unknown case');
  });

  it('invites someone, after the error summary has explained what is missing', async () => {
    await page.goto(`${platform.appUrl}/admin/users`);
    await page.locator('table').waitFor();
    await expectNoAxeViolations(page, '/admin/users');
    await page.getByRole('link', { name: 'Invite someone' }).focus();
    await page.keyboard.press('Enter');
    await onPage('/admin/users/invite', /Invite someone/);
    await pressButton(page, 'Send invitation');
    await errorSummaryShows('Enter their full name');
    await typeInto(page, 'name', 'Pat Example');
    await typeInto(page, 'email', 'pat.example@example.org');
    // The second role: Chair of the Serious Case Review sub-committee.
    await page.locator('#role-2').focus();
    await page.keyboard.press('Space');
    await pressButton(page, 'Send invitation');
    await onPage('/admin/users', /Users/);
    await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('pat.example@example.org');
  });

  it('the invited sub-committee chair signs in for the first time, sets up an authenticator app, and finds the referral on their task list', async () => {
    const invitee = await (await browser.newContext()).newPage();
    const invitation = (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes('pat.example@example.org')).at(-1);
    const temporary = /temporary password is (\S+)/.exec(invitation?.text ?? '')?.[1] ?? '';
    expect(temporary).not.toBe('');
    const previous = page;
    page = invitee;
    try {
      await page.goto(`${platform.appUrl}/tasks`);
      await onPage('/sign-in', /^Sign in$/);
      await typeInto(page, 'email', 'pat.example@example.org');
      await typeInto(page, 'password', temporary);
      await pressButton(page, 'Continue');
      await onPage('/sign-in/new-password', /./);
      await typeInto(page, 'newPassword', 'Pat-chooses-a-Passw0rd!');
      await typeInto(page, 'confirmPassword', 'Pat-chooses-a-Passw0rd!');
      const before = await mailCount();
      await pressButton(page, 'Continue');
      // No second factor yet (MFA_SETUP): the QR code and the key, then a code from the app. No email is sent.
      await setUpAppAtSignIn(page, 'pat.example@example.org');
      await onPage('/tasks', /My tasks/);
      expect((await readMailbox(platform.sesEndpoint)).slice(before).filter((m) => m.to.includes('pat.example@example.org'))).toEqual([]);
      await expect.poll(() => page.locator('main').textContent()).toContain(reference);
      expect(await page.locator('main').textContent()).toContain('Recommend whether to hold a serious case review');
    } finally {
      page = previous;
      await invitee.context().close();
    }
  });

  it('resets Pat’s sign-in; Pat chooses a new password with the emailed code and sets up the app again', async () => {
    const pat = 'pat.example@example.org';
    await page.goto(`${platform.appUrl}/admin/users`);
    await page.locator('table').waitFor();
    await page.getByRole('link', { name: /Pat Example’s role or account/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Pat Example' }).waitFor();
    await expectNoAxeViolations(page, 'user page (reset sign-in)');
    expect(await page.locator('main').textContent()).toContain('Reset their sign-in');
    await tabTo(page, 'button.govuk-button--warning');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Reset sign-in');
    const before = await mailCount();
    await page.keyboard.press('Enter');
    await onPage('/admin/users', /Users/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Pat Example’s sign-in has been reset');
    await expect.poll(() => page.locator('tr', { hasText: pat }).textContent()).toContain('Sign-in reset');
    const resetCode = await emailedCode(platform.sesEndpoint, pat, before, 'Your sign-in has been reset');

    const patPage = await (await browser.newContext()).newPage();
    const previous = page;
    page = patPage;
    try {
      await page.goto(`${platform.appUrl}/sign-in`);
      await page.locator('h1', { hasText: 'Sign in' }).waitFor();
      await typeInto(page, 'email', pat);
      await typeInto(page, 'password', 'Pat-chooses-a-Passw0rd!');
      await pressButton(page, 'Continue');
      // The old password is right but no longer signs in: straight to choosing a new one, saying why.
      await onPage('/sign-in/reset-password', /^Choose a new password$/);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Your sign-in has been reset');
      await typeInto(page, 'code', resetCode);
      await typeInto(page, 'newPassword', 'Pat-starts-again-Passw0rd!');
      await typeInto(page, 'confirmPassword', 'Pat-starts-again-Passw0rd!');
      await pressButton(page, 'Change password');
      await onPage('/sign-in', /^Sign in$/);
      await typeInto(page, 'email', pat);
      await typeInto(page, 'password', 'Pat-starts-again-Passw0rd!');
      await pressButton(page, 'Continue');
      // The old app was forgotten: a new one is set up.
      await setUpAppAtSignIn(page, pat);
      await onPage('/tasks', /My tasks/);
    } finally {
      page = previous;
      await patPage.context().close();
    }
  });

  it('sends an invitation again to someone who has not signed in yet', async () => {
    const sam = 'sam.notyet@example.org';
    await page.goto(`${platform.appUrl}/admin/users/invite`);
    await page.locator('h1', { hasText: 'Invite someone' }).waitFor();
    await typeInto(page, 'name', 'Sam Notyet');
    await typeInto(page, 'email', sam);
    await page.locator('#role-2').focus();
    await page.keyboard.press('Space');
    await pressButton(page, 'Send invitation');
    await onPage('/admin/users', /Users/);
    const invitations = async () => (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes(sam) && m.subject.startsWith('Your account for'));
    await expect.poll(async () => (await invitations()).length).toBe(1);
    await page.getByRole('link', { name: /Sam Notyet’s role or account/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Sam Notyet' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Reset their sign-in');
    await expectNoAxeViolations(page, 'user page (send invitation again)');
    await tabTo(page, 'button.govuk-button--secondary');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Send invitation again');
    await page.keyboard.press('Enter');
    await onPage('/admin/users', /Users/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('We’ve sent Sam Notyet a new invitation');
    await expect.poll(async () => (await invitations()).length).toBe(2);
    const [a, b] = (await invitations()).map((m) => /temporary password is (\S+)/.exec(m.text)?.[1]);
    expect(a).toBeTruthy();
    expect(b).not.toBe(a);
  });

  it('opens the Board configuration, and is told what is wrong before anything is saved', async () => {
    await page.goto(`${platform.appUrl}/admin/board-config`);
    await page.locator('#subCommitteeChair-name').waitFor();
    await expectNoAxeViolations(page, '/admin/board-config');
    await page.fill('#boardChair-email', 'not an email');
    await page.getByRole('button', { name: 'Save Board configuration' }).focus();
    await page.keyboard.press('Enter');
    await errorSummaryShows('Enter the email address of the Board chair in the correct format');
    await expectNoAxeViolations(page, '/admin/board-config (errors)');

    // A bad referrer domain: the summary names it and links to the domains field.
    await page.fill('#boardChair-email', 'lscb-chair@example.org');
    await page.fill('#allowedReferrerDomains', 'example.org\nnot_a_domain');
    await page.getByRole('button', { name: 'Save Board configuration' }).focus();
    await page.keyboard.press('Enter');
    await errorSummaryShows('“not_a_domain” is not an email domain');
    const link = page.locator('.govuk-error-summary a', { hasText: 'not_a_domain' });
    expect(await link.getAttribute('href')).toBe('#allowedReferrerDomains');
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('allowedReferrerDomains');
    expect(await page.locator('#allowedReferrerDomains-error').textContent()).toContain('not_a_domain');
    await expectNoAxeViolations(page, '/admin/board-config (domain error)');

    // A Chief Executive (3.5) whose email address is not one, and a review escalation tier that is not either.
    await page.fill('#allowedReferrerDomains', 'example.org');
    await page.getByRole('button', { name: 'Add a Chief Executive' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('chiefExecutives-0-name');
    await page.keyboard.type('Chris Chief');
    await typeInto(page, 'chiefExecutives-0-email', 'chris at example');
    await page.getByRole('button', { name: 'Set review escalation tiers' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('escalation-reviewOverdue-0');
    await page.keyboard.type('nobody');
    await page.getByRole('button', { name: 'Save Board configuration' }).focus();
    await page.keyboard.press('Enter');
    await errorSummaryShows('Enter the email address of Chief Executive 1 in the correct format');
    await errorSummaryShows('“nobody” is not an email address: enter each email address for review escalation tier 1');
    const ceLink = page.locator('.govuk-error-summary a', { hasText: 'Chief Executive 1' });
    expect(await ceLink.getAttribute('href')).toBe('#chiefExecutives-0-email');
    expect(await page.locator('#chiefExecutives-0-email-error').textContent()).toContain('Chief Executive 1');
    expect(await page.locator('#escalation-reviewOverdue-0-error').textContent()).toContain('nobody');
    await expectNoAxeViolations(page, '/admin/board-config (Chief Executive and review tier errors)');
  });

  it('saves a new escalation tier, referrer domain and Chief Executive, and keeps them after a reload', async () => {
    await page.goto(`${platform.appUrl}/admin/board-config`);
    await page.locator('#allowedReferrerDomains').waitFor();
    const domains = await page.inputValue('#allowedReferrerDomains');
    const tiers = await page.locator('textarea[id^="escalation-decisionOverdue-"]').count();
    await page.getByRole('button', { name: 'Add an escalation tier' }).focus();
    await page.keyboard.press('Enter');
    const newTier = `#escalation-decisionOverdue-${tiers}`;
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(newTier.slice(1));
    await page.keyboard.type('tier-escalation@example.org');
    await page.fill('#allowedReferrerDomains', `${domains}\nPartner.Example.gov.uk`);
    // No Chief Executives yet: add one, by keyboard.
    expect(await page.locator('input[id^="chiefExecutives-"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Add a Chief Executive' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('chiefExecutives-0-name');
    await page.keyboard.type('Chris Chief');
    await typeInto(page, 'chiefExecutives-0-email', 'chris.chief@example.org');
    // Review escalation tiers: the default until the business manager sets some.
    expect(await page.locator('main').textContent()).toContain('No tiers set: the service uses the default.');
    await page.getByRole('button', { name: 'Set review escalation tiers' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('escalation-reviewOverdue-0');
    await page.keyboard.type('review-escalation@example.org');
    await page.getByRole('button', { name: 'Save Board configuration' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.govuk-notification-banner').first().textContent()).toContain('Board configuration saved');
    await expectNoAxeViolations(page, '/admin/board-config (saved)');

    await page.reload();
    await page.locator(newTier).waitFor();
    expect(await page.inputValue(newTier)).toBe('tier-escalation@example.org');
    expect((await page.inputValue('#allowedReferrerDomains')).split('\n')).toContain('partner.example.gov.uk');
    expect(await page.inputValue('#chiefExecutives-0-name')).toBe('Chris Chief');
    expect(await page.inputValue('#chiefExecutives-0-email')).toBe('chris.chief@example.org');
    expect(await page.inputValue('#escalation-reviewOverdue-0')).toBe('review-escalation@example.org');
    await expectNoAxeViolations(page, '/admin/board-config (Chief Executive and review tiers)');

    // Back to the default review tiers.
    await page.getByRole('button', { name: 'Use the default tiers instead' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('add-review-tier');
    expect(await page.locator('textarea[id^="escalation-reviewOverdue-"]').count()).toBe(0);

    // Put the escalation tiers back as they were for the tests that follow.
    await page.getByRole('button', { name: `Remove escalation tier ${tiers + 1}` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('add-tier');
    await page.getByRole('button', { name: 'Save Board configuration' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.govuk-notification-banner').first().textContent()).toContain('Board configuration saved');
    await page.reload();
    await page.locator('#allowedReferrerDomains').waitFor();
    expect(await page.locator('textarea[id^="escalation-decisionOverdue-"]').count()).toBe(tiers);
    expect(await page.locator('textarea[id^="escalation-reviewOverdue-"]').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('No tiers set: the service uses the default.');
    // The Chief Executive stays.
    expect(await page.inputValue('#chiefExecutives-0-email')).toBe('chris.chief@example.org');
  });

  it('signs out: the tokens are gone and the sign-in page says so', async () => {
    await page.goto(`${platform.appUrl}/tasks`);
    await page.locator('h1', { hasText: 'My tasks' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await onPage('/sign-in', /^Sign in$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('You have signed out');
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes(':session:')))).toEqual([]);
  });
});

describe('a returning referrer', () => {
  it('signs in with an emailed code and sees the status of their referral', async () => {
    await page.goto(`${platform.appUrl}/your-referrals`);
    await onPage('/your-referrals/sign-in', /Sign in to see your referrals/);
    await typeInto(page, 'email', REFERRER);
    const before = await mailCount();
    await pressButton(page, 'Continue');
    await onPage('/your-referrals/sign-in/code', /Check your email/);
    await typeInto(page, 'code', await codeFor(REFERRER, before));
    await pressButton(page, 'Continue');
    await onPage('/your-referrals', /Your referrals/);
    await page.locator('table').waitFor();
    expect(await page.locator('tbody').textContent()).toContain(reference);
    await expectNoAxeViolations(page, '/your-referrals');
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
