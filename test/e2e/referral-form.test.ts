import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { json, RETRY_AFTER_SECONDS, SERVICE_BUSY_MESSAGE } from '../../functions/middleware/http.js';
import { chooseRadio, expectErrorSummary, expectNoAxeViolations, launchChromium, pressButton, tabTo, tick, typeInto } from './browser.js';

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let dataDir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
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

/** Presses Continue on an empty page, checks the error state, then fills the page. */
async function errorsFirst(label: string, expectedError: string) {
  await pressButton(page, 'Continue');
  await expect.poll(() => page.title()).toMatch(/^Error: /);
  const summary = page.locator('.govuk-error-summary');
  await expect.poll(() => summary.textContent()).toContain(expectedError);
  // The error summary takes focus so a screen reader hears it at once.
  expect(await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null)).toBe(true);
  await expectNoAxeViolations(page, `${label} (errors)`);
}

async function onPage(path: string, heading: RegExp) {
  await page.waitForURL((u) => u.pathname === path);
  await expect.poll(() => page.locator('h1').first().textContent()).toMatch(heading);
  await expectNoAxeViolations(page, path);
}

describe('a referrer submits a referral by keyboard alone', () => {
  it('goes from the start page, confirming their email, to a reference and three emails', async () => {
    await page.goto(platform.appUrl);
    await onPage('/', /Refer a case/i);
    await pressButton(page, 'Start now');

    await onPage('/your-details', /your details/i);
    await errorsFirst('your details', 'Enter your full name');
    await typeInto(page, 'referrer-fullName', 'Alex Keyboard');
    await typeInto(page, 'referrer-role', 'Designated safeguarding lead');
    await typeInto(page, 'referrer-organisation', 'Example Primary School');
    await chooseRadio(page, 'referrer.agencyType', 'education');
    await typeInto(page, 'referrer-email', 'alex.keyboard@example.org');
    await typeInto(page, 'referrer-phone', '01632 960 001');
    await pressButton(page, 'Continue');

    // The work email is confirmed with a code before the referral can be accepted.
    await onPage('/confirm-email', /Confirm your email address/);
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await pressButton(page, 'Send the code');
    await onPage('/confirm-email/code', /Check your email/);
    let code = '';
    await expect
      .poll(async () => {
        const mail = (await readMailbox(platform.sesEndpoint)).slice(before).filter((m) => m.to.includes('alex.keyboard@example.org'));
        code = /\b(\d{8})\b/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
        return code;
      })
      .toMatch(/^\d{8}$/);
    await typeInto(page, 'code', code);
    await pressButton(page, 'Continue');

    await onPage('/about-the-child', /About the child/);
    await errorsFirst('about the child', "Enter the child's first name");
    await typeInto(page, 'child-firstNames', 'Robin');
    await typeInto(page, 'child-lastName', 'Testchild');
    await chooseRadio(page, 'child.dateOfBirthKnown', 'yes');
    await typeInto(page, 'child-dateOfBirth', '12');
    await typeInto(page, 'child-dateOfBirth-month', '4');
    await typeInto(page, 'child-dateOfBirth-year', '2018');
    await chooseRadio(page, 'child.gender', 'not-known');
    await typeInto(page, 'child-ethnicity', 'Not recorded');
    await typeInto(page, 'child-homeLocalAuthority', 'Example Borough');
    await chooseRadio(page, 'child.lookedAfter', 'no');
    await chooseRadio(page, 'child.childProtectionStatus', 'previous');
    // A reload in the same tab keeps the answers (session storage).
    await page.reload();
    await expect.poll(() => page.inputValue('#child-firstNames')).toBe('Robin');
    await pressButton(page, 'Continue');

    await onPage('/what-happened', /What happened/i);
    await errorsFirst('what happened', 'Select what happened to the child');
    await chooseRadio(page, 'incident.type', 'death');
    await typeInto(page, 'incident-date', '20');
    await typeInto(page, 'incident-date-month', '11');
    // Before the child was born (12 April 2018): refused, in the shared schema's words.
    await typeInto(page, 'incident-date-year', '2017');
    await typeInto(page, 'incident-summary', 'A short fictional account typed by keyboard.');
    await pressButton(page, 'Continue');
    await expectErrorSummary(page, 'Date it happened must be the same as or after the child’s date of birth');
    await expectNoAxeViolations(page, 'what happened (before birth)');
    await page.fill('#incident-date-year', '');
    await typeInto(page, 'incident-date-year', '2026');
    await pressButton(page, 'Continue');

    await onPage('/concerns', /./);
    await errorsFirst('concerns', 'Select whether abuse or neglect is known or suspected');
    await chooseRadio(page, 'concerns.abuseOrNeglect', 'suspected');
    await chooseRadio(page, 'concerns.interAgencyConcerns', 'yes');
    await typeInto(page, 'concerns-interAgencyConcernsDetail', 'Information was not shared between agencies.');
    await pressButton(page, 'Continue');

    await onPage('/further-criteria', /./);
    await tick(page, 'furtherCriteria.met', 'risk-unrecognised');
    await tick(page, 'furtherCriteria.met', 'child-protection-plan');
    await pressButton(page, 'Continue');

    await onPage('/other-children', /./);
    await errorsFirst('other children', 'Select whether other children may be at risk of harm');
    await chooseRadio(page, 'otherChildren.atRisk', 'yes');
    await typeInto(page, 'otherChildren-actionTaken', 'Siblings placed with relatives.');
    await pressButton(page, 'Continue');

    await onPage('/other-agencies', /./);
    await errorsFirst('other agencies', 'Select the agencies known to the child or family');
    await chooseRadio(page, 'involvement.otherAuthoritiesInvolved', 'no');
    await tick(page, 'involvement.agenciesKnown', 'education');
    await tick(page, 'involvement.agenciesKnown', 'health');
    await pressButton(page, 'Continue');

    await onPage('/check-your-answers', /Check your answers/i);
    expect(await page.locator('main').textContent()).toContain('Robin');

    // A busy moment: the first send gets the API's 503 (as its error mapper answers a throttled or
    // unreachable DynamoDB). The page says so, keeps the answers, and sending again works.
    let refused = 0;
    await page.route('**/api/referrals', async (route) => {
      if (route.request().method() !== 'POST' || refused > 0) return route.continue();
      refused++;
      const busy = json(503, { message: SERVICE_BUSY_MESSAGE }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
      return route.fulfill({ status: busy.statusCode!, headers: busy.headers as Record<string, string>, body: String(busy.body) });
    });
    await pressButton(page, 'Accept and send');
    const problem = page.locator('.govuk-error-summary');
    await expect.poll(() => problem.textContent()).toContain('The service is busy at the moment');
    expect(await problem.textContent()).toContain('Your answers have been kept in this browser tab');
    expect(await problem.textContent()).toContain(`Wait ${RETRY_AFTER_SECONDS} seconds, then select “Accept and send” again`);
    expect(await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null)).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Robin');
    await expectNoAxeViolations(page, 'check your answers (service busy)');
    expect(refused).toBe(1);
    await page.unroute('**/api/referrals');
    await pressButton(page, 'Accept and send');

    await onPage('/confirmation', /Referral sent/);
    const reference = (await page.locator('.govuk-panel__body strong').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^SCR-\d{4}-\d{4}$/);

    // Submitted drafts do not linger in the tab.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('draft')))).toEqual([]);

    await expect
      .poll(async () => (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference)).length, {
        timeout: 20_000,
      })
      .toBe(3);
    const mail = (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference));
    expect(mail.flatMap((m) => m.to).sort()).toEqual(['alex.keyboard@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
    for (const m of mail) expect(m.subject + m.text + m.html).not.toMatch(/Robin|Testchild|2018|fictional account|Siblings/);
    // The app runs under the strict Content-Security-Policy without breaking it.
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  }, 120_000);
});

describe('every other page passes axe', () => {
  it.each(['/accessibility', '/privacy', '/no-such-page'])('%s', async (path) => {
    await page.goto(`${platform.appUrl}${path}`);
    await page.locator('h1').first().waitFor();
    await expectNoAxeViolations(page, path);
    await tabTo(page, 'a.govuk-skip-link');
  });
});
