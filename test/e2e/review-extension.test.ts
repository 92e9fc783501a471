import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { makeReferral } from '../factories/referral.js';
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
 * Once the Board chair has decided on a serious case review, the business
 * manager keeps its timescale (paras 8.4, 8.5) and Ofsted's notification
 * form (6.1), by keyboard alone: asks for a new timescale, records the one
 * agreed, and sees the case's completion date move with who agreed it,
 * when and why.
 */
const REFERRER = 'jo.referrer@example.org';
const SUB_COMMITTEE_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const BUSINESS_MANAGER = 'lscb-business-manager@example.org';

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let dataDir: string;
let reference = '';
let managerToken = '';
const consoleErrors: string[] = [];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "5 March 2026", as the pages write dates. */
const long = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
};
/** The ISO date `months` calendar months after `iso` (day kept, clamped to 28). */
const monthsAfter = (iso: string, months: number) => {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
  return date.toISOString().slice(0, 10);
};

const onPage = (path: string, heading: RegExp) => expectOnPage(page, path, heading, `${path} (${heading.source})`);
const casePath = () => `/cases/${reference}`;
const reviewPath = () => `${casePath()}/review`;
const timescalePath = () => `${casePath()}/timescale`;

/** Waits for `fn` to give a value `ok` accepts (usable in beforeAll, where expect.poll is not). */

/** The action link's secret in the newest "Action needed" email about the case to `to`. */
async function actionSecretFor(to: string): Promise<string> {
  const secretIn = async () => {
    const mail = (await readMailbox(platform.sesEndpoint)).filter(
      (m: CapturedEmail) => m.to.includes(to) && m.subject.startsWith('Action needed') && m.subject.includes(reference),
    );
    return /\/act#([A-Za-z0-9_-]{40,64})/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
  };
  return eventually(secretIn, (s) => s !== '', `the action email to ${to}`);
}

/** A chair acts from their emailed link, through the API. */
async function actAs(email: string, body: unknown): Promise<void> {
  const secret = await actionSecretFor(email);
  const token = (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-action-token': secret, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The case as the business manager reads it through the API. */
async function readCase(): Promise<{ status: string; review?: { completion: { dueDate: string } } }> {
  const res = await fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${managerToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; review?: { completion: { dueDate: string } } };
}

/** Signs in on the sign-in page with password and emailed code, by keyboard. */
async function signIn(on: Page, email: string): Promise<void> {
  await expectOnPage(on, '/sign-in', /^Sign in$/, `sign-in for ${email}`);
  await typeInto(on, 'email', email);
  await typeInto(on, 'password', platform.localStaff.password);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await pressButton(on, 'Continue');
  await expectOnPage(on, '/sign-in/code', /Check your email/, `sign-in code for ${email}`);
  await typeInto(on, 'code', await emailedCode(platform.sesEndpoint, email, before));
  await pressButton(on, 'Continue');
}

/** A new browser tab of its own (another person), reporting console errors. */
async function newPage(): Promise<Page> {
  const other = await (await browser.newContext()).newPage();
  other.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return other;
}

/** Tabs to the in-page link to `href` and follows it with Enter. */
async function followLink(href: string): Promise<void> {
  await page.locator(`a[href="${href}"]`).first().waitFor();
  await tabTo(page, `a[href="${href}"]`, 400);
  await page.keyboard.press('Enter');
}

/** Types a date into a GOV.UK date input (day box id `name`, then `name-month`, `name-year`). */
async function typeDate(name: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await typeInto(page, name, String(Number(d)));
  await typeInto(page, `${name}-month`, String(Number(m)));
  await typeInto(page, `${name}-year`, y ?? '');
}

/** Tabs to a field and replaces what is in it. */
async function replaceText(id: string, text: string): Promise<void> {
  await tabTo(page, `[id="${id}"]`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-e2e-review-extension-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  browser = await launchChromium();
  page = await newPage();

  // Prepare: a referral (a death with abuse suspected), recommended and decided as a serious case review by the chairs.
  const tokens = await signInReferrerLocally(platform, REFERRER);
  const response = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Authorization: `Bearer ${tokens.IdToken}` },
    body: JSON.stringify(makeReferral({ referrer: { email: REFERRER } })),
  });
  expect(response.status).toBe(201);
  reference = ((await response.json()) as { reference: string }).reference;

  await actAs(SUB_COMMITTEE_CHAIR, {
    recommendation: 'serious-case-review',
    rationale: 'The child died and neglect is suspected (paragraphs 3.1 and 3.2).',
    criteriaApplied: ['3.1', '3.2'],
  });
  await actAs(BOARD_CHAIR, { decision: 'serious-case-review', reasons: 'The criteria of paragraphs 3.1 and 3.2 are met.' });

  managerToken = (await signInStaffLocally(platform, BUSINESS_MANAGER, platform.localStaff.password)).IdToken!;
  const decided = await eventually(readCase, (c) => c.review !== undefined, 'the review on the case');
  expect(decided.status).toBe('review-decided');
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the business manager keeps the review’s timescale, by keyboard', () => {
  let firstDue = '';
  let newDue = '';

  it('signs in and opens the decided case', async () => {
    await page.goto(`${platform.appUrl}${timescalePath()}`);
    await signIn(page, BUSINESS_MANAGER);
    await onPage(timescalePath(), /^Timescale$/);

    firstDue = (await readCase()).review!.completion.dueDate;
    await page.locator(`a[href="${casePath()}/review/extension-request"]`).waitFor();
    expect(await page.locator('main').textContent()).toContain(long(firstDue));
    await expectNoAxeViolations(page, 'case page with the review');
  });

  it('records that a new timescale has been asked for (8.5)', async () => {
    await followLink(`${casePath()}/review/extension-request`);
    await onPage(`${casePath()}/review/extension-request`, /^Request a new timescale$/);
    expect(await page.locator('main').textContent()).toContain(long(firstDue));

    await pressButton(page, 'Record request');
    await expectErrorSummary(page, 'Select who you have asked to agree a new timescale');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter why the review cannot be completed in time');
    expect(await page.locator('#reason-error').textContent()).toContain('Enter why the review cannot be completed in time');
    await expectNoAxeViolations(page, 'extension request (errors)');

    await chooseRadio(page, 'approachedRole', 'childrens-services-adviser');
    await typeInto(page, 'reason', 'Criminal proceedings mean key staff cannot be interviewed until the spring.');
    await typeDate('proposedDate', monthsAfter(firstDue, 2));
    await pressButton(page, 'Record request');

    await onPage(timescalePath(), /^Timescale$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Request for a new timescale recorded');
    await page.locator('text=Criminal proceedings mean key staff cannot be interviewed').first().waitFor();
    await expectNoAxeViolations(page, 'case page after the request');
  });

  it('records the agreed extension; a date not after the current one is refused', async () => {
    await followLink(`${casePath()}/review/extension`);
    await onPage(`${casePath()}/review/extension`, /^Record an agreed extension$/);
    const main = await page.locator('main').textContent();
    expect(main).toContain(long(firstDue));
    expect(main).toContain('The completion date has not been extended before.');

    // The request's answers come forward: who was asked and why.
    expect(await page.locator('input[name="agreedByRole"][value="childrens-services-adviser"]').isChecked()).toBe(true);
    await typeInto(page, 'agreedByName', 'Alex Adviser');
    const today = new Date().toISOString().slice(0, 10);
    await typeDate('agreedOn', today);
    await typeDate('newDueDate', firstDue);
    await pressButton(page, 'Record new timescale');
    await expectErrorSummary(page, 'New completion date must be after the current completion date, ');
    // Dates are written with the day of the week: "Thursday 1 April 2027".
    expect(await page.locator('.govuk-error-summary').first().textContent()).toMatch(new RegExp(`current completion date, [A-Z][a-z]+day ${long(firstDue)}`));
    expect(await page.locator('#newDueDate-error').textContent()).toContain('must be after');
    await expectNoAxeViolations(page, 'extension (date not after)');

    newDue = monthsAfter(firstDue, 2);
    await replaceText('newDueDate', String(Number(newDue.slice(8, 10))));
    await replaceText('newDueDate-month', String(Number(newDue.slice(5, 7))));
    await replaceText('newDueDate-year', newDue.slice(0, 4));
    await replaceText('reason', 'Agreed to allow for the criminal trial timetable.');
    await pressButton(page, 'Record new timescale');

    await onPage(timescalePath(), /^Timescale$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toMatch(new RegExp(`New completion date recorded: [A-Z][a-z]+day ${long(newDue)}`));
    expect((await readCase()).review!.completion.dueDate).toBe(newDue);
    await page.locator('text=Alex Adviser').first().waitFor();
    const after = await page.locator('main').textContent();
    expect(after).toContain(long(newDue));
    expect(after).toContain('Alex Adviser');
    expect(after).toContain(long(today));
    expect(after).toContain('Agreed to allow for the criminal trial timetable.');
    await expectNoAxeViolations(page, 'case page with the extension');

    // The extension page lists it as an earlier extension.
    await followLink(`${casePath()}/review/extension`);
    await onPage(`${casePath()}/review/extension`, /^Record an agreed extension$/);
    const history = await page.locator('main').textContent();
    expect(history).toContain('Extension 1');
    expect(history).toMatch(new RegExp(`${long(newDue)} \\(was [A-Z][a-z]+day ${long(firstDue)}\\)`));
  });

  it('the API refuses a new date that is not after the current one', async () => {
    const res = await fetch(`${platform.apiUrl}/cases/${reference}/review/extensions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        agreedByRole: 'ofsted',
        agreedByName: 'Pat Inspector',
        agreedOn: new Date().toISOString().slice(0, 10),
        newDueDate: newDue,
        reason: 'Trying the same date again.',
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { name: string; href: string; text: string }[] };
    expect(body.errors.map((e) => e.name)).toContain('newDueDate');
  });

  it('completes Ofsted’s notification form (6.1): it is checked, saved and readable as a record', async () => {
    // Back to the timescale by the back link, then to the review by the case's sub navigation.
    await followLink(timescalePath());
    await onPage(timescalePath(), /^Timescale$/);
    await followLink(reviewPath());
    await onPage(reviewPath(), /^Serious case review$/);
    await followLink(`${casePath()}/review/ofsted-form`);
    await onPage(`${casePath()}/review/ofsted-form`, /^Ofsted’s form$/);
    // Prefilled from the referral.
    expect(await page.locator('#childFirstNames').inputValue()).toBe('Sam');
    expect(await page.locator('#childLastName').inputValue()).toBe('Fictional');
    expect(await page.locator('#childDateOfBirth-year').inputValue()).toBe('2018');

    await typeInto(page, 'notifierPhone', 'not a number');
    await pressButton(page, 'Save form');
    await expectErrorSummary(page, 'Enter the notifying authority');
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Enter a telephone number, like 01632 960 001 or 07700 900 982');
    expect(summary).toContain('Enter the parents or carers, one per line');
    await expectNoAxeViolations(page, 'Ofsted form (errors)');

    await typeInto(page, 'notifyingAuthority', 'Example Borough Council');
    await typeInto(page, 'notifierName', 'Lee Manager');
    await typeInto(page, 'notifierRole', 'LSCB business manager');
    await replaceText('notifierPhone', '01632 960 001');
    await typeDate('notifiedOn', new Date().toISOString().slice(0, 10));
    await typeInto(page, 'parents', 'Parent One, mother');
    await pressButton(page, 'Save form');

    await onPage(reviewPath(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Ofsted’s form saved');

    await followLink(`${casePath()}/notification`);
    await onPage(`${casePath()}/notification`, /^Serious case review notification$/);
    const record = await page.locator('main').textContent();
    expect(record).toContain('Example Borough Council');
    expect(record).toContain('Lee Manager');
    expect(record).toContain('Sam Fictional');
    expect(record).toContain('12 April 2018');

    // Back to the review by the back link.
    await followLink(reviewPath());
    await onPage(reviewPath(), /^Serious case review$/);
  });
});

describe('parallel proceedings, publication and a joint review (3.4, 3.5, 7.1, 8.6-8.8), by keyboard', () => {
  const NEIGHBOURING_CHAIR = 'chair@neighbouring-lscb.example.org';

  it('records a coroner’s inquest alongside the review', async () => {
    await followLink(`${casePath()}/review/proceedings/add`);
    await onPage(`${casePath()}/review/proceedings/add`, /^Record parallel proceedings$/);
    expect(await page.locator('main').textContent()).toContain('paragraph 8.7');

    await pressButton(page, 'Add proceedings');
    await expectErrorSummary(page, 'Select the kind of proceedings');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter who is conducting them and any reference');
    await expectNoAxeViolations(page, 'proceedings (errors)');

    await chooseRadio(page, 'kind', 'coroner');
    await typeInto(page, 'details', 'HM Coroner for Example, inquest ref EX-123');
    await typeDate('startedOn', '2026-11-23');
    await pressButton(page, 'Add proceedings');
    await onPage(reviewPath(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Coroner');
    await page.locator('text=HM Coroner for Example, inquest ref EX-123').first().waitFor();
  });

  it('puts publication on hold, saying early lessons are still recorded (8.8)', async () => {
    await followLink(`${casePath()}/review/publication-hold`);
    await onPage(`${casePath()}/review/publication-hold`, /^Publication hold$/);
    expect(await page.locator('main').textContent()).toContain('Early lessons learned are still recorded');

    await pressButton(page, 'Save');
    await expectErrorSummary(page, 'Select whether publication is on hold');
    await chooseRadio(page, 'hold', 'yes');
    await pressButton(page, 'Save');
    await expectErrorSummary(page, 'Enter why publication is on hold');
    await expectNoAxeViolations(page, 'publication hold (errors)');

    await typeInto(page, 'reason', 'Waiting for the coroner’s inquest to conclude.');
    await pressButton(page, 'Save');
    await onPage(reviewPath(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Publication of the review is on hold');
  });

  it('records an early lesson while publication is on hold (8.8)', async () => {
    await followLink(`${casePath()}/review/early-lessons/add`);
    await onPage(`${casePath()}/review/early-lessons/add`, /^Record an early lesson$/);
    await pressButton(page, 'Record the lesson');
    await expectErrorSummary(page, 'Enter the lesson');
    await expectNoAxeViolations(page, 'early lesson (errors)');
    await typeInto(page, 'lesson', 'Share hospital discharge summaries with the GP on the same day.');
    await typeInto(page, 'actionBy', 'Example Health Trust');
    await pressButton(page, 'Record the lesson');
    await onPage(reviewPath(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Early lesson recorded');
    const lessons = (await page.locator('#review-early-lessons ~ dl').first().textContent()) ?? '';
    expect(lessons).toContain('Share hospital discharge summaries with the GP on the same day.');
    expect(lessons).toContain('Acted on by Example Health Trust');
  });

  it('asks another Board’s chair about a joint review', async () => {
    await followLink(`${casePath()}/review/joint`);
    await onPage(`${casePath()}/review/joint`, /^Joint review with other Boards$/);
    await page.locator('input[name="boards"]').first().waitFor();

    await pressButton(page, 'Ask the other Boards’ chairs');
    await expectErrorSummary(page, 'Select the other Boards involved');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select how the review should be conducted');
    await expectNoAxeViolations(page, 'joint review (errors)');

    // The Boards come from the Board configuration.
    await tick(page, 'boards', 'Neighbouring LSCB');
    await chooseRadio(page, 'proposal', 'joint-review');
    await pressButton(page, 'Ask the other Boards’ chairs');
    await onPage(reviewPath(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('have been asked');
  });

  it('the other Board’s chair disagrees from their emailed link', async () => {
    let link = '';
    await expect
      .poll(
        async () => {
          const mail = (await readMailbox(platform.sesEndpoint)).filter(
            (m) => m.to.includes(NEIGHBOURING_CHAIR) && m.subject.startsWith('Action needed') && m.subject.includes(reference),
          );
          link = /(https?:\/\/\S+\/act#[A-Za-z0-9_-]{40,64})/.exec(mail.at(-1)?.text ?? '')?.[1] ?? '';
          return link;
        },
        { timeout: 20_000 },
      )
      .not.toBe('');
    const chair = await newPage();
    await chair.goto(link);
    await signIn(chair, NEIGHBOURING_CHAIR);
    await expectOnPage(chair, '/act', /^Agree how the serious case review is conducted$/, 'joint answer');
    const asked = await chair.locator('main').textContent();
    expect(asked).toContain('A joint review, the panels working together as an expanded panel (3.4 B)');
    expect(asked).toContain('Neighbouring LSCB');

    await pressButton(chair, 'Send answer');
    await expectErrorSummary(chair, 'Select whether you agree');
    await expectNoAxeViolations(chair, 'joint answer (errors)');

    await chooseRadio(chair, 'answer', 'disagree');
    await typeInto(chair, 'comment', 'Our involvement was limited: a single Board review would suit.');
    await pressButton(chair, 'Send answer');
    await expect.poll(() => chair.locator('h1').first().textContent()).toBe('Answer sent');
    await expect.poll(() => chair.evaluate(() => document.activeElement?.matches('h1') ?? false)).toBe(true);
    await expectNoAxeViolations(chair, 'joint answer sent');

    // The same link again changes nothing and says so.
    await chair.goto(link);
    await expect.poll(() => chair.locator('h1').first().textContent()).toBe('The answer has already been recorded');
    expect(await chair.locator('form button.govuk-button').count()).toBe(0);
    await expectNoAxeViolations(chair, 'joint answer already recorded');
    await chair.context().close();
  });

  it('the chairs disagreed, so the final decision is recorded (3.5)', async () => {
    // The case page as it is now (the answer came in since it was drawn).
    await page.reload();
    await page.locator(`a[href="${casePath()}/review/joint/final-decision"]`).waitFor();
    await followLink(`${casePath()}/review/joint/final-decision`);
    await onPage(`${casePath()}/review/joint/final-decision`, /^Record the final decision on a joint review$/);
    expect(await page.locator('main').textContent()).toContain('Our involvement was limited');

    await pressButton(page, 'Record final decision');
    await expectErrorSummary(page, 'Select what was decided');
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select who made the final decision');
    expect(summary).toContain('Enter the date decided');
    await expectNoAxeViolations(page, 'joint final decision (errors)');

    await chooseRadio(page, 'outcome', 'single-board');
    await chooseRadio(page, 'decidedBy', 'chief-executives');
    await typeDate('decidedOn', new Date().toISOString().slice(0, 10));
    await pressButton(page, 'Record final decision');
    await onPage(reviewPath(), /^Serious case review$/);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('Final decision on the joint review recorded');
  });

  it('Ofsted’s National Business Unit signs in to read the notification record', async () => {
    const nbu = await newPage();
    await nbu.goto(`${platform.appUrl}${casePath()}/notification`);
    await signIn(nbu, 'ofsted-nbu@example.org');
    await expectOnPage(nbu, `${casePath()}/notification`, /^Serious case review notification$/, 'notification as the NBU');
    const record = await nbu.locator('main').textContent();
    expect(record).toContain('Example Borough Council');
    expect(record).toContain('Sam Fictional');
    await nbu.context().close();

    // The app runs under the strict Content-Security-Policy without breaking it.
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
