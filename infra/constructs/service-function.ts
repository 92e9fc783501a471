import { existsSync } from 'node:fs';
import { Duration, RemovalPolicy, Size, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * How long Lambda and workflow logs are kept. A decision, its escalations and
 * the review that follows run for up to about five months; a year covers that,
 * a complaint or an inspection that follows, and no more: the logs are for
 * diagnosis, the case record and its audit trail live in the table.
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/**
 * Variables the Lambda service sets itself; setting one is either rejected at
 * deploy time or silently confuses the SDK, so it is refused at synth.
 */
const RESERVED_ENV = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/**
 * ESM output has no `require`; some CommonJS dependencies bundled into it
 * still call it (and `__dirname`), so the bundle opens with a shim.
 */
const ESM_REQUIRE_SHIM = [
  "import { createRequire as __scrCreateRequire } from 'node:module';",
  "import { fileURLToPath as __scrFileURLToPath } from 'node:url';",
  "import { dirname as __scrDirname } from 'node:path';",
  'const require = __scrCreateRequire(import.meta.url);',
  'const __filename = __scrFileURLToPath(import.meta.url);',
  'const __dirname = __scrDirname(__filename);',
].join(' ');

/** Lambda refuses environments over 4 KB (names and values together). */
export const LAMBDA_ENVIRONMENT_LIMIT = 4096;

/** Room assumed for a value not known until deploy (names, ARNs, URLs): more than any of them. */
const UNRESOLVED_VALUE_BYTES = 256;

/**
 * Size of an environment as Lambda counts it, with room for values not known
 * until deploy: 256 bytes each, or the documented maximum length of that kind
 * of value where `maxLengths` gives one (a user pool id is at most 55).
 */
export function environmentSize(environment: Record<string, string>, maxLengths: Record<string, number> = {}): number {
  return Object.entries({ ...environment, NODE_OPTIONS: '--enable-source-maps' }).reduce(
    (sum, [k, v]) =>
      sum + Buffer.byteLength(k) + (Token.isUnresolved(v) ? (maxLengths[k] ?? UNRESOLVED_VALUE_BYTES) : Buffer.byteLength(v)),
    0,
  );
}

export interface ServiceFunctionProps {
  /** Handler file relative to the repository root (exports `handler`). */
  readonly entry: string;
  /** Absolute path of the repository root (where package-lock.json lives). */
  readonly projectRoot: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  /**
   * Documented maximum length of deploy-time values whose format bounds them
   * tighter than 256 bytes, for the 4 KB check (e.g. Cognito ids).
   */
  readonly environmentMaxLengths?: Record<string, number>;
  /** Key for the log group (CloudWatch Logs must be allowed to use it). */
  readonly logsKey: kms.IKey;
  /** Key for environment variables at rest (the Board configuration names people). */
  readonly environmentKey: kms.IKey;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Default ARM64; a function whose layer carries a native binary for x86_64 only says so. */
  readonly architecture?: lambda.Architecture;
  readonly layers?: lambda.ILayerVersion[];
  /** Modules left out of the bundle because a layer provides them. */
  readonly externalModules?: string[];
  /** /tmp size in MiB (default 512): more for a function that unpacks a browser there. */
  readonly ephemeralStorageMb?: number;
}

/**
 * A Lambda function with this project's defaults: newest Node.js runtime on
 * ARM64 (x86_64 where a layer's binary needs it), an ESM bundle built locally by esbuild (no Docker), source maps, JSON
 * logs to its own encrypted log group with a retention, X-Ray tracing, and a
 * role of its own that starts with nothing but the right to write its logs.
 *
 * When the stack is synthesised without bundling (tests set
 * `aws:cdk:bundling-stacks: []`) and a handler file does not exist yet, the
 * function gets placeholder inline code so the rest of the template can still
 * be checked. A real synth always bundles and fails if the entry is missing.
 */
export class ServiceFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Every variable set so far, including those added after construction (state machine ARNs...). */
  private readonly environment: Record<string, string>;
  private readonly environmentMaxLengths: Record<string, number>;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.environment = { ...props.environment };
    this.environmentMaxLengths = { ...props.environmentMaxLengths };

    const reserved = Object.keys(props.environment).filter((k) => RESERVED_ENV.has(k));
    if (reserved.length > 0) {
      throw new Error(`${this.node.path}: reserved Lambda environment variables must not be set: ${reserved.join(', ')}`);
    }

    // Checked now (a clear error at the line that caused it) and again once
    // the whole app is built, with every variable added since.
    const early = this.environmentProblem();
    if (early) throw new Error(early);
    this.node.addValidation({ validate: () => [this.environmentProblem()].filter((p): p is string => p !== undefined) });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      encryptionKey: props.logsKey,
      // Logs may hold fragments of referrals (errors, validation failures):
      // they outlive the stack rather than vanish with it.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Own role instead of AWSLambdaBasicExecutionRole (logs:* on every group).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const common = {
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      ...(props.layers ? { layers: props.layers } : {}),
      ...(props.ephemeralStorageMb ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMb) } : {}),
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      // Stack traces in the logs point at the TypeScript source.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      environmentEncryption: props.environmentKey,
    } satisfies Partial<lambda.FunctionProps>;

    const entryPath = `${props.projectRoot}/${props.entry}`;
    if (!Stack.of(this).bundlingRequired && !existsSync(entryPath)) {
      this.function = new lambda.Function(this, 'Function', {
        ...common,
        handler: 'index.handler',
        code: lambda.Code.fromInline(
          `// Placeholder: ${props.entry} does not exist and bundling was skipped.\nexport const handler = async () => { throw new Error('not built'); };`,
        ),
      });
      return;
    }

    this.function = new NodejsFunction(this, 'Function', {
      ...common,
      entry: entryPath,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_SHIM,
        // Ship the SDK versions the tests ran against, not whatever the
        // runtime happens to carry this month.
        bundleAwsSDK: true,
        ...(props.externalModules ? { externalModules: props.externalModules } : {}),
        forceDockerBundling: false,
      },
    });
  }

  /**
   * Adds a variable (e.g. a state machine ARN known only at deploy time) and
   * counts it in the 4 KB check that runs at synth. Use this rather than
   * `function.addEnvironment`, which the check would not see.
   */
  addEnvironment(key: string, value: string, maxLength?: number): void {
    if (RESERVED_ENV.has(key)) throw new Error(`${this.node.path}: reserved Lambda environment variable must not be set: ${key}`);
    this.environment[key] = value;
    if (maxLength !== undefined) this.environmentMaxLengths[key] = maxLength;
    this.function.addEnvironment(key, value);
  }

  /** Size of the environment as the check counts it (deploy-time values at their maximum). */
  get environmentBytes(): number {
    return environmentSize(this.environment, this.environmentMaxLengths);
  }

  private environmentProblem(): string | undefined {
    const size = this.environmentBytes;
    if (size <= LAMBDA_ENVIRONMENT_LIMIT) return undefined;
    const biggest = Object.entries(this.environment).sort(([, a], [, b]) => b.length - a.length)[0]?.[0];
    return `${this.node.path}: environment is about ${size} bytes, over Lambda's ${LAMBDA_ENVIRONMENT_LIMIT}-byte limit (largest: ${biggest}).`;
  }
}
