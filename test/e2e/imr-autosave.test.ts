import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { firstSignIn } from '../support/staff.js';
import { BUSINESS_MANAGER, decidedCase, startWorkspacePlatform } from './workspace-fixture.js';
import { emailedCode, expectNoAxeViolations, expectOnPage, launchChromium, typeInto } from './browser.js';

/**
 * What the author of an IMR finds when they sign in, and autosave (issue 10):
 * the author, not on the case's people, finds the IMR under "Your
 * contributions" on My tasks and follows it; on the analysis page what they
 * type saves itself ("Saved at ...", a polite live region) and is there after
 * a reload; in two tabs, the one whose section someone else saved meanwhile
 * says so and keeps the text typed. By keyboard; waits on the status text,
 * never on fixed times.
 */
const SENIOR_OFFICER = 'so@police.example.org';
const AUTHOR = 'author@police.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';
const CONFLICT = 'Not saved: someone else changed this section — copy your text and reload';

let platform: LocalPlatform;
let browser: Browser;
let dataDir = '';
let reference = '';
let imrId = '';
const consoleErrors: string[] = [];
const tokens = new Map<string, string>();

async function api(as: string, method: string, path: string, body?: unknown) {
  let token = tokens.get(as);
  if (!token) {
    token = (await signInStaffLocally(platform, as, as === BUSINESS_MANAGER ? platform.localStaff.password : PASSWORD)).IdToken!;
    tokens.set(as, token);
  }
  const res = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const imrPath = (sub = '') => `/cases/${reference}/contributions/${imrId}${sub ? `/${sub}` : ''}`;

/** Tabs to the button or link whose text contains `text` and presses Enter. */
async function press(page: Page, text: string, maxTabs = 200): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement;
      return el && (el.tagName === 'BUTTON' || el.tagName === 'A') ? (el.textContent ?? '').replace(/\s+/g, ' ').trim() : '';
    });
    if (label.includes(text)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`No button or link "${text}" reachable with the Tab key`);
}

/** A new browser (a new tab's session) opening `path`, signed in by keyboard with password and emailed code. */
async function signedIn(email: string, path: string, heading: RegExp): Promise<Page> {
  const p = await (await browser.newContext()).newPage();
  p.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await p.goto(`${platform.appUrl}${path}`);
  await expectOnPage(p, '/sign-in', /^Sign in$/, `sign-in for ${email}`);
  await typeInto(p, 'email', email);
  await typeInto(p, 'password', PASSWORD);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await press(p, 'Continue');
  await expectOnPage(p, '/sign-in/code', /Check your email/, `sign-in code for ${email}`);
  await typeInto(p, 'code', await emailedCode(platform.sesEndpoint, email, before));
  await press(p, 'Continue');
  await expectOnPage(p, path, heading, `${path} as ${email}`);
  return p;
}

const statusOf = (page: Page) => page.locator('#autosave-status').textContent();

beforeAll(async () => {
  ({ platform, dataDir } = await startWorkspacePlatform('scr-e2e-autosave-'));
  browser = await launchChromium();
  reference = await decidedCase(platform);
  // Accounts only: neither is added to the case's people. The contribution names them.
  for (const [email, role] of [
    [SENIOR_OFFICER, 'senior-officer'],
    [AUTHOR, 'agency-contributor'],
  ] as const) {
    expect((await api(BUSINESS_MANAGER, 'POST', '/users', { name: `Test ${role}`, email, role })).status).toBe(201);
    await firstSignIn(platform, email, PASSWORD);
  }
  const asked = await api(BUSINESS_MANAGER, 'POST', `/cases/${reference}/contributions`, {
    kind: 'imr',
    organisation: 'Northshire Police',
    seniorOfficerName: 'Sam Senior',
    seniorOfficerEmail: SENIOR_OFFICER,
  });
  expect(asked.status).toBe(201);
  imrId = String(asked.body.id);
  expect((await api(SENIOR_OFFICER, 'POST', `/cases/${reference}/contributions/${imrId}/author`, { authorName: 'Ann Author', authorJobTitle: 'Detective Inspector', authorEmail: AUTHOR })).status).toBe(200);
  expect((await api(AUTHOR, 'POST', `/cases/${reference}/contributions/${imrId}/independence`, { notDirectlyConcerned: true, notLineManager: true })).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the author finds their IMR, and it saves itself', () => {
  let page: Page;

  it('"Your contributions" on My tasks lists the IMR with what is needed and links to it', async () => {
    page = await signedIn(AUTHOR, '/tasks', /^My tasks$/);
    const section = page.locator('section[aria-labelledby="your-contributions"]');
    await expect.poll(() => section.textContent(), { timeout: 45_000 }).toContain('Write it and submit it');
    const text = (await section.textContent()) ?? '';
    expect(text).toContain(reference);
    expect(text).toContain('Northshire Police: individual management review');
    expect(text).toContain('You are its author');
    await expectNoAxeViolations(page, 'my tasks with your contributions');
    await press(page, reference);
    await expectOnPage(page, imrPath(), /Northshire Police/, 'the contribution from my tasks');
  });

  it('what is typed saves itself a few seconds later, politely announced, and is there after a reload', async () => {
    await press(page, 'Analysis of involvement');
    await expectOnPage(page, imrPath('analysis'), /^Analysis of involvement$/, 'the analysis');
    expect(await page.locator('#autosave-status').getAttribute('aria-live')).toBe('polite');
    await typeInto(page, 'content-answers-0', 'The first answer, saved by itself.');
    await expect.poll(() => statusOf(page), { timeout: 45_000 }).toMatch(/^Saved at \d{1,2}:\d{2}(am|pm)$|^Saved at (midday|midnight)$/);
    await expectNoAxeViolations(page, 'autosaved');
    await page.reload();
    await page.waitForURL((u) => u.pathname === imrPath('analysis'));
    await expect.poll(() => page.locator('#content-answers-0').inputValue(), { timeout: 45_000 }).toBe('The first answer, saved by itself.');
    // Leaving a box saves it too.
    await typeInto(page, 'content-answers-1', 'The second answer.');
    await page.keyboard.press('Tab');
    await expect.poll(() => statusOf(page), { timeout: 45_000 }).toMatch(/^Saved at /);
    const sections = (await api(AUTHOR, 'GET', `/cases/${reference}/contributions/${imrId}/imr`)).body.sections as { section: string; content: { answers: string[] } }[];
    expect(sections.find((s) => s.section === 'analysis')!.content.answers.slice(0, 2)).toEqual(['The first answer, saved by itself.', 'The second answer.']);
    expect(consoleErrors).toEqual([]);
  });

  it('in two tabs, the one behind says so and keeps what was typed', async () => {
    // Both tabs open the section at the same version.
    await page.reload();
    await page.waitForURL((u) => u.pathname === imrPath('analysis'));
    await expect.poll(() => page.locator('#content-answers-1').inputValue(), { timeout: 45_000 }).toBe('The second answer.');
    const other = await signedIn(AUTHOR, imrPath('analysis'), /^Analysis of involvement$/);
    await expect.poll(() => other.locator('#content-answers-1').inputValue(), { timeout: 45_000 }).toBe('The second answer.');
    // The first tab saves; the second, still at the old version, cannot.
    await typeInto(page, 'content-answers-2', 'Written in the first tab.');
    await expect.poll(() => statusOf(page), { timeout: 45_000 }).toMatch(/^Saved at /);
    await typeInto(other, 'content-answers-3', 'Written in the second tab.');
    await expect.poll(() => statusOf(other), { timeout: 45_000 }).toBe(CONFLICT);
    expect(await other.locator('#content-answers-3').inputValue()).toBe('Written in the second tab.');
    await expectNoAxeViolations(other, 'autosave refused');
    // Nothing of the first tab's was overwritten.
    const sections = (await api(AUTHOR, 'GET', `/cases/${reference}/contributions/${imrId}/imr`)).body.sections as { section: string; content: { answers: string[] } }[];
    const answers = sections.find((s) => s.section === 'analysis')!.content.answers;
    expect(answers[2]).toBe('Written in the first tab.');
    expect(answers[3] ?? '').toBe('');
    expect(new Set(consoleErrors)).toEqual(new Set(['Failed to load resource: the server responded with a status of 409 (Conflict)']));
  });
});
