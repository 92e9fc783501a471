/**
 * The pages of a case's workspace, in the order of its sub navigation. Each
 * has its own address (`/cases/{reference}` for the summary, otherwise
 * `/cases/{reference}/{slug}`). Adding a page (contributions, the report) is
 * one entry here and one section in CasePage.tsx. No React here: the route
 * table (first-load chunk) reads the slugs.
 */
export const CASE_SECTIONS = [
  { slug: '', label: 'Summary', title: 'Summary and what needs doing' },
  { slug: 'referral', label: 'Referral', title: 'Referral and criteria' },
  { slug: 'decision', label: 'Decision', title: 'Recommendation and decision' },
  { slug: 'review', label: 'Review', title: 'Serious case review' },
  { slug: 'contributions', label: 'Contributions', title: 'Contributions' },
  { slug: 'report', label: 'Report', title: 'Overview report' },
  { slug: 'actions', label: 'Action plan', title: 'Action plan' },
  { slug: 'timescale', label: 'Timescale', title: 'Timescale' },
  { slug: 'people', label: 'People', title: 'People on this case' },
  { slug: 'emails', label: 'Emails sent', title: 'Emails sent' },
  { slug: 'timeline', label: 'Timeline', title: 'Timeline' },
] as const;

export type CaseSectionSlug = (typeof CASE_SECTIONS)[number]['slug'];

/** The address of a page of the case. */
export const caseSectionPath = (reference: string, slug: CaseSectionSlug): string =>
  `/cases/${encodeURIComponent(reference)}${slug ? `/${slug}` : ''}`;

/** Which page of the case an address is, or undefined when it is not one. */
export function caseSectionOf(pathname: string): CaseSectionSlug | undefined {
  const m = /^\/cases\/[^/]+(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return undefined;
  const slug = m[1] ?? '';
  return CASE_SECTIONS.find((s) => s.slug === slug)?.slug;
}

/**
 * Where a review form goes back to once saved: the timescale forms to the
 * timescale page, every other review form to the review page.
 */
export function reviewFormReturnSlug(formPath: string): CaseSectionSlug {
  return formPath.startsWith('extension') ? 'timescale' : 'review';
}
