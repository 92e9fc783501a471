import * as z from 'zod';
import { parseBoardConfig, type BoardConfig } from './board.js';

/**
 * The environment every Lambda reads, parsed once. In AWS the CDK stack sets
 * it; locally `infra/local` sets the same variables, plus the *_ENDPOINT ones
 * that point the real AWS SDK clients at the emulators.
 */
export const envSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** Public base URL of the web app, for links in emails (no trailing slash). */
  APP_BASE_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  /** Board configuration as JSON (validated by the Board configuration schema). */
  BOARD_CONFIG: z.string().min(2),
  DECISION_STATE_MACHINE_ARN: z.string().min(1).optional(),
  REVIEW_STATE_MACHINE_ARN: z.string().min(1).optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Cognito user pools: staff (MFA, groups are roles) and referrers (passwordless email code). */
  STAFF_USER_POOL_ID: z.string().min(1),
  STAFF_CLIENT_ID: z.string().min(1),
  REFERRER_USER_POOL_ID: z.string().min(1),
  REFERRER_CLIENT_ID: z.string().min(1),
  /** Minutes of inactivity after which a session ends on the server. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
  /**
   * AWS only: the secret CloudFront sends in the x-origin-verify header; API
   * requests without it are refused (functions/middleware/origin.ts). Unset locally.
   */
  ORIGIN_VERIFY_SECRET: z.string().min(16).optional(),
  /** The bucket of attached files (issue 10); only the files Lambda needs it, and it fails fast without it. */
  FILES_BUCKET: z.string().min(3).optional(),
  /** Local runtime only: emulator endpoints. Unset in AWS. */
  COGNITO_ENDPOINT: z.url().optional(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  SFN_ENDPOINT: z.url().optional(),
  /** Local runtime only: the S3 emulator (s3rver) holding attached files. */
  S3_ENDPOINT: z.url().optional(),
  /** Locally: the Chromium that prints the overview report's PDF exports (npm start sets /usr/bin/chromium). Unset in AWS (see PDF_CHROMIUM_LAYER). */
  CHROMIUM_PATH: z.string().min(1).optional(),
  /**
   * AWS only, the report Lambda only: set by the CDK stack where the Lambda
   * has the @sparticuz/chromium layer, which then prints the PDF exports.
   */
  PDF_CHROMIUM_LAYER: z.enum(['true']).optional(),
});

export type Env = z.infer<typeof envSchema> & { board: BoardConfig };

export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every missing or bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Environment is not valid:\n${lines.join('\n')}`);
  }
  let boardRaw: unknown;
  try {
    boardRaw = JSON.parse(result.data.BOARD_CONFIG);
  } catch (cause) {
    throw new ConfigError('BOARD_CONFIG is not valid JSON', { cause });
  }
  return { ...result.data, board: parseBoardConfig(boardRaw, 'BOARD_CONFIG') };
}

/**
 * The CloudFront origin secret alone, for the middleware that runs before any
 * dependency is built (a request from around CloudFront is refused without
 * touching the rest of the configuration). Same schema as in `parseEnv`.
 */
export function originVerifySecret(source: Record<string, string | undefined>): string | undefined {
  const parsed = envSchema.shape.ORIGIN_VERIFY_SECRET.safeParse(source.ORIGIN_VERIFY_SECRET);
  if (!parsed.success) throw new ConfigError('ORIGIN_VERIFY_SECRET must be at least 16 characters');
  return parsed.data;
}
