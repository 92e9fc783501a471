import {
  BatchGetCommand,
  QueryCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ActionLinks, CaseStore, CreateCaseRequest, CreateCaseResult, SentAlerts } from '../../ports/case-store.js';
import type { ActionLink, AuditEvent, CaseMember, CaseRecord, MessagePointer, NotificationRecord, NotificationSummary } from '../../domain/case.js';
import type { DeliveryState } from '../../domain/delivery.js';
import { formatReference } from '../../domain/reference.js';
import { TransientError } from '../../domain/errors.js';
import { keys } from './keys.js';
import { sessionTransactItems } from './dynamo-session-store.js';

/** Idempotency records outlive any sensible client retry window. */
const IDEMPOTENCY_TTL_SECONDS = 30 * 24 * 3600;
/**
 * How long a submission keeps trying for a reference under contention between
 * Lambda instances (each lost race means another submission took a number):
 * inside the function's 10 s timeout, leaving time to answer 503 instead.
 */
const ALLOCATION_BUDGET_MS = 7_000;
/** Longest pause between two attempts (full jitter below it spreads a crowd out). */
const ALLOCATION_BACKOFF_CAP_MS = 500;
/** Most submissions written in one transaction (each is 4-5 items; a transaction holds 100 and 4 MB). */
const ALLOCATION_BATCH = 10;

export const auditItem = (e: AuditEvent) => ({ ...keys.audit(e.reference, e.at, e.eventId), type: 'audit', ...e });

export const memberItem = (m: CaseMember, receivedAt: string) => ({
  ...keys.member(m.reference, m.userId),
  ...keys.memberOf(m.userId, receivedAt, m.reference),
  type: 'member',
  ...m,
});

/**
 * CaseStore on one DynamoDB table.
 *
 * References come from a per-year counter advanced inside the same
 * transaction that writes the case, its audit event and the idempotency
 * record, with a condition on the counter's previous value: two concurrent
 * submissions cannot both take a number, and a failed transaction takes none.
 * The last counter value seen is remembered (per warm Lambda) so the usual
 * path is one transaction with no read first.
 */
export class DynamoCaseStore implements CaseStore, SentAlerts, ActionLinks {
  readonly #lastSequence = new Map<number, number>();
  /** Submissions waiting for a reference, per year, and the years being written (see createCase). */
  readonly #waiting = new Map<number, { request: CreateCaseRequest; resolve: (r: CreateCaseResult) => void; reject: (e: unknown) => void }[]>();
  readonly #draining = new Set<number>();

  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly referencePrefix: string,
  ) {}

  async createCase(request: CreateCaseRequest): Promise<CreateCaseResult> {
    // A Lambda instance serves one request at a time, so in AWS the queue below never holds more than
    // one. Where many requests share a process (the local runtime) they would otherwise all race for
    // the same number and all but one lose every round; instead they wait their turn, and those
    // waiting together are written in one transaction (group commit).
    return new Promise<CreateCaseResult>((resolve, reject) => {
      const queue = this.#waiting.get(request.year) ?? [];
      queue.push({ request, resolve, reject });
      this.#waiting.set(request.year, queue);
      if (!this.#draining.has(request.year)) void this.#drain(request.year);
    });
  }

  /** Writes the queued submissions of one year, a batch at a time, until none wait. */
  async #drain(year: number): Promise<void> {
    this.#draining.add(year);
    try {
      for (;;) {
        const queue = this.#waiting.get(year) ?? [];
        const batch = queue.splice(0, ALLOCATION_BATCH);
        if (queue.length === 0) this.#waiting.delete(year);
        if (batch.length === 0) return;
        const together = batch.length > 1 ? await this.#allocateTogether(batch.map((b) => b.request)).catch(() => undefined) : undefined;
        if (together) {
          batch.forEach((b, i) => b.resolve(together[i]!));
          continue;
        }
        // One by one: a lone submission, or a batch refused as a whole (a replay in it, a lost race,
        // too large): each then gets its own answer.
        for (const b of batch) await this.#allocate(b.request).then(b.resolve, b.reject);
      }
    } finally {
      this.#draining.delete(year);
    }
  }

  /**
   * The items that create one case under `reference`, and the case. The
   * caller's session check (if any) comes first, `sessionItems` of them.
   */
  #caseWrites(request: CreateCaseRequest, reference: string, withSession = true) {
    const { caseRecord, audit } = request.build(reference);
    const session = withSession && request.session ? sessionTransactItems(this.tableName, request.session) : [];
    const items = [
      ...session,
      { Put: { TableName: this.tableName, Item: caseItem(caseRecord), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...(request.members?.(reference) ?? []).map((m) => ({
        Put: { TableName: this.tableName, Item: memberItem(m, caseRecord.receivedAt) },
      })),
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(request.idempotencyKey),
            type: 'idempotency',
            reference,
            payloadHash: request.payloadHash,
            receivedAt: caseRecord.receivedAt,
            expiresAt: Math.floor(Date.parse(caseRecord.receivedAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      },
    ];
    return { caseRecord, items, sessionItems: session.length };
  }

  /** Advances the counter from `current` to `next`, only if no one else moved it. */
  #counterUpdate(year: number, current: number, next: number) {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.referenceCounter(year),
        UpdateExpression: 'SET #seq = :next, #type = :type',
        ConditionExpression: current === 0 ? 'attribute_not_exists(pk) OR #seq = :current' : '#seq = :current',
        ExpressionAttributeNames: { '#seq': 'sequence', '#type': 'type' },
        ExpressionAttributeValues: { ':next': next, ':current': current, ':type': 'counter' },
        // A lost race says which number won, saving a read before the next attempt.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
  }

  /**
   * Several waiting submissions in one transaction: consecutive references,
   * the counter advanced once. All or nothing: any refusal (undefined) sends
   * them one by one, where each gets its own outcome.
   */
  async #allocateTogether(requests: CreateCaseRequest[]): Promise<CreateCaseResult[] | undefined> {
    const year = requests[0]!.year;
    const current = this.#lastSequence.get(year) ?? (await this.#readSequence(year));
    // A session appears once per transaction (an item may not be written twice in one).
    const sessions = new Set<string>();
    const writes = requests.map((r, i) => {
      const first = !!r.session && !sessions.has(r.session.sessionId);
      if (r.session) sessions.add(r.session.sessionId);
      return this.#caseWrites(r, formatReference(this.referencePrefix, year, current + i + 1), first);
    });
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [this.#counterUpdate(year, current, current + requests.length), ...writes.flatMap((w) => w.items)],
        }),
      );
    } catch {
      this.#lastSequence.delete(year);
      return undefined;
    }
    this.#lastSequence.set(year, current + requests.length);
    return writes.map((w) => ({ kind: 'created', caseRecord: w.caseRecord }));
  }

  /** Allocates the next reference and writes one case; retries lost races within a time budget. */
  async #allocate(request: CreateCaseRequest): Promise<CreateCaseResult> {
    // Retry budget in real time (not the Clock port): it bounds waiting for DynamoDB, not a rule.
    const giveUpAt = Date.now() + ALLOCATION_BUDGET_MS;
    const pause = (ms: number) => new Promise((r) => setTimeout(r, Math.random() * ms));
    for (let busy = 0; ; ) {
      const current = this.#lastSequence.get(request.year) ?? (await this.#readSequence(request.year));
      const next = current + 1;
      const { caseRecord, items, sessionItems } = this.#caseWrites(request, formatReference(this.referencePrefix, request.year, next));
      try {
        await this.ddb.send(new TransactWriteCommand({ TransactItems: [this.#counterUpdate(request.year, current, next), ...items] }));
        this.#lastSequence.set(request.year, next);
        return { kind: 'created', caseRecord };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const counter = reasons[0];
        const casePut = reasons[1 + sessionItems];
        const idempotency = reasons[reasons.length - 1];
        // An ended session wins over everything else, a replay included: it may not even learn that.
        if (reasons.slice(1, 1 + sessionItems).some((r) => r.Code === 'ConditionalCheckFailed')) return { kind: 'session-ended' };
        let wait = 0;
        if (idempotency?.Code === 'ConditionalCheckFailed') {
          const old = idempotency.Item ? unmarshall(idempotency.Item) : await this.#readIdempotency(request.idempotencyKey);
          if (old) {
            if (old.payloadHash !== request.payloadHash) return { kind: 'key-reused', reference: String(old.reference) };
            return { kind: 'replayed', reference: String(old.reference), receivedAt: String(old.receivedAt) };
          }
          // Expired between the two calls: try again as new.
        } else if (counter?.Code === 'ConditionalCheckFailed') {
          // Someone else took this number: learn the latest and try the next one at once. Waiting long
          // here would only let newer arrivals overtake; a few ms of jitter keeps losers apart.
          const seen = counter.Item ? unmarshall(counter.Item).sequence : undefined;
          this.#lastSequence.set(request.year, typeof seen === 'number' ? seen : await this.#readSequence(request.year));
          wait = 10;
        } else if (casePut?.Code === 'ConditionalCheckFailed') {
          this.#lastSequence.set(request.year, await this.#readSequence(request.year));
        } else if (reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError')) {
          // Another transaction held the counter at that moment, or DynamoDB is throttling: its outcome is
          // unknown, so read afresh after an exponentially growing pause (full jitter).
          this.#lastSequence.delete(request.year);
          wait = Math.min(ALLOCATION_BACKOFF_CAP_MS, 5 * 2 ** Math.min(busy++, 10));
        } else {
          throw error;
        }
        if (Date.now() >= giveUpAt) {
          throw new TransientError('Could not allocate a case reference; please try again', { cause: error });
        }
        await pause(wait);
      }
    }
  }

  async getCase(reference: string): Promise<CaseRecord | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.case(reference), ConsistentRead: true }));
    return out.Item ? fromCaseItem(out.Item) : undefined;
  }

  async claimNotification(record: NotificationRecord): Promise<boolean> {
    try {
      await this.ddb.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.notification(record.reference, record.kind, record.recipientRole),
            type: 'notification',
            reference: record.reference,
            kind: record.kind,
            recipientRole: record.recipientRole,
            email: record.email,
            status: 'sending',
            claimedAt: record.claimedAt,
          },
          // A claim whose sender died before recording the send goes stale and may be retaken:
          // a possible duplicate beats a statutory email silently never sent.
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':failed': 'failed', ':stale': record.staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async recordNotificationSent(record: NotificationRecord, messageId: string, audit: AuditEvent): Promise<void> {
    await this.ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.notification(record.reference, record.kind, record.recipientRole),
              UpdateExpression: 'SET #status = :sent, messageId = :id, sentAt = :at',
              ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':id': messageId, ':at': audit.at, ':claimedAt': record.claimedAt },
            },
          },
          { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            // Delivery events carry only the message id: this leads them to the case.
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.message(messageId),
                type: 'message',
                messageId,
                reference: record.reference,
                kind: record.kind,
                recipientRole: record.recipientRole,
              } satisfies MessagePointer & Record<string, unknown>,
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  }

  async findMessage(messageId: string): Promise<MessagePointer | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.message(messageId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return {
      messageId: String(out.Item.messageId),
      reference: String(out.Item.reference),
      kind: out.Item.kind as MessagePointer['kind'],
      recipientRole: out.Item.recipientRole as MessagePointer['recipientRole'],
    };
  }

  async recordDelivery(pointer: MessagePointer, state: DeliveryState, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.notification(pointer.reference, pointer.kind, pointer.recipientRole),
                UpdateExpression: 'SET delivery = :state, deliveryOrder = :order',
                // Latest wins: an older or repeated event changes nothing. Only the message this item sent.
                ConditionExpression: 'messageId = :id AND (attribute_not_exists(deliveryOrder) OR deliveryOrder < :order)',
                ExpressionAttributeValues: { ':state': state, ':order': state.order, ':id': pointer.messageId },
              },
            },
            { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async listNotifications(reference: string): Promise<NotificationSummary[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.notificationPrefix },
    });
    return items.map((i) => ({
      kind: i.kind as NotificationSummary['kind'],
      recipientRole: i.recipientRole as NotificationSummary['recipientRole'],
      status: String(i.status),
      ...(typeof i.email === 'string' ? { email: i.email } : {}),
      ...(typeof i.messageId === 'string' ? { messageId: i.messageId } : {}),
      ...(typeof i.sentAt === 'string' ? { sentAt: i.sentAt } : {}),
      ...(typeof i.claimedAt === 'string' ? { claimedAt: i.claimedAt } : {}),
      ...(i.delivery ? { delivery: i.delivery as DeliveryState } : {}),
    }));
  }

  async releaseNotification(record: NotificationRecord): Promise<void> {
    try {
      // Marked failed rather than deleted: no function may delete items, and the failure stays visible.
      await this.ddb.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(record.reference, record.kind, record.recipientRole),
          UpdateExpression: 'SET #status = :failed',
          ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':failed': 'failed', ':claimedAt': record.claimedAt },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.ddb.send(
      new PutCommand({ TableName: this.tableName, Item: auditItem(event), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  }

  async listAudit(reference: string): Promise<AuditEvent[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.auditPrefix },
    });
    return items.map(({ pk: _pk, sk: _sk, type: _t, ...rest }) => rest as unknown as AuditEvent);
  }

  async putMember(member: CaseMember, audit: AuditEvent): Promise<void> {
    const caseRecord = await this.getCase(member.reference);
    if (!caseRecord) throw new Error('No such case');
    await this.ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: memberItem(member, caseRecord.receivedAt),
              // Members join a case that exists; no orphans.
              ConditionExpression: 'attribute_not_exists(pk) OR #type = :member',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':member': 'member' },
            },
          },
          { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
  }

  async getMember(reference: string, userId: string): Promise<CaseMember | undefined> {
    const out = await this.ddb.send(
      new GetCommand({ TableName: this.tableName, Key: keys.member(reference, userId), ConsistentRead: true }),
    );
    return out.Item ? fromMemberItem(out.Item) : undefined;
  }

  async listMembers(reference: string): Promise<CaseMember[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.memberPrefix },
    });
    return items.map(fromMemberItem);
  }

  async listCases(): Promise<CaseRecord[]> {
    const items = await this.#queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.caseListPartition },
      ScanIndexForward: false,
    });
    return items.map(fromCaseItem);
  }

  async listCasesOf(userId: string): Promise<{ caseRecord: CaseRecord; member: CaseMember }[]> {
    const members = (
      await this.#queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.memberOfPartition(userId) },
        ScanIndexForward: false,
      })
    ).map(fromMemberItem);
    const out: { caseRecord: CaseRecord; member: CaseMember }[] = [];
    for (let i = 0; i < members.length; i += 100) {
      const chunk = members.slice(i, i + 100);
      const got = await this.ddb.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: chunk.map((m) => keys.case(m.reference)) } } }),
      );
      const byRef = new Map((got.Responses?.[this.tableName] ?? []).map((it) => [String(it.reference), fromCaseItem(it)]));
      for (const member of chunk) {
        const caseRecord = byRef.get(member.reference);
        if (caseRecord) out.push({ caseRecord, member });
      }
    }
    return out;
  }

  async sentAlertKeys(reference: string): Promise<Set<string>> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': 'NOTIFICATION#alert:' },
    });
    return new Set(items.filter((i) => i.recipientRole === 'to:all').map((i) => String(i.kind).slice('alert:'.length)));
  }

  async markAlertComplete(reference: string, alertKey: string, at: string): Promise<void> {
    await this.ddb.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.notification(reference, `alert:${alertKey}`, 'to:all'),
          type: 'notification',
          reference,
          kind: `alert:${alertKey}`,
          recipientRole: 'to:all',
          status: 'complete',
          completedAt: at,
        },
      }),
    );
  }

  async putLink(link: ActionLink): Promise<void> {
    await this.ddb.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.actionLink(link.tokenHash), type: 'action-link', ...link },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getLink(tokenHash: string): Promise<ActionLink | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.actionLink(tokenHash), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _t, ...rest } = out.Item;
    return rest as ActionLink;
  }

  async updateCase(next: CaseRecord, expectedVersion: number, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: caseItem(next),
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': expectedVersion },
              },
            },
            { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
        return false;
      }
      throw error;
    }
  }

  async recordStageAction(input: {
    caseRecord: CaseRecord;
    expectedStatus: CaseRecord['status'];
    expectedVersion: number;
    tokenHash: string;
    audit: AuditEvent;
  }): Promise<boolean> {
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: caseItem(input.caseRecord),
                ConditionExpression: '#status = :status AND #version = :version',
                ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                ExpressionAttributeValues: { ':status': input.expectedStatus, ':version': input.expectedVersion },
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
            { Put: { TableName: this.tableName, Item: auditItem(input.audit), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
        return false;
      }
      throw error;
    }
  }

  async #queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.ddb.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  async #readSequence(year: number): Promise<number> {
    const out = await this.ddb.send(
      new GetCommand({ TableName: this.tableName, Key: keys.referenceCounter(year), ConsistentRead: true }),
    );
    return typeof out.Item?.sequence === 'number' ? out.Item.sequence : 0;
  }

  async #readIdempotency(key: string): Promise<Record<string, unknown> | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.idempotency(key), ConsistentRead: true }));
    return out.Item;
  }
}

export function caseItem(c: CaseRecord) {
  return { ...keys.case(c.reference), ...keys.caseList(c.receivedAt, c.reference), type: 'case', ...c };
}

export function fromMemberItem(item: Record<string, unknown>): CaseMember {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest as unknown as CaseMember;
}

export function fromCaseItem(item: Record<string, unknown>): CaseRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest as unknown as CaseRecord;
}

