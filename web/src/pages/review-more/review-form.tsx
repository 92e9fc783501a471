import { useState, type ReactNode } from 'react';
import type * as z from 'zod';
import { datePartsToIso, type DateParts } from '../../../../functions/schemas/dates.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import type { RouteProps } from '../../App.js';
import { usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import type { Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { formatDate } from '../../format.js';
import { Link, navigate } from '../../router.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';
import { casePath, sendReviewForm, useReviewCase, type ReviewCase, type ReviewPart } from './review-case.js';

/**
 * What every review page shares: the case loaded first (a case you are not
 * on is "Page not found", as the case page does), a plain explanation when
 * there is no review yet or the form is not yours to fill in, then the form
 * with the error summary, inline errors and, once saved, the case page
 * with a success banner.
 */

export type DecidedCase = ReviewCase & { review: ReviewPart };

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export function ReviewPage({
  params,
  heading,
  render,
}: RouteProps & {
  heading: string;
  render: (detail: DecidedCase) => ReactNode;
}) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <ReviewLoader reference={reference} heading={heading} render={render} />}</StaffOnly>;
}

function ReviewLoader({ reference, heading, render }: { reference: string; heading: string; render: (detail: DecidedCase) => ReactNode }) {
  const { state } = useReviewCase(reference);
  if (state.kind === 'not-found') return <StaffNotFound />;
  if (state.kind === 'ok' && state.data.review?.permissions.manage) {
    return <>{render({ ...state.data, review: state.data.review })}</>;
  }
  if (state.kind === 'loading') {
    // No heading yet: the app puts focus on the form's h1 when it appears.
    return (
      <Main backTo={casePath(reference)}>
        <TitleOnly heading={heading} />
        <p className="govuk-body" role="status">
          Loading the case…
        </p>
      </Main>
    );
  }
  return (
    <Main backTo={casePath(reference)}>
      <TitleOnly heading={heading} />
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {state.kind !== 'ok' ? (
        <LoadProblem state={state} what="this case" />
      ) : !state.data.review ? (
        <>
          <p className="govuk-body">
            There is no serious case review on this case. This page is used once the Chair of the Board has decided to
            conduct one. The case is: <strong>{state.data.statusLabel}</strong>.
          </p>
          <BackToCase reference={reference} />
        </>
      ) : (
        <>
          <p className="govuk-body">Only the Board’s business manager can record this. Nothing has been changed.</p>
          <BackToCase reference={reference} />
        </>
      )}
    </Main>
  );
}

export function TitleOnly({ heading }: { heading: string }) {
  useTitle(heading);
  return null;
}

export function BackToCase({ reference }: { reference: string }) {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={casePath(reference)}>
        Return to case {reference}
      </Link>
    </p>
  );
}

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
export function inOrder(errors: readonly FieldError[], order: readonly string[]): FieldError[] {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  return [...errors].sort((a, b) => rank(a.name) - rank(b.name));
}

interface Problem {
  title: string;
  text: string;
}

/**
 * A review form's state: its errors, a problem that is not about one field,
 * one send at a time, and what the API's answer means for the page.
 */
export function useReviewForm(reference: string, heading: string, order: readonly string[]) {
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

  /** PUT or POST `/api/cases/{reference}/review/{path}`; when it is saved, back to the case with `notice`. */
  const send = (path: string, method: 'POST' | 'PUT', body: unknown, notice: Notice) =>
    void run(async () => {
      const result = await sendReviewForm(reference, path, method, body);
      switch (result.kind) {
        case 'ok':
          navigate(casePath(reference), { state: { notice } });
          return;
        case 'invalid':
          return show(inOrder(result.errors, order));
        case 'conflict':
          return show([], { title: 'There is a problem', text: result.message ?? 'This has already been recorded. Nothing was changed.' });
        case 'forbidden':
          return show([], {
            title: 'There is a problem',
            text: result.message ?? 'Only the Board’s business manager can record this. Nothing was changed.',
          });
        case 'not-found':
          return show([], { title: 'There is a problem', text: 'This case could not be found. Nothing was saved.' });
        case 'signed-out':
          return;
        default:
          return show([], {
            title: 'Sorry, there is a problem with the service',
            text: result.message ?? 'Nothing was saved. Try again later. Your answers are still on this page.',
          });
      }
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

/** "26 March 2027" for the review's completion date now in force. */
export const completionDate = (review: ReviewPart) => formatDate(review.completion.dueDate);
