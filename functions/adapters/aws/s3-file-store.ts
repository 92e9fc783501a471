import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from '../../domain/files/files.js';
import type { FileStore, PresignedUpload, StoredObject } from '../../ports/files.js';

/**
 * Attached files in one S3 bucket (the only place that imports the S3 client
 * and presigner for them). Uploads are presigned PUTs whose signature covers
 * Content-Type and Content-Length: S3 refuses a request whose type or length
 * differs from what was asked for. Downloads are presigned GETs that S3
 * answers with Content-Disposition: attachment.
 */
export class S3FileStore implements FileStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(input: { key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<PresignedUpload> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: input.key, ContentType: input.contentType, ContentLength: input.size });
    const url = await getSignedUrl(this.s3, command, {
      expiresIn: input.expiresInSeconds,
      // Kept as signed headers, not moved into the query: the browser must send exactly these.
      signableHeaders: new Set(['content-type', 'content-length']),
      unhoistableHeaders: new Set(['content-type']),
    });
    return { url, method: 'PUT', headers: { 'Content-Type': input.contentType } };
  }

  async presignDownload(input: { key: string; fileName: string; contentType: string; expiresInSeconds: number }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ResponseContentDisposition: contentDisposition(input.fileName),
      ResponseContentType: input.contentType,
    });
    return getSignedUrl(this.s3, command, { expiresIn: input.expiresInSeconds });
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, ...(out.ContentType ? { contentType: out.ContentType } : {}) };
    } catch (error) {
      if (error instanceof NotFound || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return undefined;
      throw error;
    }
  }

  async readStart(key: string, bytes: number): Promise<Uint8Array> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
    const body = await out.Body?.transformToByteArray();
    return (body ?? new Uint8Array()).subarray(0, bytes);
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

/**
 * The S3 client for files. Locally `endpoint` is the s3rver emulator (path
 * style, its fixed local credentials); in AWS the Lambda role's credentials.
 * Checksums only when S3 requires them, so a presigned PUT needs no checksum
 * header the browser cannot compute.
 */
export function filesS3Client(region: string, endpoint?: string): S3Client {
  return new S3Client({
    region,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint ? { endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
  });
}
