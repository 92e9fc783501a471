import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { makeReferral } from '../factories/referral.js';
import { emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, pressButton, tabTo, typeInto } from './browser.js';

/**
 * The case's files page, by keyboard, in Chromium against `npm start`'s
 * runtime (s3rver included): the business manager attaches a PDF (the
 * browser PUTs it to the presigned URL, then confirms), is told plainly
 * when a file is missing or of a type not allowed, and downloads it back.
 */
const REFERRER = 'files.referrer@example.org';
const BUSINESS_MANAGER = 'lscb-business-manager@example.org';

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let dataDir: string;
let reference = '';
const consoleErrors: string[] = [];
const filesPath = () => `/cases/${reference}/files`;
const pdfBytes = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

async function signIn(email: string): Promise<void> {
  await expectOnPage(page, '/sign-in', /^Sign in$/, `sign-in for ${email}`);
  await typeInto(page, 'email', email);
  await typeInto(page, 'password', platform.localStaff.password);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await pressButton(page, 'Continue');
  await expectOnPage(page, '/sign-in/code', /Check your email/, `sign-in code for ${email}`);
  await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, email, before));
  await pressButton(page, 'Continue');
}

/** Tabs to the upload button and presses Enter (the file input is filled by setInputFiles, as a file chooser would). */
async function upload(): Promise<void> {
  await tabTo(page, 'button[type=submit].govuk-button');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Upload file');
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-files-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, s3Port: 0, quiet: true });
  browser = await launchChromium();
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  const tokens = await signInReferrerLocally(platform, REFERRER);
  const response = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${tokens.IdToken}` },
    body: JSON.stringify(makeReferral({ referrer: { email: REFERRER } })),
  });
  expect(response.status).toBe(201);
  reference = ((await response.json()) as { reference: string }).reference;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the business manager attaches a file to the case, by keyboard', () => {
  it('signs in and opens the case files page', async () => {
    await page.goto(`${platform.appUrl}${filesPath()}`);
    await signIn(BUSINESS_MANAGER);
    await expectOnPage(page, filesPath(), /^Case files$/);
    await page.getByText('No files have been attached yet.').waitFor();
    await expectNoAxeViolations(page, 'case files, empty');
  });

  it('is told to select a file, then that an executable is not allowed', async () => {
    await upload();
    await expectErrorSummary(page, 'Select a file');
    await expectNoAxeViolations(page, 'case files, no file selected');

    await page.setInputFiles('#file', { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await upload();
    await expectErrorSummary(page, 'The selected file must be a DOCX, PDF, ODT, RTF or TXT');
    // The summary's link takes focus to the file input.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('file');
  });

  it('uploads a PDF straight to S3 with the presigned URL and sees it listed', async () => {
    await page.setInputFiles('#file', { name: 'Interview record.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
    await upload();
    await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('Interview record.pdf has been attached');
    expect(await page.evaluate(() => document.activeElement?.closest('.govuk-notification-banner--success') !== null)).toBe(true);
    await expect.poll(() => page.locator('table').textContent()).toContain('Interview record.pdf');
    expect(await page.locator('table').textContent()).toContain(`${pdfBytes.length} bytes`);
    await expectNoAxeViolations(page, 'case files, one attached');
  });

  it('downloads it by keyboard, as an attachment with its name, and the download is on the timeline', async () => {
    await tabTo(page, 'table button');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Download Interview record.pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('Interview record.pdf');
    expect(readFileSync((await download.path())!)).toEqual(pdfBytes);

    const token = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
    const timeline = (await (await fetch(`${platform.apiUrl}/cases/${reference}/timeline`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      entries: { action: string }[];
    };
    expect(timeline.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['file.stored', 'file.downloaded']));
    expect(consoleErrors).toEqual([]);
  });
});
