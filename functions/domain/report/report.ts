import {
  reportSectionIds,
  reportSectionTitles,
  type FeedbackSessionInput,
  type PseudonymsInput,
  type PublicationInput,
  type ReportContent,
  type ReportSectionContent,
  type ReportSectionId,
} from '../../schemas/report.js';
import type { Role } from '../access/roles.js';

/**
 * The overview report (paras 11.1-11.4, Appendix B), pure.
 *
 * - A report has numbered versions (`REPORT#v0001`...). Only the latest is
 *   edited, and only while it is a draft; starting the next version copies
 *   the latest's sections, so earlier versions stay as they were.
 * - Each of Appendix B's four sections is saved on its own, over the
 *   revision its editor read.
 * - The panel comments on a version section by section.
 * - The latest version can be offered as final: what it draws from the case
 *   (terms of reference, contributors, panel, IMR recommendations) is then
 *   frozen into it. The sub-committee chair accepts it, then the Board chair
 *   (each from an emailed single-use link). The Board chair's acceptance
 *   completes the review.
 */

export interface ReportPerson {
  email: string;
  role: string;
}

export interface Acceptance {
  by: ReportPerson;
  at: string;
}

/** What the report takes from the rest of the case (Appendix B's introduction, and the IMRs' recommendations). */
export interface ReportDerived {
  /** The agreed terms of reference it draws on (version 0: none agreed yet). */
  termsOfReference: { version: number; items: { label: string; text: string }[] };
  /** Each contribution and its nature (9.1-9.6). */
  contributors: { organisation: string; nature: string; description?: string; author?: string }[];
  /** The review panel (4.3-4.5). */
  panel: { name: string; jobTitle: string; organisation: string; agency: string }[];
  /** Each accepted IMR's recommendations, attributed to its organisation. */
  imrRecommendations: { organisation: string; action: string; byWhom: string; byWhen: string; outcome: string; evaluation: string }[];
}

export type ReportVersionStatus = 'draft' | 'final';

export interface ReportVersion {
  version: number;
  /** The version its sections were copied from (0: the first). */
  basedOn: number;
  status: ReportVersionStatus;
  createdAt: string;
  createdBy: ReportPerson;
  finalisedAt?: string;
  finalisedBy?: ReportPerson;
  /** Frozen when the version is offered as final. */
  derived?: ReportDerived;
  subCommitteeChairAcceptance?: Acceptance;
  boardChairAcceptance?: Acceptance;
}

export interface ReportSection<S extends ReportSectionId = ReportSectionId> {
  version: number;
  section: S;
  content: ReportSectionContent<S>;
  /** Moves on with each save; a save over an older revision is refused. */
  revision: number;
  updatedAt: string;
  updatedBy: ReportPerson;
}

export interface ReportComment {
  id: string;
  version: number;
  section: ReportSectionId;
  text: string;
  at: string;
  by: ReportPerson;
}

export interface FeedbackSession extends FeedbackSessionInput {
  id: string;
  recordedAt: string;
  recordedBy: string;
}

export interface Publication extends PublicationInput {
  recordedAt: string;
  recordedBy: string;
}

/** Everything stored of a case's report: one Query of `REPORT#`. */
export interface ReportState {
  versions: ReportVersion[];
  sections: ReportSection[];
  comments: ReportComment[];
  feedbackSessions: FeedbackSession[];
  pseudonyms?: PseudonymsInput & { updatedAt: string; updatedBy: string };
  publication?: Publication;
}

export const emptyReportState = (): ReportState => ({ versions: [], sections: [], comments: [], feedbackSessions: [] });

/** Nothing written yet. */
export function emptyContent(): ReportContent {
  return {
    introduction: { circumstances: '', authorName: '', authorJobTitle: '' },
    facts: { whatWasKnown: '' },
    analysis: { howAndWhy: '', differentDecisions: '', goodPractice: '' },
    conclusions: { conclusions: '', recommendations: [] },
  };
}

export class ReportRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ReportRuleError';
  }
}

export const latestVersion = (s: Pick<ReportState, 'versions'>): ReportVersion | undefined =>
  s.versions.reduce<ReportVersion | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);

export const versionOf = (s: Pick<ReportState, 'versions'>, version: number): ReportVersion | undefined => s.versions.find((v) => v.version === version);

/** A version's text, section by section (a section never saved reads empty). */
export function contentOf(s: Pick<ReportState, 'sections'>, version: number): ReportContent {
  const content = emptyContent() as Record<ReportSectionId, unknown>;
  for (const sec of s.sections) if (sec.version === version) content[sec.section] = sec.content;
  return content as ReportContent;
}

export const revisionOf = (s: Pick<ReportState, 'sections'>, version: number, section: ReportSectionId): number =>
  s.sections.find((x) => x.version === version && x.section === section)?.revision ?? 0;

/** Where a version stands with the chairs. */
export type AcceptanceStep = 'draft' | 'superseded' | 'awaiting-sub-committee-chair' | 'awaiting-board-chair' | 'accepted';

export function acceptanceStep(s: Pick<ReportState, 'versions'>, version: number): AcceptanceStep {
  const v = versionOf(s, version);
  if (!v) throw new ReportRuleError('There is no such version of the report');
  if (v.boardChairAcceptance) return 'accepted';
  if (latestVersion(s)?.version !== v.version) return 'superseded';
  if (v.status === 'draft') return 'draft';
  return v.subCommitteeChairAcceptance ? 'awaiting-board-chair' : 'awaiting-sub-committee-chair';
}

export const acceptanceStepLabels: Record<AcceptanceStep, string> = {
  draft: 'Draft',
  superseded: 'Superseded by a later version',
  'awaiting-sub-committee-chair': 'Final: awaiting the sub-committee chair’s acceptance',
  'awaiting-board-chair': 'Accepted by the sub-committee chair: awaiting the Board chair’s acceptance',
  accepted: 'Accepted by both chairs',
};

/** True once the Board chair accepted a version: nothing more changes. */
export const reportAccepted = (s: Pick<ReportState, 'versions'>): boolean => s.versions.some((v) => v.boardChairAcceptance);

/**
 * The next version: its header and its sections, copied from the latest
 * version (a report accepted by the Board chair takes no new version).
 */
export function startVersion(s: ReportState, by: ReportPerson, at: string): { version: ReportVersion; sections: ReportSection[] } {
  if (reportAccepted(s)) throw new ReportRuleError('The Board chair has accepted the report: it can no longer be changed');
  const latest = latestVersion(s);
  const n = (latest?.version ?? 0) + 1;
  const sections: ReportSection[] = latest
    ? s.sections
        .filter((x) => x.version === latest.version)
        .map((x) => ({ ...x, version: n, revision: 1, content: structuredClone(x.content), updatedAt: at, updatedBy: by }))
    : [];
  return { version: { version: n, basedOn: latest?.version ?? 0, status: 'draft', createdAt: at, createdBy: by }, sections };
}

/** Only the latest version, while it is a draft, is edited. */
export function checkEditable(s: ReportState, version: number): ReportVersion {
  const v = versionOf(s, version);
  if (!v) throw new ReportRuleError('There is no such version of the report');
  if (latestVersion(s)?.version !== version) throw new ReportRuleError(`Version ${version} has been superseded: edit the latest version`);
  if (v.status !== 'draft') throw new ReportRuleError(`Version ${version} has been offered as final: start a new version to change it`);
  return v;
}

/** One section saved over the revision its editor read. */
export function saveSection<S extends ReportSectionId>(s: ReportState, version: number, section: S, content: ReportSectionContent<S>, by: ReportPerson, at: string): ReportSection<S> {
  checkEditable(s, version);
  return { version, section, content, revision: revisionOf(s, version, section) + 1, updatedAt: at, updatedBy: by };
}

/** A panel member's comment on one section of a version that is not yet accepted. */
export function comment(s: ReportState, version: number, section: ReportSectionId, text: string, id: string, by: ReportPerson, at: string): ReportComment {
  const v = versionOf(s, version);
  if (!v) throw new ReportRuleError('There is no such version of the report');
  if (reportAccepted(s)) throw new ReportRuleError('The Board chair has accepted the report: comments are closed');
  return { id, version, section, text, at, by };
}

/** What stops a version from being offered as final. */
export function finaliseBlockers(content: ReportContent): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  if (!content.introduction.circumstances.trim()) out.push({ field: 'introduction', text: 'Write the circumstances that led to the review (Introduction)' });
  if (!content.introduction.authorName.trim()) out.push({ field: 'introduction', text: 'Name the author of the report (Introduction)' });
  if (!content.facts.whatWasKnown.trim()) out.push({ field: 'facts', text: 'Write what was known (The facts)' });
  if (!content.analysis.howAndWhy.trim()) out.push({ field: 'analysis', text: 'Write how and why events occurred (Analysis)' });
  if (!content.conclusions.conclusions.trim()) out.push({ field: 'conclusions', text: 'Write the conclusions (Conclusions and recommendations)' });
  return out;
}

/** The latest draft offered as final, with what it draws from the case frozen into it. */
export function finalise(s: ReportState, version: number, derived: ReportDerived, by: ReportPerson, at: string): ReportVersion {
  const v = checkEditable(s, version);
  const blockers = finaliseBlockers(contentOf(s, version));
  if (blockers.length) throw new ReportRuleError(blockers[0]!.text, blockers[0]!.field);
  return { ...v, status: 'final', finalisedAt: at, finalisedBy: by, derived };
}

/** Which chair's acceptance a final version awaits, and who may give it. */
export type Chair = 'sub-committee-chair' | 'board-chair';

/** A chair's acceptance (11.3): the sub-committee chair first, then the Board chair. */
export function accept(s: ReportState, version: number, chair: Chair, by: ReportPerson, at: string): ReportVersion {
  const step = acceptanceStep(s, version);
  const v = versionOf(s, version)!;
  const expected: AcceptanceStep = chair === 'sub-committee-chair' ? 'awaiting-sub-committee-chair' : 'awaiting-board-chair';
  if (step !== expected) {
    if (step === 'accepted' || (chair === 'sub-committee-chair' && step === 'awaiting-board-chair')) {
      throw new ReportRuleError('You have already accepted this version of the report');
    }
    if (step === 'superseded') throw new ReportRuleError('A later version of the report has been started: this version can no longer be accepted');
    if (step === 'awaiting-sub-committee-chair') throw new ReportRuleError('The sub-committee chair must accept the report first');
    throw new ReportRuleError('This version has not been offered as final');
  }
  return chair === 'sub-committee-chair' ? { ...v, subCommitteeChairAcceptance: { by, at } } : { ...v, boardChairAcceptance: { by, at } };
}

// ---------------------------------------------------------------- who may do what

const readers: readonly Role[] = ['business-manager', 'sub-committee-chair', 'sub-committee-member', 'board-chair', 'overview-author', 'auditor'];
const editors: readonly Role[] = ['business-manager', 'overview-author'];
const commenters: readonly Role[] = ['business-manager', 'sub-committee-chair', 'sub-committee-member', 'board-chair'];

export type ReportAction = 'read' | 'edit' | 'comment' | 'manage';

/**
 * Who may do what with the report: the Board's offices, the sub-committee
 * (the panel) and the overview author read it; the author and the business
 * manager write it; the panel comments (its members by their address on the
 * review's panel, too); the business manager records feedback sessions,
 * pseudonyms and publication.
 */
export function mayOnReport(role: Role, action: ReportAction, onPanel: boolean): boolean {
  switch (action) {
    case 'read':
      return readers.includes(role) || (onPanel && role !== 'external-reader' && role !== 'referrer');
    case 'edit':
      return editors.includes(role);
    case 'comment':
      return commenters.includes(role) || (onPanel && role !== 'external-reader' && role !== 'referrer');
    case 'manage':
      return role === 'business-manager';
  }
}

// ---------------------------------------------------------------- the emails it owes

export interface OwedReportEmail {
  kind: 'report-acceptance';
  chair: Chair;
  version: number;
  recipientRole: `report:v${number}:${Chair}`;
}

/**
 * The emails the report owes, derived from its state: the latest version,
 * offered as final, asks the sub-committee chair to accept it; once they
 * have, the Board chair. One email per version and chair.
 */
export function owedReportEmails(s: Pick<ReportState, 'versions'>): OwedReportEmail[] {
  const latest = latestVersion(s);
  if (!latest) return [];
  const step = acceptanceStep(s, latest.version);
  const chair: Chair | undefined = step === 'awaiting-sub-committee-chair' ? 'sub-committee-chair' : step === 'awaiting-board-chair' ? 'board-chair' : undefined;
  return chair ? [{ kind: 'report-acceptance', chair, version: latest.version, recipientRole: `report:v${latest.version}:${chair}` }] : [];
}

// ---------------------------------------------------------------- publication (8.8)

/** The anonymised report is marked published only once the Board chair accepted it and no hold is on. */
export function publishBlocker(s: ReportState, hold: { reason: string } | undefined): string | undefined {
  if (hold) return `Publication is on hold (paragraph 8.8): ${hold.reason}. Lift the hold before marking the report published.`;
  if (!reportAccepted(s)) return 'The report can be published only once both chairs have accepted it';
  if (!s.pseudonyms || s.pseudonyms.entries.length === 0) return 'Agree the pseudonyms for the anonymised report before marking it published';
  if (s.publication) return 'The report is already recorded as published';
  return undefined;
}

// ---------------------------------------------------------------- anonymising

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every agreed name replaced by its pseudonym: whole words, any case,
 * longest names first (so "Jane Smith" goes before "Jane"), in one pass so
 * a pseudonym is never itself replaced.
 */
export function pseudonymise(text: string, entries: readonly { name: string; pseudonym: string }[]): string {
  const list = entries.filter((e) => e.name.trim()).sort((a, b) => b.name.trim().length - a.name.trim().length);
  if (list.length === 0) return text;
  const byName = new Map(list.map((e) => [e.name.trim().toLowerCase(), e.pseudonym]));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${list.map((e) => escape(e.name.trim()).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, (m) => byName.get(m.replace(/\s+/g, ' ').toLowerCase()) ?? m);
}

/** Titles for pages and exports, in the report's order. */
export const sectionOrder = reportSectionIds.map((id) => ({ id, title: reportSectionTitles[id] }));
