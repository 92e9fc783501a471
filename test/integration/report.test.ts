import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { reviewExecutionName } from '../../functions/domain/case/outbox.js';
import { reportViewSchema, reportVersionViewSchema } from '../../functions/schemas/report-routes.js';
import { makeReferral } from '../factories/referral.js';
import { eventually } from '../support/eventually.js';

/**
 * The overview report (11.1-11.4, Appendix B) through the real API on the
 * local runtime: a decided review; a version drafted section by section and
 * commented on; offered as final; accepted by the sub-committee chair and
 * then the Board chair from their emailed single-use links; the review then
 * complete (its workflow ended) and on time; Word and PDF exports stored and
 * their downloads audited; publication refused under a hold, then recorded.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z');
const BM = 'lscb-business-manager@example.org';
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const AUDITOR = 'auditor@example.org';

let platform: LocalPlatform;
let dataDir = '';
let reference = '';
const tokens = new Map<string, string>();

async function token(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const idToken = (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
  tokens.set(email, idToken);
  return idToken;
}

async function api(as: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(as)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const mailFor = async (ref: string, filter: (m: CapturedEmail) => boolean) => (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(ref) && filter(m));
const to = (address: string) => (m: CapturedEmail) => m.to.map((t) => t.toLowerCase()).includes(address);
const secretIn = (m: CapturedEmail | undefined) => /\/act#([A-Za-z0-9_-]{40,64})/.exec(m?.text ?? '')?.[1] ?? '';

async function decidedReview(referrer: string): Promise<string> {
  const idToken = (await signInReferrerLocally(platform, referrer)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email: referrer } })),
  });
  expect(res.status).toBe(201);
  const { reference: ref } = (await res.json()) as { reference: string };
  const recommendMail = await eventually(async () => (await mailFor(ref, to(SUB_CHAIR)))[0], (m) => m !== undefined, `the recommendation email for ${ref}`, { intervalMs: 100 });
  expect((await api(SUB_CHAIR, 'POST', '/actions', { recommendation: 'serious-case-review', rationale: 'Criteria met.', criteriaApplied: ['3.1'] }, { 'x-action-token': secretIn(recommendMail) })).status).toBe(200);
  const decideMail = await eventually(
    async () => (await mailFor(ref, (m) => to(BOARD_CHAIR)(m) && m.subject.startsWith('Action needed')))[0],
    (m) => m !== undefined,
    `the decision email for ${ref}`,
    { intervalMs: 100 },
  );
  expect((await api(BOARD_CHAIR, 'POST', '/actions', { decision: 'serious-case-review', reasons: 'A review is required.' }, { 'x-action-token': secretIn(decideMail) })).status).toBe(200);
  return ref;
}

const sections = {
  introduction: { circumstances: 'The child was admitted to hospital.', authorName: 'Alex Author', authorJobTitle: 'Independent reviewer' },
  facts: { whatWasKnown: 'The family was known to two agencies.' },
  analysis: { howAndWhy: 'Information was not shared between agencies.', differentDecisions: 'An earlier meeting might have helped.', goodPractice: 'The school referred promptly.' },
  conclusions: { conclusions: 'Agencies must share what they know.', recommendations: [{ text: 'Share notifications within a day', nationalRelevance: true }] },
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-report-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50 });
  reference = await decidedReview('report.referrer@nhs.net');
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the overview report through the API', () => {
  const base = () => `/cases/${reference}/report`;

  it('drafted section by section, commented on, accepted by both chairs from their links: the review is complete and on time', async () => {
    // Prepare: no report yet; who may write it.
    const empty = reportViewSchema.parse((await api(BM, 'GET', base())).body);
    expect(empty).toMatchObject({ latest: 0, versions: [], canEdit: true, canManage: true });
    expect((await api(AUDITOR, 'POST', `${base()}/versions`, { expectedLatest: 0 })).status).toBe(403);
    expect((await api(BOARD_CHAIR, 'POST', `${base()}/versions`, { expectedLatest: 0 })).status).toBe(403);

    // Act: version 1, each section saved on its own; a stale save loses.
    expect(await api(BM, 'POST', `${base()}/versions`, { expectedLatest: 0 })).toMatchObject({ status: 201, body: { version: 1 } });
    expect((await api(BM, 'POST', `${base()}/versions`, { expectedLatest: 0 })).status).toBe(409);
    for (const [id, content] of Object.entries(sections)) {
      expect(await api(BM, 'PUT', `${base()}/versions/1/sections/${id}`, { expectedRevision: 0, content })).toMatchObject({ status: 200, body: { revision: 1 } });
    }
    expect((await api(BM, 'PUT', `${base()}/versions/1/sections/facts`, { expectedRevision: 0, content: sections.facts })).status).toBe(409);
    const invalid = await api(BM, 'PUT', `${base()}/versions/1/sections/conclusions`, { expectedRevision: 1, content: { conclusions: 'x', recommendations: [{ text: '', nationalRelevance: true }] } });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('Enter the recommendation');

    // The panel comments, section by section; the auditor may not.
    expect((await api(SUB_CHAIR, 'POST', `${base()}/versions/1/comments`, { section: 'analysis', text: 'Say more about the GP.' })).status).toBe(201);
    expect((await api(AUDITOR, 'POST', `${base()}/versions/1/comments`, { section: 'analysis', text: 'No' })).status).toBe(403);
    const v1 = reportVersionViewSchema.parse((await api(AUDITOR, 'GET', `${base()}/versions/1`)).body);
    expect(v1.content.analysis.howAndWhy).toBe('Information was not shared between agencies.');
    expect(v1.comments).toEqual([expect.objectContaining({ section: 'analysis', text: 'Say more about the GP.', by: SUB_CHAIR })]);
    expect(v1.revisions).toEqual({ introduction: 1, facts: 1, analysis: 1, conclusions: 1 });

    // Offered as final: the sub-committee chair is emailed a link.
    expect(await api(BM, 'POST', `${base()}/versions/1/final`, { confirm: true })).toMatchObject({ status: 200, body: { version: 1 } });
    expect((await api(BM, 'PUT', `${base()}/versions/1/sections/facts`, { expectedRevision: 1, content: sections.facts })).status).toBe(409);
    const subMail = await eventually(async () => (await mailFor(reference, (m) => to(SUB_CHAIR)(m) && m.subject.includes('accept the overview report')))[0], (m) => m !== undefined, 'the sub-committee chair’s acceptance email', { intervalMs: 100 });
    expect(subMail!.text).toContain(`serious case review ${reference}`);
    expect(subMail!.text).not.toContain('The child was admitted');
    const subToken = secretIn(subMail);

    // Opening the link changes nothing; the wrong person is refused; the Board chair cannot go first.
    const described = await api(SUB_CHAIR, 'GET', '/actions', undefined, { 'x-action-token': subToken });
    expect(described).toMatchObject({ status: 200, body: { action: 'report-accept', state: 'open', chair: 'sub-committee-chair', version: 1 } });
    expect((await api(BOARD_CHAIR, 'POST', '/actions', { accept: true }, { 'x-action-token': subToken })).status).toBe(403);
    expect((await api(SUB_CHAIR, 'POST', '/actions', {}, { 'x-action-token': subToken })).status).toBe(400);

    // The sub-committee chair accepts, once; the Board chair is emailed next.
    expect((await api(SUB_CHAIR, 'POST', '/actions', { accept: true }, { 'x-action-token': subToken })).status).toBe(200);
    expect((await api(SUB_CHAIR, 'POST', '/actions', { accept: true }, { 'x-action-token': subToken })).status).toBe(409);
    const boardMail = await eventually(async () => (await mailFor(reference, (m) => to(BOARD_CHAIR)(m) && m.subject.includes('accept the overview report')))[0], (m) => m !== undefined, 'the Board chair’s acceptance email', { intervalMs: 100 });
    expect((await api(BOARD_CHAIR, 'POST', '/actions', { accept: true }, { 'x-action-token': secretIn(boardMail) })).status).toBe(200);

    // Assess: who and when, the review complete and on time, its workflow ended.
    const view = reportViewSchema.parse((await api(BM, 'GET', base())).body);
    expect(view.versions[0]).toMatchObject({ step: 'accepted', subCommitteeChairAcceptance: { by: SUB_CHAIR, at: clock.now().toISOString() }, boardChairAcceptance: { by: BOARD_CHAIR } });
    expect(view.completion).toMatchObject({ kind: 'within-four-months', completedOn: '2026-11-26' });
    expect(view.completion?.text).toMatch(/^Completed on Thursday 26 November 2026, within four months/);
    const caseView = await api(BM, 'GET', `/cases/${reference}`);
    expect((caseView.body.review as { completion: { status: string; completed?: { kind: string } } }).completion).toMatchObject({ status: 'done', completed: { kind: 'within-four-months' } });
    expect(view.canEdit).toBe(false);
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const header = (await ddb.send(new GetCommand({ TableName: platform.tableName, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }))).Item!;
    expect(header.review.completedAt).toBe(clock.now().toISOString());
    const arn = `${platform.stateMachineArn('review').replace(':stateMachine:', ':execution:')}:${reviewExecutionName(reference, header.scheduleVersion as number)}`;
    // The completed case's new execution starts from the table's stream: wait for it to exist, then to end.
    const ended = await eventually(
      // Not started yet: the local Step Functions answers that the execution does not exist.
      () => platform.awaitExecution(arn, 45_000).catch(() => ({ status: 'not started yet' })),
      (r) => r.status !== 'not started yet',
      'the completed review’s workflow execution to end',
      { timeoutMs: 45_000 },
    );
    expect(ended.status).toBe('SUCCEEDED');
    const timeline = await api(BM, 'GET', `/cases/${reference}/timeline`);
    const actions = (timeline.body.entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['report.version-started', 'report.section-saved', 'report.commented', 'report.finalised', 'report.accepted', 'review.completed']));
    expect(JSON.stringify(timeline.body)).not.toContain('Information was not shared');
  }, 180_000);

  it('exports Word and PDF, stored in the case’s files; each download audited', async () => {
    for (const format of ['docx', 'pdf'] as const) {
      const made = await api(BM, 'POST', `${base()}/versions/1/exports`, { format, kind: 'report' });
      expect(made).toMatchObject({ status: 201, body: { format, kind: 'report', version: 1, fileName: `${reference}-v1-report.${format}` } });
      const grant = await api(AUDITOR, 'POST', `${base()}/exports/${made.body.exportId as string}/download`);
      expect(grant.status).toBe(200);
      const file = await fetch(grant.body.url as string);
      expect(file.headers.get('content-disposition')).toContain('attachment');
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (format === 'docx') {
        const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
        expect(xml).toContain('Information was not shared between agencies.');
        expect(xml).toContain('Share notifications within a day [Lesson of national relevance]');
      } else {
        expect(strFromU8(bytes.subarray(0, 5))).toBe('%PDF-');
      }
    }
    // The anonymised export needs the agreed pseudonyms.
    expect((await api(BM, 'POST', `${base()}/versions/1/exports`, { format: 'docx', kind: 'anonymised' })).status).toBe(400);
    const timeline = await api(BM, 'GET', `/cases/${reference}/timeline`);
    const downloads = (timeline.body.entries as { action: string }[]).filter((e) => e.action === 'report.export-downloaded');
    expect(downloads).toHaveLength(2);
  }, 120_000);

  it('publication waits while a hold is on (8.8); lifted, it records when and where', async () => {
    expect((await api(BM, 'PUT', `/cases/${reference}/review/publication-hold`, { hold: true, reason: 'Criminal proceedings' })).status).toBe(200);
    expect((await api(BM, 'PUT', `${base()}/pseudonyms`, { entries: [{ name: 'Alex Author', pseudonym: 'The author' }] })).status).toBe(200);
    const held = await api(BM, 'POST', `${base()}/publication`, { publishedOn: '2026-11-26', where: 'The Board’s website' });
    expect(held.status).toBe(409);
    expect(JSON.stringify(held.body)).toContain('Publication is on hold (paragraph 8.8)');
    expect((await api(BM, 'PUT', `/cases/${reference}/review/publication-hold`, { hold: false })).status).toBe(200);
    expect((await api(BOARD_CHAIR, 'POST', `${base()}/publication`, { publishedOn: '2026-11-26', where: 'The Board’s website' })).status).toBe(403);
    expect(await api(BM, 'POST', `${base()}/publication`, { publishedOn: '2026-11-26', where: 'The Board’s website' })).toMatchObject({ status: 200 });
    const view = reportViewSchema.parse((await api(BM, 'GET', base())).body);
    expect(view.publication).toMatchObject({ publishedOn: '2026-11-26', where: 'The Board’s website', recordedBy: BM });
  }, 60_000);

  it('a review whose report the Board chair accepts after its completion date is shown late, by how many days', async () => {
    // Prepare: a second review, decided now (26 November 2026: due 26 March 2027), written; offered as final only on 5 April 2027 (BST).
    const late = await decidedReview('report.late.referrer@nhs.net');
    const path = `/cases/${late}/report`;
    expect((await api(BM, 'POST', `${path}/versions`, { expectedLatest: 0 })).status).toBe(201);
    for (const [id, content] of Object.entries(sections)) expect((await api(BM, 'PUT', `${path}/versions/1/sections/${id}`, { expectedRevision: 0, content })).status).toBe(200);
    const at = clock.now();
    clock.set('2027-04-05T09:00:00Z');
    // Tokens follow the platform's clock here: sign in again at the new time.
    tokens.clear();
    try {
      expect((await api(BM, 'POST', `${path}/versions/1/final`, { confirm: true })).status).toBe(200);
      const subMail = await eventually(async () => (await mailFor(late, (m) => to(SUB_CHAIR)(m) && m.subject.includes('accept the overview report')))[0], (m) => m !== undefined, 'the acceptance email', { intervalMs: 100 });
      expect(subMail!.subject).toContain('Action needed by Friday 26 March 2027');
      expect((await api(SUB_CHAIR, 'POST', '/actions', { accept: true }, { 'x-action-token': secretIn(subMail) })).status).toBe(200);
      const boardMail = await eventually(async () => (await mailFor(late, (m) => to(BOARD_CHAIR)(m) && m.subject.includes('accept the overview report')))[0], (m) => m !== undefined, 'the Board chair’s acceptance email', { intervalMs: 100 });

      // Act: the Board chair accepts the same day, ten days after the due date.
      expect((await api(BOARD_CHAIR, 'POST', '/actions', { accept: true }, { 'x-action-token': secretIn(boardMail) })).status).toBe(200);

      // Assess
      const view = reportViewSchema.parse((await api(BM, 'GET', path)).body);
      expect(view.completion).toMatchObject({ kind: 'late', completedOn: '2027-04-05', dueDate: '2027-03-26', daysLate: 10 });
      expect(view.completion?.text).toBe('Completed on Monday 5 April 2027, 10 days late (due by Friday 26 March 2027)');
    } finally {
      clock.set(at);
      tokens.clear();
    }
  }, 180_000);
});
