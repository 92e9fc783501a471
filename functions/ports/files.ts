import type { AuditEvent } from '../domain/case/case.js';
import type { FileRecord, FileOwner } from '../domain/files/record.js';

/** A presigned upload: the browser PUTs the file's bytes to `url` with exactly `headers`. */
export interface PresignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the signature covers: the browser must send them as given (Content-Type). */
  headers: Record<string, string>;
}

/** What the object store holds under a key (HEAD). */
export interface StoredObject {
  size: number;
  contentType?: string;
}

/**
 * The object store for attached files (S3 in AWS, s3rver locally). Only
 * keys the domain made (functions/domain/files/files.ts `objectKeyOf`) are used.
 */
export interface FileStore {
  /**
   * A URL to PUT one object, valid `expiresInSeconds`. The signature covers
   * the content type and the exact length, so S3 refuses another type or size.
   */
  presignUpload(input: { key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<PresignedUpload>;
  /** A URL to GET the object, valid `expiresInSeconds`, answered as an attachment named `fileName`. */
  presignDownload(input: { key: string; fileName: string; contentType: string; expiresInSeconds: number }): Promise<string>;
  /** The object's size and type, or undefined when there is none. */
  head(key: string): Promise<StoredObject | undefined>;
  /** The first `bytes` bytes of the object (to check it is what its type says). */
  readStart(key: string, bytes: number): Promise<Uint8Array>;
  /** Deletes the object (every version of it is left to the bucket's lifecycle). */
  delete(key: string): Promise<void>;
}

/** The metadata items of attached files, each a child of its case (never part of the case header). */
export interface FileRecords {
  /** Writes a new `pending` file with its audit event, in one transaction. */
  create(record: FileRecord, audit: AuditEvent): Promise<void>;
  get(reference: string, owner: FileOwner, fileId: string): Promise<FileRecord | undefined>;
  /**
   * Moves a file from `pending` to `next.status` with its audit event, in one
   * transaction, only if it is still pending. Returns false when it was not.
   */
  settle(next: FileRecord, audit: AuditEvent): Promise<boolean>;
  /** The files of one owner on a case, oldest first. */
  list(reference: string, owner: FileOwner): Promise<FileRecord[]>;
  /** Appends an audit event (a download). */
  appendAudit(event: AuditEvent): Promise<void>;
}
