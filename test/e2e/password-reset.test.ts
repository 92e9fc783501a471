import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { DEFAULT_LOCAL_STAFF_PASSWORD, LOCAL_AUDITOR } from '../../infra/local/cognito/index.js';
import { authenticatorCode, rememberAuthenticatorApp } from '../../infra/local/cognito/sign-in.js';
import { base32Decode, totpAt } from '../../infra/local/cognito/totp.js';
import { emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, tabTo, typeInto } from './browser.js';

const AUDITOR = LOCAL_AUDITOR.email;
const UNKNOWN = 'no.account@example.org';
const NEW_PASSWORD = 'Auditor-resets-Passw0rd!';

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let dataDir: string;
const consoleErrors: string[] = [];

const mailCount = async () => (await readMailbox(platform.sesEndpoint)).length;
const codeFor = (to: string, subject: string, since: number) => emailedCode(platform.sesEndpoint, to, since, subject);
const onPage = (path: string, heading: RegExp) => expectOnPage(page, path, heading);
const errorSummaryShows = (text: string) => expectErrorSummary(page, text);

/** Tabs (or, for links above the focus, Shift+Tabs) to a link or link-styled button by its text and presses Enter. */
async function follow(text: string, { backwards = false } = {}) {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(key);
    const label = await page.evaluate(() => (document.activeElement?.matches('a[href], button.app-link-button') ? document.activeElement.textContent?.trim() : ''));
    if (label === text) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`Not reachable with the ${key} key: ${text}`);
}

/** The main content with the address taken out: what someone learns about the account. */
const mainTextWithout = async (email: string) => ((await page.locator('main').textContent()) ?? '').replaceAll(email, '<email>');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-reset-'));
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
  page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the auditor forgets their password, by keyboard', () => {
  let unknownPage = '';

  it('asks for a code for an address with no account and is told nothing about it', async () => {
    await page.goto(`${platform.appUrl}/sign-in`);
    // A first load leaves focus at the top of the page, as a server-rendered page would.
    await page.locator('h1', { hasText: 'Sign in' }).waitFor();
    await expectNoAxeViolations(page, '/sign-in');
    await follow('Forgot your password?');
    await onPage('/sign-in/forgot-password', /^Reset your password$/);

    await pressButton(page, 'Send code');
    await errorSummaryShows('Enter your email address');
    await expectNoAxeViolations(page, 'forgot password (errors)');
    await typeInto(page, 'email', 'not an email');
    await pressButton(page, 'Send code');
    await errorSummaryShows('Enter an email address in the correct format');

    await page.fill('#email', '');
    await typeInto(page, 'email', UNKNOWN);
    const before = await mailCount();
    await pressButton(page, 'Send code');
    await onPage('/sign-in/reset-password', /^Choose a new password$/);
    unknownPage = await mainTextWithout(UNKNOWN);
    expect(unknownPage).toContain('If <email> has an account');
    expect((await readMailbox(platform.sesEndpoint)).slice(before)).toEqual([]);
  });

  it('is told plainly that email cannot reset a sign-in whose second step is an emailed code, and no code is claimed', async () => {
    await follow('Back', { backwards: true });
    await onPage('/sign-in/forgot-password', /^Reset your password$/);
    await page.fill('#email', '');
    await typeInto(page, 'email', AUDITOR);
    const before = await mailCount();
    await pressButton(page, 'Send code');
    // Cognito refuses email recovery while the emailed code is the second factor: the page says so.
    await errorSummaryShows('We cannot email you a code to reset your password. Ask your business manager to reset your sign-in');
    expect(new URL(page.url()).pathname).toBe('/sign-in/forgot-password');
    expect(await page.locator('main').textContent()).not.toContain('we’ve sent a code');
    await expectNoAxeViolations(page, 'forgot password (refused)');
    expect((await readMailbox(platform.sesEndpoint)).slice(before).filter((m) => m.to.includes(AUDITOR))).toEqual([]);
  });

  it('signs in, sets up an authenticator app from "Sign-in security" with the QR code or the key, and signs out', async () => {
    await page.goto(`${platform.appUrl}/sign-in`);
    await page.locator('h1', { hasText: 'Sign in' }).waitFor();
    await typeInto(page, 'email', AUDITOR);
    await typeInto(page, 'password', DEFAULT_LOCAL_STAFF_PASSWORD);
    const before = await mailCount();
    await pressButton(page, 'Continue');
    await onPage('/sign-in/code', /Check your email/);
    await typeInto(page, 'code', await codeFor(AUDITOR, 'Your sign-in code', before));
    await pressButton(page, 'Continue');
    await onPage('/tasks', /My tasks/);

    await follow('Sign-in security');
    await onPage('/account/sign-in', /^Sign-in security$/);
    await expect.poll(() => page.locator('main').textContent()).toContain('A code sent to your email');
    await pressButton(page, 'Set up an authenticator app');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Set up an authenticator app');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const qr = page.locator('svg[role="img"][aria-label*="QR code"]');
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d/);
    await expectNoAxeViolations(page, 'set up an authenticator app');

    // The key as text, for an app that cannot scan: behind "I cannot scan the QR code", opened by keyboard.
    await tabTo(page, 'summary.govuk-details__summary');
    await page.keyboard.press('Enter');
    const key = ((await page.locator('#secret-key').textContent()) ?? '').replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await expectNoAxeViolations(page, 'set up an authenticator app (key shown)');

    await pressButton(page, 'Continue');
    await errorSummaryShows('Enter the 6-digit code from your authenticator app');
    const now = Date.now();
    const stale = totpAt(base32Decode(key), now - 10 * 60_000);
    await typeInto(page, 'appCode', stale === totpAt(base32Decode(key), now) ? '000000' : stale);
    await pressButton(page, 'Continue');
    await errorSummaryShows('The code is not correct');
    await expectNoAxeViolations(page, 'set up an authenticator app (wrong code)');

    rememberAuthenticatorApp(AUDITOR, key, Math.floor(Date.now() / 30_000) - 1);
    await typeInto(page, 'appCode', authenticatorCode(AUDITOR, Date.now()).code);
    await pressButton(page, 'Continue');
    await onPage('/account/sign-in', /^Sign-in security$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Your authenticator app is set up');
    await expect.poll(() => page.locator('main').textContent()).toContain('A code from your authenticator app');

    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await onPage('/sign-in', /^Sign in$/);
  });

  it('gets a code, is told what is wrong, asks for a new code and chooses a new password', async () => {
    await follow('Forgot your password?');
    await onPage('/sign-in/forgot-password', /^Reset your password$/);
    await page.fill('#email', '');
    await typeInto(page, 'email', AUDITOR);
    let before = await mailCount();
    await pressButton(page, 'Send code');
    await onPage('/sign-in/reset-password', /^Choose a new password$/);
    // Word for word what an address with no account sees.
    expect(await mainTextWithout(AUDITOR)).toBe(unknownPage);
    const firstCode = await codeFor(AUDITOR, 'Your password reset code', before);
    const code = page.locator('#code');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await page.locator('main').textContent()).toContain('be at least 12 characters long');

    await pressButton(page, 'Change password');
    await errorSummaryShows('Enter the code from the email');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter a new password');
    await expectNoAxeViolations(page, 'reset password (errors)');

    await typeInto(page, 'code', firstCode === '00000000' ? '11111111' : '00000000');
    await typeInto(page, 'newPassword', NEW_PASSWORD);
    await typeInto(page, 'confirmPassword', NEW_PASSWORD);
    await pressButton(page, 'Change password');
    await errorSummaryShows('The code is not correct');

    await page.fill('#code', '');
    await page.fill('#newPassword', '');
    await page.fill('#confirmPassword', '');
    await typeInto(page, 'code', firstCode);
    await typeInto(page, 'newPassword', 'too-weak');
    await typeInto(page, 'confirmPassword', 'too-weak');
    await pressButton(page, 'Change password');
    await errorSummaryShows('Enter a password that meets the rules');

    before = await mailCount();
    await follow('Send me a new code');
    await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('New code requested');
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('.govuk-notification-banner--success') ?? false)).toBe(true);
    await expectNoAxeViolations(page, 'reset password (new code)');
    const newCode = await codeFor(AUDITOR, 'Your password reset code', before);

    await page.fill('#newPassword', '');
    await page.fill('#confirmPassword', '');
    await typeInto(page, 'code', newCode);
    await typeInto(page, 'newPassword', NEW_PASSWORD);
    await typeInto(page, 'confirmPassword', NEW_PASSWORD);
    await pressButton(page, 'Change password');
    await onPage('/sign-in', /^Sign in$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
      'Your password has been changed. Sign in with your new password.',
    );
  });

  it('cannot sign in with the old password, and signs in with the new one and a code from the app', async () => {
    await typeInto(page, 'email', AUDITOR);
    await typeInto(page, 'password', DEFAULT_LOCAL_STAFF_PASSWORD);
    await pressButton(page, 'Continue');
    await errorSummaryShows('Enter a correct email address and password');

    await page.fill('#password', '');
    await typeInto(page, 'password', NEW_PASSWORD);
    await pressButton(page, 'Continue');
    // The reset did not sign anyone in, nor skip the second factor.
    await onPage('/sign-in/app-code', /^Enter the code from your authenticator app$/);
    expect(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.includes('session:staff')))).toBe(false);
    await typeInto(page, 'appCode', authenticatorCode(AUDITOR, Date.now()).code);
    await pressButton(page, 'Continue');
    await onPage('/tasks', /My tasks/);
    expect(await page.locator('nav[aria-label="Menu"]').textContent()).toContain(AUDITOR);
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
