import type { AuditEvent, CaseRecord } from '../domain/case/case.js';
import type { PlanAction } from '../domain/actions/actions.js';

/** The case header's share of an action write: its open-action count, which the review's schedule depends on. */
export interface ActionHeaderChange {
  /** The header version the change was worked out from: written only if still there. */
  expectedVersion: number;
  next: Pick<CaseRecord, 'version' | 'actionPlan' | 'scheduleFingerprint' | 'scheduleVersion'>;
}

/**
 * The actions of review action plans, each its own item beside the case
 * (never part of the case's read). Every write goes with its audit event in
 * one transaction, conditional on the version read.
 */
export interface ActionStore {
  /** Every action of one case's plan, by number. */
  listActions(reference: string): Promise<PlanAction[]>;
  getAction(reference: string, actionId: string): Promise<PlanAction | undefined>;
  /**
   * Writes an action and its audit event in one transaction: a new one
   * (`expectedVersion` undefined) only if no item has its id, a change only
   * if the stored one is still at `expectedVersion`; with `header`, the case
   * header's open count too, only if the header is still at its version.
   * False when a condition failed: nothing is written.
   */
  putAction(action: PlanAction, expectedVersion: number | undefined, audit: AuditEvent, header?: ActionHeaderChange): Promise<boolean>;
  /** Every action of every review (the Board's progress report), from the sparse index. */
  listBoardActions(): Promise<PlanAction[]>;
  /** The open actions a person owns (by their email, lower case), soonest due first. */
  listOpenActionsOf(email: string): Promise<PlanAction[]>;
}
