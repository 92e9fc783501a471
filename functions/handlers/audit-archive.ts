import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { s3AuditArchive, streamImageToItem } from '../adapters/aws/s3-audit-archive.js';
import { auditArchiveObject } from '../domain/audit/audit-archive.js';
import { makeLogger } from '../middleware/dependencies.js';
import type { AuditArchive } from '../ports/audit-archive.js';

const logger = makeLogger('audit-archive');

const envSchema = z.object({ AUDIT_ARCHIVE_BUCKET: z.string().min(3), AWS_REGION: z.string().min(1).default('eu-west-2') });

let archive: AuditArchive | undefined;
function defaultArchive(): AuditArchive {
  if (!archive) {
    const env = envSchema.parse(process.env);
    archive = s3AuditArchive(env.AUDIT_ARCHIVE_BUCKET, env.AWS_REGION);
  }
  return archive;
}

/**
 * Table stream consumer (AWS only; the local runtime has no S3): copies each
 * audit event, and any change to one, to the Object Lock bucket. Failures are
 * reported per record, so only those are retried (then the stream failures
 * queue and its alarm). Logs carry keys' shape only, never the event.
 */
export function archiveHandler(target: () => AuditArchive) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const object = auditArchiveObject({
        eventName: record.eventName ?? '',
        sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
        ...(record.dynamodb?.ApproximateCreationDateTime !== undefined
          ? { approximateCreationDateTime: record.dynamodb.ApproximateCreationDateTime }
          : {}),
        oldItem: streamImageToItem(record.dynamodb?.OldImage),
        newItem: streamImageToItem(record.dynamodb?.NewImage),
      });
      if (!object) continue;
      try {
        await target().put(object.key, object.body);
        if (record.eventName !== 'INSERT') logger.warn('Security event: an audit event was changed or removed in the table', { eventName: record.eventName });
      } catch (error) {
        logger.error('Audit event not archived', { errorName: (error as Error)?.name });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
    }
    return { batchItemFailures };
  };
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().handler(archiveHandler(defaultArchive));
