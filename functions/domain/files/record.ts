import type { FileOwnerKind } from '../../schemas/files.js';

/** What the store keeps of an attached file: types only, so the port can name them without the domain's rules. */

/** What a file is attached to: a kind and its id on the case. */
export interface FileOwner {
  kind: FileOwnerKind;
  id: string;
}

export interface FileRecord {
  reference: string;
  owner: FileOwner;
  fileId: string;
  /** The safe name (./schemas/files.ts `safeFileName`); never in an audit event or a log. */
  fileName: string;
  contentType: string;
  size: number;
  status: 'pending' | 'stored' | 'refused';
  requestedAt: string;
  requestedBy: { userId: string; email: string };
  storedAt?: string;
  refusedAt?: string;
  refusedReason?: string;
}
