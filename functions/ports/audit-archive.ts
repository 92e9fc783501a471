/** Write-once storage for audit events (S3 Object Lock in AWS). */
export interface AuditArchive {
  /** Stores the object; an object already at that key is kept as an older version, never replaced. */
  put(key: string, body: string): Promise<void>;
}
