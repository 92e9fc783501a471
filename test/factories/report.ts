import type { ExportInput } from '../../functions/domain/report/export-document.js';

/** A genogram as the overview pages draw it: shapes, lines and names as SVG text. */
export const GENOGRAM_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200" role="img">
<rect x="40" y="20" width="40" height="40" fill="none" stroke="#000"/><text x="60" y="80" text-anchor="middle">Mark Jones</text>
<circle cx="260" cy="40" r="20" fill="none" stroke="#000"/><text x="260" y="80" text-anchor="middle">Jane Smith</text>
<line x1="80" y1="40" x2="240" y2="40" stroke="#000"/>
<circle cx="160" cy="150" r="20" fill="none" stroke="#000" stroke-width="3"/><text x="160" y="190" text-anchor="middle">Amy Jones</text>
</svg>`;

/** A version of a report with every part filled, a three-organisation chronology and a genogram. */
export function makeExportInput(overrides: Partial<ExportInput> = {}): ExportInput {
  return {
    kind: 'report',
    reference: 'SCR-2026-0042',
    boardName: 'Example Local Safeguarding Children Board',
    version: { version: 3, status: 'final', subCommitteeChairAcceptance: { by: { email: 's@example.org', role: 'sub-committee-chair' }, at: '2026-05-01T09:00:00Z' } },
    content: {
      introduction: { circumstances: 'Amy Jones, aged two, was admitted to hospital with injuries.\n\nHer mother, Jane Smith, called an ambulance.', authorName: 'Alex Author', authorJobTitle: 'Independent reviewer' },
      facts: { whatWasKnown: 'Mark Jones was known to the police. Jane Smith had asked the health visitor for help.' },
      analysis: { howAndWhy: 'Referrals about Amy Jones were not shared.', differentDecisions: 'An earlier strategy meeting might have changed the course of events.', goodPractice: 'The nursery recorded its concerns well.' },
      conclusions: { conclusions: 'Agencies did not share what they knew.', recommendations: [{ text: 'Share domestic abuse notifications within one working day', nationalRelevance: true }, { text: 'Audit nursery referrals', nationalRelevance: false }] },
    },
    derived: {
      termsOfReference: { version: 2, items: [{ label: 'Question 1: What appear to be the most important issues?', text: 'Information sharing between agencies' }] },
      contributors: [
        { organisation: 'Health Trust', nature: 'Individual management review', author: 'Pat Reviewer, Named nurse' },
        { organisation: 'Police', nature: 'Individual management review' },
        { organisation: 'Nursery', nature: 'Another report' },
      ],
      panel: [{ name: 'Sam Chair', jobTitle: 'Head of safeguarding', organisation: 'County Council', agency: 'Children’s Services (social care)' }],
      imrRecommendations: [{ organisation: 'Health Trust', action: 'Train health visitors on domestic abuse', byWhom: 'Named nurse', byWhen: '2026-09-30', outcome: 'Routine enquiry', evaluation: 'Case audit' }],
    },
    chronology: [
      { when: '2025-03-04 09:15', organisation: 'Health Trust', what: 'Health visitor saw Amy Jones at home', childSeen: true, wishesAndFeelings: false },
      { when: '2025-04-11', organisation: 'Police', what: 'Domestic abuse incident: Mark Jones arrested', childSeen: false },
      { when: '2025-06', organisation: 'Nursery', what: 'Bruise noticed on Amy Jones; mother gave an explanation', childSeen: true, wishesAndFeelings: true },
    ],
    genogramSvg: GENOGRAM_SVG,
    genogramText: ['Mark Jones, male, born 1990, father of Amy Jones', 'Jane Smith, female, born 1993, mother of Amy Jones', 'Amy Jones, female, born 2023, the subject child, in the household'],
    pseudonyms: [
      { name: 'Amy Jones', pseudonym: 'Child A' },
      { name: 'Jane Smith', pseudonym: 'Mother' },
      { name: 'Mark Jones', pseudonym: 'Father' },
    ],
    ...overrides,
  };
}
