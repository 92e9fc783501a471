/**
 * The only place DynamoDB keys are spelled. One table holds every item;
 * pk/sk name the item, gsi1 lists cases in the order they arrived.
 */
export interface Key {
  pk: string;
  sk: string;
}

export const keys = {
  case: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'CASE' }),
  audit: (reference: string, at: string, eventId: string): Key => ({ pk: `CASE#${reference}`, sk: `AUDIT#${at}#${eventId}` }),
  auditPrefix: 'AUDIT#',
  notification: (reference: string, kind: string, recipientRole: string): Key => ({
    pk: `CASE#${reference}`,
    sk: `NOTIFICATION#${kind}#${recipientRole}`,
  }),
  notificationPrefix: 'NOTIFICATION#',
  /** Points from an SES message id to the notification it sent, so delivery events find their case. */
  message: (messageId: string): Key => ({ pk: `MESSAGE#${messageId}`, sk: 'MESSAGE' }),
  member: (reference: string, userId: string): Key => ({ pk: `CASE#${reference}`, sk: `MEMBER#${userId}` }),
  memberPrefix: 'MEMBER#',
  /** gsi1: the cases a user is on. */
  memberOf: (userId: string, receivedAt: string, reference: string) => ({
    gsi1pk: `MEMBER#${userId}`,
    gsi1sk: `${receivedAt}#${reference}`,
  }),
  memberOfPartition: (userId: string) => `MEMBER#${userId}`,
  caseListPartition: 'CASES',
  session: (sessionId: string): Key => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' }),
  userSessions: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'SESSIONS' }),
  actionLink: (tokenHash: string): Key => ({ pk: `LINK#${tokenHash}`, sk: 'LINK' }),
  boardConfig: (): Key => ({ pk: 'CONFIG#BOARD', sk: 'CURRENT' }),
  referenceCounter: (year: number): Key => ({ pk: `COUNTER#REFERENCE#${year}`, sk: 'COUNTER' }),
  idempotency: (key: string): Key => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' }),
  /**
   * Counted security events (refused access): one item per user, action and
   * minute, in one of SECURITY_SHARDS partitions per day.
   */
  securityEvent: (day: string, shard: number, window: string, userId: string, action: string): Key => ({
    pk: `SECURITY#${day}#${shard}`,
    sk: `${window}#${userId}#${action}`,
  }),
  securityEventPartition: (day: string, shard: number) => `SECURITY#${day}#${shard}`,
  /** A counted view of an action link on the case's audit trail: one item per user, link action and minute. */
  countedAudit: (reference: string, window: string, userId: string, action: string): Key => ({
    pk: `CASE#${reference}`,
    sk: `AUDIT#${window}#${action}#${userId}`,
  }),
  /** gsi1: all cases by arrival. */
  caseList: (receivedAt: string, reference: string) => ({ gsi1pk: 'CASES', gsi1sk: `${receivedAt}#${reference}` }),
} as const;

/** Item type discriminator stored on every item, so stream consumers can filter without parsing keys. */
export type ItemType = 'case' | 'audit' | 'notification' | 'counter' | 'idempotency' | 'member' | 'session' | 'board-config' | 'message';
