import type { AuditEvent, CaseMember } from '../domain/case/case.js';
import type { OverviewRecord } from '../domain/report/overview-author.js';
import type { ChronologyGroup } from '../domain/report/integrated-chronology.js';
import type { GenogramContent, WhatWasKnown } from '../schemas/overview.js';

/** A versioned piece of the overview's facts (genogram, what was known): 0 and `undefined` content when none is saved. */
export interface Versioned<T> {
  content?: T;
  version: number;
  savedAt?: string;
  savedBy?: string;
}

/**
 * The overview report's facts (issue 11): items beside the case, outside
 * its `CASE` prefix, so a case read never loads them. Each write goes with
 * its audit event in one transaction, conditional on what was read.
 */
export interface OverviewStore {
  getOverview(reference: string): Promise<OverviewRecord | undefined>;
  /**
   * Writes the overview record only if still at `expectedVersion` (0: none
   * stored), with the audit event; adds the author to the case as a member
   * (`member`) or takes a declined author off it (`removeMember`). False
   * when the condition failed: nothing is written.
   */
  putOverview(record: OverviewRecord, expectedVersion: number, audit: AuditEvent, change?: { member?: CaseMember & { receivedAt: string }; removeMember?: { userId: string } }): Promise<boolean>;
  listChronologyGroups(reference: string): Promise<ChronologyGroup[]>;
  /** Adds a group (only if its id is free) with its audit event. */
  addChronologyGroup(reference: string, group: ChronologyGroup, audit: AuditEvent): Promise<void>;
  /** Removes a group (only if it exists) with its audit event; false when there was none. */
  removeChronologyGroup(reference: string, groupId: string, audit: AuditEvent): Promise<boolean>;
  getGenogram(reference: string): Promise<Versioned<GenogramContent>>;
  putGenogram(reference: string, content: GenogramContent, expectedVersion: number, savedBy: string, savedAt: string, audit: AuditEvent): Promise<boolean>;
  getWhatWasKnown(reference: string): Promise<Versioned<WhatWasKnown>>;
  putWhatWasKnown(reference: string, content: WhatWasKnown, expectedVersion: number, savedBy: string, savedAt: string, audit: AuditEvent): Promise<boolean>;
}
