import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, nagFindingText } from './nag.js';
import { ServiceFunction } from './service-function.js';

/** The handler, outside the catalogue: the local runtime has no S3 to archive to. */
export const AUDIT_ARCHIVE_ENTRY = 'functions/handlers/audit-archive.ts';

export interface AuditArchiveProps {
  readonly projectRoot: string;
  /** The table whose stream carries the audit events. */
  readonly table: dynamodb.ITableV2;
  /** Years each archived event is locked (Board configuration auditRetentionYears). */
  readonly retentionYears: number;
  /** Encrypts the archive (audit events name people) and the function's environment. */
  readonly dataKey: kms.IKey;
  readonly logsKey: kms.IKey;
  readonly logsBucket: s3.IBucket;
  /** Where stream batches that still fail after the retries go (alarmed by the stack). */
  readonly streamFailures: sqs.IQueue;
}

/**
 * Makes the audit trail tamper-evident beyond the application and its roles:
 * every audit event (and any later change to or removal of one) is copied
 * from the table's stream to a bucket with S3 Object Lock in compliance mode.
 * For `retentionYears` no one, the account's root user included, can delete
 * or overwrite an archived version or shorten its retention; a put to an
 * existing key only adds a version.
 */
export class AuditArchive extends Construct {
  readonly bucket: s3.Bucket;
  readonly service: ServiceFunction;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    if (!Number.isInteger(props.retentionYears) || props.retentionYears < 1) {
      throw new Error(`auditRetentionYears must be a whole number of years, at least 1; got ${props.retentionYears}`);
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365 * props.retentionYears)),
      versioned: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'audit-archive/',
      // Named by CloudFormation: a retained bucket with a fixed name would block the next create.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.service = new ServiceFunction(this, 'Archiver', {
      entry: AUDIT_ARCHIVE_ENTRY,
      projectRoot: props.projectRoot,
      description: 'Copies every audit event (and any change to one) from the table stream to the Object Lock archive',
      environment: { AUDIT_ARCHIVE_BUCKET: this.bucket.bucketName },
      logsKey: props.logsKey,
      environmentKey: props.dataKey,
      timeout: Duration.seconds(30),
      memorySize: 256,
    });
    const role = this.service.role;
    const objects = this.bucket.arnForObjects('*');
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'ArchiveAuditEvents', actions: ['s3:PutObject'], resources: [objects] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ArchiveKeyThroughS3Only',
        actions: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'],
        resources: [props.dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${nagFindingText(this, objects)}]`,
      'PutObject on any key of the archive bucket only: keys are made from each audit event, and Object Lock stops any put from replacing a locked version.',
    );
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'xray:PutTraceSegments and xray:PutTelemetryRecords (added by CDK for active tracing) support no resource-level permissions.',
    );
    // The table key, to read the encrypted stream.
    props.table.grantStreamRead(role);

    this.service.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(props.streamFailures),
        // Only audit items reach the function (before or after the change).
        filters: [
          lambda.FilterCriteria.filter({ dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual('audit') } } } }),
          lambda.FilterCriteria.filter({ dynamodb: { OldImage: { type: { S: lambda.FilterRule.isEqual('audit') } } } }),
        ],
      }),
    );
    acknowledge(
      this.service.function,
      'Serverless-LambdaDLQ',
      'Invoked by a DynamoDB stream event source mapping, whose own on-failure destination (StreamFailures queue, alarmed) receives the failed batches; a function DLQ never applies to stream invocations.',
    );
  }

  /** Errors of the archiver: an audit event may not be archived yet. */
  metricErrors(): cloudwatch.IMetric {
    return this.service.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
  }
}
