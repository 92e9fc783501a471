import type { AuditEvent } from '../domain/case/case.js';
import type { Contribution, DisciplinaryMatter } from '../domain/contributions/contributions.js';
import type { ImrSection } from '../domain/contributions/imr.js';
import type { ChronologyRow } from '../domain/contributions/chronology.js';

/**
 * The contributions of a review, each its own item beside the case (never
 * part of the case's read). Every write goes with its audit event in one
 * transaction, conditional on the version read.
 */
export interface ContributionStore {
  /** Every contribution of a case, oldest first. */
  listContributions(reference: string): Promise<Contribution[]>;
  getContribution(reference: string, contributionId: string): Promise<Contribution | undefined>;
  /**
   * Writes a contribution and its audit event in one transaction: a new one
   * (`expectedVersion` undefined) only if no item has its id, a change only
   * if the stored one is still at `expectedVersion`. Returns false when the
   * condition failed: nothing is written.
   */
  putContribution(contribution: Contribution, expectedVersion: number | undefined, audit: AuditEvent): Promise<boolean>;
  /** The disciplinary matters of one contribution (10.9, 10.10), oldest first: items of their own, never read with it. */
  listDisciplinaryMatters(reference: string, contributionId: string): Promise<DisciplinaryMatter[]>;
  /** Adds one, with its audit event, in one transaction. */
  addDisciplinaryMatter(matter: DisciplinaryMatter, audit: AuditEvent): Promise<void>;
  /** The saved sections of an IMR (any order). */
  listImrSections(reference: string, contributionId: string): Promise<ImrSection[]>;
  /** Saves one section with its audit event: a first save only if none exists, else only if still at `expectedVersion`. False when not. */
  putImrSection(section: ImrSection, expectedVersion: number | undefined, audit: AuditEvent): Promise<boolean>;
  /** One row of an IMR's chronology (a single read, for changing one row). */
  getChronologyRow(reference: string, contributionId: string, rowId: string): Promise<ChronologyRow | undefined>;
  /** Every row of an IMR's chronology (any order: the domain sorts). */
  listChronology(reference: string, contributionId: string): Promise<ChronologyRow[]>;
  /**
   * Writes rows with one audit event in one transaction (up to
   * CHRONOLOGY_WRITE_LIMIT): new rows only if absent, changed rows only if
   * still at the position they were read at (`previousPosition`). False when
   * a condition failed: nothing is written. With `previousVersion`, a changed
   * row is written only if still at that version too (a row stored without
   * a version counts as version 1).
   */
  putChronologyRows(reference: string, contributionId: string, rows: { row: ChronologyRow; previousPosition?: number; previousVersion?: number }[], audit: AuditEvent): Promise<boolean>;
  /** Deletes one row with its audit event in one transaction, only if it exists. False when it did not: nothing is written. */
  deleteChronologyRow(reference: string, contributionId: string, rowId: string, audit: AuditEvent): Promise<boolean>;
}

/** Rows one transaction writes with its audit event (DynamoDB allows 100 items in a transaction). */
export const CHRONOLOGY_WRITE_LIMIT = 99;

/** A contribution changed from an emailed single-use link (contribution-links.ts). */
export interface ContributionLinkWrites {
  /**
   * In one transaction: the contribution (only if still at `expectedVersion`),
   * the link marked used (only if unused) and the audit event. False when a
   * condition failed: nothing is written.
   */
  putContributionUsingLink(contribution: Contribution, expectedVersion: number, tokenHash: string, audit: AuditEvent): Promise<boolean>;
}

/**
 * The contributions a person acts on now, on any review: those naming them
 * as senior officer or as current author (not an author who declined). The
 * store keeps this with every write of a contribution, in its transaction.
 */
export interface ContributionsOfPerson {
  /** Every contribution naming `email` as its senior officer or current author, soonest due first. */
  listContributionsOf(email: string): Promise<Contribution[]>;
}
