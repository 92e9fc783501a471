import type { ContributionStore } from '../../ports/contribution-store.js';
import type { OverviewStore } from '../../ports/overview-store.js';
import { readableForOverview } from '../access/overview-access.js';
import { formatChronologyDate } from '../contributions/chronology.js';
import type { ExportChronologyRow } from './export-document.js';
import { genogramSvg, genogramText, layoutGenogram } from './genogram.js';
import { applyGroups, mergeChronologies } from './integrated-chronology.js';

export interface OverviewForExport {
  chronology?: ExportChronologyRow[];
  genogramSvg?: string;
  genogramText?: string[];
}

/**
 * What an export of the overview report draws from its facts (Appendix B):
 * the integrated chronology of every accepted contribution, in order with the
 * author's groups applied, each row attributed to its organisation; and the
 * genogram, laid out by the same code as the page (ELK), with its text
 * alternative. Read without an audit event of its own: the export that asks
 * for it is audited. Nothing recorded yet: that part is left out (the export
 * says so).
 */
export async function overviewForExport(
  deps: { overview: Pick<OverviewStore, 'listChronologyGroups' | 'getGenogram'>; contributions: Pick<ContributionStore, 'listContributions' | 'listChronology'> },
  reference: string,
): Promise<OverviewForExport> {
  const accepted = readableForOverview(await deps.contributions.listContributions(reference));
  const [inputs, groups, genogram] = await Promise.all([
    Promise.all(accepted.map(async (c) => ({ organisation: c.organisation, contributionId: c.id, rows: await deps.contributions.listChronology(reference, c.id) }))),
    deps.overview.listChronologyGroups(reference),
    deps.overview.getGenogram(reference),
  ]);
  const rows = applyGroups(mergeChronologies(inputs), groups);
  const out: OverviewForExport = {};
  if (rows.length > 0) {
    out.chronology = rows.map((r) => ({
      when: `${formatChronologyDate(r.row.date, r.row.dateUncertain)}${r.row.time ? ` ${r.row.time}` : ''}`,
      organisation: r.organisation,
      what: [r.row.whatHappened, r.row.decisionOrAction ? `Decision or action: ${r.row.decisionOrAction}` : undefined, `Source: ${r.row.sourceRecord}`]
        .filter((s): s is string => s !== undefined)
        .join('\n'),
      childSeen: r.childSeen,
      wishesAndFeelings: r.wishesAndFeelings,
    }));
  }
  const content = genogram.content;
  if (content && content.people.length > 0) {
    const input = content as Parameters<typeof layoutGenogram>[0];
    out.genogramSvg = genogramSvg(await layoutGenogram(input), { title: `Genogram, serious case review ${reference}`, idPrefix: 'export-genogram' });
    out.genogramText = genogramText(input);
  }
  return out;
}
