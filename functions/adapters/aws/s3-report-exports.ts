import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from '../../domain/files/files.js';
import type { ReportExportObjects } from '../../ports/report-store.js';

/** The overview report's exports in the files bucket (the case's space); downloads are presigned GETs served as attachments. */
export class S3ReportExports implements ReportExportObjects {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
  }

  async presignDownload(input: { key: string; fileName: string; contentType: string; expiresInSeconds: number }): Promise<string> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: input.key, ResponseContentDisposition: contentDisposition(input.fileName), ResponseContentType: input.contentType });
    return getSignedUrl(this.s3, command, { expiresIn: input.expiresInSeconds });
  }
}
