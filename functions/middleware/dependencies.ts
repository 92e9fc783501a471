import type { Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { parseEnv, type Env } from '../config/env.js';
import { awsClients } from '../adapters/aws/clients.js';
import { DynamoCaseStore } from '../adapters/aws/dynamo-case-store.js';
import { SesMailer } from '../adapters/aws/ses-mailer.js';
import { SfnWorkflows } from '../adapters/aws/sfn-workflows.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { cryptoIds, type Ids } from '../ports/ids.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { Workflows } from '../ports/workflows.js';
import { englandAndWalesCalendar, type WorkingDayCalendar } from '../domain/calendar/working-days.js';

/** Everything a use case may need, built from the environment once per warm Lambda. */
export interface Dependencies {
  env: Env;
  store: CaseStore;
  mailer: Mailer;
  workflows: Workflows;
  clock: Clock;
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
}

const cache = new Map<string, Dependencies>();

export function dependencies(context: Context): Dependencies {
  const extras = context as Context & LocalContextExtras;
  const source = extras.localEnv ?? process.env;
  const cacheKey = `${source.TABLE_NAME}|${source.DYNAMODB_ENDPOINT}|${source.SES_ENDPOINT}|${source.SFN_ENDPOINT}`;
  let deps = cache.get(cacheKey);
  if (!deps) {
    const env = parseEnv(source);
    const clients = awsClients(env);
    deps = {
      env,
      store: new DynamoCaseStore(clients.ddb, env.TABLE_NAME, env.board.board.referencePrefix),
      mailer: new SesMailer(clients.ses, env.board.board.emailFrom, env.board.board.replyTo, env.SES_CONFIGURATION_SET),
      workflows: new SfnWorkflows(clients.sfn, { decision: env.DECISION_STATE_MACHINE_ARN }),
      clock: systemClock,
      ids: cryptoIds,
      calendar: englandAndWalesCalendar(),
    };
    cache.set(cacheKey, deps);
  }
  return extras.localClock ? { ...deps, clock: extras.localClock } : deps;
}

/** One logger per function; never given case content, tokens or email bodies. */
export const makeLogger = (serviceName: string) =>
  new Logger({ serviceName, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
