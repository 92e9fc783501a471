/**
 * The parts of the overview report (issue 11), each its own page under
 * `/cases/{reference}/report/…`, listed on the case's Report page in this
 * order. A new part (the report's drafts, its exports) is one entry here and
 * one route in App.tsx. No React here.
 */
export const REPORT_PAGES = [
  { slug: 'author', label: 'Overview author', description: 'Who writes the overview report, and their declaration of independence (paragraph 11.2).' },
  { slug: 'contributions', label: 'Accepted contributions', description: 'Every contribution whose findings were accepted, with its IMR sections, as the overview author reads them.' },
  {
    slug: 'chronology',
    label: 'Integrated chronology',
    description: 'Every accepted contribution’s chronology in date and time order, each row attributed to its organisation; rows about the same event grouped.',
  },
  { slug: 'genogram', label: 'Genogram', description: 'The family, extended family and household members, drawn as a genogram with a text alternative.' },
  { slug: 'what-was-known', label: 'What was known', description: 'What the agencies knew about the parents and carers, any perpetrator and the home circumstances.' },
] as const;

export const reportPagePath = (reference: string, slug: string) => `/cases/${encodeURIComponent(reference)}/report/${slug}`;
export const reportSectionPath = (reference: string) => `/cases/${encodeURIComponent(reference)}/report`;
export const overviewApiPath = (reference: string) => `/api/cases/${encodeURIComponent(reference)}/overview`;

/** Rows a page of the integrated chronology's table shows: 5,000 rows in one table take seconds to lay out; a page of them does not. */
export const CHRONOLOGY_PAGE_SIZE = 200;
