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
import { panelAgencies } from '../../functions/schemas/review.js';
import {
  chooseRadio,
  emailedCode,
  expectErrorSummary,
  expectNoAxeViolations,
  expectOnPage,
  launchChromium,
  pressButton,
  tabTo,
  tick,
  typeInto,
} from './browser.js';
import { eventually } from '../support/eventually.js';

/**
 * The review panel in a real browser, by keyboard alone (paras 4.3-4.6,
 * 8.3, 10.3): once the Board chair has decided on a serious case review,
 * the business manager cannot start it until the panel has every agency
 * paragraph 4.3 requires and each agency has confirmed its representative;
 * they also ask an agency to secure its records and record that it did.
 */
const REFERRER = 'alex.referrer@example.org';
const SUB_COMMITTEE_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const BUSINESS_MANAGER = 'lscb-business-manager@example.org';
const SHA_BOUNCES = 'bounce@simulator.amazonses.com';

/** Required agencies (4.3) and a representative of each; names avoid the agencies' own words. */
const MEMBERS = [
  { agency: 'social-care', name: 'Ada Lovelace', jobTitle: 'Head of Safeguarding', organisation: 'Example City Council', email: 'ada.lovelace@example.org' },
  { agency: 'education', name: 'Brendan Ure', jobTitle: 'Head of Inclusion', organisation: 'Example City Council', email: 'brendan.ure@example.org' },
  { agency: 'health', name: 'Chidi Okafor', jobTitle: 'Designated Nurse', organisation: 'Example Primary Care Trust', email: 'chidi.okafor@example.org' },
] as const;
const POLICE = { agency: 'police', name: 'Dana Scully', jobTitle: 'Detective Inspector', organisation: 'Example Constabulary', email: 'dana.scully@example.org' } as const;

/** The agency's label as the shared list (and so the page) words it. */
const label = (agency: string) => panelAgencies.find((a) => a.value === agency)?.label ?? agency;
const SOCIAL_CARE = label('social-care');
const EDUCATION = label('education');

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let dataDir: string;
let reference = '';
const consoleErrors: string[] = [];

const mailFor = async (to: string, filter: (m: CapturedEmail) => boolean) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes(to) && filter(m));
const caseUrl = () => `/cases/${reference}`;
const reviewUrl = () => `${caseUrl()}/review`;
const onPage = (path: string, heading: RegExp) => expectOnPage(page, path, heading, `${path} (${heading.source})`);
const mainText = async () => (await page.locator('main').textContent()) ?? '';
/** Today in Europe/London as day, month and year, for the date fields. */
const today = () => {
  const [d, m, y] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .format(new Date())
    .split('/');
  return { day: d ?? '', month: m ?? '', year: y ?? '' };
};

/** The secret in the newest "Action needed" email about the case to `to`. */
const actionSecret = (to: string): Promise<string> =>
  eventually(
    async () => {
      const mail = await mailFor(to, (m) => m.subject.startsWith('Action needed') && m.subject.includes(reference));
      return /\/act#([A-Za-z0-9_-]{40,64})/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
    },
    (secret) => secret !== '',
    `the action email to ${to}`,
  );

/** A chair acts on their emailed link through the API, signed in as themselves. */
async function act(email: string, body: unknown): Promise<void> {
  const secret = await actionSecret(email);
  const token = (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-action-token': secret, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Follows a link on the current page by tabbing to it and pressing Enter. */
async function followLink(href: string): Promise<void> {
  await tabTo(page, `a[href="${href}"]`, 250);
  await page.keyboard.press('Enter');
}

/** Types a date into a GOV.UK date input by keyboard. */
async function typeDate(name: string, date: { day: string; month: string; year: string }): Promise<void> {
  await typeInto(page, name, date.day);
  await typeInto(page, `${name}-month`, date.month);
  await typeInto(page, `${name}-year`, date.year);
}

/** Presses "Start the review" on the case page. */
async function startTheReview(): Promise<void> {
  await tabTo(page, '#panel button', 250);
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Start the review');
  await page.keyboard.press('Enter');
}

const warningText = async () => (await page.locator('#panel-warning').textContent()) ?? '';

/** Adds a panel member from the case page and comes back to it. */
async function addMember(member: { agency: string; name: string; jobTitle: string; organisation: string; email: string }) {
  await followLink(`${caseUrl()}/review/panel/add`);
  await onPage(`${caseUrl()}/review/panel/add`, /^Add a panel member$/);
  await typeInto(page, 'name', member.name);
  await typeInto(page, 'jobTitle', member.jobTitle);
  await typeInto(page, 'organisation', member.organisation);
  await typeInto(page, 'email', member.email);
  await chooseRadio(page, 'agency', member.agency);
  await chooseRadio(page, 'coOpted', 'no');
  await pressButton(page, 'Add to the panel');
  await onPage(reviewUrl(), /^Serious case review$/);
  expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(`${member.name} has been added to the review panel`);
}

/** Records the agency's confirmation (4.6) for the first member still without one. */
async function confirmNextMandate(expectErrors = false) {
  const link = page.locator('a', { hasText: 'Record the agency’s confirmation' }).first();
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(new RegExp(`^${caseUrl()}/review/panel/[^/]+/mandate$`));
  await followLink(href);
  await onPage(href, /^Record the agency’s confirmation$/);
  if (expectErrors) {
    await pressButton(page, 'Record confirmation');
    await expectErrorSummary(page, 'Confirm they have an explicit mandate to represent their organisation');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('Enter their experience and knowledge of the field');
    expect(summary).toContain('Enter the date confirmed');
    expect(await page.locator('#mandate-error').textContent()).toContain('explicit mandate');
    await expectNoAxeViolations(page, 'mandate (errors)');
  }
  await tick(page, 'mandate', 'true');
  await typeInto(page, 'experience', 'Twelve years in child protection, chairs the local case review group.');
  await typeInto(page, 'seniority', 'Head of Service, reports to the director');
  await typeInto(page, 'confirmedBy', 'Pat Director');
  await typeDate('confirmedOn', today());
  await pressButton(page, 'Record confirmation');
  await onPage(reviewUrl(), /^Serious case review$/);
  expect(await page.locator('.govuk-notification-banner--success').textContent()).toMatch(/confirmation for .+ has been recorded/);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-review-panel-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  // Prepare: a referral that meets the mandatory criteria, recommended and decided on through the real API.
  const tokens = await signInReferrerLocally(platform, REFERRER);
  const response = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${tokens.IdToken}` },
    body: JSON.stringify(makeReferral({ referrer: { email: REFERRER } })),
  });
  expect(response.status).toBe(201);
  reference = ((await response.json()) as { reference: string }).reference;

  await act(SUB_COMMITTEE_CHAIR, {
    recommendation: 'serious-case-review',
    rationale: 'The child died and neglect is suspected: paragraphs 3.1 and 3.2 apply.',
    criteriaApplied: ['3.1', '3.2'],
  });
  // The Strategic Health Authority's address bounces (SES's simulator), so its notification (6.4) fails.
  const manager = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
  const current = await fetch(`${platform.apiUrl}/board-config`, { headers: { authorization: `Bearer ${manager}` } });
  const config = (await current.json()) as { strategicHealthAuthority: { name: string; email: string } };
  const saved = await fetch(`${platform.apiUrl}/board-config`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json', 'if-match': current.headers.get('etag') ?? '' },
    body: JSON.stringify({ ...config, strategicHealthAuthority: { ...config.strategicHealthAuthority, email: SHA_BOUNCES } }),
  });
  expect(saved.status, await saved.clone().text()).toBe(200);

  await act(BOARD_CHAIR, { decision: 'serious-case-review', reasons: 'The criteria for a serious case review are met.' });

  await eventually(
    async () => {
      const res = await fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${manager}` } });
      return (await res.json()) as { status?: string; review?: unknown };
    },
    (body) => body.status === 'review-decided' && body.review !== undefined,
    'the case to show its review',
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the business manager sets up the review panel, by keyboard', () => {
  it('signs in and sees what the panel lacks (4.3)', async () => {
    await page.goto(`${platform.appUrl}${reviewUrl()}`);
    await onPage('/sign-in', /^Sign in$/);
    await typeInto(page, 'email', BUSINESS_MANAGER);
    await typeInto(page, 'password', platform.localStaff.password);
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await pressButton(page, 'Continue');
    await onPage('/sign-in/code', /Check your email/);
    await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, BUSINESS_MANAGER, before));
    await pressButton(page, 'Continue');

    await onPage(reviewUrl(), /^Serious case review$/);
    await page.getByRole('heading', { name: 'Serious case review', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'case page with the review');
    const warning = await warningText();
    expect(warning).toContain('The review cannot start yet');
    for (const agency of [SOCIAL_CARE, EDUCATION, 'Health', 'Police']) expect(warning).toContain(agency);
    expect(await mainText()).toContain('No one has been added to the panel yet.');
  });

  it('cannot start the review without the agencies paragraph 4.3 requires', async () => {
    await startTheReview();
    await expectErrorSummary(page, 'Police');
    expect(await page.locator('#panel-error').textContent()).toContain('Police');
    await expectNoAxeViolations(page, 'case page (cannot start)');
    // The summary's link goes to the Start the review part of the page.
    await tabTo(page, '.govuk-error-summary a');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('panel');
  });

  it('adds a panel member, with the shared schema’s messages first', async () => {
    await followLink(`${caseUrl()}/review/panel/add`);
    await onPage(`${caseUrl()}/review/panel/add`, /^Add a panel member$/);
    expect(await page.locator('.govuk-inset-text').textContent()).toContain('Police');
    await pressButton(page, 'Add to the panel');
    await expectErrorSummary(page, 'Enter their full name');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('Select which agency or field they represent');
    expect(summary).toContain('Select whether they are co-opted for this review');
    await expectNoAxeViolations(page, 'add a panel member (errors)');

    // Cancel goes back to the case without adding anyone.
    await followLink(reviewUrl());
    await onPage(reviewUrl(), /^Serious case review$/);
    expect(await mainText()).toContain('No one has been added to the panel yet.');
    for (const member of MEMBERS) await addMember(member);
  }, 120_000);

  it('is still blocked, naming Police, with three of the four agencies', async () => {
    const warning = await warningText();
    expect(warning).toContain('Police');
    expect(warning).not.toContain(SOCIAL_CARE);
    expect(warning).not.toContain(EDUCATION);
    await startTheReview();
    await expectErrorSummary(page, 'Police');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).not.toContain(SOCIAL_CARE);
    expect(summary).not.toContain('Health');
  });

  it('adds Police, records each agency’s confirmation (4.6), then starts the review', async () => {
    await addMember(POLICE);
    expect(await warningText()).not.toContain('The panel has no one from');
    expect(await warningText()).toContain('(paragraph 4.6)');

    await confirmNextMandate(true);
    for (let i = 1; i < MEMBERS.length + 1; i++) await confirmNextMandate();
    expect(await page.locator('a', { hasText: 'Record the agency’s confirmation' }).count()).toBe(0);
    expect(await page.locator('#panel-warning').count()).toBe(0);

    await startTheReview();
    await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('The review has started');
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('.govuk-notification-banner--success') ?? false)).toBe(true);
    await expect.poll(mainText).toContain('The review started on');
    expect(await page.locator('#panel button').count()).toBe(0);
    await expectNoAxeViolations(page, 'case page (review started)');
  }, 120_000);
});

describe('a statutory notification that failed (6.4), by keyboard', () => {
  it('is shown as failed and sent again with a POST button', async () => {
    const row = page.locator('#review-notifications ~ .app-table-wrapper tr', { hasText: 'Strategic Health Authority' });
    // The bounce arrives after the email is sent: reload the case page until it shows.
    await expect
      .poll(
        async () => {
          if ((await row.textContent())?.includes('Failed')) return true;
          await page.reload();
          await page.getByRole('heading', { name: 'Serious case review', exact: true }).waitFor();
          return (await row.textContent())?.includes('Failed') ?? false;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    expect(await row.textContent()).toContain(SHA_BOUNCES);
    // Delivered notifications cannot be sent again.
    expect(await page.locator('#review-notifications ~ .app-table-wrapper button').count()).toBe(1);

    await tabTo(page, '#review-notifications ~ .app-table-wrapper button', 250);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Send again to The Strategic Health Authority');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.govuk-notification-banner--success').textContent())
      .toContain('The notification to The Strategic Health Authority is being sent again');
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('.govuk-notification-banner--success') ?? false)).toBe(true);
    await expect.poll(() => row.textContent()).toContain('2 attempts');
    await expectNoAxeViolations(page, 'case page (notification sent again)');
  }, 60_000);
});

describe('records secured (8.3, 10.3), by keyboard', () => {
  it('asks an agency to secure its records', async () => {
    await followLink(`${caseUrl()}/review/records/add`);
    await onPage(`${caseUrl()}/review/records/add`, /^Ask an agency to secure its records$/);
    // The referral's answers say which agencies knew the child or family (makeReferral: education and health).
    const named = (await page.locator('.govuk-inset-text').textContent()) ?? '';
    expect(named).toContain('Education');
    expect(named).toContain('Health');
    await pressButton(page, 'Send the request');
    await expectErrorSummary(page, 'Enter the agency');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toContain('Enter the name of the senior manager');
    await expectNoAxeViolations(page, 'records request (errors)');

    await typeInto(page, 'agency', 'Example Primary Care Trust');
    await typeInto(page, 'contactName', 'Morgan Records');
    await typeInto(page, 'contactEmail', 'not-an-email');
    await pressButton(page, 'Send the request');
    await expectErrorSummary(page, 'Enter an email address in the correct format');
    await page.fill('#contactEmail', '');
    await typeInto(page, 'contactEmail', 'morgan.records@example.org');
    await pressButton(page, 'Send the request');

    // Nobody has an account for that address, so they could not sign in to confirm: refused, saying how to invite them.
    await expectErrorSummary(page, 'Invite morgan.records@example.org as an agency contributor on the Users page first, then ask again');
    expect(await page.locator('#contactEmail-error').textContent()).toContain('Invite morgan.records@example.org');
    await tabTo(page, 'a[href="/admin/users/invite"]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Invite them on the Users page');
    await expectNoAxeViolations(page, 'records request (no account for the address)');
    expect(await mailFor('morgan.records@example.org', () => true)).toEqual([]);

    // The business manager invites them (through the API here; the Users page has its own tests), then asks again.
    const manager = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
    const invited = await fetch(`${platform.apiUrl}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Morgan Records', email: 'morgan.records@example.org', role: 'agency-contributor' }),
    });
    expect(invited.status).toBe(201);
    await pressButton(page, 'Send the request');

    await onPage(reviewUrl(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
      'We’ve asked Example Primary Care Trust to secure its records',
    );
    const row = page.locator('#review-records ~ .app-table-wrapper tr', { hasText: 'Example Primary Care Trust' });
    expect(await row.textContent()).toContain('Morgan Records');
  });

  it('records that the agency secured them', async () => {
    const link = page.locator('a', { hasText: 'Record records secured' }).first();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${caseUrl()}/review/records/[^/]+/secured$`));
    await followLink(href);
    await onPage(href, /^Record that the records are secured$/);
    expect(await page.locator('#securedBy').inputValue()).toBe('Morgan Records');
    await typeInto(page, 'securedOn', '31');
    await typeInto(page, 'securedOn-month', '2');
    await typeInto(page, 'securedOn-year', today().year);
    await pressButton(page, 'Record records secured');
    await expectErrorSummary(page, 'Date secured must be a real date');
    await expectNoAxeViolations(page, 'records secured (errors)');

    await page.fill('#securedOn', '');
    await page.fill('#securedOn-month', '');
    await page.fill('#securedOn-year', '');
    await typeDate('securedOn', today());
    await pressButton(page, 'Record records secured');
    await onPage(reviewUrl(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
      'Example Primary Care Trust’s records are recorded as secured',
    );
    const row = page.locator('#review-records ~ .app-table-wrapper tr', { hasText: 'Example Primary Care Trust' });
    expect(await row.textContent()).toContain('Done');
    expect(await row.textContent()).toContain('Secured by Morgan Records');

    // The app runs under the strict Content-Security-Policy without breaking it.
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });

  it("the agency's senior manager confirms from the link in their email, signed in, by keyboard", async () => {
    // Prepare: the senior manager has an account (the business manager invited them), and is asked through the API.
    const contact = 'casey.records@example.org';
    const manager = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
    const headers = { authorization: `Bearer ${manager}`, 'content-type': 'application/json' };
    const invited = await fetch(`${platform.apiUrl}/users`, { method: 'POST', headers, body: JSON.stringify({ name: 'Casey Records', email: contact, role: 'agency-contributor' }) });
    expect(invited.status).toBe(201);
    await firstSignIn(platform, contact);
    const asked = await fetch(`${platform.apiUrl}/cases/${reference}/review/records`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ agency: 'Example Health Trust', contactName: 'Casey Records', contactEmail: contact }),
    });
    expect(asked.status).toBe(201);
    const mail = await eventually(() => mailFor(contact, (m) => m.subject.includes('secure your records')), (m) => m.length === 1, 'the records request');
    const link = /(http:\/\/[^\s]+\/act#[A-Za-z0-9_-]+)/.exec(mail[0]!.text)?.[1] ?? '';
    expect(link).not.toBe('');

    // Act: open the link, sign in, confirm.
    const agency = await (await browser.newContext()).newPage();
    await agency.goto(link);
    await expectOnPage(agency, '/sign-in', /^Sign in$/);
    await typeInto(agency, 'email', contact);
    await typeInto(agency, 'password', 'A-new-Passw0rd-for-tests!');
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await pressButton(agency, 'Continue');
    await expectOnPage(agency, '/sign-in/code', /Check your email/);
    await typeInto(agency, 'code', await emailedCode(platform.sesEndpoint, contact, before));
    await pressButton(agency, 'Continue');
    await expectOnPage(agency, '/act', /^Confirm the records are secured$/, 'records confirmation');
    expect(agency.url()).not.toContain('#');
    await pressButton(agency, 'Confirm records secured');
    await expectErrorSummary(agency, 'Enter the name of the senior manager who secured the records');
    await expectNoAxeViolations(agency, 'records confirmation (errors)');
    await typeInto(agency, 'securedBy', 'Casey Records');
    const date = today();
    await typeInto(agency, 'securedOn', date.day);
    await typeInto(agency, 'securedOn-month', date.month);
    await typeInto(agency, 'securedOn-year', date.year);
    await pressButton(agency, 'Confirm records secured');
    await expectOnPage(agency, '/act', /^Confirmation sent$/, 'records confirmed');

    // Assess: the case shows the records as secured by the person who confirmed.
    const view = (await (await fetch(`${platform.apiUrl}/cases/${reference}`, { headers })).json()) as { review: { records: { agency: string; status: string; securedBy?: string }[] } };
    expect(view.review.records.find((r) => r.agency === 'Example Health Trust')).toMatchObject({ status: 'done', securedBy: 'Casey Records' });
  });
});

describe('the sub-committee chair confirms the National Business Unit was notified (6.2), by keyboard', () => {
  it('opens the confirmation from the case page and records it', async () => {
    const chair = await (await browser.newContext()).newPage();
    chair.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await chair.goto(`${platform.appUrl}${reviewUrl()}`);
    await expectOnPage(chair, '/sign-in', /^Sign in$/);
    await typeInto(chair, 'email', SUB_COMMITTEE_CHAIR);
    await typeInto(chair, 'password', platform.localStaff.password);
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await pressButton(chair, 'Continue');
    await expectOnPage(chair, '/sign-in/code', /Check your email/);
    await typeInto(chair, 'code', await emailedCode(platform.sesEndpoint, SUB_COMMITTEE_CHAIR, before));
    await pressButton(chair, 'Continue');
    await expectOnPage(chair, reviewUrl(), /^Serious case review$/, 'case page (sub-committee chair)');
    // Only the business manager starts the review or asks for records; the chair may add panel members.
    expect(await chair.locator(`a[href="${caseUrl()}/review/records/add"]`).count()).toBe(0);

    const path = `${caseUrl()}/review/nbu-confirmation`;
    await tabTo(chair, `a[href="${path}"]`, 250);
    await chair.keyboard.press('Enter');
    await expectOnPage(chair, path, /^Confirm the National Business Unit was notified$/);
    await pressButton(chair, 'Confirm');
    await expectErrorSummary(chair, 'Enter the date');
    await expectNoAxeViolations(chair, 'NBU confirmation (errors)');
    const date = today();
    await typeInto(chair, 'notifiedOn', date.day);
    await typeInto(chair, 'notifiedOn-month', date.month);
    await typeInto(chair, 'notifiedOn-year', date.year);
    await pressButton(chair, 'Confirm');

    await expectOnPage(chair, reviewUrl(), /^Serious case review$/, 'case page (NBU confirmed)');
    expect(await chair.locator('.govuk-notification-banner--success').textContent()).toContain(
      'You have confirmed the National Business Unit was notified',
    );
    expect(await chair.locator(`a[href="${path}"]`).count()).toBe(0);
    const nbu = (await chair.locator('#review-nbu + p + dl').textContent()) ?? '';
    expect(nbu).toContain('Done');
    expect(nbu).toContain(SUB_COMMITTEE_CHAIR);
    await chair.context().close();
  });
});
