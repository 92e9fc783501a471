import { BatchGetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { SessionCheck, SessionStore } from '../../ports/case-store.js';
import { keys } from './keys.js';

/** Don't write on every request: activity is recorded at most this often. */
const TOUCH_GRANULARITY_MS = 60_000;
/** Session records expire (TTL) a day after the refresh token could last. */
const SESSION_TTL_SECONDS = 32 * 3600;

/**
 * Sessions keyed by Cognito's `origin_jti` (one per sign-in, kept across
 * token refreshes). A session is revoked by sign-out or after inactivity;
 * a revoked session never comes back, whatever tokens the browser still holds.
 */
export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async touch(sessionId: string, userId: string, authTime: number, now: Date, idleMs: number): Promise<'active' | 'revoked' | 'idle'> {
    const key = keys.session(sessionId);
    const userKey = keys.userSessions(userId);
    // One round trip for both: this runs on every signed-in request.
    const out = await this.ddb.send(
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: [key, userKey], ConsistentRead: true } } }),
    );
    const got = out.Responses?.[this.tableName] ?? [];
    const item = got.find((i) => i.pk === key.pk);
    const user = got.find((i) => i.pk === userKey.pk);
    // Whole seconds, as auth_time is: a sign-in in the same second as the revocation is a new one.
    if (user?.revokedBefore && authTime < Math.floor(Date.parse(String(user.revokedBefore)) / 1000)) return 'revoked';
    if (item?.revokedAt) return 'revoked';
    // A token from another user can't reuse a session id: treat as revoked.
    if (item && item.userId !== userId) return 'revoked';
    if (item && now.getTime() - Date.parse(String(item.lastSeenAt)) > idleMs) {
      await this.revoke(sessionId, userId, now);
      return 'idle';
    }
    if (!item) {
      try {
        await this.ddb.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...key,
              type: 'session',
              userId,
              startedAt: now.toISOString(),
              lastSeenAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // Two first requests raced: the other one created it. Fine.
      }
      return 'active';
    }
    if (now.getTime() - Date.parse(String(item.lastSeenAt)) > TOUCH_GRANULARITY_MS) {
      await this.ddb.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET lastSeenAt = :now, expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':exp': Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS },
        }),
      ).catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
    }
    return 'active';
  }

  async revokeUser(userId: string, now: Date): Promise<void> {
    await this.ddb.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.userSessions(userId), type: 'session', userId, revokedBefore: now.toISOString() },
      }),
    );
  }

  async revoke(sessionId: string, userId: string, now: Date): Promise<void> {
    await this.ddb.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.session(sessionId),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now), userId = if_not_exists(userId, :user), #type = :type, expiresAt = :exp',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':now': now.toISOString(),
          ':user': userId,
          ':type': 'session',
          ':exp': Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS,
        },
      }),
    );
  }
}

/**
 * The session check of `touch` as two items of a caller's write transaction
 * (no read first): the session item is touched only if it is absent (a new
 * sign-in) or the caller's, not revoked and not idle; the user's revocation
 * marker, if any, must predate the sign-in. Either condition failing cancels
 * the whole write; `touch` then says why (and revokes an idle session).
 */
export function sessionTransactItems(tableName: string, check: SessionCheck) {
  const now = check.now.toISOString();
  // touch(): revoked when authTime < floor(revokedBefore in s), i.e. fine while revokedBefore <= authTime + 0.999 s.
  const latestRevocation = new Date(check.authTime * 1000 + 999).toISOString();
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.session(check.sessionId),
        UpdateExpression:
          'SET lastSeenAt = :now, expiresAt = :exp, userId = if_not_exists(userId, :user), startedAt = if_not_exists(startedAt, :now), #type = :type',
        ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(revokedAt) AND userId = :user AND lastSeenAt >= :idleBefore)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':now': now,
          ':exp': Math.floor(check.now.getTime() / 1000) + SESSION_TTL_SECONDS,
          ':user': check.userId,
          ':type': 'session',
          ':idleBefore': new Date(check.now.getTime() - check.idleMs).toISOString(),
        },
      },
    },
    {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.userSessions(check.userId),
        ConditionExpression: 'attribute_not_exists(revokedBefore) OR revokedBefore <= :latest',
        ExpressionAttributeValues: { ':latest': latestRevocation },
      },
    },
  ];
}
