import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { makeReferral } from '../factories/referral.js';
import { eventually } from '../support/eventually.js';

/**
 * A case as people use it every day, for the workspace's e2e test and the
 * screenshots script: referred, recommended and decided (a serious case
 * review) through the real API, with an agency asked to secure its records.
 * Waits for conditions, never for fixed times.
 */

export const REFERRER = 'alex.referrer@example.org';
export const SUB_COMMITTEE_CHAIR = 'scr-subcommittee-chair@example.org';
export const BOARD_CHAIR = 'lscb-chair@example.org';
export const BUSINESS_MANAGER = 'lscb-business-manager@example.org';

/** A local platform on free ports, with empty data in a temporary folder. */
export async function startWorkspacePlatform(prefix: string): Promise<{ platform: LocalPlatform; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  return { platform, dataDir };
}

/** A chair acts on the newest "Action needed" email about the case, through the API, signed in as themselves. */
async function act(platform: LocalPlatform, reference: string, email: string, body: unknown): Promise<void> {
  const secret = await eventually(
    async () => {
      const mail = (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes(email) && m.subject.startsWith('Action needed') && m.subject.includes(reference));
      return /\/act#([A-Za-z0-9_-]{40,64})/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
    },
    (s) => s !== '',
    `the action email to ${email}`,
  );
  const token = (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-action-token': secret, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`Acting as ${email} answered ${res.status}: ${await res.text()}`);
}

/** Refers, recommends and decides on a serious case review; asks an agency to secure its records. Returns the reference. */
export async function decidedCase(platform: LocalPlatform): Promise<string> {
  const tokens = await signInReferrerLocally(platform, REFERRER);
  const response = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${tokens.IdToken}` },
    body: JSON.stringify(makeReferral({ referrer: { email: REFERRER } })),
  });
  if (response.status !== 201) throw new Error(`The referral answered ${response.status}`);
  const reference = ((await response.json()) as { reference: string }).reference;

  await act(platform, reference, SUB_COMMITTEE_CHAIR, {
    recommendation: 'serious-case-review',
    rationale: 'The child died and neglect is suspected: paragraphs 3.1 and 3.2 apply.',
    criteriaApplied: ['3.1', '3.2'],
  });
  await act(platform, reference, BOARD_CHAIR, { decision: 'serious-case-review', reasons: 'The criteria for a serious case review are met.' });

  const manager = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
  const headers = { authorization: `Bearer ${manager}`, 'content-type': 'application/json' };
  await eventually(
    async () => (await (await fetch(`${platform.apiUrl}/cases/${reference}`, { headers })).json()) as { review?: unknown },
    (body) => body.review !== undefined,
    'the case to show its review',
  );
  // The senior manager needs an account before they can be asked (a request to an address without one is refused).
  const invited = await fetch(`${platform.apiUrl}/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Morgan Records', email: 'morgan.records@example.org', role: 'agency-contributor' }),
  });
  if (invited.status !== 201) throw new Error(`Inviting the senior manager answered ${invited.status}`);
  const asked = await fetch(`${platform.apiUrl}/cases/${reference}/review/records`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ agency: 'Example Health Trust', contactName: 'Morgan Records', contactEmail: 'morgan.records@example.org' }),
  });
  if (asked.status !== 201) throw new Error(`Asking for records answered ${asked.status}`);
  return reference;
}

/** The newest sign-in code emailed to `to` since the mailbox held `since` messages. */
async function signInCode(platform: LocalPlatform, to: string, since: number): Promise<string> {
  return eventually(
    async () => {
      const mail = (await readMailbox(platform.sesEndpoint)).slice(since).filter((m) => m.to.includes(to) && /code/i.test(m.subject));
      return /\b(\d{6,8})\b/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
    },
    (c) => c !== '',
    `the sign-in code for ${to}`,
  );
}

/** Signs in on the sign-in page with the keyboard only (password, then the emailed code). */
export async function signInByKeyboard(page: Page, platform: LocalPlatform, email: string): Promise<void> {
  await page.locator('#email').focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(platform.localStaff.password);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/sign-in/code');
  await page.locator('#code').focus();
  await page.keyboard.type(await signInCode(platform, email, before));
  await page.keyboard.press('Enter');
}

/**
 * Why a page scrolls sideways: its scroll width, then the boxes and the text
 * that stick out past the right edge (outside the tables' own scrolling
 * regions). Empty when nothing does.
 */
export function whatSticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const width = document.documentElement.scrollWidth;
    if (width <= limit) return [];
    const out = [`page is ${width} px wide in a ${limit} px window`];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`;
    for (const el of document.querySelectorAll('body *')) {
      if (out.length > 6) break;
      if (el.parentElement?.closest('.app-table-wrapper')) continue;
      const right = el.getBoundingClientRect().right;
      if (right > limit + 1) out.push(`${name(el)} (${Math.round(right)} px)`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && out.length < 12; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.app-table-wrapper') || !node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const right = range.getBoundingClientRect().right;
      if (right > limit + 1) out.push(`text in ${name(parent)}: “${node.textContent.trim().slice(0, 40)}” (${Math.round(right)} px)`);
    }
    return out;
  });
}
