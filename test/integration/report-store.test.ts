import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal, ensureTable, localDynamoClient, type DynamoLocal } from '../../infra/local/dynamodb.js';
import { DynamoReportStore } from '../../functions/adapters/aws/dynamo-report-store.js';
import { keys } from '../../functions/adapters/aws/keys.js';
import type { AuditEvent } from '../../functions/domain/case/case.js';
import type { ReportDerived, ReportVersion } from '../../functions/domain/report/report.js';

/**
 * What a final version of the overview report draws from the case (the terms
 * of reference, every accepted IMR's recommendations) can be far larger than
 * one DynamoDB item (400 KB): on DynamoDB Local, a version offered as final
 * with 1.5 MB of it is stored beside its header in parts and read back whole.
 */
const tableName = 'scr-report-store';
const reference = 'SCR-2026-0042';
let dynamo: DynamoLocal;
let ddb: DynamoDBDocumentClient;
let dataDir = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-report-store-'));
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

const audit = (eventId: string): AuditEvent =>
  ({ eventId, reference, at: '2027-02-01T10:00:00.000Z', action: 'report.finalised', actor: { kind: 'system', component: 'test' } }) as AuditEvent;

describe('a final version’s frozen parts', () => {
  it('larger than an item: kept beside the header in parts, and read back whole', async () => {
    const store = new DynamoReportStore(ddb, tableName, { caseChangeItems: () => [] } as never);
    const person = { email: 'bm@example.org', role: 'business-manager' };
    const draft: ReportVersion = { version: 1, basedOn: 0, status: 'draft', createdAt: '2027-01-10T10:00:00.000Z', createdBy: person } as ReportVersion;
    expect(await store.startVersion(reference, draft, [], 0, audit('e1'))).toBe(true);
    // Text that compresses little (hex), 1.5 MB of it across 250 recommendations.
    const text = () => randomBytes(1000).toString('hex');
    const derived = {
      termsOfReference: { version: 1, items: [{ label: 'Period reviewed', text: '1 March 2025 to 28 February 2026' }] },
      contributors: [],
      panel: [],
      imrRecommendations: Array.from({ length: 250 }, (_, i) => ({ organisation: `Org ${i % 10}`, action: text(), byWhom: 'Team', byWhen: '2027-06-01', outcome: text(), evaluation: text() })),
    } as unknown as ReportDerived;
    const final: ReportVersion = { ...draft, status: 'final', finalisedAt: '2027-02-01T10:00:00.000Z', finalisedBy: person, derived };

    expect(await store.finalise(reference, final, audit('e2'))).toBe(true);

    const header = (await ddb.send(new GetCommand({ TableName: tableName, Key: keys.reportVersion(reference, 1) }))).Item!;
    expect(header.status).toBe('final');
    expect(header.derived).toBeUndefined();
    const second = (await ddb.send(new GetCommand({ TableName: tableName, Key: keys.reportDerivedPart(reference, 1, 1) }))).Item;
    expect(second?.parts).toBeGreaterThan(1);
    const read = await store.getReport(reference);
    expect(read.versions).toHaveLength(1);
    expect(read.versions[0]!.derived).toEqual(derived);
  });
});
