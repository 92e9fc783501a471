import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  QueryCommand,
  ScanCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ActionLinks, CaseChange, CaseListRow, CaseStore, ClaimResult, CreateCaseRequest, CreateCaseResult, EmailSweep, Page, ParkedEmail, SentAlerts } from '../../ports/case-store.js';
import type { ActionLink, AuditEvent, CaseMember, CaseRecord, MessagePointer, NotificationRecord, NotificationSummary } from '../../domain/case/case.js';
import type { CaseTask, TaskRow } from '../../domain/case/case.js';
import { withSchedule } from '../../domain/case/outbox.js';
import { ValidationError } from '../../domain/errors.js';
import { assembleCase, canonicalJson, childEntries, childItem, childKey, closedTaskItem, contentHash, headerItem, headerOf, listRowOf, taskItem } from './case-items.js';
import type { DeliveryState } from '../../domain/email/delivery.js';
import { formatReference } from '../../domain/intake/reference.js';
import { TransientError } from '../../domain/errors.js';
import { keys } from './keys.js';
import { isLive, removedType } from './tombstone.js';
import { dayOf, shardOf, windowOf } from '../../domain/access/security-events.js';
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

/** Who an event is counted against: the user id, else the address (never a mixed key). */
const actorId = (e: AuditEvent): string => ('userId' in e.actor && e.actor.userId ? e.actor.userId : `email:${'email' in e.actor ? e.actor.email : 'unknown'}`);

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
export class DynamoCaseStore implements CaseStore, SentAlerts, ActionLinks, EmailSweep {
  readonly #lastSequence = new Map<number, number>();
  /** Submissions waiting for a reference, per year, and the years being written (see createCase). */
  readonly #waiting = new Map<number, { request: CreateCaseRequest; resolve: (r: CreateCaseResult) => void; reject: (e: unknown) => void }[]>();
  readonly #draining = new Set<number>();

  /**
   * @param tasksOf a case's open duties at an instant (pure, from the domain):
   *   written as task items with each change, so "My tasks" and the case list
   *   find them by index.
   */
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly referencePrefix: string,
    private readonly tasksOf: (c: CaseRecord, now: Date) => CaseTask[],
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
  #newCaseWrites(request: CreateCaseRequest, reference: string, withSession = true) {
    const { caseRecord, audit } = request.build(reference);
    const session = withSession && request.session ? sessionTransactItems(this.tableName, request.session) : [];
    const items = [
      ...session,
      // The header first (its position is read on a cancellation), then the new case's task items.
      ...this.#caseWrites(undefined, caseRecord, new Date(caseRecord.receivedAt), { force: true }).map((w, i) =>
        i === 0 ? { Put: { ...w.Put!, ConditionExpression: 'attribute_not_exists(pk)' } } : w,
      ),
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
      return this.#newCaseWrites(r, formatReference(this.referencePrefix, year, current + i + 1), first);
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
      const { caseRecord, items, sessionItems } = this.#newCaseWrites(request, formatReference(this.referencePrefix, request.year, next));
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
    // The header and the review's lists share a sort-key prefix: one Query reads them all.
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.caseCollectionPrefix },
      ConsistentRead: true,
    });
    return assembleCase(items);
  }

  /**
   * The writes that take a case from `previous` (as read; undefined for a new
   * case) to `next`: the header if anything it holds changed (or `force`), each
   * child item that is new or changed, and each task item that opened, changed
   * or closed. Conditions: the header on its version (and status, if given),
   * a child on its content as read. The header's `version` moves on only when
   * the header is written.
   */
  #caseWrites(
    previous: CaseRecord | undefined,
    next: CaseRecord,
    now: Date,
    opts: { force?: boolean; expectedStatus?: CaseRecord['status'] } = {},
  ): NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> {
    const ref = next.reference;
    const tasks = this.tasksOf(next, now);
    const taskIndex = Object.fromEntries(tasks.map((t) => [t.id, contentHash(t)]));
    const before = previous?.taskIndex ?? {};
    const withVersion = withSchedule(previous, { ...next, version: previous ? previous.version + 1 : next.version, taskIndex });
    const headerChanged =
      !previous ||
      opts.force ||
      stableHeader(previous) !== stableHeader(next) ||
      withVersion.scheduleFingerprint !== previous.scheduleFingerprint ||
      canonicalJson(before) !== canonicalJson(taskIndex);
    const writes: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [];
    if (headerChanged) {
      const conditions = previous ? ['#version = :version', ...(opts.expectedStatus ? ['#status = :status'] : [])] : [];
      writes.push({
        Put: {
          TableName: this.tableName,
          Item: headerItem(withVersion, { criteriaOutcome: next.criteria.outcome, ...(tasks[0] ? { nextTask: tasks[0] } : {}) }),
          ...(previous
            ? {
                ConditionExpression: conditions.join(' AND '),
                ExpressionAttributeNames: { '#version': 'version', ...(opts.expectedStatus ? { '#status': 'status' } : {}) },
                ExpressionAttributeValues: { ':version': previous.version, ...(opts.expectedStatus ? { ':status': opts.expectedStatus } : {}) },
              }
            : {}),
        },
      });
      for (const t of tasks) {
        if (before[t.id] === taskIndex[t.id]) continue;
        writes.push({ Put: { TableName: this.tableName, Item: taskItem(ref, t) } });
      }
      for (const id of Object.keys(before)) {
        if (id in taskIndex) continue;
        writes.push({ Put: { TableName: this.tableName, Item: closedTaskItem(ref, id, now.toISOString()) } });
      }
    }
    const old = new Map((previous ? childEntries(previous) : []).map((e) => [childKey(ref, e).sk, e]));
    for (const e of childEntries(next)) {
      const was = old.get(childKey(ref, e).sk);
      if (was && contentHash(was.data) === contentHash(e.data) && was.order === e.order) continue;
      writes.push({
        Put: {
          TableName: this.tableName,
          Item: childItem(ref, e),
          ...(was
            ? { ConditionExpression: '#hash = :hash', ExpressionAttributeNames: { '#hash': 'hash' }, ExpressionAttributeValues: { ':hash': contentHash(was.data) } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      });
    }
    return writes;
  }

  async claimNotification(record: NotificationRecord): Promise<ClaimResult> {
    const key = keys.notification(record.reference, record.kind, record.recipientRole);
    try {
      const out = await this.ddb.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET #type = :type, #reference = :reference, #kind = :kind, #role = :role, #email = :email, #status = :sending, claimedAt = :claimedAt, attempts = if_not_exists(attempts, :zero) + :one',
          // Taken when new, failed, or its fate is unknown: a claim whose sender died before
          // recording the send goes stale (or is marked unknown at local start-up) and is retaken.
          // A possible duplicate beats a statutory email silently never sent.
          ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:failed, :unknown) OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: {
            '#type': 'type',
            '#reference': 'reference',
            '#kind': 'kind',
            '#role': 'recipientRole',
            '#email': 'email',
            '#status': 'status',
          },
          ExpressionAttributeValues: {
            ':type': 'notification',
            ':reference': record.reference,
            ':kind': record.kind,
            ':role': record.recipientRole,
            ':email': record.email,
            ':sending': 'sending',
            ':failed': 'failed',
            ':unknown': 'unknown',
            ':claimedAt': record.claimedAt,
            ':stale': record.staleBefore,
            ':zero': 0,
            ':one': 1,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = out.Attributes;
      return {
        claimed: true,
        attempt: (typeof old?.attempts === 'number' ? old.attempts : 0) + 1,
        outcomeUnknown: old?.status === 'sending' || old?.status === 'unknown',
      };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      const status = out.Item?.status;
      if (status === 'sent' || status === 'parked') return { claimed: false, status };
      return { claimed: false, status: 'sending', ...(typeof out.Item?.claimedAt === 'string' ? { claimedAt: out.Item.claimedAt } : {}) };
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
              UpdateExpression: `SET #status = :sent, messageId = :id, sentAt = :at${record.outcomeUnknown ? ', resentAfterUnknownOutcome = :true' : ''}${record.linkHash ? ', linkHash = :linkHash' : ''}`,
              ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':sent': 'sent',
                ':sending': 'sending',
                ':id': messageId,
                ':at': audit.at,
                ':claimedAt': record.claimedAt,
                ...(record.outcomeUnknown ? { ':true': true } : {}),
                ...(record.linkHash ? { ':linkHash': record.linkHash } : {}),
              },
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
      ...(typeof i.attempts === 'number' ? { attempts: i.attempts } : {}),
      ...(i.resentAfterUnknownOutcome === true ? { resentAfterUnknownOutcome: true } : {}),
      ...(typeof i.linkHash === 'string' ? { linkHash: i.linkHash } : {}),
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

  async parkNotification(record: NotificationRecord, audit: AuditEvent): Promise<void> {
    const parkedAt = audit.at;
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.notification(record.reference, record.kind, record.recipientRole),
                UpdateExpression: 'SET #status = :parked, parkedAt = :at',
                ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':parked': 'parked', ':sending': 'sending', ':at': parkedAt, ':claimedAt': record.claimedAt },
              },
            },
            { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              // The Board's list of parked emails: the business manager's tasks read it without reading every case.
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.parkedEmail(record.reference, record.kind, record.recipientRole),
                  type: 'parked-email',
                  reference: record.reference,
                  kind: record.kind,
                  recipientRole: record.recipientRole,
                  parkedAt,
                  attempts: Number(audit.detail?.attempts ?? 0),
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // Another attempt took or settled the claim meanwhile: nothing to park.
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  async markAbandonedClaims(): Promise<number> {
    let marked = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.ddb.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: '#type = :notification AND #status = :sending',
          ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
          ExpressionAttributeValues: { ':notification': 'notification', ':sending': 'sending' },
          ProjectionExpression: 'pk, sk, claimedAt',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        try {
          await this.ddb.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: 'SET #status = :unknown',
              ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':unknown': 'unknown', ':sending': 'sending', ':claimedAt': item.claimedAt },
            }),
          );
          marked++;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return marked;
  }

  async listParkedEmails(): Promise<ParkedEmail[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.parkedEmailPartition },
    });
    const parked = items.map((i) => ({
      reference: String(i.reference),
      kind: String(i.kind),
      recipientRole: String(i.recipientRole),
      parkedAt: String(i.parkedAt),
      attempts: Number(i.attempts ?? 0),
    }));
    // Still parked: one sent since (a later attempt, or a resend from the case page, which is a new
    // attempt of the same notification to the same address) leaves the list.
    const still: ParkedEmail[] = [];
    for (const p of parked) {
      const notifications = await this.listNotifications(p.reference);
      const item = notifications.find((n) => n.kind === p.kind && n.recipientRole === p.recipientRole);
      if (item?.status !== 'parked') continue;
      const sentSince = notifications.some(
        (n) => n.kind === p.kind && n.status === 'sent' && n.email?.toLowerCase() === item.email?.toLowerCase() && (n.sentAt ?? '') > p.parkedAt,
      );
      if (!sentSince) still.push(p);
    }
    return still.sort((a, b) => a.parkedAt.localeCompare(b.parkedAt));
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.ddb.send(
      new PutCommand({ TableName: this.tableName, Item: auditItem(event), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  }

  async recordSecurityEvent(event: AuditEvent): Promise<number> {
    const who = actorId(event);
    return this.#countInto(keys.securityEvent(dayOf(event.at), shardOf(who), windowOf(event.at), who, event.action), event);
  }

  async countCaseView(event: AuditEvent): Promise<number> {
    return this.#countInto(keys.countedAudit(event.reference, windowOf(event.at), actorId(event), event.action), event);
  }

  /** One counted event: the first occurrence's details (if_not_exists), then ADD to the count. */
  async #countInto(key: { pk: string; sk: string }, event: AuditEvent): Promise<number> {
    const { eventId, reference, at, action, actor, requestId, sourceIp, detail } = event;
    const out = await this.ddb.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        // Every name through ExpressionAttributeNames: several (reference, action, count...) are reserved words.
        UpdateExpression: [
          'SET #type = :type, #eventId = if_not_exists(#eventId, :eventId), #reference = if_not_exists(#reference, :reference)',
          '#at = if_not_exists(#at, :at), #action = if_not_exists(#action, :action), #actor = if_not_exists(#actor, :actor)',
          '#lastAt = :at',
          ...(requestId ? ['#requestId = if_not_exists(#requestId, :requestId)'] : []),
          ...(sourceIp ? ['#sourceIp = if_not_exists(#sourceIp, :sourceIp)'] : []),
          ...(detail ? ['#detail = if_not_exists(#detail, :detail)'] : []),
        ].join(', ') + ' ADD #count :one',
        ExpressionAttributeNames: {
          '#type': 'type',
          '#eventId': 'eventId',
          '#reference': 'reference',
          '#at': 'at',
          '#action': 'action',
          '#actor': 'actor',
          '#lastAt': 'lastAt',
          '#count': 'count',
          ...(requestId ? { '#requestId': 'requestId' } : {}),
          ...(sourceIp ? { '#sourceIp': 'sourceIp' } : {}),
          ...(detail ? { '#detail': 'detail' } : {}),
        },
        ExpressionAttributeValues: {
          ':type': 'audit',
          ':eventId': eventId,
          ':reference': reference,
          ':at': at,
          ':action': action,
          ':actor': actor,
          ':one': 1,
          ...(requestId ? { ':requestId': requestId } : {}),
          ...(sourceIp ? { ':sourceIp': sourceIp } : {}),
          ...(detail ? { ':detail': detail } : {}),
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.count ?? 1);
  }

  async listAudit(reference: string): Promise<AuditEvent[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.auditPrefix },
    });
    return items.map(({ pk: _pk, sk: _sk, type: _t, ...rest }) => rest as unknown as AuditEvent);
  }

  async putMember(member: CaseMember, audit: AuditEvent): Promise<void> {
    const header = await this.ddb.send(
      new GetCommand({ TableName: this.tableName, Key: keys.case(member.reference), ProjectionExpression: 'receivedAt', ConsistentRead: true }),
    );
    const caseRecord = header.Item as Pick<CaseRecord, 'receivedAt'> | undefined;
    if (!caseRecord) throw new Error('No such case');
    await this.ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: memberItem(member, caseRecord.receivedAt),
              // Members join a case that exists; no orphans. One taken off the case left a tombstone, replaced here.
              ConditionExpression: 'attribute_not_exists(pk) OR #type = :member OR #type = :removed',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':member': 'member', ':removed': removedType('member') },
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
    // A member taken off the case is a tombstone: absent.
    return isLive(out.Item, 'member') ? fromMemberItem(out.Item) : undefined;
  }

  async listMembers(reference: string): Promise<CaseMember[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.memberPrefix },
    });
    return items.filter((i) => isLive(i, 'member')).map(fromMemberItem);
  }

  async listCasePage(limit: number, cursor?: string): Promise<Page<CaseListRow>> {
    const out = await this.ddb.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.caseListPartition },
        ScanIndexForward: false,
        Limit: limit,
        ...startKey(cursor),
      }),
    );
    return { items: (out.Items ?? []).map(listRowOf), ...cursorOf(out.LastEvaluatedKey) };
  }

  async listCasesOf(userId: string, limit: number, cursor?: string): Promise<Page<{ row: CaseListRow; member: CaseMember }>> {
    const page = await this.ddb.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.memberOfPartition(userId) },
        ScanIndexForward: false,
        Limit: limit,
        ...startKey(cursor),
      }),
    );
    const members = (page.Items ?? []).map(fromMemberItem);
    const items: { row: CaseListRow; member: CaseMember }[] = [];
    for (let i = 0; i < members.length; i += 100) {
      const chunk = members.slice(i, i + 100);
      let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> | undefined = {
        [this.tableName]: {
          Keys: chunk.map((m) => ({ ...keys.case(m.reference) })),
          ProjectionExpression: '#r, #s, #at, #o, #n',
          ExpressionAttributeNames: { '#r': 'reference', '#s': 'status', '#at': 'receivedAt', '#o': 'criteriaOutcome', '#n': 'nextTask' },
        },
      };
      const byRef = new Map<string, CaseListRow>();
      while (request) {
        const got: BatchGetCommandOutput = await this.ddb.send(new BatchGetCommand({ RequestItems: request }));
        for (const it of got.Responses?.[this.tableName] ?? []) byRef.set(String(it.reference), listRowOf(it));
        const left: unknown = got.UnprocessedKeys?.[this.tableName];
        request = (left as { Keys?: unknown[] } | undefined)?.Keys?.length ? ({ [this.tableName]: left } as typeof request) : undefined;
      }
      for (const member of chunk) {
        const row = byRef.get(member.reference);
        if (row) items.push({ row, member });
      }
    }
    return { items, ...cursorOf(page.LastEvaluatedKey) };
  }

  async listTasksOf(owner: string, limit: number): Promise<TaskRow[]> {
    const out = await this.ddb.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.taskOwnerPartition(owner) },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(taskRowOf);
  }

  async listOverdueTasks(before: string, limit: number): Promise<TaskRow[]> {
    const out = await this.ddb.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :before',
        ExpressionAttributeValues: { ':pk': keys.openTaskPartition, ':before': before },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(taskRowOf);
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

  async renewLinks(tokenHashes: string[], expiresAt: string): Promise<void> {
    for (const tokenHash of tokenHashes) {
      try {
        await this.ddb.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.actionLink(tokenHash),
            UpdateExpression: 'SET expiresAt = :e',
            // Only a link that exists and was not used; never shortened.
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND (attribute_not_exists(expiresAt) OR expiresAt < :e)',
            ExpressionAttributeValues: { ':e': expiresAt },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  async getLink(tokenHash: string): Promise<ActionLink | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.actionLink(tokenHash), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _t, ...rest } = out.Item;
    return rest as ActionLink;
  }

  async updateCase({ previous, next, audit, spansItems }: CaseChange): Promise<boolean> {
    const writes = this.#caseWrites(previous, next, new Date(audit.at), { force: spansItems ?? false });
    if (writes.length === 0) return true;
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [...writes, { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } }],
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

  /**
   * The writes of one change to a case (its header at `previous.version`,
   * with `expectedStatus`, its tasks and changed child items), for another
   * store to put in its own transaction: the overview report's acceptance by
   * the Board chair completes the review in the same transaction.
   */
  caseChangeItems(previous: CaseRecord, next: CaseRecord, now: Date, expectedStatus: CaseRecord['status']): NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> {
    return this.#caseWrites(previous, next, now, { force: true, expectedStatus });
  }

  async recordStageAction(input: {
    previous: CaseRecord;
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
            ...this.#caseWrites({ ...input.previous, version: input.expectedVersion }, input.caseRecord, new Date(input.audit.at), {
              force: true,
              expectedStatus: input.expectedStatus,
            }),
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

/** A case's header item as the list index sees it, without task items (seeding, benchmarks). */
export function caseItem(c: CaseRecord) {
  return headerItem(c, { criteriaOutcome: c.criteria.outcome });
}

/** Everything the header holds but its bookkeeping: two equal strings mean the header need not be written. */
function stableHeader(c: CaseRecord): string {
  const { version: _v, scheduleFingerprint: _f, scheduleVersion: _s, taskIndex: _t, ...rest } = headerOf(c);
  return canonicalJson(rest);
}

/** A page cursor: the index key to go on from, opaque to the client. */
function cursorOf(lastKey: Record<string, unknown> | undefined): { cursor?: string } {
  return lastKey ? { cursor: Buffer.from(JSON.stringify(lastKey)).toString('base64url') } : {};
}

function startKey(cursor: string | undefined): { ExclusiveStartKey?: Record<string, unknown> } {
  if (!cursor) return {};
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key) && Object.values(key).every((v) => typeof v === 'string')) {
      return { ExclusiveStartKey: key as Record<string, string> };
    }
  } catch {
    // fall through: not a cursor this service made
  }
  throw new ValidationError([{ name: 'cursor', href: '#cursor', text: 'That page link is not valid. Go back to the first page' }], 'There is a problem');
}

function taskRowOf(item: Record<string, unknown>): TaskRow {
  return {
    reference: String(item.reference),
    id: String(item.taskId),
    label: String(item.label),
    owner: String(item.owner),
    deadline: item.deadline as TaskRow['deadline'],
    openedAt: String(item.openedAt),
    ...(typeof item.deadlineSetAt === 'string' ? { deadlineSetAt: item.deadlineSetAt } : {}),
  };
}

export function fromMemberItem(item: Record<string, unknown>): CaseMember {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest as unknown as CaseMember;
}


