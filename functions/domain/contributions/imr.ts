import { analysisQuestions, type ImrSectionContent, type ImrSectionName } from '../../schemas/imr.js';

/**
 * The IMR's sections after the chronology (Appendix A), each its own item
 * (`IMR#<contribution>#<section>`), saved only if still at the version its
 * author read: two authors on different sections never conflict, and two on
 * the same section get a clear conflict rather than a silent overwrite.
 */
export interface ImrSection<S extends ImrSectionName = ImrSectionName> {
  reference: string;
  contributionId: string;
  section: S;
  content: ImrSectionContent<S>;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** What stops an IMR being submitted: every analysis question answered, and every interview record shared (10.14). */
export function imrSubmitBlockers(sections: readonly ImrSection[]): string[] {
  const blockers: string[] = [];
  const analysis = sections.find((s): s is ImrSection<'analysis'> => s.section === 'analysis');
  const unanswered = analysisQuestions.map((_, i) => i).filter((i) => !analysis?.content.answers[i]?.trim());
  if (unanswered.length > 0) blockers.push(`Answer analysis question${unanswered.length === 1 ? '' : 's'} ${unanswered.map((i) => i + 1).join(', ')}`);
  const interviews = sections.find((s): s is ImrSection<'interviews'> => s.section === 'interviews');
  const unshared = (interviews?.content.items ?? []).filter((i) => !i.sharedOn);
  if (unshared.length > 0) {
    blockers.push(
      `${unshared.length === 1 ? 'An interview record has' : `${unshared.length} interview records have`} not been shared with the interviewee (paragraph 10.14)`,
    );
  }
  return blockers;
}
