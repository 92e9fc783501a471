/**
 * The only place DynamoDB keys are spelled. One table holds every item;
 * pk/sk name the item, gsi1 lists cases in the order they arrived.
 */
export interface Key {
  pk: string;
  sk: string;
}

export const keys = {
  /** The case's header: what every page needs. */
  case: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'CASE' }),
  /**
   * One item of a list that grows on a case (a panel member, a records request...),
   * beside the header. Every `caseChild` sort key starts with `CASE#`, so one Query
   * (`begins_with(sk, 'CASE')`) reads the header with its review lists. Child types
   * that must not load on every case read (IMRs, chronology rows, report sections)
   * take a sort key outside that prefix and their own list method.
   */
  caseChild: (reference: string, type: CaseChildType, id: string): Key => ({ pk: `CASE#${reference}`, sk: `CASE#${type}#${id}` }),
  /** Prefix of the header and its children: `begins_with(sk, caseCollectionPrefix)`. */
  caseCollectionPrefix: 'CASE',
  /**
   * A contribution to a review (an IMR or another report, paras 9.1-9.6):
   * outside the `CASE` prefix, so a case read never loads it; listed by
   * `begins_with(sk, contributionPrefix)`.
   */
  contribution: (reference: string, contributionId: string): Key => ({ pk: `CASE#${reference}`, sk: `CONTRIB#${contributionId}` }),
  contributionPrefix: 'CONTRIB#',
  /**
   * A pointer beside a contribution to one person who acts on it now (its
   * senior officer, its current author), so "Your contributions" finds it:
   * gsi2 holds one key per item and two people need the contribution, so each
   * gets a small item of their own, written in the contribution's transaction.
   * The sort key does not begin with `CONTRIB#`, so the case's contribution
   * list never reads it.
   */
  contributionPointer: (reference: string, email: string, contributionId: string): Key => ({
    pk: `CASE#${reference}`,
    sk: `CONTRIBOF#${email}#${reference}#${contributionId}`,
  }),
  /** gsi2 (sparse: pointer items only): the contributions a person acts on, soonest due first. */
  contributionOfPerson: (email: string, dueAt: string, reference: string, contributionId: string) => ({
    gsi2pk: `CONTRIBS-OF#${email}`,
    gsi2sk: `${dueAt}#${reference}#${contributionId}`,
  }),
  contributionPersonPartition: (email: string) => `CONTRIBS-OF#${email}`,
  /**
   * A disciplinary matter arising from a contribution (10.9, 10.10): kept apart
   * from it (never read with it, so never in the IMR or an export of it).
   */
  disciplinaryMatter: (reference: string, contributionId: string, matterId: string): Key => ({ pk: `CASE#${reference}`, sk: `DISCIPLINARY#${contributionId}#${matterId}` }),
  disciplinaryPrefix: (contributionId: string) => `DISCIPLINARY#${contributionId}#`,
  /** One section of an IMR (analysis, learning, recommendations, interviews), saved on its own. */
  imrSection: (reference: string, contributionId: string, section: string): Key => ({ pk: `CASE#${reference}`, sk: `IMR#${contributionId}#${section}` }),
  imrPrefix: (contributionId: string) => `IMR#${contributionId}#`,
  /** One row of an IMR's chronology (Appendix A part 1): one item per row, so a 500-row chronology edits one row at a time. */
  chronologyRow: (reference: string, contributionId: string, rowId: string): Key => ({ pk: `CASE#${reference}`, sk: `CHRONO#${contributionId}#${rowId}` }),
  chronologyPrefix: (contributionId: string) => `CHRONO#${contributionId}#`,
  /** A read copy of an accepted contribution's rows, in parts (outside the `CASE` and `CHRONO#` prefixes). */
  chronologySnapshot: (reference: string, contributionId: string, acceptedAt: string, part: number): Key => ({
    pk: `CASE#${reference}`,
    sk: `CHRONOSNAP#${contributionId}#${acceptedAt}#${String(part).padStart(4, '0')}`,
  }),
  chronologySnapshotPrefix: (contributionId: string, acceptedAt: string) => `CHRONOSNAP#${contributionId}#${acceptedAt}#`,
  /** An open or done duty of a case (a task item), found by its owner and by its due instant. */
  task: (reference: string, taskId: string): Key => ({ pk: `CASE#${reference}`, sk: `TASK#${taskId}` }),
  taskPrefix: 'TASK#',
  /**
   * The terms of reference (7.1, 7.2): the open draft and each agreed version,
   * outside the `CASE` prefix so a case read never loads them.
   */
  torDraft: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'TOR#DRAFT' }),
  torVersion: (reference: string, version: number): Key => ({ pk: `CASE#${reference}`, sk: `TOR#v${String(version).padStart(4, '0')}` }),
  torPrefix: 'TOR#',
  /**
   * The overview report's facts (issue 11), each outside the `CASE` prefix so
   * a case read never loads them: the overview author (`OVERVIEW#AUTHOR`),
   * the genogram (`OVERVIEW#GENOGRAM`), what was known (`OVERVIEW#KNOWN`),
   * and one item per group of integrated-chronology rows (`CHRONOGROUP#<id>`),
   * listed on their own.
   */
  overviewAuthor: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'OVERVIEW#AUTHOR' }),
  overviewGenogram: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'OVERVIEW#GENOGRAM' }),
  overviewKnown: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'OVERVIEW#KNOWN' }),
  chronologyGroup: (reference: string, groupId: string): Key => ({ pk: `CASE#${reference}`, sk: `CHRONOGROUP#${groupId}` }),
  chronologyGroupPrefix: 'CHRONOGROUP#',
  /**
   * The overview report (Appendix B, 11.1-11.4): each version's header
   * (`REPORT#v0001`), its sections (`REPORT#v0001#S#<section>`), the panel's
   * comments (`REPORT#v0001#C#<at>#<id>`), and the report's own records
   * (feedback sessions, pseudonyms, publication, exports), all outside the
   * `CASE` prefix so a case read never loads them; one Query of `reportPrefix`
   * reads them all.
   */
  reportVersion: (reference: string, version: number): Key => ({ pk: `CASE#${reference}`, sk: `REPORT#v${String(version).padStart(4, '0')}` }),
  reportSection: (reference: string, version: number, section: string): Key => ({ pk: `CASE#${reference}`, sk: `REPORT#v${String(version).padStart(4, '0')}#S#${section}` }),
  reportComment: (reference: string, version: number, at: string, id: string): Key => ({ pk: `CASE#${reference}`, sk: `REPORT#v${String(version).padStart(4, '0')}#C#${at}#${id}` }),
  reportFeedbackSession: (reference: string, id: string): Key => ({ pk: `CASE#${reference}`, sk: `REPORT#FEEDBACK#${id}` }),
  reportPseudonyms: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'REPORT#PSEUDONYMS' }),
  reportPublication: (reference: string): Key => ({ pk: `CASE#${reference}`, sk: 'REPORT#PUBLICATION' }),
  reportExport: (reference: string, exportId: string): Key => ({ pk: `CASE#${reference}`, sk: `REPORT#EXPORT#${exportId}` }),
  /** What a final version drew from the case, gzipped JSON in parts under the item limit (a header never holds it). */
  reportDerivedPart: (reference: string, version: number, part: number): Key => ({
    pk: `CASE#${reference}`,
    sk: `REPORT#v${String(version).padStart(4, '0')}#D#${String(part).padStart(3, '0')}`,
  }),
  reportPrefix: 'REPORT#',
  /** gsi2 (sparse, only while open): an owner's tasks by due instant. `owner` is an office or `email:<address>`. */
  taskOfOwner: (owner: string, dueAt: string, reference: string, taskId: string) => ({
    gsi2pk: `TASKS#${owner}`,
    gsi2sk: `${dueAt}#${reference}#${taskId}`,
  }),
  taskOwnerPartition: (owner: string) => `TASKS#${owner}`,
  /** gsi3 (sparse, only while open): every open task by due instant, for the overdue follow-up list. */
  openTask: (dueAt: string, reference: string, taskId: string) => ({ gsi3pk: 'OPEN-TASKS', gsi3sk: `${dueAt}#${reference}#${taskId}` }),
  openTaskPartition: 'OPEN-TASKS',
  /**
   * An attached file's metadata (functions/domain/files/files.ts), a child of the case
   * outside the `CASE` prefix, so case reads never load it; one Query with
   * `begins_with(sk, filesOfOwnerPrefix(...))` lists an owner's files.
   */
  file: (reference: string, ownerKind: string, ownerId: string, fileId: string): Key => ({
    pk: `CASE#${reference}`,
    sk: `FILE#${ownerKind}#${ownerId}#${fileId}`,
  }),
  filesOfOwnerPrefix: (ownerKind: string, ownerId: string) => `FILE#${ownerKind}#${ownerId}#`,
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
  /**
   * An action of a review's action plan (functions/domain/actions): outside the
   * `CASE` prefix, so a case read never loads it; listed by `begins_with(sk, actionPrefix)`.
   */
  action: (reference: string, actionId: string): Key => ({ pk: `CASE#${reference}`, sk: `ACTION#${actionId}` }),
  actionPrefix: 'ACTION#',
  /** gsi1 (sparse: action items only): every action of the Board, for the progress report. */
  boardAction: (createdAt: string, reference: string, actionId: string) => ({ gsi1pk: 'ACTIONS', gsi1sk: `${createdAt}#${reference}#${actionId}` }),
  boardActionPartition: 'ACTIONS',
  /** gsi2 (sparse, only while open): an owner's open actions by due instant, for "My tasks". */
  actionOfOwner: (email: string, dueAt: string, reference: string, actionId: string) => ({
    gsi2pk: `ACTIONS-OF#${email}`,
    gsi2sk: `${dueAt}#${reference}#${actionId}`,
  }),
  actionOwnerPartition: (email: string) => `ACTIONS-OF#${email}`,
  /** gsi1: all cases by arrival. */
  caseList: (receivedAt: string, reference: string) => ({ gsi1pk: 'CASES', gsi1sk: `${receivedAt}#${reference}` }),
} as const;

/** The lists of a case that grow, each item under the case's partition. */
export type CaseChildType = 'PANEL' | 'RECORDS' | 'EXTREQ' | 'EXTENSION' | 'JOINT' | 'PROCEEDING' | 'LESSON';

/** Item type discriminator stored on every item, so stream consumers can filter without parsing keys. */
export type ItemType =
  | 'case'
  | 'case-child'
  | 'task'
  | 'audit'
  | 'notification'
  | 'counter'
  | 'idempotency'
  | 'member'
  | 'session'
  | 'board-config'
  | 'message'
  | 'parked-email'
  | 'tor-draft'
  | 'tor-version'
  | 'file'
  | 'contribution'
  | 'contribution-pointer'
  | 'disciplinary-matter'
  | 'imr-section'
  | 'chronology-row'
  | 'overview-author'
  | 'overview-genogram'
  | 'overview-known'
  | 'chronology-group'
  | 'report-version'
  | 'report-derived'
  | 'report-section'
  | 'report-comment'
  | 'report-feedback'
  | 'report-pseudonyms'
  | 'report-publication'
  | 'report-export'
  | 'action';
