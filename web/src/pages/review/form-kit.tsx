import { useState, type ReactNode } from 'react';
import type * as z from 'zod';
import { caseDetailSchema } from '../../../../functions/schemas/api.js';
import { datePartsToIso, type DateParts } from '../../../../functions/schemas/dates.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet, type ApiResult, type LoadState } from '../../api/client.js';
import { usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import type { Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { navigate } from '../../router.js';
import { caseSectionPath, reviewFormReturnSlug } from '../case/sections.js';
import { StaffNotFound } from '../../staff/StaffOnly.js';

/**
 * What the serious case review pages (pages/review)
 * share: loading the case once the Board chair has decided on a review,
 * checking a form's body with its shared schema and GOV.UK date inputs,
 * and sending it to `/api/cases/{reference}/review/…`, then back to the
 * case with a success banner. Each page keeps its own words.
 */

// ---------------------------------------------------------------- the case

/**
 * The case as the review pages read it: `GET /api/cases/{reference}` with
 * its `review` (present once the Board chair has decided to conduct a
 * serious case review; `ReviewView` in functions/schemas/review.ts).
 */
export type ReviewCase = z.infer<typeof caseDetailSchema>;
export type ReviewPart = NonNullable<ReviewCase['review']>;
export type DecidedCase = ReviewCase & { review: ReviewPart };

export const casePath = (reference: string) => `/cases/${encodeURIComponent(reference)}`;
/** The case's review page: where the review's forms come back to (Back, Cancel). */
export const reviewPath = (reference: string) => caseSectionPath(reference, 'review');
/** The case's timescale page: where the extension forms come back to. */
export const timescalePath = (reference: string) => caseSectionPath(reference, 'timescale');
export const caseApiPath = (reference: string) => `/api/cases/${encodeURIComponent(reference)}`;

/** Sends one of the review forms (PUT or POST) as the signed-in person. */
const sendReviewForm = (reference: string, path: string, method: 'POST' | 'PUT', body: unknown): Promise<ApiResult<unknown>> =>
  apiRequest('staff', `${caseApiPath(reference)}/review/${path}`, { method, body });

/** Why the case is not handed to the page: it could not be read, or there is no review on it yet. */
export type NotDecided = Exclude<LoadState<ReviewCase>, { kind: 'loading' | 'not-found' }>;

/**
 * Loads the case and hands it to the page once it has a review. A case you
 * are not on is "Page not found", as the case page does; anything else that
 * is not a decided case goes to `otherwise`.
 */
export function WithDecidedCase({
  reference,
  heading,
  children,
  otherwise,
}: {
  reference: string;
  heading: string;
  children: (detail: DecidedCase) => ReactNode;
  otherwise: (state: NotDecided) => ReactNode;
}) {
  const { state } = useApiGet('staff', caseApiPath(reference), caseDetailSchema);
  if (state.kind === 'not-found') return <StaffNotFound />;
  if (state.kind === 'ok' && state.data.review) return <>{children({ ...state.data, review: state.data.review })}</>;
  if (state.kind === 'loading') return <LoadingCase reference={reference} heading={heading} />;
  return <>{otherwise(state)}</>;
}

/**
 * While the case loads: no heading yet, so the focus that follows a page
 * change waits for the page's real h1 instead of landing on one that is
 * about to be replaced.
 */
function LoadingCase({ reference, heading }: { reference: string; heading: string }) {
  useTitle(heading);
  return (
    <Main backTo={reviewPath(reference)}>
      <p className="govuk-body" role="status">
        Loading the case…
      </p>
    </Main>
  );
}

// ---------------------------------------------------------------- checking a form

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** A date input's parts as an ISO date, or its error; blank optional dates are left out. */
export function readDate(
  name: string,
  parts: DateParts,
  label: string,
  optional = false,
): { value: string | undefined; error?: FieldError } {
  if (optional && !parts.day.trim() && !parts.month.trim() && !parts.year.trim()) return { value: undefined };
  const result = datePartsToIso(parts, label);
  if ('iso' in result) return { value: result.iso };
  return { value: undefined, error: { name, href: `#${name}`, text: result.error } };
}

/** Text as typed, trimmed; blank optional text is left out so the schema treats it as not given. */
export const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/**
 * Checks a form's body with its shared schema. Errors from the date inputs
 * (which know "must include a month") win over the schema's for the same
 * field; the rest follow in the order the fields appear.
 */
export function check<T>(
  schema: z.ZodType<T>,
  body: unknown,
  order: readonly string[],
  extra: readonly (FieldError | undefined)[] = [],
): { ok: true; data: T } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(body);
  const first = extra.filter((e): e is FieldError => e !== undefined);
  const rest = parsed.success ? [] : toFieldErrors(parsed.error).filter((e) => !first.some((d) => d.name === e.name));
  const errors = inOrder([...first, ...rest], order);
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, data: parsed.data };
}

/** Field errors in the order the fields appear on the page; names the page does not know go last. */
function inOrder(errors: readonly FieldError[], order: readonly string[]): FieldError[] {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  return [...errors].sort((a, b) => rank(a.name) - rank(b.name));
}

// ---------------------------------------------------------------- sending a form

export interface Problem {
  title: string;
  text: string;
}

/** An answer from the API that keeps the person on the form with a problem that is not about one field. */
export type Refusal = Exclude<ApiResult<unknown>, { kind: 'ok' | 'signed-out' | 'invalid' }>;

/**
 * A review form's state: its errors, a problem that is not about one field
 * (in the page's own words, from `problemOf`), one send at a time, and the
 * error summary that takes focus each time they are shown.
 */
export function useReviewSubmit(reference: string, heading: string, order: readonly string[], problemOf: (result: Refusal) => Problem) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  useTitle(heading, errors.length > 0 || problem !== null);

  const show = (list: FieldError[], next: Problem | null = null) => {
    setErrors(list);
    setProblem(next);
    setFocusKey((k) => k + 1);
  };

  /** PUT or POST `/api/cases/{reference}/review/{path}`; when it is saved, back to the case's page it belongs to (review or timescale) with `notice`. */
  const send = (path: string, method: 'POST' | 'PUT', body: unknown, notice: Notice) =>
    void run(async () => {
      const result = await sendReviewForm(reference, path, method, body);
      if (result.kind === 'ok') navigate(caseSectionPath(reference, reviewFormReturnSlug(path)), { state: { notice } });
      else if (result.kind === 'invalid') show(inOrder(result.errors, order));
      else if (result.kind !== 'signed-out') show([], problemOf(result));
    });

  const errorFor = (name: string) => errors.find((e) => e.name === name)?.text;

  const summary = (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title={problem.title} focusKey={focusKey}>
          <p className="govuk-body">{problem.text}</p>
        </ProblemSummary>
      ) : null}
    </>
  );

  return { errors, errorFor, show, send, pending, summary };
}

// ---------------------------------------------------------------- showing what was recorded

/** A read-only summary list row. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** Text as typed, one paragraph per line. */
export function Paragraphs({ text }: { text: string }) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return (
    <>
      {lines.map((line, i) => (
        <p className="govuk-body govuk-!-margin-bottom-1" key={i}>
          {line}
        </p>
      ))}
    </>
  );
}
