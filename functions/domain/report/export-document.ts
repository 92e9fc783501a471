import { reportSectionTitles, type ReportContent } from '../../schemas/report.js';
import { pseudonymise, type ReportDerived, type ReportVersion } from './report.js';

/**
 * An export of one version of the report (Appendix B), as a document model
 * the Word and PDF renderers both draw: headings, paragraphs, lists, tables
 * and the genogram. Pure. Every page of both formats carries "Restricted",
 * the reference and the version (the renderers' header and footer), and page
 * numbers.
 *
 * Three kinds: the full report; the executive summary (a separate, short
 * document: circumstances, conclusions and every recommendation); and the
 * anonymised report for publication, in which every agreed name is replaced
 * by its pseudonym, in the text, the chronology and the genogram alike.
 */

export type ExportKind = 'report' | 'executive-summary' | 'anonymised';

/** One row of the integrated chronology as the export prints it (the overview pages' merge maps into this). */
export interface ExportChronologyRow {
  /** As recorded: a day, a month, or a day and time. */
  when: string;
  organisation: string;
  what: string;
  childSeen?: boolean;
  wishesAndFeelings?: boolean;
}

export interface ExportInput {
  kind: ExportKind;
  reference: string;
  boardName: string;
  version: Pick<ReportVersion, 'version' | 'status' | 'subCommitteeChairAcceptance' | 'boardChairAcceptance'>;
  content: ReportContent;
  derived: ReportDerived;
  /** The integrated chronology, if the overview pages have one. */
  chronology?: readonly ExportChronologyRow[];
  /** The genogram drawing, and its text alternative (one line per person or relationship). */
  genogramSvg?: string;
  genogramText?: readonly string[];
  /** Required for the anonymised export. */
  pseudonyms?: readonly { name: string; pseudonym: string }[];
  /** How the review finished, in words, once it has. */
  completion?: string;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; caption: string; head: string[]; rows: string[][] }
  | { type: 'figure'; caption: string; svg: string; alt: string[] };

export interface ExportDocument {
  title: string;
  /** On every page, top: "Restricted". */
  marking: 'Restricted';
  /** On every page: reference and version. */
  running: string;
  blocks: Block[];
  fileStem: string;
}

const kindTitle: Record<ExportKind, string> = {
  report: 'Serious case review: overview report',
  'executive-summary': 'Serious case review: executive summary',
  anonymised: 'Serious case review: overview report (anonymised for publication)',
};

function paragraphs(text: string): Block[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph', text: p }) as const);
}

const yesNo = (b: boolean | undefined) => (b === undefined ? 'Not recorded' : b ? 'Yes' : 'No');

function statusLine(v: ExportInput['version']): string {
  if (v.boardChairAcceptance) return 'Accepted by the sub-committee chair and the Board chair.';
  if (v.subCommitteeChairAcceptance) return 'Final: accepted by the sub-committee chair; awaiting the Board chair.';
  return v.status === 'final' ? 'Final: awaiting the chairs’ acceptance.' : 'Draft: not accepted.';
}

function recommendationBlocks(content: ReportContent, derived: ReportDerived): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 3, text: 'The Board’s recommendations' }];
  if (content.conclusions.recommendations.length === 0) blocks.push({ type: 'paragraph', text: 'None.' });
  else
    blocks.push({
      type: 'list',
      items: content.conclusions.recommendations.map((r) => (r.nationalRelevance ? `${r.text} [Lesson of national relevance]` : r.text)),
    });
  blocks.push({ type: 'heading', level: 3, text: 'Recommendations of the individual management reviews' });
  if (derived.imrRecommendations.length === 0) blocks.push({ type: 'paragraph', text: 'None.' });
  else
    blocks.push({
      type: 'table',
      caption: 'Each accepted individual management review’s recommendations, by organisation',
      head: ['Organisation', 'Action', 'By whom', 'By when', 'Outcome expected', 'How evaluated'],
      rows: derived.imrRecommendations.map((r) => [r.organisation, r.action, r.byWhom, r.byWhen, r.outcome, r.evaluation]),
    });
  return blocks;
}

/** The document for one export of one version. */
export function exportDocument(input: ExportInput): ExportDocument {
  const { content, derived } = input;
  if (input.kind === 'anonymised' && !input.pseudonyms?.length) throw new Error('An anonymised export needs the agreed pseudonyms');
  const running = `${input.reference}, version ${input.version.version}`;
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: kindTitle[input.kind] },
    { type: 'paragraph', text: `${input.boardName}. Reference ${input.reference}. Version ${input.version.version}. ${statusLine(input.version)}` },
  ];
  if (input.completion) blocks.push({ type: 'paragraph', text: input.completion });

  if (input.kind === 'executive-summary') {
    blocks.push({ type: 'heading', level: 2, text: 'The circumstances that led to the review' }, ...paragraphs(content.introduction.circumstances));
    blocks.push({ type: 'heading', level: 2, text: 'Conclusions' }, ...paragraphs(content.conclusions.conclusions));
    blocks.push({ type: 'heading', level: 2, text: 'Recommendations' }, ...recommendationBlocks(content, derived));
  } else {
    // Introduction
    blocks.push({ type: 'heading', level: 2, text: `1. ${reportSectionTitles.introduction}` });
    blocks.push({ type: 'heading', level: 3, text: 'The circumstances that led to the review' }, ...paragraphs(content.introduction.circumstances));
    blocks.push({ type: 'heading', level: 3, text: `Terms of reference${derived.termsOfReference.version ? ` (agreed version ${derived.termsOfReference.version})` : ''}` });
    if (derived.termsOfReference.items.length === 0) blocks.push({ type: 'paragraph', text: 'No terms of reference were agreed.' });
    for (const item of derived.termsOfReference.items) blocks.push({ type: 'paragraph', text: `${item.label} ${item.text}` });
    blocks.push({ type: 'heading', level: 3, text: 'Contributors to the review' });
    blocks.push(
      derived.contributors.length
        ? {
            type: 'table',
            caption: 'Each contribution and its nature',
            head: ['Organisation', 'Nature of the contribution', 'Author'],
            rows: derived.contributors.map((c) => [c.organisation, c.description ? `${c.nature}: ${c.description}` : c.nature, c.author ?? '']),
          }
        : { type: 'paragraph', text: 'No contributions were asked for.' },
    );
    blocks.push({ type: 'heading', level: 3, text: 'Review panel members' });
    blocks.push(
      derived.panel.length
        ? { type: 'table', caption: 'The review panel', head: ['Name', 'Job title', 'Organisation', 'Agency'], rows: derived.panel.map((m) => [m.name, m.jobTitle, m.organisation, m.agency]) }
        : { type: 'paragraph', text: 'No panel members are recorded.' },
    );
    blocks.push({ type: 'heading', level: 3, text: 'Author of the overview report' });
    blocks.push({ type: 'paragraph', text: [content.introduction.authorName, content.introduction.authorJobTitle].filter((x) => x.trim()).join(', ') || 'Not named.' });

    // The facts
    blocks.push({ type: 'heading', level: 2, text: `2. ${reportSectionTitles.facts}` });
    blocks.push({ type: 'heading', level: 3, text: 'Genogram' });
    if (input.genogramSvg) blocks.push({ type: 'figure', caption: 'Genogram of the family and household', svg: input.genogramSvg, alt: [...(input.genogramText ?? [])] });
    else blocks.push({ type: 'paragraph', text: 'No genogram is recorded.' });
    if (input.genogramSvg && input.genogramText?.length) blocks.push({ type: 'list', items: [...input.genogramText] });
    blocks.push({ type: 'heading', level: 3, text: 'Integrated chronology' });
    if (input.chronology?.length)
      blocks.push({
        type: 'table',
        caption: `Integrated chronology: ${input.chronology.length} ${input.chronology.length === 1 ? 'entry' : 'entries'}, in date order`,
        head: ['When', 'Organisation', 'What happened', 'Child seen', 'Wishes and feelings'],
        rows: input.chronology.map((r) => [r.when, r.organisation, r.what, yesNo(r.childSeen), yesNo(r.wishesAndFeelings)]),
      });
    else blocks.push({ type: 'paragraph', text: 'No integrated chronology is recorded.' });
    blocks.push({ type: 'heading', level: 3, text: 'What was known' }, ...paragraphs(content.facts.whatWasKnown));

    // Analysis
    blocks.push({ type: 'heading', level: 2, text: `3. ${reportSectionTitles.analysis}` });
    blocks.push({ type: 'heading', level: 3, text: 'How and why events occurred' }, ...paragraphs(content.analysis.howAndWhy));
    blocks.push({ type: 'heading', level: 3, text: 'Whether different decisions or actions might have led to a different course of events' }, ...paragraphs(content.analysis.differentDecisions));
    blocks.push({ type: 'heading', level: 3, text: 'Good practice' }, ...paragraphs(content.analysis.goodPractice));

    // Conclusions and recommendations
    blocks.push({ type: 'heading', level: 2, text: `4. ${reportSectionTitles.conclusions}` }, ...paragraphs(content.conclusions.conclusions));
    blocks.push(...recommendationBlocks(content, derived));
  }

  const doc: ExportDocument = { title: kindTitle[input.kind], marking: 'Restricted', running, blocks, fileStem: `${input.reference}-v${input.version.version}-${input.kind}` };
  return input.kind === 'anonymised' ? anonymise(doc, input.pseudonyms!) : doc;
}

/** Every text of the document, the genogram's included, with the agreed pseudonyms. */
function anonymise(doc: ExportDocument, entries: readonly { name: string; pseudonym: string }[]): ExportDocument {
  const p = (t: string) => pseudonymise(t, entries);
  const blocks = doc.blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return { ...b, text: p(b.text) };
      case 'list':
        return { ...b, items: b.items.map(p) };
      case 'table':
        return { ...b, caption: p(b.caption), rows: b.rows.map((r) => r.map(p)) };
      case 'figure':
        // Only the SVG's text between tags: its markup (attributes, element names) is left alone.
        return { ...b, svg: b.svg.replace(/>([^<]+)</g, (_m, t: string) => `>${p(t)}<`), alt: b.alt.map(p) };
    }
  });
  return { ...doc, blocks };
}

/** The words of a document, in order: what a reader (or a test, or a screen reader) gets from it. */
export function documentText(doc: ExportDocument): string {
  return doc.blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
          return b.text;
        case 'list':
          return b.items.join('\n');
        case 'table':
          return [b.caption, b.head.join(' | '), ...b.rows.map((r) => r.join(' | '))].join('\n');
        case 'figure':
          return [b.caption, ...b.alt].join('\n');
      }
    })
    .join('\n');
}
