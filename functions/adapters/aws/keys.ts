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
  /** The Board's emails that kept failing and were set aside for the business manager. */
  parkedEmail: (reference: string, kind: string, recipientRole: string): Key => ({
    pk: 'PARKED_EMAILS',
    sk: `${reference}#${kind}#${recipientRole}`,
  }),
  parkedEmailPartition: 'PARKED_EMAILS',
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
  /** gsi1: all cases by arrival. */
  caseList: (receivedAt: string, reference: string) => ({ gsi1pk: 'CASES', gsi1sk: `${receivedAt}#${reference}` }),
} as const;

/** Item type discriminator stored on every item, so stream consumers can filter without parsing keys. */
export type ItemType = 'case' | 'audit' | 'notification' | 'counter' | 'idempotency' | 'member' | 'session' | 'board-config' | 'message' | 'parked-email';
