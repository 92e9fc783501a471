import type { Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { ConfigError, parseEnv, type Env } from '../config/env.js';
import { issuerFor } from '../config/identity.js';
import { awsClients, tracer } from '../adapters/aws/clients.js';
import { DynamoContributionStore } from '../adapters/aws/dynamo-contribution-store.js';
import { DynamoChronologySnapshots } from '../adapters/aws/dynamo-chronology-snapshots.js';
import { DynamoOverviewStore } from '../adapters/aws/dynamo-overview-store.js';
import { DynamoActionStore } from '../adapters/aws/dynamo-action-store.js';
import { DynamoFileRecords } from '../adapters/aws/dynamo-file-records.js';
import { filesS3Client, S3FileStore } from '../adapters/aws/s3-file-store.js';
import type { FileRecords, FileStore } from '../ports/files.js';
import { DynamoReportStore } from '../adapters/aws/dynamo-report-store.js';
import { DynamoCaseStore } from '../adapters/aws/dynamo-case-store.js';
import { DynamoSessionStore } from '../adapters/aws/dynamo-session-store.js';
import { DynamoBoardConfigStore } from '../adapters/aws/dynamo-board-config-store.js';
import { DynamoTermsOfReferenceStore } from '../adapters/aws/dynamo-terms-of-reference-store.js';
import type { TermsOfReferenceStore } from '../ports/terms-of-reference-store.js';
import { SesMailer } from '../adapters/aws/ses-mailer.js';
import { SfnWorkflows } from '../adapters/aws/sfn-workflows.js';
import { CognitoTokenVerifier } from '../adapters/aws/cognito-token-verifier.js';
import { CognitoUserDirectory } from '../adapters/aws/cognito-user-directory.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { cryptoIds, type Ids } from '../ports/ids.js';
import type { ActionLinks, BoardConfigStore, CaseStore, SentAlerts, SessionStore } from '../ports/case-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Workflows } from '../ports/workflows.js';
import type { TokenVerifier, UserDirectory } from '../ports/identity.js';
import { englandAndWalesCalendar, type WorkingDayCalendar } from '../domain/calendar/working-days.js';
import { caseTasks } from '../domain/case/case-views.js';
import { sendOwedReportEmails } from '../domain/report/report-emails.js';
import { NotFoundError } from '../domain/errors.js';

/** Everything a use case may need, built from the environment once per warm Lambda. */
export interface Dependencies {
  env: Env;
  store: CaseStore & SentAlerts & ActionLinks;
  sessions: SessionStore;
  /** The terms of reference of reviews (7.1, 7.2). */
  terms: TermsOfReferenceStore;
  boardConfig: BoardConfigStore;
  mailer: Mailer;
  workflows: Workflows;
  verifier: TokenVerifier;
  users: UserDirectory;
  clock: Clock;
  /** The clock for security limits (token expiry, idle sessions); the system clock in AWS. */
  securityClock: Clock;
  ids: Ids;
  calendar: WorkingDayCalendar;
}

/**
 * Local runtime contract: `infra/local` invokes handlers in-process and puts
 * the platform's Lambda environment on the context as `localEnv`, and may
 * supply a `localClock` (for accelerated time). In AWS neither exists and
 * the process environment and the system clock are used.
 */
export interface LocalContextExtras {
  localEnv?: Record<string, string | undefined>;
  localClock?: Clock;
  /** Token expiry and idle sessions: real time even when the local clock runs faster. */
  localSecurityClock?: Clock;
}

const cache = new Map<string, Dependencies>();

export function dependencies(context: Context): Dependencies {
  const extras = context as Context & LocalContextExtras;
  const source = extras.localEnv ?? process.env;
  const clock = extras.localClock ?? systemClock;
  const securityClock = extras.localSecurityClock ?? clock;
  const cacheKey = [source.TABLE_NAME, source.DYNAMODB_ENDPOINT, source.SES_ENDPOINT, source.SFN_ENDPOINT, source.COGNITO_ENDPOINT].join('|');
  let deps = cache.get(cacheKey);
  if (!deps) {
    const env = parseEnv(source);
    const clients = awsClients(env);
    // Verification reads the security clock through this indirection (set per invocation).
    let currentClock: Clock = clock;
    let currentSecurityClock: Clock = securityClock;
    const calendar = englandAndWalesCalendar();
    const built: Dependencies = {
      env,
      store: new DynamoCaseStore(clients.ddb, env.TABLE_NAME, env.board.board.referencePrefix, (c, now) => caseTasks(c, { board: env.board, calendar }, now)),
      sessions: new DynamoSessionStore(clients.ddb, env.TABLE_NAME),
      terms: new DynamoTermsOfReferenceStore(clients.ddb, env.TABLE_NAME),
      boardConfig: new DynamoBoardConfigStore(clients.ddb, env.TABLE_NAME, env.board),
      mailer: new SesMailer(clients.ses, env.board.board.emailFrom, env.board.board.replyTo, env.SES_CONFIGURATION_SET),
      workflows: new SfnWorkflows(clients.sfn, { decision: env.DECISION_STATE_MACHINE_ARN, review: env.REVIEW_STATE_MACHINE_ARN }),
      verifier: new CognitoTokenVerifier(
        [
          { pool: 'staff', issuer: issuerFor(env.STAFF_USER_POOL_ID, env.AWS_REGION, env.COGNITO_ENDPOINT), clientId: env.STAFF_CLIENT_ID },
          {
            pool: 'referrer',
            issuer: issuerFor(env.REFERRER_USER_POOL_ID, env.AWS_REGION, env.COGNITO_ENDPOINT),
            clientId: env.REFERRER_CLIENT_ID,
          },
        ],
        () => currentSecurityClock.now(),
      ),
      users: new CognitoUserDirectory(clients.cognito, env.STAFF_USER_POOL_ID),
      get clock() {
        return currentClock;
      },
      set clock(c: Clock) {
        currentClock = c;
      },
      get securityClock() {
        return currentSecurityClock;
      },
      set securityClock(c: Clock) {
        currentSecurityClock = c;
      },
      ids: cryptoIds,
      calendar,
    };
    deps = built;
    cache.set(cacheKey, deps);
  }
  deps.clock = clock;
  deps.securityClock = securityClock;
  return deps;
}

const contributionCache = new Map<string, DynamoContributionStore>();

/** The contribution store (contributions, IMR sections, chronology rows: items beside the case), one per table. */
export function contributionStore(context: Context): DynamoContributionStore {
  const d = dependencies(context);
  const key = [d.env.TABLE_NAME, d.env.DYNAMODB_ENDPOINT].join('|');
  let store = contributionCache.get(key);
  if (!store) {
    store = new DynamoContributionStore(awsClients(d.env).ddb, d.env.TABLE_NAME);
    contributionCache.set(key, store);
  }
  return store;
}

const snapshotCache = new Map<string, DynamoChronologySnapshots>();

/** Read copies of accepted contributions' chronology rows (the integrated chronology reads them), one per table. */
export function chronologySnapshots(context: Context): DynamoChronologySnapshots {
  const d = dependencies(context);
  const key = [d.env.TABLE_NAME, d.env.DYNAMODB_ENDPOINT].join('|');
  let store = snapshotCache.get(key);
  if (!store) {
    store = new DynamoChronologySnapshots(awsClients(d.env).ddb, d.env.TABLE_NAME);
    snapshotCache.set(key, store);
  }
  return store;
}

const overviewCache = new Map<string, DynamoOverviewStore>();

/** The overview report's facts (author, chronology groups, genogram, what was known: items beside the case), one per table. */
export function overviewStore(context: Context): DynamoOverviewStore {
  const d = dependencies(context);
  const key = [d.env.TABLE_NAME, d.env.DYNAMODB_ENDPOINT].join('|');
  let store = overviewCache.get(key);
  if (!store) {
    store = new DynamoOverviewStore(awsClients(d.env).ddb, d.env.TABLE_NAME);
    overviewCache.set(key, store);
  }
  return store;
}

const actionCache = new Map<string, DynamoActionStore>();

/** The action store (the actions of review action plans: items beside the case), one per table. */
export function actionStore(context: Context): DynamoActionStore {
  const d = dependencies(context);
  const key = [d.env.TABLE_NAME, d.env.DYNAMODB_ENDPOINT].join('|');
  let store = actionCache.get(key);
  if (!store) {
    store = new DynamoActionStore(awsClients(d.env).ddb, d.env.TABLE_NAME);
    actionCache.set(key, store);
  }
  return store;
}

const fileCache = new Map<string, { records: FileRecords; objects: FileStore }>();

/**
 * The stores of attached files (functions/domain/files/files.ts), for the Lambda
 * that serves them: metadata on the table, bytes in FILES_BUCKET. Throws a
 * ConfigError when FILES_BUCKET is not set.
 */
export function fileDependencies(context: Context): { records: FileRecords; objects: FileStore } {
  const d = dependencies(context);
  const bucket = d.env.FILES_BUCKET;
  if (!bucket) throw new ConfigError('FILES_BUCKET is not set: the files Lambda needs the bucket of attached files');
  const cacheKey = [d.env.TABLE_NAME, d.env.DYNAMODB_ENDPOINT, bucket, d.env.S3_ENDPOINT].join('|');
  let files = fileCache.get(cacheKey);
  if (!files) {
    files = {
      records: new DynamoFileRecords(awsClients(d.env).ddb, d.env.TABLE_NAME),
      objects: new S3FileStore(tracer.captureAWSv3Client(filesS3Client(d.env.AWS_REGION, d.env.S3_ENDPOINT)), bucket),
    };
    fileCache.set(cacheKey, files);
  }
  return files;
}

const reportCache = new Map<string, DynamoReportStore>();

/** The overview report's store (functions/domain/report), one per table. */
export function reportStore(context: Context): DynamoReportStore {
  const d = dependencies(context);
  const key = [d.env.TABLE_NAME, d.env.DYNAMODB_ENDPOINT].join('|');
  let store = reportCache.get(key);
  if (!store) {
    store = new DynamoReportStore(awsClients(d.env).ddb, d.env.TABLE_NAME, d.store as DynamoCaseStore);
    reportCache.set(key, store);
  }
  return store;
}

/** Sends what the overview report owes now (the chairs' acceptance emails, report-emails.ts), each once. */
export function reportNotifier(context: Context) {
  return async (reference: string): Promise<void> => {
    const d = dependencies(context);
    const { config } = await d.boardConfig.get();
    const caseRecord = await d.store.getCase(reference);
    if (!caseRecord) throw new NotFoundError(`No case ${reference}`);
    const state = await reportStore(context).getReport(reference);
    await sendOwedReportEmails({ store: d.store, mailer: d.mailer, clock: d.clock, ids: d.ids, board: config, appBaseUrl: d.env.APP_BASE_URL }, caseRecord, state);
  };
}

/** One logger per function; never given case content, tokens or email bodies. */
export const makeLogger = (serviceName: string) =>
  new Logger({ serviceName, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
