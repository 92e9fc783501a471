import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { firstSignIn } from '../support/staff.js';
import { BUSINESS_MANAGER, decidedCase, startWorkspacePlatform } from './workspace-fixture.js';
import { chooseRadio, emailedCode, expectErrorSummary, expectNoAxeViolations, expectOnPage, launchChromium, tabTo, typeInto } from './browser.js';

/**
 * An individual management review written in the browser, by keyboard
 * alone, axe clean on every page (issue 10, Appendix A): from the author's
 * empty draft, a chronology imported from a CSV file (a file with a bad row
 * first: every problem named by its row, nothing imported) and a row each
 * from an Excel workbook and a Word table (parsed in the browser), one row changed
 * and one deleted, all nine questions answered, a recommendation, an
 * interview record (submission refused while it is unshared, then shared),
 * a document attached, submitted; the senior officer accepts the findings through the API (their
 * emailed link's pages are another piece of work) and the author's page shows it.
 */
const SENIOR_OFFICER = 'so@police.example.org';
const AUTHOR = 'author@police.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';

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

/** Tabs to a field, selects what is in it and types over it. */
async function replaceIn(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `[id="${id}"]`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

/** After a reload (a first load: focus starts at the top of the page, as browsers do): the path, the h1 and axe. */
async function expectReloaded(page: Page, path: string, heading: RegExp, label: string): Promise<void> {
  await page.waitForURL((u) => u.pathname === path);
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 45_000 }).toMatch(heading);
  await expectNoAxeViolations(page, label);
}

const successBanner = async (page: Page, text: string) => {
  await expect.poll(() => page.locator('.govuk-notification-banner--success').first().textContent(), { timeout: 45_000 }).toContain(text);
  await expectNoAxeViolations(page, text);
};

const CSV_HEADING = 'Date,Time,Practitioner role,Organisation,What happened,Decision or action taken,Child seen,Child\'s wishes and feelings sought,Child\'s wishes and feelings expressed,Child\'s wishes and feelings recorded,Source record';
const csv = (rows: string[]) => Buffer.from([CSV_HEADING, ...rows].join('\r\n') + '\r\n', 'utf8');
const GOOD_ROWS = [
  '03/06/2026,09:30,Police constable,Northshire Police,Attended the home after a call from a neighbour,Referral to children’s social care,Yes,Yes,Yes,Yes,Incident log 1234',
  'May 2026,,Police constable,Northshire Police,Earlier call about noise,No further action,No,No,Not recorded,No,Incident log 1100',
  'c. 10/06/2026,,Detective sergeant,Northshire Police,Strategy discussion,Section 47 enquiry agreed,Not recorded,No,No,No,Strategy minutes',
];

beforeAll(async () => {
  ({ platform, dataDir } = await startWorkspacePlatform('scr-e2e-imr-'));
  browser = await launchChromium();
  reference = await decidedCase(platform);
  // The senior officer and the author have accounts; the IMR is asked for, its author named and independent: an empty draft.
  for (const [email, role] of [
    [SENIOR_OFFICER, 'senior-officer'],
    [AUTHOR, 'agency-contributor'],
  ] as const) {
    expect((await api(BUSINESS_MANAGER, 'POST', '/users', { name: `Test ${role}`, email, role })).status).toBe(201);
    await firstSignIn(platform, email, PASSWORD);
    // On the case, so that its workspace (the contributions list) opens for them.
    expect((await api(BUSINESS_MANAGER, 'POST', `/cases/${reference}/members`, { email, role })).status).toBe(201);
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

/** A new browser (another person) opening `path`, signed in there by keyboard with password and emailed code. */
async function signedIn(email: string, password: string, path: string, heading: RegExp): Promise<Page> {
  const p = await (await browser.newContext()).newPage();
  p.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await p.goto(`${platform.appUrl}${path}`);
  await expectOnPage(p, '/sign-in', /^Sign in$/, `sign-in for ${email}`);
  await typeInto(p, 'email', email);
  await typeInto(p, 'password', password);
  const before = (await readMailbox(platform.sesEndpoint)).length;
  await press(p, 'Continue');
  await expectOnPage(p, '/sign-in/code', /Check your email/, `sign-in code for ${email}`);
  await typeInto(p, 'code', await emailedCode(platform.sesEndpoint, email, before));
  await press(p, 'Continue');
  await expectOnPage(p, path, heading, `${path} as ${email}`);
  return p;
}

/** A London day as ISO, `days` from today. */
const londonDay = (days = 0) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

/** Types an ISO day into a GOV.UK date input, box by box. */
async function typeDate(page: Page, id: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await replaceIn(page, id, String(Number(d)));
  await replaceIn(page, `${id}-month`, String(Number(m)));
  await replaceIn(page, `${id}-year`, y!);
}

describe('an IMR written in the browser, by keyboard', () => {
  let page: Page;
  let manager: Page;

  it('the author signs in and opens their empty draft from the contributions page', async () => {
    page = await (await browser.newContext()).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${platform.appUrl}/cases/${reference}/contributions`);
    await expectOnPage(page, '/sign-in', /^Sign in$/, 'sign-in');
    await typeInto(page, 'email', AUTHOR);
    await typeInto(page, 'password', PASSWORD);
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await press(page, 'Continue');
    await expectOnPage(page, '/sign-in/code', /Check your email/, 'sign-in code');
    await typeInto(page, 'code', await emailedCode(platform.sesEndpoint, AUTHOR, before));
    await press(page, 'Continue');
    await expectOnPage(page, `/cases/${reference}/contributions`, /^Contributions$/, 'contributions');
    await press(page, 'Northshire Police');
    await expectOnPage(page, imrPath(), /Northshire Police: individual management review/, 'the contribution');
    await expect.poll(() => page.locator('.govuk-task-list').textContent()).toContain('Not started');
  });

  it('imports a chronology from a CSV file: a bad row is named with its line and nothing is imported; then the whole file', async () => {
    await press(page, 'Chronology of involvement');
    await expectOnPage(page, imrPath('chronology'), /^Chronology of involvement$/, 'the empty chronology');
    expect(await page.locator('main').textContent()).toContain('The review period is not agreed yet');
    await tabTo(page, '#chronologyFile');
    await page.setInputFiles('#chronologyFile', { name: 'police.csv', mimeType: 'text/csv', buffer: csv([...GOOD_ROWS, '31/02/2026,,Police constable,Northshire Police,Impossible date,,Yes,Yes,Yes,Yes,']) });
    await press(page, 'Import rows');
    await expectErrorSummary(page, 'Row 5: ');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    expect(summary).toMatch(/Row 5: .*date/i);
    expect(summary).toMatch(/Row 5: .*source record/i);
    await expectNoAxeViolations(page, 'the import with errors');
    expect(await page.locator('main').textContent()).toContain('There are no rows yet.');
    await tabTo(page, '#chronologyFile');
    await page.setInputFiles('#chronologyFile', { name: 'police.csv', mimeType: 'text/csv', buffer: csv(GOOD_ROWS) });
    await press(page, 'Import rows');
    await successBanner(page, '3 rows were imported');
    const dates = await page.locator('table.app-chronology-table tbody tr td:first-child').allTextContents();
    expect(dates).toEqual(['May 2026 (approximate)', '3 June 202609:30', '10 June 2026 (approximate)']);
  });

  it('imports a row from an Excel workbook and one from a table in a Word document, parsed in the browser', async () => {
    const headings = CSV_HEADING.split(',');
    const xlsxRow = ['01/07/2026', '', 'Police constable', 'Northshire Police', 'Welfare check from the workbook', '', 'Yes', 'No', 'No', 'No', 'Incident log 1300'];
    const docxRow = ['15 July 2026', '14:00', 'Police constable', 'Northshire Police', 'Call from the school, from the Word table', '', 'No', 'No', 'No', 'No', 'Incident log 1350'];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Chronology');
    sheet.addRow(headings);
    sheet.addRow(xlsxRow);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const docx = Buffer.from(
      await Packer.toArrayBuffer(
        new Document({
          sections: [{ children: [new Table({ rows: [headings, docxRow].map((cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) })) })] }],
        }),
      ),
    );
    for (const [name, buffer, count] of [
      ['police.xlsx', xlsx, 4],
      ['police.docx', docx, 5],
    ] as const) {
      await tabTo(page, '#chronologyFile');
      await page.setInputFiles('#chronologyFile', { name, mimeType: 'application/octet-stream', buffer });
      await press(page, 'Import rows');
      await successBanner(page, '1 row was imported');
      await expect.poll(() => page.locator('table.app-chronology-table tbody tr').count()).toBe(count);
    }
    const text = (await page.locator('table.app-chronology-table').textContent()) ?? '';
    expect(text).toContain('Welfare check from the workbook');
    expect(text).toContain('Call from the school, from the Word table');
  });

  it('changes one row and deletes another', async () => {
    await press(page, 'Change row: 3 June 2026 09:30');
    await expectOnPage(page, imrPath(`chronology/${await rowIdOf('3 June 2026')}`), /^Change a chronology row$/, 'change a row');
    await replaceIn(page, 'whatHappened', '');
    await press(page, 'Save the row');
    await expectErrorSummary(page, 'Enter what happened');
    await expectNoAxeViolations(page, 'a row with an error');
    await replaceIn(page, 'whatHappened', 'Attended the home after a neighbour’s call; the child was seen asleep');
    await press(page, 'Save the row');
    await expectOnPage(page, imrPath('chronology'), /^Chronology of involvement$/, 'the chronology after a change');
    await successBanner(page, 'The row was changed');
    expect(await page.locator('table.app-chronology-table').textContent()).toContain('the child was seen asleep');
    await press(page, 'Delete row: May 2026 (approximate)');
    await expectOnPage(page, `${imrPath('chronology')}/${await rowIdOf('May 2026')}/delete`, /Are you sure you want to delete this row/, 'delete a row');
    await press(page, 'Delete the row');
    await expectOnPage(page, imrPath('chronology'), /^Chronology of involvement$/, 'the chronology after a delete');
    await successBanner(page, 'The row was deleted');
    expect(await page.locator('table.app-chronology-table tbody tr').count()).toBe(4);
    await press(page, 'Save and come back later');
    await expectOnPage(page, imrPath(), /Northshire Police/, 'back to the contribution');
  });

  it('answers all nine questions, saved to come back later', async () => {
    await press(page, 'Analysis of involvement');
    await expectOnPage(page, imrPath('analysis'), /^Analysis of involvement$/, 'the analysis');
    for (let i = 0; i < 9; i++) await typeInto(page, `content-answers-${i}`, `Answer to question ${i + 1}.`);
    await press(page, 'Save and come back later');
    await successBanner(page, 'Saved');
    // Saved: it is there when the page is opened again.
    await page.reload();
    await expectReloaded(page, imrPath('analysis'), /^Analysis of involvement$/, 'the analysis again');
    await expect.poll(() => page.locator('#content-answers-8').inputValue()).toBe('Answer to question 9.');
    // Someone else (another author's session) saves the section meanwhile: this save is refused clearly and the text typed stays.
    const answers = Array.from({ length: 9 }, (_, i) => `Answer to question ${i + 1}.`);
    // (The page autosaves as it is typed in, so the version is whatever the server holds now.)
    const held = (await api(AUTHOR, 'GET', `/cases/${reference}/contributions/${imrId}/imr`)).body.sections as { section: string; version: number }[];
    const expectedVersion = held.find((s) => s.section === 'analysis')!.version;
    expect((await api(AUTHOR, 'PUT', `/cases/${reference}/contributions/${imrId}/imr/analysis`, { content: { answers, caseSpecific: [] }, expectedVersion })).status).toBe(200);
    await tabTo(page, '[id="content-answers-0"]');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' A second thought.');
    await press(page, 'Save and come back later');
    await expect.poll(() => page.locator('.govuk-error-summary').first().textContent(), { timeout: 45_000 }).toContain('Your changes were not saved');
    expect(await page.locator('#content-answers-0').inputValue()).toBe('Answer to question 1. A second thought.');
    await expectNoAxeViolations(page, 'a save that lost to another');
    // Autosave (on leaving the box) and the explicit save each met the other session's save: 409s only.
    expect(consoleErrors.length).toBeGreaterThan(0);
    expect(new Set(consoleErrors)).toEqual(new Set(['Failed to load resource: the server responded with a status of 409 (Conflict)']));
    consoleErrors.length = 0;
    await press(page, 'Back to the contribution');
    await expectOnPage(page, imrPath(), /Northshire Police/, 'the contribution');
  });

  it('records a recommendation', async () => {
    await press(page, 'Recommendations for action');
    await expectOnPage(page, imrPath('recommendations'), /^Recommendations for action$/, 'recommendations');
    await typeInto(page, 'content-items-0-action', 'Train response officers on neglect indicators');
    await typeInto(page, 'content-items-0-byWhom', 'Head of training, Northshire Police');
    await typeInto(page, 'content-items-0-byWhen', '31');
    await typeInto(page, 'content-items-0-byWhen-month', '3');
    await typeInto(page, 'content-items-0-byWhen-year', '2027');
    await typeInto(page, 'content-items-0-outcome', 'Officers recognise and refer neglect');
    await typeInto(page, 'content-items-0-evaluation', 'Audit of referrals after six months');
    await press(page, 'Save and come back later');
    await successBanner(page, 'Saved');
    await press(page, 'Back to the contribution');
    await expectOnPage(page, imrPath(), /Northshire Police/, 'the contribution');
  });

  it('the business manager changes the due date: never after the review’s completion date', async () => {
    manager = await signedIn(BUSINESS_MANAGER, platform.localStaff.password, imrPath(), /Northshire Police: individual management review/);
    // Before it is submitted the business manager tracks it: no content, no parts to read.
    await expect.poll(() => manager.locator('main').textContent()).toContain('You can read it once it is submitted');
    await press(manager, 'Change the due date');
    await expectOnPage(manager, imrPath('due-date'), /^Change the due date$/, 'the due date');
    await typeDate(manager, 'dueDate', '2099-01-31');
    await typeInto(manager, 'reason', 'The police asked for more time to interview staff');
    await press(manager, 'Change the due date');
    await expectErrorSummary(manager, 'on or before the review’s completion date');
    await expectNoAxeViolations(manager, 'the due date refused');
    // The browser logs the refused request (400) as a console error: that one, and only that one, was expected.
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    consoleErrors.length = 0;
    const due = londonDay(14);
    await typeDate(manager, 'dueDate', due);
    await press(manager, 'Change the due date');
    await expectOnPage(manager, imrPath(), /Northshire Police/, 'the due date changed');
    await successBanner(manager, 'The due date is now');
    expect((await api(BUSINESS_MANAGER, 'GET', `/cases/${reference}/contributions/${imrId}`)).body.dueDate).toBe(due);
  });

  it('attaches a document to the contribution; the senior officer can list it, the business manager not before it is submitted', async () => {
    await tabTo(page, '#file');
    await page.setInputFiles('#file', { name: 'Interview notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Notes of the interview with the duty constable.\n') });
    await press(page, 'Upload file');
    await successBanner(page, 'Interview notes.txt has been attached');
    const listed = await api(SENIOR_OFFICER, 'GET', `/cases/${reference}/files/contribution/${imrId}`);
    expect(listed.status).toBe(200);
    expect((listed.body.files as { fileName: string }[]).map((f) => f.fileName)).toEqual(['Interview notes.txt']);
    expect(listed.body.mayUpload).toBe(false);
    // The business manager reads a contribution only once it is submitted: until then its files are not there for them.
    expect((await api(BUSINESS_MANAGER, 'GET', `/cases/${reference}/files/contribution/${imrId}`)).status).toBe(404);
  });

  it('an interview record not yet shared stops the submission; once shared, the IMR is submitted', async () => {
    await press(page, 'Interview records');
    await expectOnPage(page, imrPath('interviews'), /^Interview records$/, 'interviews');
    await press(page, 'Add an interview');
    await typeInto(page, 'content-items-0-interviewee', 'Duty constable');
    await typeInto(page, 'content-items-0-role', 'Police constable');
    await typeInto(page, 'content-items-0-heldOn', '20');
    await typeInto(page, 'content-items-0-heldOn-month', '11');
    await typeInto(page, 'content-items-0-heldOn-year', '2026');
    await typeInto(page, 'content-items-0-interviewedBy', 'Ann Author');
    await press(page, 'Save and come back later');
    await successBanner(page, 'Saved');
    await press(page, 'Back to the contribution');
    await expectOnPage(page, imrPath(), /Northshire Police/, 'the contribution');
    await press(page, 'Submit to the senior officer');
    await expect.poll(() => page.locator('.govuk-error-summary').first().textContent(), { timeout: 45_000 }).toContain('not been shared with the interviewee');
    await expectNoAxeViolations(page, 'submission refused');
    // The browser logs the refused request (409) as a console error: that one, and only that one, was expected.
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    consoleErrors.length = 0;

    await press(page, 'Interview records');
    await expectOnPage(page, imrPath('interviews'), /^Interview records$/, 'interviews again');
    await typeInto(page, 'content-items-0-sharedOn', '25');
    await typeInto(page, 'content-items-0-sharedOn-month', '11');
    await typeInto(page, 'content-items-0-sharedOn-year', '2026');
    await press(page, 'Save and come back later');
    await successBanner(page, 'Saved');
    await press(page, 'Back to the contribution');
    await expectOnPage(page, imrPath(), /Northshire Police/, 'the contribution');
    await press(page, 'Submit to the senior officer');
    await expectOnPage(page, imrPath(), /Northshire Police/, 'submitted');
    await successBanner(page, 'Submitted to the senior officer');
    expect(await page.locator('main').textContent()).toContain('Submitted: waiting for the senior officer to accept the findings');
  });

  it('the senior officer accepts the findings; the author reads the accepted IMR, no longer editable', async () => {
    expect((await api(SENIOR_OFFICER, 'POST', `/cases/${reference}/contributions/${imrId}/accept`)).status).toBe(200);
    await page.reload();
    await expectReloaded(page, imrPath(), /Northshire Police/, 'accepted');
    await expect.poll(() => page.locator('main').textContent()).toContain('Findings accepted');
    await press(page, 'Chronology of involvement');
    await expectOnPage(page, imrPath('chronology'), /^Chronology of involvement$/, 'the accepted chronology');
    expect(await page.locator('main a', { hasText: 'Change' }).count()).toBe(0);
    expect(await page.locator('table.app-chronology-table tbody tr').count()).toBe(4);
    await page.context().close();
  });

  it('the business manager records the debrief (10.7), a follow-up (10.8) and a disciplinary matter kept apart (10.9)', async () => {
    await manager.reload();
    await expectReloaded(manager, imrPath(), /Northshire Police/, 'accepted, for the business manager');
    await press(manager, 'Record the debrief');
    await expectOnPage(manager, imrPath('debrief'), /^Record the staff feedback and debrief$/, 'the debrief');
    await press(manager, 'Record it');
    await expectErrorSummary(manager, 'Enter');
    await expectNoAxeViolations(manager, 'the debrief with an error');
    await typeDate(manager, 'heldOn', londonDay());
    await press(manager, 'Record it');
    await expectOnPage(manager, imrPath(), /Northshire Police/, 'the debrief recorded');
    await successBanner(manager, 'The debrief was recorded');
    await press(manager, 'Record the follow-up session');
    await expectOnPage(manager, imrPath('follow-up'), /^Record a follow-up session$/, 'the follow-up');
    await typeDate(manager, 'heldOn', londonDay());
    await press(manager, 'Record it');
    await expectOnPage(manager, imrPath(), /Northshire Police/, 'the follow-up recorded');
    await successBanner(manager, 'The follow-up session was recorded');
    await press(manager, 'Disciplinary matters for this contribution');
    await expectOnPage(manager, imrPath('disciplinary'), /^Disciplinary matters$/, 'disciplinary matters');
    await chooseRadio(manager, 'kind', 'may-be-indicated');
    await chooseRadio(manager, 'urgent', 'no');
    await typeInto(manager, 'details', 'Record keeping by one officer to be looked at by professional standards');
    await press(manager, 'Record the matter');
    await successBanner(manager, 'The disciplinary matter was recorded');
    expect(await manager.locator('main').textContent()).toContain('Record keeping by one officer');
    // Kept apart: the author, who reads the IMR, finds no disciplinary matters.
    expect((await api(AUTHOR, 'GET', `/cases/${reference}/contributions/${imrId}/disciplinary`)).status).toBe(404);
  });

  it('the business manager records the court’s prior agreement to a children’s guardian’s contribution (9.6)', async () => {
    const guardian = await api(BUSINESS_MANAGER, 'POST', `/cases/${reference}/contributions`, {
      kind: 'childrens-guardian',
      organisation: 'Cafcass',
      seniorOfficerName: 'Sam Senior',
      seniorOfficerEmail: SENIOR_OFFICER,
    });
    expect(guardian.status).toBe(201);
    const path = `/cases/${reference}/contributions/${String(guardian.body.id)}`;
    await manager.goto(`${platform.appUrl}${path}`);
    await expectReloaded(manager, path, /Cafcass/, 'the guardian’s contribution');
    expect(await manager.locator('main').textContent()).toContain('Not recorded: the findings cannot be accepted until it is');
    await press(manager, 'Record the court’s agreement');
    await expectOnPage(manager, `${path}/court-agreement`, /^Record the court’s prior agreement$/, 'the court’s agreement');
    await typeInto(manager, 'court', 'Family Court at Northshire');
    await typeDate(manager, 'agreedOn', londonDay(-3));
    await press(manager, 'Record the agreement');
    await expectOnPage(manager, path, /Cafcass/, 'the agreement recorded');
    await successBanner(manager, 'The court’s agreement was recorded');
    expect(await manager.locator('main').textContent()).toContain('Family Court at Northshire, agreed on');
    await manager.context().close();
    expect(consoleErrors).toEqual([]);
  });
});

/** A row's id, by the date it shows (for the address of its pages). */
async function rowIdOf(date: string): Promise<string> {
  const rows = (await api(AUTHOR, 'GET', `/cases/${reference}/contributions/${imrId}/imr/chronology`)).body.rows as { id: string; date: string; dateUncertain: boolean }[];
  const iso = { '3 June 2026': '2026-06-03', 'May 2026': '2026-05' }[date];
  const row = rows.find((r) => r.date === iso);
  if (!row) throw new Error(`No row on ${date}`);
  return row.id;
}
