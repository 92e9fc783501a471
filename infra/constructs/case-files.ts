import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

export interface CaseFilesProps {
  /** Encrypts the files (case data: the same key as the table). */
  readonly dataKey: kms.IKey;
  /** Server access logs go here, under `case-files/`. */
  readonly logsBucket: s3.IBucket;
  /** The web app's origin: the only one CORS lets PUT an upload and GET a download. */
  readonly appOrigin: string;
  /** The bucket's origin as the pages' CSP names it (`caseFilesOrigin(stack)`, computed once). */
  readonly origin: string;
}

/**
 * The bucket name of a stack's case files, made from the stack's own id (a
 * pseudo parameter, no resource): the pages' CSP can name the bucket's
 * origin while the bucket's CORS names the pages' origin, without the two
 * depending on each other. The id is new for every stack created, so a
 * retained bucket left by a failed first create never blocks the next one.
 */
export function caseFilesBucketName(stack: Stack): string {
  // arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>: the uuid, 36 lower-case characters.
  return `scr-files-${Fn.select(2, Fn.split('/', stack.stackId))}`;
}

/** The https origin the browser PUTs presigned uploads to (the SDK's virtual-hosted, regional URL). */
export const caseFilesOrigin = (stack: Stack): string => `https://${caseFilesBucketName(stack)}.s3.${stack.region}.amazonaws.com`;

/**
 * Documents attached to a case (issue 10): encrypted with the case-data key,
 * no public access, versioned, TLS only, server access logs, CORS for the
 * web app's origin (browsers upload straight to presigned URLs), incomplete
 * multipart uploads aborted after a day, and replaced or deleted versions
 * (a refused upload) kept 30 days then removed.
 */
export class CaseFiles extends Construct {
  readonly bucket: s3.Bucket;
  readonly origin: string;

  constructor(scope: Construct, id: string, props: CaseFilesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.origin = props.origin;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: caseFilesBucketName(stack),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: 'case-files/',
      cors: [
        {
          allowedOrigins: [props.appOrigin],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['Content-Type'],
          exposedHeaders: ['ETag'],
          maxAge: 300,
        },
      ],
      lifecycleRules: [
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30), expiredObjectDeleteMarker: true },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * What the files Lambda needs and no more: put, get (also HEAD), delete of
   * the objects under `cases/`, and the key only through S3.
   */
  grantObjects(role: iam.IRole, dataKey: kms.IKey): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CaseFilesObjects',
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects('cases/*')],
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/cases/*]`,
      "Object keys are made per upload (cases/<reference>/<owner>/<file id>); the wildcard is this bucket's cases/ prefix only, and which case a caller may touch is decided per request by the owner's rule.",
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CaseFilesKeyThroughS3Only',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [dataKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }
}
