import { questionLabel, torFieldLabels, torQuestions, formatTorDate } from '../../schemas/terms-of-reference.js';
import type { ImrSectionContent } from '../../schemas/imr.js';
import type { ReviewRecord } from '../review/record.js';
import { agencyLabel } from '../review/review.js';
import type { TorVersion } from '../review/terms-of-reference.js';
import { kindLabel, type Contribution } from '../contributions/contributions.js';
import type { ReportDerived } from './report.js';

/**
 * What the report takes from the rest of the case (Appendix B): the terms of
 * reference from the latest agreed version, the contributors and the nature
 * of each contribution, the panel, and each accepted IMR's recommendations
 * attributed to its organisation. Pure: the use case reads the stores.
 */
export function deriveReportParts(input: {
  review: ReviewRecord;
  /** The latest agreed version of the terms of reference, if any. */
  tor: TorVersion | undefined;
  contributions: readonly Contribution[];
  /** The recommendations section of each contribution that has one, by contribution id. */
  recommendations: ReadonlyMap<string, ImrSectionContent<'recommendations'>>;
}): ReportDerived {
  const { review, tor, contributions, recommendations } = input;
  const items: { label: string; text: string }[] = [];
  if (tor) {
    for (const q of torQuestions) {
      const answer = tor.content.answers[q.id]?.trim();
      if (answer) items.push({ label: `${questionLabel(q.id)}: ${q.text}`, text: answer });
    }
    const { periodFrom, periodTo, familyHistory } = tor.content;
    if (periodFrom && periodTo) items.push({ label: 'Period reviewed', text: `${formatTorDate(periodFrom)} to ${formatTorDate(periodTo)}` });
    if (familyHistory?.trim()) items.push({ label: torFieldLabels.familyHistory, text: familyHistory.trim() });
  }
  const active = contributions;
  return {
    termsOfReference: { version: tor?.version ?? 0, items },
    contributors: active.map((c) => ({
      organisation: c.organisation,
      nature: kindLabel(c.kind),
      ...(c.description ? { description: c.description } : {}),
      ...(c.author ? { author: `${c.author.name}, ${c.author.jobTitle}` } : {}),
    })),
    panel: review.panel.map((m) => ({ name: m.name, jobTitle: m.jobTitle, organisation: m.organisation, agency: agencyLabel(m.agency) })),
    imrRecommendations: active
      .filter((c) => c.kind === 'imr' && c.status === 'accepted')
      .flatMap((c) => (recommendations.get(c.id)?.items ?? []).map((r) => ({ organisation: c.organisation, ...r }))),
  };
}
