import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AuditArchive } from '../../ports/audit-archive.js';

/**
 * The audit archive in an S3 bucket with Object Lock (compliance mode, the
 * bucket's default retention). The SDK sends a CRC checksum with each put,
 * which Object Lock requires.
 */
export class S3AuditArchive implements AuditArchive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json', ChecksumAlgorithm: 'SHA256' }),
    );
  }
}

/** The archive in `bucket`, through the Lambda role's credentials. */
export function s3AuditArchive(bucket: string, region: string): AuditArchive {
  return new S3AuditArchive(new S3Client({ region }), bucket);
}

/** A stream image (attribute values) as a plain item. */
export function streamImageToItem(image: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
}
