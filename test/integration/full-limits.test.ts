import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { startDynamoLocal, ensureTable, localDynamoClient, type DynamoLocal } from '../../infra/local/dynamodb.js';
import { parseBoardConfig, type BoardConfig } from '../../functions/config/board.js';
import { DynamoCaseStore } from '../../functions/adapters/aws/dynamo-case-store.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { caseTasks, viewCase } from '../../functions/domain/case/case-views.js';
import { act } from '../../functions/domain/decision/stage-actions.js';
import { openReview } from '../../functions/domain/review/review.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { decisionSchema, recommendationSchema } from '../../functions/domain/decision/decision.js';
import {
  addPanelMember,
  askOtherBoards,
  confirmMandate,
  recordEarlyLesson,
  recordExtension,
  recordJointFinalDecision,
  recordOfstedForm,
  recordProceedings,
  recordRecordsSecured,
  requestExtension,
  requestRecords,
  setPublicationHold,
  REVIEW_LIMITS,
  type ReviewDeps,
} from '../../functions/domain/review/review-actions.js';
import {
  earlyLessonSchema,
  extensionRequestSchema,
  extensionSchema,
  jointAnswerSchema,
  jointFinalDecisionSchema,
  mandateSchema,
  ofstedFormSchema,
  panelMemberSchema,
  proceedingSchema,
  publicationHoldSchema,
  recordsRequestSchema,
  recordsSecuredSchema,
} from '../../functions/schemas/review.js';
import { referralSchema, type Referral } from '../../functions/schemas/referral.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { hashSecret } from '../../functions/ports/ids.js';
import type { Caller } from '../../functions/ports/identity.js';
import { makeReferral } from '../factories/referral.js';

/**
 * A case filled to every documented limit: every review list full
 * (REVIEW_LIMITS, the joint review's 20 Boards), every text at its schema's
 * maximum, written in a three-byte character so each text is as large in
 * bytes as its limit allows. It goes through the real use cases into
 * DynamoDB Local, reads back, renders as the case page's API view, and no
 * single item comes near DynamoDB's 400 KB item limit.
 */

const WIDE = '€'; // one UTF-16 unit (what a schema's max counts), three bytes in UTF-8 (what DynamoDB counts)
const ITEM_BUDGET = 300 * 1024;

/**
 * `value` with every string made as long as `schema` accepts, in {@link WIDE}:
 * each string leaf grows (binary search) while the whole still parses. A leaf
 * that must keep a format (an email, a phone number) grows in front of its
 * original value; one that cannot grow (a date, a choice) is kept.
 */
function maximise<T>(schema: z.ZodType, value: T): T {
  const ok = (v: unknown) => schema.safeParse(v).success;
  if (!ok(value)) throw new Error(`The starting value does not parse: ${JSON.stringify(schema.safeParse(value).error?.issues)}`);
  const out = structuredClone(value) as unknown;
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') leaves.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(out, []);
  const set = (path: (string | number)[], s: string) => {
    let o = out as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>;
    o[path.at(-1)!] = s;
  };
  const get = (path: (string | number)[]) => path.reduce<unknown>((o, p) => (o as Record<string | number, unknown>)[p], out) as string;
  for (const path of leaves) {
    const original = get(path);
    for (const make of [(n: number) => WIDE.repeat(n), (n: number) => WIDE.repeat(n) + original]) {
      set(path, make(1));
      if (!ok(out)) continue;
      let lo = 1;
      let hi = 20_000;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        set(path, make(mid));
        if (ok(out)) lo = mid;
        else hi = mid - 1;
      }
      set(path, make(lo));
      break;
    }
    if (!ok(out)) set(path, original);
  }
  if (!ok(out)) throw new Error('maximise broke the value');
  return out as T;
}

/** DynamoDB's size of an item: attribute names and values in UTF-8, as its documentation counts them. */
function itemSize(item: Record<string, unknown>): number {
  const size = (v: Record<string, unknown>): number => {
    if ('S' in v) return Buffer.byteLength(v.S as string);
    if ('N' in v) return Math.ceil(String(v.N).replace(/^-|\./g, '').length / 2) + 1;
    if ('BOOL' in v || 'NULL' in v) return 1;
    if ('L' in v) return 3 + (v.L as Record<string, unknown>[]).reduce((n, x) => n + 1 + size(x), 0);
    if ('M' in v) return 3 + Object.entries(v.M as Record<string, Record<string, unknown>>).reduce((n, [k, x]) => n + Buffer.byteLength(k) + 1 + size(x), 0);
    throw new Error(`Unexpected attribute ${Object.keys(v).join()}`);
  };
  return Object.entries(marshall(item, { removeUndefinedValues: true })).reduce((n, [k, v]) => n + Buffer.byteLength(k) + size(v as unknown as Record<string, unknown>), 0);
}

let dynamo: DynamoLocal;
let dataDir: string;
let ddb: DynamoDBDocumentClient;
const tableName = 'scr-full-limits';
const calendar = englandAndWalesCalendar();
const clock = new FakeClock('2026-12-01T10:00:00Z');
const meta = { requestId: 'full-limits' };
const staff = (role: Caller['roles'][number], email: string): Caller => ({ userId: `u-${email}`, email, pool: 'staff', roles: [role], sessionId: 's', authTime: 0 });

/** The example Board with 20 other Boards (the most a joint review asks), each name at its limit. */
function boardWithTwentyOthers(): BoardConfig {
  const raw = JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')) as Record<string, unknown>;
  raw.otherBoardChairs = Array.from({ length: 20 }, (_, i) => ({
    board: `${String(i).padStart(2, '0')} ${WIDE.repeat(197)}`,
    name: `Chair ${i}`,
    email: `chair${i}@board${i}.example.org`,
  }));
  return parseBoardConfig(raw);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-full-limits-'));
  const log = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };
  dynamo = await startDynamoLocal({ dbDir: dataDir, port: 0, log: log as never });
  const client = localDynamoClient(dynamo.endpoint);
  await ensureTable(client, tableName, log as never);
  ddb = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}, 120_000);

afterAll(async () => {
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a case filled to every documented limit', () => {
  it('saves item by item, reads back whole, renders, and its largest item stays under 300 KB', async () => {
    // Prepare: the store, a referral at its limits, and the people who act on it.
    const board = boardWithTwentyOthers();
    const store = new DynamoCaseStore(ddb, tableName, 'SCR', (c, now) => caseTasks(c, { board, calendar }, now));
    let n = 0;
    const ids = { uuid: () => `${(++n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, secret: () => 's' };
    const today = '2026-12-01';
    const referral = maximise<Referral>(
      referralSchema(today),
      makeReferral({
        child: { otherNames: 'x', dateOfBirthKnown: 'yes', dateOfBirth: '2018-04-12' },
        concerns: { interAgencyConcerns: 'yes', interAgencyConcernsDetail: 'x' },
        furtherCriteria: { met: ['risk-unrecognised'] },
        involvement: { otherAuthoritiesInvolved: 'yes', otherAuthorities: 'x', agenciesKnown: ['education', 'health', 'other'], agenciesKnownOther: 'x' },
      }),
    );
    const BM = staff('business-manager', board.businessManager.email);
    const created = await store.createCase({
      build: (reference) => buildCase(referral, reference, clock.now(), { board, calendar, ids }, meta),
      year: 2026,
      idempotencyKey: 'full-limits',
      payloadHash: 'h',
    });
    if (created.kind !== 'created') throw new Error(created.kind);
    const reference = created.caseRecord.reference;
    const stage = { store, clock, ids, board, calendar };
    const link = async (action: 'recommend' | 'decide' | 'joint-answer' | 'records-secured', intendedEmail: string, extra: Record<string, string> = {}) => {
      const token = `${action}-${String(++n).padStart(40, '0')}`.replace(/[^A-Za-z0-9_-]/g, '-');
      const c = (await store.getCase(reference))!;
      await store.putLink({ tokenHash: await hashSecret(token), reference, action, intendedEmail: intendedEmail.toLowerCase(), forStatus: c.status, createdAt: clock.now().toISOString(), ...extra });
      return token;
    };

    // Act: recommendation and decision at their limits, through their emailed links.
    const rec = maximise(recommendationSchema, { recommendation: 'serious-case-review', rationale: 'x', criteriaApplied: ['3.1', '3.2', '3.3', '3.4', '5.1', '5.2'] });
    await act(stage, await link('recommend', board.subCommitteeChair.email), rec, staff('sub-committee-chair', board.subCommitteeChair.email), meta);
    const dec = maximise(decisionSchema, { decision: 'serious-case-review', reasons: 'x', departureReason: 'x' });
    await act(stage, await link('decide', board.boardChair.email), dec, staff('board-chair', board.boardChair.email), meta);

    // Every list of the review, full, each text at its limit.
    const deps: ReviewDeps = { store, clock, ids, board, calendar };
    await recordOfstedForm(
      deps,
      reference,
      maximise(ofstedFormSchema, {
        notifyingAuthority: 'x', notifierName: 'x', notifierRole: 'x', notifierPhone: '01632 960 100', notifiedOn: today, reason: 'review-confirmed', lookedAfter: false,
        childFirstNames: 'x', childLastName: 'x', childOtherNames: 'x', childDateOfBirth: '2018-04-12', childGender: 'not-known', parents: 'x', siblings: 'x', familyNote: 'x', linkedCases: 'x',
      }),
      BM,
      meta,
    );
    const agencies = ['social-care', 'education', 'health', 'police', 'probation', 'other'];
    for (let i = 0; i < REVIEW_LIMITS.panel; i++) {
      const member = maximise(panelMemberSchema, { name: 'x', jobTitle: 'x', organisation: 'x', agency: agencies[i % agencies.length], email: `m${i}@example.org`, coOpted: i % 2 === 0 });
      const { id } = await addPanelMember(deps, reference, member, BM, meta);
      await confirmMandate(deps, reference, id, maximise(mandateSchema, { confirmedBy: 'x', confirmedOn: today, mandate: true, experience: 'x', seniority: 'x' }), BM, meta);
    }
    const recordsIds: string[] = [];
    // Each senior manager asked has a staff account (a request to an address without one is refused).
    const accounts: { email: string; enabled: boolean }[] = [];
    const withUsers = { ...deps, users: { list: async () => accounts as never } };
    for (let i = 0; i < REVIEW_LIMITS.records; i++) {
      const input = maximise(recordsRequestSchema, { agency: 'x', contactName: 'x', contactEmail: `records${i}@example.org` });
      accounts.push({ email: input.contactEmail, enabled: true });
      // Each open request is for a different agency: the number keeps them apart.
      recordsIds.push((await requestRecords(withUsers, reference, { ...input, agency: `${i} ${input.agency.slice(String(i).length + 1)}` }, BM, meta)).id);
    }
    for (const [i, id] of recordsIds.entries()) {
      const body = maximise(recordsSecuredSchema, { securedBy: 'x', securedOn: today });
      if (i % 2 === 0) await recordRecordsSecured(deps, reference, id, body, BM, meta);
      else {
        const contact = `records${i}@example.org`;
        await act(stage, await link('records-secured', contact, { recordsId: id }), body, staff('agency-senior-manager' as never, contact), meta);
      }
    }
    for (let i = 0; i < REVIEW_LIMITS.extensionRequests; i++) {
      await requestExtension(deps, reference, maximise(extensionRequestSchema, { approachedRole: 'ofsted', reason: 'x', proposedDate: '2030-01-01' }), BM, meta);
    }
    const extension = maximise(extensionSchema, { agreedByRole: 'ofsted', agreedByName: 'x', agreedOn: today, newDueDate: '2099-01-01', reason: 'x' });
    for (let i = 0; i < REVIEW_LIMITS.extensions; i++) {
      // Each agreed date is later than the one before.
      const newDueDate = `${2028 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`;
      await recordExtension(deps, reference, { ...extension, newDueDate }, BM, meta);
    }
    for (let i = 0; i < REVIEW_LIMITS.proceedings; i++) {
      await recordProceedings(deps, reference, maximise(proceedingSchema, { kind: 'criminal', details: 'x', startedOn: today }), BM, meta);
    }
    await setPublicationHold(deps, reference, maximise(publicationHoldSchema, { hold: true, reason: 'x' }), BM, meta);
    for (let i = 0; i < REVIEW_LIMITS.earlyLessons; i++) {
      await recordEarlyLesson(deps, reference, maximise(earlyLessonSchema, { lesson: 'x', actionBy: 'x' }), BM, meta);
    }
    await askOtherBoards(deps, reference, { boards: board.otherBoardChairs.map((b) => b.board), proposal: 'joint-review' }, BM, meta);
    for (const [i, b] of board.otherBoardChairs.entries()) {
      const answer = maximise(jointAnswerSchema, { answer: i === board.otherBoardChairs.length - 1 ? 'disagree' : 'agree', comment: 'x' });
      await act(stage, await link('joint-answer', b.email, { board: b.board }), answer, staff('other-board-chair' as never, b.email), meta);
    }
    await recordJointFinalDecision(deps, reference, maximise(jointFinalDecisionSchema, { outcome: 'joint-review', decidedBy: 'ofsted', decidedOn: today, notes: 'x' }), BM, meta);

    // Assess: it reads back whole...
    const back = (await store.getCase(reference))!;
    const r = back.review!;
    expect(back.referral).toEqual(referral);
    expect(back.recommendation?.rationale).toBe(rec.rationale);
    expect(back.decision?.reasons).toBe(dec.reasons);
    expect({
      panel: r.panel.length,
      records: r.records.length,
      extensionRequests: r.extensionRequests.length,
      extensions: r.extensions.length,
      proceedings: r.proceedings.length,
      earlyLessons: r.earlyLessons?.length,
      jointBoards: r.joint?.boards.length,
    }).toEqual({ ...REVIEW_LIMITS, jointBoards: 20 });
    expect(r.panel.every((m) => m.mandate)).toBe(true);
    expect(r.records.every((x) => x.recordedAt)).toBe(true);
    expect(r.joint?.boards.every((b) => b.answer && (b.comment?.length ?? 0) === 2000)).toBe(true);
    expect(r.earlyLessons?.[0]?.lesson).toHaveLength(2000);
    expect(r.earlyLessons?.[0]?.lesson.startsWith(WIDE)).toBe(true);
    expect(r.extensions.map((e) => e.newDueDate)).toEqual([...r.extensions.map((e) => e.newDueDate)].sort());
    expect(r.completion.dueDate).toBe(r.extensions.at(-1)?.newDueDate);

    // ...renders as the case page's API view...
    const view = await viewCase({ store, clock, ids, calendar, profile: board.procedureProfile, board }, reference, BM, meta);
    expect(view.review?.panel.members).toHaveLength(REVIEW_LIMITS.panel);
    expect(view.review?.earlyLessons).toHaveLength(REVIEW_LIMITS.earlyLessons);
    expect(view.review?.completion.extensions).toHaveLength(REVIEW_LIMITS.extensions);

    // ...and no item is anywhere near the item limit.
    const items: Record<string, unknown>[] = [];
    let from: Record<string, unknown> | undefined;
    do {
      const page = await ddb.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CASE#${reference}` }, ExclusiveStartKey: from }),
      );
      items.push(...(page.Items ?? []));
      from = page.LastEvaluatedKey;
    } while (from);
    expect(items.filter((i) => String(i.sk).startsWith('CASE#RECORDS#'))).toHaveLength(REVIEW_LIMITS.records);
    const sized = items.map((i) => ({ sk: String(i.sk), size: itemSize(i) })).sort((a, b) => b.size - a.size);
    const byType = new Map<string, { count: number; largest: number }>();
    for (const { sk, size } of sized) {
      const type = sk === 'CASE' ? 'header' : sk.split('#').slice(0, sk.startsWith('CASE#') ? 2 : 1).join('#');
      const t = byType.get(type) ?? { count: 0, largest: 0 };
      byType.set(type, { count: t.count + 1, largest: Math.max(t.largest, size) });
    }
    const viewBytes = Buffer.byteLength(JSON.stringify(view));
    console.log(
      [
        `Full-limits case ${reference}: ${items.length} items, ${(sized.reduce((s, x) => s + x.size, 0) / 1024).toFixed(1)} KB in all; case view ${(viewBytes / 1024).toFixed(1)} KB`,
        `Largest single item: ${sized[0]!.sk} ${(sized[0]!.size / 1024).toFixed(1)} KB (budget ${ITEM_BUDGET / 1024} KB, DynamoDB limit 400 KB)`,
        ...[...byType].map(([type, t]) => `  ${type.padEnd(16)} ${String(t.count).padStart(4)} items, largest ${(t.largest / 1024).toFixed(1)} KB`),
      ].join('\n'),
    );
    expect(sized[0]!.size).toBeLessThan(ITEM_BUDGET);
  }, 600_000);

  it('two people changing different child items do not conflict; the same item, or a rule across items, does', async () => {
    // Prepare: a review with two panel members, and two people who read it at the same moment.
    const board = boardWithTwentyOthers();
    const store = new DynamoCaseStore(ddb, tableName, 'SCR', (c, now) => caseTasks(c, { board, calendar }, now));
    let n = 1000;
    const ids = { uuid: () => `${(++n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, secret: () => 's' };
    const created = await store.createCase({
      build: (reference) => buildCase(makeReferral(), reference, clock.now(), { board, calendar, ids }, meta),
      year: 2026,
      idempotencyKey: 'concurrency',
      payloadHash: 'h',
    });
    if (created.kind !== 'created') throw new Error(created.kind);
    const reference = created.caseRecord.reference;
    const audit = () => ({ eventId: ids.uuid(), reference, at: clock.now().toISOString(), action: 'review.mandate-confirmed' as const, actor: { kind: 'system' as const, component: 'test' } });
    const c0 = (await store.getCase(reference))!;
    expect(await store.updateCase({ previous: c0, next: { ...c0, status: 'review-decided', review: openReview(clock.now(), board, calendar) }, audit: audit() })).toBe(true);
    const deps: ReviewDeps = { store, clock, ids, board, calendar };
    const BM = staff('business-manager', board.businessManager.email);
    for (const agency of ['police', 'health']) {
      await addPanelMember(deps, reference, { name: agency, jobTitle: 'Lead', organisation: 'Org', agency, email: `${agency}@example.org`, coOpted: false }, BM, meta);
    }
    const seen = (await store.getCase(reference))!;
    const [police, health] = seen.review!.panel;
    const mandate = (by: string) => ({ confirmedBy: by, confirmedOn: '2026-12-01', mandate: true as const, experience: 'Years', seniority: 'Director', recordedBy: 'bm', recordedAt: clock.now().toISOString() });
    const withMandate = (id: string, by: string, from: CaseRecord = seen): CaseRecord => ({
      ...from,
      review: { ...from.review!, panel: from.review!.panel.map((m) => (m.id === id ? { ...m, mandate: mandate(by) } : m)) },
    });

    // Act and assess: different members from the same read both land, and the header is not written.
    expect(await store.updateCase({ previous: seen, next: withMandate(police!.id, 'A'), audit: audit() })).toBe(true);
    expect(await store.updateCase({ previous: seen, next: withMandate(health!.id, 'B'), audit: audit() })).toBe(true);
    const both = (await store.getCase(reference))!;
    expect(both.review!.panel.map((m) => m.mandate?.confirmedBy)).toEqual(['A', 'B']);
    expect(both.version).toBe(seen.version);
    // The same member changed from the same read: the second loses, and nothing of it is written.
    expect(await store.updateCase({ previous: seen, next: withMandate(police!.id, 'C'), audit: audit() })).toBe(false);
    // A change whose rule spans items (checked against the header as read) loses to any header change since.
    expect(await store.updateCase({ previous: both, next: { ...both, review: { ...both.review!, startedAt: clock.now().toISOString(), startedBy: 'bm' } }, audit: audit() })).toBe(true);
    expect(await store.updateCase({ previous: both, next: withMandate(health!.id, 'D', both), audit: audit(), spansItems: true })).toBe(false);
    expect((await store.getCase(reference))!.review!.panel.map((m) => m.mandate?.confirmedBy)).toEqual(['A', 'B']);
  }, 300_000);
});
