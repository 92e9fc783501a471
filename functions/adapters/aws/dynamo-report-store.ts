import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AuditEvent } from '../../domain/case/case.js';
import type { FeedbackSession, Publication, ReportComment, ReportSection, ReportState, ReportVersion } from '../../domain/report/report.js';
import type { ReportExport, ReportStore } from '../../ports/report-store.js';
import type { PseudonymsInput } from '../../schemas/report.js';
import { auditItem, type DynamoCaseStore } from './dynamo-case-store.js';
import { keys, type ItemType } from './keys.js';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * What a final version draws from the case (the terms of reference, every
 * accepted IMR's recommendations...) can outgrow one item, so it is stored
 * beside the version's header as gzipped JSON cut into parts under 300 KB,
 * written in the same transaction as the version; the header never holds it.
 */
const DERIVED_PART_BYTES = 300 * 1024;

function derivedParts(derived: NonNullable<ReportVersion['derived']>): Buffer[] {
  const packed = gzipSync(JSON.stringify(derived));
  const parts: Buffer[] = [];
  for (let at = 0; at < packed.length; at += DERIVED_PART_BYTES) parts.push(packed.subarray(at, at + DERIVED_PART_BYTES));
  return parts;
}

type Item = Record<string, unknown>;
type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/**
 * The overview report on the case's partition (keys.report*), outside the
 * `CASE` prefix. Every write goes with its audit event in one transaction;
 * the Board chair's acceptance also completes the review (the case's header
 * and tasks, written by the case store's own rules) in that transaction.
 */
/** A version with what it drew from the case, put back together from its parts (the sort key orders them). */
function withDerived(v: ReportVersion, items: readonly Item[]): ReportVersion {
  const parts = items.filter((i) => i.type === 'report-derived' && i.version === v.version);
  if (parts.length === 0) return v;
  if (parts.length !== Number(parts[0]!.parts)) throw new Error(`Report version ${v.version}: ${parts.length} of ${String(parts[0]!.parts)} parts of what it drew from the case`);
  const derived = JSON.parse(gunzipSync(Buffer.concat(parts.map((p) => Buffer.from(p.data as Uint8Array)))).toString('utf8')) as ReportVersion['derived'];
  return { ...v, derived };
}

export class DynamoReportStore implements ReportStore {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cases: Pick<DynamoCaseStore, 'caseChangeItems'>,
  ) {}

  async getReport(reference: string): Promise<ReportState & { exports: ReportExport[] }> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.reportPrefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const strip = ({ pk: _pk, sk: _sk, type: _t, reference: _r, ...rest }: Item) => rest;
    const of = <T>(type: ItemType) => items.filter((i) => i.type === type).map((i) => strip(i) as unknown as T);
    const pseudonyms = of<ReportState['pseudonyms']>('report-pseudonyms')[0];
    const publication = of<Publication>('report-publication')[0];
    return {
      versions: of<ReportVersion>('report-version')
        .sort((a, b) => a.version - b.version)
        .map((v) => withDerived(v, items)),
      sections: of<ReportSection>('report-section'),
      // The sort key orders comments by time within a version.
      comments: of<ReportComment>('report-comment'),
      feedbackSessions: of<FeedbackSession>('report-feedback').sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
      ...(pseudonyms ? { pseudonyms } : {}),
      ...(publication ? { publication } : {}),
      exports: of<ReportExport>('report-export').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    };
  }

  async startVersion(reference: string, version: ReportVersion, sections: ReportSection[], expectedLatest: number, audit: AuditEvent): Promise<boolean> {
    return this.#transact([
      ...(expectedLatest > 0
        ? [
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.reportVersion(reference, expectedLatest),
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(boardChairAcceptance)',
              },
            },
          ]
        : []),
      { Put: { TableName: this.tableName, Item: this.#version(reference, version), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...sections.map((s) => ({ Put: { TableName: this.tableName, Item: this.#section(reference, s) } })),
      this.#audit(audit),
    ]);
  }

  async saveSection(reference: string, section: ReportSection, expectedRevision: number, audit: AuditEvent): Promise<boolean> {
    return this.#transact([
      this.#isLatestDraft(reference, section.version),
      this.#noLaterVersion(reference, section.version),
      {
        Put: {
          TableName: this.tableName,
          Item: this.#section(reference, section),
          ...(expectedRevision === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#revision = :revision', ExpressionAttributeNames: { '#revision': 'revision' }, ExpressionAttributeValues: { ':revision': expectedRevision } }),
        },
      },
      this.#audit(audit),
    ]);
  }

  async addComment(reference: string, comment: ReportComment, audit: AuditEvent): Promise<boolean> {
    return this.#transact([
      { ConditionCheck: { TableName: this.tableName, Key: keys.reportVersion(reference, comment.version), ConditionExpression: 'attribute_exists(pk)' } },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.reportComment(reference, comment.version, comment.at, comment.id), type: 'report-comment', reference, ...comment },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.#audit(audit),
    ]);
  }

  async finalise(reference: string, version: ReportVersion, audit: AuditEvent): Promise<boolean> {
    const parts = version.derived ? derivedParts(version.derived) : [];
    return this.#transact([
      this.#noLaterVersion(reference, version.version),
      {
        Put: {
          TableName: this.tableName,
          Item: this.#version(reference, version),
          ConditionExpression: '#status = :draft',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft' },
        },
      },
      ...parts.map((data, part) => ({
        Put: {
          TableName: this.tableName,
          Item: { ...keys.reportDerivedPart(reference, version.version, part), type: 'report-derived', reference, version: version.version, part, parts: parts.length, data },
        },
      })),
      this.#audit(audit),
    ]);
  }

  async accept(input: Parameters<ReportStore['accept']>[0]): Promise<boolean> {
    const { reference, version } = input;
    const awaiting =
      input.awaiting === 'sub-committee-chair'
        ? 'attribute_not_exists(subCommitteeChairAcceptance)'
        : 'attribute_exists(subCommitteeChairAcceptance) AND attribute_not_exists(boardChairAcceptance)';
    const items: TransactItems = [
      this.#noLaterVersion(reference, version.version),
      {
        Put: {
          TableName: this.tableName,
          Item: this.#version(reference, version),
          ConditionExpression: `#status = :final AND ${awaiting}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':final': 'final' },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.actionLink(input.tokenHash),
          UpdateExpression: 'SET usedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': input.audit.at },
        },
      },
      this.#audit(input.audit),
    ];
    if (input.completes) {
      const { previous, next, audit } = input.completes;
      items.push(...this.cases.caseChangeItems(previous, next, new Date(audit.at), 'review-decided'), this.#audit(audit));
    }
    return this.#transact(items);
  }

  async putFeedbackSession(reference: string, session: FeedbackSession, audit: AuditEvent): Promise<void> {
    await this.#must([
      { Put: { TableName: this.tableName, Item: { ...keys.reportFeedbackSession(reference, session.id), type: 'report-feedback', reference, ...session }, ConditionExpression: 'attribute_not_exists(pk)' } },
      this.#audit(audit),
    ]);
  }

  async putPseudonyms(reference: string, pseudonyms: PseudonymsInput & { updatedAt: string; updatedBy: string }, audit: AuditEvent): Promise<void> {
    await this.#must([{ Put: { TableName: this.tableName, Item: { ...keys.reportPseudonyms(reference), type: 'report-pseudonyms', reference, ...pseudonyms } } }, this.#audit(audit)]);
  }

  async putPublication(reference: string, publication: Publication, caseVersion: number, audit: AuditEvent): Promise<boolean> {
    return this.#transact([
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.case(reference),
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': caseVersion },
        },
      },
      { Put: { TableName: this.tableName, Item: { ...keys.reportPublication(reference), type: 'report-publication', reference, ...publication }, ConditionExpression: 'attribute_not_exists(pk)' } },
      this.#audit(audit),
    ]);
  }

  async putExport(reference: string, record: ReportExport, audit: AuditEvent): Promise<void> {
    await this.#must([
      { Put: { TableName: this.tableName, Item: { ...keys.reportExport(reference, record.exportId), type: 'report-export', reference, ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
      this.#audit(audit),
    ]);
  }

  #version(reference: string, v: ReportVersion): Item {
    const { derived: _derived, ...header } = v;
    return { ...keys.reportVersion(reference, v.version), type: 'report-version', reference, ...header };
  }

  #section(reference: string, s: ReportSection): Item {
    return { ...keys.reportSection(reference, s.version, s.section), type: 'report-section', reference, ...s };
  }

  #audit(audit: AuditEvent) {
    return { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  #isLatestDraft(reference: string, version: number) {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.reportVersion(reference, version),
        ConditionExpression: '#status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft' },
      },
    };
  }

  #noLaterVersion(reference: string, version: number) {
    return { ConditionCheck: { TableName: this.tableName, Key: keys.reportVersion(reference, version + 1), ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  async #must(items: TransactItems): Promise<void> {
    await this.ddb.send(new TransactWriteCommand({ TransactItems: items }));
  }

  async #transact(items: TransactItems): Promise<boolean> {
    try {
      await this.ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }
}
