import { CaseFiles, caseFilesOrigin } from '../constructs/case-files.js';
import path from 'node:path';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { BoardConfig } from '../../functions/config/board.js';
import { REFUSED_SIGN_UP_LOG } from '../../functions/domain/intake/referrer-domains.js';
import { lambdas as catalogueLambdas, stateMachines as catalogueStateMachines } from '../catalogue.js';
import type { HttpRoute, LambdaSpec } from '../catalogue.js';
import { tableDefinition } from '../local/table.js';
import { acknowledge } from '../constructs/nag.js';
import { LOG_RETENTION, ServiceFunction } from '../constructs/service-function.js';
import { COGNITO_ID_MAX_LENGTH, cognitoOrigin, UserPools } from '../constructs/user-pools.js';
import { WebHosting } from '../constructs/web-hosting.js';
import { Workflow } from '../constructs/workflow.js';
import { ParkedEmailAlarm } from '../constructs/parked-email-alarm.js';
import { VerifiedIdentityGuard } from '../constructs/verified-identity-guard.js';
import { SignInWaf } from '../constructs/sign-in-waf.js';
import { AuditArchive } from '../constructs/audit-archive.js';
import { CHROMIUM_LAYER_ARCHITECTURE, CHROMIUM_LAYER_PACKAGES, ChromiumLayer } from '../constructs/chromium-layer.js';

/**
 * What a function that prints PDFs gets at least: Chromium wants memory
 * (@sparticuz/chromium advises 1600 MB or more; more memory is more CPU), a
 * cold start unpacks about 210 MB into /tmp (a few seconds) before printing.
 */
export const PDF_PRINTING = { memoryMb: 2048, timeoutSeconds: 60, ephemeralStorageMb: 1024 } as const;

export interface PlatformStackProps extends StackProps {
  /** Absolute path of the repository root. */
  readonly projectRoot: string;
  /** Board configuration, already validated with parseBoardConfig. */
  readonly board: BoardConfig;
  /** Directory of the built web app. */
  readonly webDist: string;
  /** Email address subscribed to operator alarms. */
  readonly alarmEmail?: string;
  /** Custom domain with an ACM certificate (us-east-1) for CloudFront. */
  readonly customDomain?: { domainName: string; certificateArn: string };
  /** CLOUDFRONT-scope WAF web ACL ARN. */
  readonly webAclArn?: string;
  /** Countries served (ISO alpha-2); all when unset. */
  readonly allowedCountries?: string[];
  /** Minutes of inactivity after which the server ends a session (5 to 480). */
  readonly sessionIdleMinutes?: number;
  /** Stage 1: the stack holding the SES identity and configuration set this stack sends through. */
  readonly sendingIdentity: { stackName: string; configurationSetName: string };
  /** `-c sesIdentityVerified=true`: without it the template refuses to deploy (VerifiedIdentityGuard). */
  readonly sesIdentityVerified?: boolean;
}

/** Default of SESSION_IDLE_MINUTES. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/**
 * The staff user pool's admin API, exactly what managing staff accounts
 * needs: invite (and re-invite), read, list, change group, disable/enable,
 * end sessions, reset sign-in (Cognito emails the person a code; the
 * business manager never sees or sets a password). Never AdminDeleteUser
 * (accounts are disabled, so the audit trail keeps a subject), never
 * AdminSetUserPassword or an attribute change on someone else's behalf.
 */
export const STAFF_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:ListUsers',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:ListUsersInGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  // "Reset sign-in": forget the user's MFA factors, then have Cognito email them a reset code.
  'cognito-idp:AdminSetUserMFAPreference',
  'cognito-idp:AdminResetUserPassword',
] as const;

/**
 * Reading the staff user pool, for a function that only asks whether an
 * address has an account (the review's records request): nothing that
 * creates, changes or signs out a user.
 */
export const STAFF_READ_ACTIONS = ['cognito-idp:ListUsers'] as const;

/**
 * The Serious Case Review platform: one table, the Lambdas of the catalogue
 * behind an HTTP API and the table stream, the workflows, SES, and the web app
 * behind CloudFront. Wiring only; defaults live in infra/constructs.
 */
export class PlatformStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly functions: Record<string, ServiceFunction> = {};
  readonly workflows: Record<string, Workflow> = {};
  readonly httpApi: apigwv2.HttpApi;
  readonly web: WebHosting;
  readonly userPools: UserPools;
  /** The JWT authorizer each non-public `auth` of the catalogue maps to. */
  readonly authorizers: Record<'staff' | 'referrer', HttpJwtAuthorizer>;
  readonly alarmTopic: sns.Topic;
  readonly streamFailures: sqs.Queue;
  /** SES events a `sesEvents` function could not process after EventBridge's retries. */
  readonly sesEventFailures: sqs.Queue;
  /** The EventBridge rule sending SES's events of the configuration set to each `sesEvents` function. */
  readonly sesEventRules: Record<string, events.Rule> = {};
  /** Rate limit on the referrer pool's code-sending operations. */
  readonly signInWaf: SignInWaf;
  /** Every audit event, write-once (S3 Object Lock, compliance mode). */
  readonly auditArchive: AuditArchive;
  /** The x-origin-verify value only CloudFront sends to the API. */
  readonly originVerifySecret: secretsmanager.Secret;
  /** Refuses to deploy while the SES identity is not verified. */
  readonly identityGuard: VerifiedIdentityGuard;
  /** Documents attached to cases (encrypted, private, versioned). */
  readonly caseFiles: CaseFiles;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const specs = catalogueLambdas;
    const machineSpecs = catalogueStateMachines;

    // --- Keys -------------------------------------------------------------
    // Case data (table, Lambda environment) and operational telemetry (logs,
    // alarms) under separate customer-managed keys, rotated yearly.
    const dataKey = new kms.Key(this, 'DataKey', {
      description: 'Serious Case Review data: table and Lambda environment',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const opsKey = new kms.Key(this, 'OpsKey', {
      description: 'Serious Case Review logs and operator alarms',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': this.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    // --- Table ------------------------------------------------------------
    // Keys, index and stream come from the one definition the local runtime
    // also creates its table from.
    const def = tableDefinition;
    const attr = (a: { name: string; type: 'S' }): dynamodb.Attribute => ({ name: a.name, type: attributeType[a.type] });
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: attr(def.partitionKey),
      sortKey: attr(def.sortKey),
      globalSecondaryIndexes: def.globalSecondaryIndexes.map((g) => ({
        indexName: g.indexName,
        partitionKey: attr(g.partitionKey),
        sortKey: attr(g.sortKey),
        projectionType: dynamodb.ProjectionType[g.projection],
        nonKeyAttributes: [...g.nonKeyAttributes],
      })),
      billing: dynamodb.Billing.onDemand(),
      dynamoStream: dynamodb.StreamViewType[def.stream],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(dataKey),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- Operator alarms --------------------------------------------------
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Serious Case Review platform alarms',
      masterKey: opsKey,
      enforceSSL: true,
    });
    // The topic has a policy of its own (TLS only), which replaces SNS's default
    // one: CloudWatch alarms of this account are allowed to publish explicitly
    // (the key policy above lets them use the topic's key).
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    if (props.alarmEmail) {
      const subscription = new snsSubscriptions.EmailSubscription(props.alarmEmail);
      this.alarmTopic.addSubscription(subscription);
      acknowledge(
        this.alarmTopic,
        'Serverless-SNSRedrivePolicy',
        'The email subscription of operator alarms: SNS retries email delivery itself, and an undelivered alarm stays in ALARM state in CloudWatch; a dead-letter queue would hold alarm texts nobody reads.',
      );
    }
    const alarmAction = new cwActions.SnsAction(this.alarmTopic);

    // --- SES ----------------------------------------------------------------
    // The identity and configuration set are stage 1 (SendingIdentityStack),
    // named here without a cross-stack reference; this stack refuses to deploy
    // until the identity is verified (Cognito checks it when creating the pools).
    const emailDomain = props.board.board.emailFrom.split('@')[1] as string;
    const configurationSet = { configurationSetName: props.sendingIdentity.configurationSetName };
    this.identityGuard = new VerifiedIdentityGuard(this, 'IdentityGuard', {
      emailDomain,
      identityStackName: props.sendingIdentity.stackName,
      verified: props.sesIdentityVerified ?? false,
    });
    const emailIdentityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: emailDomain });
    const configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSet.configurationSetName,
    });

    // --- HTTP API -----------------------------------------------------------
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Serious Case Review platform API (reached through CloudFront /api/*)',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', {
      retention: LOG_RETENTION,
      encryptionKey: opsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new apigwv2.HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // A public form: enough for a Board's referrals, too little for a flood.
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            httpMethod: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    // --- Web hosting (CloudFront URL feeds APP_BASE_URL) ------------------
    const logsBucket = new s3.Bucket(this, 'LogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Server access logging only delivers to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      logsBucket,
      'AwsSolutions-S1',
      'This is the access-log bucket itself; logging it into itself would loop and into another bucket would only move the problem.',
    );

    // Only CloudFront knows this: the API refuses requests without it, so the
    // execute-api endpoint cannot be used to go around the web ACL. Generated
    // by Secrets Manager, never in the template (a dynamic reference).
    this.originVerifySecret = new secretsmanager.Secret(this, 'OriginVerifySecret', {
      description: 'Header value CloudFront sends to the API (x-origin-verify); requests without it are refused',
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
    });
    acknowledge(
      this.originVerifySecret,
      'AwsSolutions-SMG4',
      'The value is read at deploy time into the CloudFront origin header and the API functions together; rotating it is a change of the secret followed by a deploy (README), since a rotation Lambda could only update one side at a time.',
    );
    const originVerifyValue = this.originVerifySecret.secretValue.unsafeUnwrap();

    const filesOrigin = caseFilesOrigin(this);
    this.web = new WebHosting(this, 'Web', {
      originVerifySecret: originVerifyValue,
      webDist: props.webDist,
      api: this.httpApi,
      logsBucket,
      logsKey: opsKey,
      ...(props.customDomain
        ? {
            customDomain: {
              domainName: props.customDomain.domainName,
              certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
            },
          }
        : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      ...(props.allowedCountries ? { allowedCountries: props.allowedCountries } : {}),
      // The web app calls Cognito's API from the browser to sign people in.
      cognitoOrigin: cognitoOrigin(this.region),
      // Browsers upload attached files straight to their presigned S3 URLs.
      filesOrigin,
    });

    // --- Attached files (issue 10) --------------------------------------------
    this.caseFiles = new CaseFiles(this, 'CaseFiles', { dataKey, logsBucket, appOrigin: this.web.baseUrl, origin: filesOrigin });

    // --- Sign-in --------------------------------------------------------------
    this.userPools = new UserPools(this, 'SignIn', {
      boardName: props.board.board.name,
      appBaseUrl: this.web.baseUrl,
      email: {
        from: props.board.board.emailFrom,
        ...(props.board.board.replyTo ? { replyTo: props.board.board.replyTo } : {}),
        verifiedDomain: emailDomain,
        configurationSetName: configurationSet.configurationSetName,
      },
    });
    const { staffPool, staffClient, referrerPool, referrerClient } = this.userPools;
    // Email codes are requested from Cognito directly: rate-limited there.
    this.signInWaf = new SignInWaf(this, 'ReferrerSignInWaf', { userPool: referrerPool });
    // identitySource `$request.header.Authorization` (the default, stated).
    this.authorizers = {
      staff: new HttpJwtAuthorizer('StaffAuthorizer', this.userPools.staffIssuer, {
        authorizerName: 'staff',
        jwtAudience: [staffClient.userPoolClientId],
        identitySource: ['$request.header.Authorization'],
      }),
      referrer: new HttpJwtAuthorizer('ReferrerAuthorizer', this.userPools.referrerIssuer, {
        authorizerName: 'referrer',
        jwtAudience: [referrerClient.userPoolClientId],
        identitySource: ['$request.header.Authorization'],
      }),
    };
    const sessionIdleMinutes = props.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES;
    if (!Number.isInteger(sessionIdleMinutes) || sessionIdleMinutes < 5 || sessionIdleMinutes > 480) {
      throw new Error(`sessionIdleMinutes must be a whole number from 5 to 480, got ${sessionIdleMinutes}`);
    }

    // --- Stream failures --------------------------------------------------
    this.streamFailures = new sqs.Queue(this, 'StreamFailures', {
      // Holds only the shard and sequence numbers of failed batches, never
      // the records: SSE-SQS is enough and needs no KMS grants.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.streamFailures,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination of the table stream event source mappings.',
    );
    acknowledge(
      this.streamFailures,
      'Serverless-SQSRedrivePolicy',
      'This queue is itself the dead-letter destination of the table stream event source mappings; nothing consumes it automatically, its alarm brings an operator.',
    );

    // --- SES event failures ---------------------------------------------------
    this.sesEventFailures = new sqs.Queue(this, 'SesEventFailures', {
      // Holds SES event metadata (message id, recipient address, status), no email body.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.sesEventFailures,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the SES events EventBridge rule target.',
    );
    acknowledge(
      this.sesEventFailures,
      'Serverless-SQSRedrivePolicy',
      'This queue is itself the dead-letter queue of the SES events rule target and function; nothing consumes it automatically, its alarm brings an operator.',
    );

    // --- Functions ----------------------------------------------------------
    const boardConfigJson = JSON.stringify(props.board);
    // One layer, attached only to the functions that print PDFs (the report Lambda).
    const chromiumLayer = specs.some((s) => s.printsPdf) ? new ChromiumLayer(this, 'ChromiumLayer', { projectRoot: props.projectRoot }) : undefined;
    for (const spec of specs) {
      const environment: Record<string, string> = {
        TABLE_NAME: this.table.tableName,
        APP_BASE_URL: this.web.baseUrl,
        BOARD_CONFIG: boardConfigJson,
        STAFF_USER_POOL_ID: staffPool.userPoolId,
        STAFF_CLIENT_ID: staffClient.userPoolClientId,
        REFERRER_USER_POOL_ID: referrerPool.userPoolId,
        REFERRER_CLIENT_ID: referrerClient.userPoolClientId,
        SESSION_IDLE_MINUTES: String(sessionIdleMinutes),
      };
      if (spec.routes?.length) environment.ORIGIN_VERIFY_SECRET = originVerifyValue;
      if (spec.cognitoTrigger) {
        // A trigger's pool references the function, so the function cannot
        // reference that pool back (circular dependency). Its own pool and
        // client are in every trigger event (userPoolId, callerContext.clientId).
        const prefix = spec.cognitoTrigger.pool === 'staff' ? 'STAFF' : 'REFERRER';
        environment[`${prefix}_USER_POOL_ID`] = TRIGGER_OWN_POOL;
        environment[`${prefix}_CLIENT_ID`] = TRIGGER_OWN_POOL;
      }
      if (spec.sendsEmail) environment.SES_CONFIGURATION_SET = configurationSet.configurationSetName;
      if (spec.filesBucket) environment.FILES_BUCKET = this.caseFiles.bucket.bucketName;
      if (spec.printsPdf) environment.PDF_CHROMIUM_LAYER = 'true';

      const service = new ServiceFunction(this, pascal(spec.id), {
        entry: spec.entry,
        projectRoot: props.projectRoot,
        description: spec.description,
        environment,
        environmentMaxLengths: {
          STAFF_USER_POOL_ID: COGNITO_ID_MAX_LENGTH.userPoolId,
          REFERRER_USER_POOL_ID: COGNITO_ID_MAX_LENGTH.userPoolId,
          STAFF_CLIENT_ID: COGNITO_ID_MAX_LENGTH.clientId,
          REFERRER_CLIENT_ID: COGNITO_ID_MAX_LENGTH.clientId,
        },
        logsKey: opsKey,
        environmentKey: dataKey,
        ...(spec.timeoutSeconds ? { timeout: Duration.seconds(spec.timeoutSeconds) } : {}),
        ...(spec.memoryMb ? { memorySize: spec.memoryMb } : {}),
        ...(spec.printsPdf && chromiumLayer
          ? {
              architecture: CHROMIUM_LAYER_ARCHITECTURE,
              layers: [chromiumLayer.layer],
              externalModules: [...CHROMIUM_LAYER_PACKAGES],
              memorySize: Math.max(spec.memoryMb ?? 0, PDF_PRINTING.memoryMb),
              timeout: Duration.seconds(Math.max(spec.timeoutSeconds ?? 0, PDF_PRINTING.timeoutSeconds)),
              ephemeralStorageMb: PDF_PRINTING.ephemeralStorageMb,
            }
          : {}),
      });
      this.functions[spec.id] = service;
      acknowledge(service.function, 'Serverless-LambdaDLQ', deadLetterReason(spec));
      this.grantTable(service, spec.tableAccess);
      if (spec.filesBucket) this.caseFiles.grantObjects(service.role, dataKey);
      acknowledge(
        service.role,
        'AwsSolutions-IAM5[Resource::*]',
        'xray:PutTraceSegments and xray:PutTelemetryRecords (added by CDK for active tracing) support no resource-level permissions.',
      );

      if (spec.sendsEmail) {
        service.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'SendFromBoardAddressOnly',
            actions: ['ses:SendEmail'],
            resources: [emailIdentityArn, configurationSetArn],
            conditions: { StringEquals: { 'ses:FromAddress': props.board.board.emailFrom } },
          }),
        );
      }

      if (spec.managesUsers) {
        service.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'ManageStaffAccounts',
            actions: [...STAFF_ADMIN_ACTIONS],
            resources: [staffPool.userPoolArn],
          }),
        );
      }

      if (spec.readsUsers && !spec.managesUsers) {
        service.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'ReadStaffAccounts',
            actions: [...STAFF_READ_ACTIONS],
            resources: [staffPool.userPoolArn],
          }),
        );
      }

      if (spec.cognitoTrigger) {
        const pool = spec.cognitoTrigger.pool === 'staff' ? staffPool : referrerPool;
        pool.addTrigger(cognitoTriggers[spec.cognitoTrigger.trigger], service.function);
      }

      // One integration per function, shared by its routes, and one invoke permission scoped to this API rather
      // than one per route: a permission and an integration per route would take the stack past CloudFormation's
      // 500 resources (100 routes). The function's own route table still refuses any route it does not serve.
      const integration = spec.routes?.length
        ? new HttpLambdaIntegration(`${pascal(spec.id)}Integration`, service.function, { scopePermissionToRoute: false })
        : undefined;
      for (const route of spec.routes ?? []) {
        const authorizer = route.auth === 'staff' || route.auth === 'referrer' ? this.authorizers[route.auth] : undefined;
        const [httpRoute] = this.httpApi.addRoutes({
          path: route.path,
          methods: [apigwv2.HttpMethod[route.method]],
          integration: integration!,
          ...(authorizer ? { authorizer } : {}),
        });
        if (httpRoute && !authorizer) {
          acknowledge(httpRoute, 'AwsSolutions-APIG4', unauthorisedRouteReason(route));
        }
      }

      if (spec.tableStream) {
        service.function.addEventSource(
          new DynamoEventSource(this.table, {
            // From the oldest record kept: a case written while the mapping
            // was being created or disabled still starts its workflow.
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: 10,
            retryAttempts: 5,
            maxRecordAge: Duration.hours(24),
            bisectBatchOnError: true,
            reportBatchItemFailures: true,
            onFailure: new SqsDlq(this.streamFailures),
          }),
        );
      }

      if (spec.sesEvents) {
        // The configuration set publishes to the default bus; only its events, whatever their type
        // (the handler ignores types that say nothing about delivery).
        this.sesEventRules[spec.id] = new events.Rule(this, `${pascal(spec.id)}Rule`, {
          description: `SES sending events of the platform's configuration set to ${spec.id}`,
          eventPattern: {
            source: ['aws.ses'],
            detail: { mail: { tags: { 'ses:configuration-set': [configurationSet.configurationSetName] } } },
          },
          targets: [
            new eventTargets.LambdaFunction(service.function, {
              retryAttempts: 8,
              maxEventAge: Duration.hours(24),
              deadLetterQueue: this.sesEventFailures,
            }),
          ],
        });
        // EventBridge invokes asynchronously: its retry policy and dead-letter
        // queue cover delivery to Lambda; these cover the function failing.
        // Two retries (1 and 2 minutes later) outlast the race the handler
        // retries on (an event before its message's pointer is written); an
        // event that still fails goes to the same queue and its alarm.
        service.function.configureAsyncInvoke({
          retryAttempts: SES_EVENTS_ASYNC.retryAttempts,
          maxEventAge: SES_EVENTS_ASYNC.maxEventAge,
          onFailure: new lambdaDestinations.SqsDestination(this.sesEventFailures),
        });
      }
    }

    // --- Workflows ----------------------------------------------------------
    const byPlaceholder = Object.fromEntries(
      specs.filter((s) => s.aslPlaceholder).map((s) => [s.aslPlaceholder, this.functions[s.id]!.function]),
    ) as Record<string, lambda.IFunction>;
    for (const machine of machineSpecs) {
      const workflow = new Workflow(this, `${pascal(machine.id)}Workflow`, {
        definitionFile: path.join(props.projectRoot, machine.file),
        functions: byPlaceholder,
        logsKey: opsKey,
      });
      this.workflows[machine.id] = workflow;

      new cloudwatch.Alarm(this, `${pascal(machine.id)}ExecutionsFailedAlarm`, {
        alarmDescription: `A ${machine.id} workflow execution failed or timed out: a case may be stuck.`,
        metric: new cloudwatch.MathExpression({
          expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
          usingMetrics: {
            failed: workflow.stateMachine.metricFailed({ statistic: 'Sum' }),
            timedOut: workflow.stateMachine.metricTimedOut({ statistic: 'Sum' }),
          },
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);

      for (const spec of specs.filter((s) => s.startsWorkflows)) {
        const service = this.functions[spec.id]!;
        workflow.grantStartAndControl(service.role);
        service.addEnvironment(machine.arnEnv, workflow.stateMachine.stateMachineArn);
      }
    }

    // Emails parked after repeated failures (issue 12): operators hear of each.
    new ParkedEmailAlarm(this, 'ParkedEmails', {
      logGroups: Object.values(this.functions).map((f) => f.logGroup),
      alarmAction,
    });

    new cloudwatch.Alarm(this, 'StreamFailuresAlarm', {
      alarmDescription: 'Table stream records could not be processed: a new case may not have started its workflow.',
      metric: this.streamFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    new cloudwatch.Alarm(this, 'SesEventFailuresAlarm', {
      alarmDescription: 'SES delivery events could not be recorded: a failed email may not have been noticed.',
      metric: this.sesEventFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    for (const [id, service] of Object.entries(this.functions)) {
      const errors = service.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
      const trigger = specs.find((s) => s.id === id)?.cognitoTrigger;
      // A pre sign-up trigger refuses an address by throwing: count refusals
      // as their own metric and alarm only on the errors that are not refusals.
      const refused = trigger?.trigger === 'preSignUp' ? this.refusedSignUpsMetric(service) : undefined;
      new cloudwatch.Alarm(this, `${pascal(id)}ErrorsAlarm`, {
        alarmDescription: refused ? `${id} failed (refused sign-ups, counted in RefusedSignUps, excluded).` : `${id} raised errors.`,
        metric: refused
          ? new cloudwatch.MathExpression({
              expression: 'FILL(errors, 0) - FILL(refused, 0)',
              usingMetrics: { errors, refused },
              period: Duration.minutes(5),
              label: `${id} errors that are not refused sign-ups`,
            })
          : errors,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
    }

    // --- Audit archive ------------------------------------------------------
    // Audit events copied to S3 Object Lock (compliance mode): tamper-evident
    // even against someone holding a writer role. AWS only (no local S3).
    this.auditArchive = new AuditArchive(this, 'AuditArchive', {
      projectRoot: props.projectRoot,
      table: this.table,
      retentionYears: props.board.auditRetentionYears,
      dataKey,
      logsKey: opsKey,
      logsBucket,
      streamFailures: this.streamFailures,
    });
    new cloudwatch.Alarm(this, 'AuditArchiveErrorsAlarm', {
      alarmDescription: 'Audit events could not be archived to the Object Lock bucket yet (retried; then the stream failures queue).',
      metric: this.auditArchive.metricErrors(),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    // --- Outputs ------------------------------------------------------------
    new CfnOutput(this, 'AppUrl', { value: this.web.baseUrl });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'AuditArchiveBucket', { value: this.auditArchive.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    // The first business manager is created with `aws cognito-idp admin-create-user` and
    // `admin-add-user-to-group --group-name business-manager` against this pool.
    new CfnOutput(this, 'StaffUserPoolId', { value: staffPool.userPoolId });
    new CfnOutput(this, 'ReferrerUserPoolId', { value: referrerPool.userPoolId });
    new CfnOutput(this, 'SesSandbox', {
      description: 'Read before inviting anyone',
      value:
        'A new AWS account sends SES email only to verified addresses (the SES sandbox): invitations, sign-in codes and notifications to anyone else fail until production access is granted. Check: aws sesv2 get-account (ProductionAccessEnabled). Request: aws sesv2 put-account-details (see README, Deploy to AWS).',
    });
  }

  /** Refused sign-ups, counted from the trigger's log line (a metric filter: no code in the hot path). */
  private refusedSignUpsMetric(service: ServiceFunction): cloudwatch.Metric {
    const filter = new logs.MetricFilter(this, 'RefusedSignUpsFilter', {
      logGroup: service.logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', REFUSED_SIGN_UP_LOG),
      metricNamespace: METRIC_NAMESPACE,
      metricName: 'RefusedSignUps',
      metricValue: '1',
      unit: cloudwatch.Unit.COUNT,
    });
    return filter.metric({ period: Duration.minutes(5), statistic: 'Sum' });
  }

  /**
   * Table rights without DeleteItem or BatchWriteItem (which can delete):
   * audit items must not be deletable. Transactions are authorised per item
   * action, so TransactWriteItems needs Put/Update/ConditionCheck only.
   */
  private grantTable(service: ServiceFunction, access: LambdaSpec['tableAccess']): void {
    const resources = [
      this.table.tableArn,
      ...tableDefinition.globalSecondaryIndexes.map((g) => `${this.table.tableArn}/index/${g.indexName}`),
    ];
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
    service.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: access === 'readwrite' ? 'TableReadWriteNoDelete' : 'TableRead',
        actions: access === 'readwrite' ? [...read, ...write] : read,
        resources,
      }),
    );
    const key = this.table.encryptionKey;
    if (key) {
      service.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'TableKeyThroughDynamoDbOnly',
          actions:
            access === 'readwrite'
              ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']
              : ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${this.region}.amazonaws.com` } },
        }),
      );
    }
  }
}

const attributeType = { S: dynamodb.AttributeType.STRING } as const;

/** Namespace of the platform's own metrics (RefusedSignUps). */
export const METRIC_NAMESPACE = 'SeriousCaseReview';

/** How Lambda retries the SES events function when it fails (asynchronous invocation). */
export const SES_EVENTS_ASYNC = { retryAttempts: 2, maxEventAge: Duration.hours(6) } as const;

const cognitoTriggers = { preSignUp: cognito.UserPoolOperation.PRE_SIGN_UP } as const;

/** What a Cognito trigger gets for its own pool's id and client id (see where it is set). */
export const TRIGGER_OWN_POOL = 'see-trigger-event';

/**
 * Why a function has no dead-letter queue of its own (cdk-nag Serverless-LambdaDLQ):
 * a function's DLQ only catches asynchronous invocations, and each of these
 * is either invoked synchronously or parks failures elsewhere.
 */
function deadLetterReason(spec: LambdaSpec): string {
  if (spec.sesEvents) {
    return 'Invoked asynchronously by EventBridge: failures go to the SesEventFailures queue through an on-failure destination (EventInvokeConfig, which supersedes a function DLQ and keeps the error), and failed deliveries through the rule target DLQ; both alarm.';
  }
  if (spec.tableStream) {
    return 'Invoked by a DynamoDB stream event source mapping, whose own on-failure destination (StreamFailures queue, alarmed) receives the failed batches; a function DLQ never applies to stream invocations.';
  }
  if (spec.aslPlaceholder) {
    return 'Invoked synchronously as a Step Functions task: the state machine retries and catches failures, and failed executions alarm; a function DLQ never applies.';
  }
  if (spec.cognitoTrigger) {
    return 'Invoked synchronously by Cognito as a trigger: the caller sees the refusal or error at once; a function DLQ never applies.';
  }
  return 'Invoked synchronously by API Gateway: the caller gets the error response and retries; a function DLQ never applies.';
}

/** Why a route without a JWT authorizer is acceptable (cdk-nag APIG4). */
function unauthorisedRouteReason(route: HttpRoute): string {
  const where = `${route.method} ${route.path}`;
  if (route.auth === 'any') {
    return `${where} accepts a token of either user pool, and an HTTP API JWT authorizer has one issuer: the handler verifies the ID token itself against both pools' JWKS (issuer, audience, expiry, token use) and refuses anything else. Throttled at the stage.`;
  }
  return `${where} is public by design (the configuration the web app needs before anyone has signed in, or the OpenAPI document): no personal or case data, no secrets. Throttled at the stage.`;
}

/** `api-create-referral` -> `ApiCreateReferral` */
function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}
