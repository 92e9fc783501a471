import { useState, type ReactNode } from 'react';
import type { FieldError } from '../../../../functions/schemas/errors.js';
import type { LoadState } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { StaffNotFound } from '../../staff/StaffOnly.js';
import { reportSectionPath } from './report-pages.js';

/** A report page's frame: back to the case's Report page, the case as caption, the page's h1. */
export function ReportFrame({ reference, heading, errors = false, children, wide }: { reference: string; heading: string; errors?: boolean; children: ReactNode; wide?: boolean }) {
  useTitle(`${heading} – Case ${reference}`, errors);
  return (
    <Main backTo={reportSectionPath(reference)} wide={wide}>
      {children}
    </Main>
  );
}

export function ReportHeading({ reference, heading }: { reference: string; heading: string }) {
  return (
    <>
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
    </>
  );
}

/** While loading, or when the page cannot be shown: 404 as the case does, a 403 or 409 in words. */
export function NotLoaded({ reference, heading, state, what }: { reference: string; heading: string; state: Exclude<LoadState<unknown>, { kind: 'ok' }>; what: string }) {
  if (state.kind === 'not-found') return <StaffNotFound />;
  // While loading, no h1: the focus that follows a page change waits for the page's real one, rather than landing on one about to be replaced.
  if (state.kind === 'loading') {
    return (
      <ReportFrame reference={reference} heading={heading}>
        <p className="govuk-body" role="status">
          Loading {what}…
        </p>
      </ReportFrame>
    );
  }
  return (
    <ReportFrame reference={reference} heading={heading}>
      <ReportHeading reference={reference} heading={heading} />
      {state.kind === 'forbidden' || state.kind === 'conflict' ? (
        <p className="govuk-body">{state.message ?? 'You cannot see this part of the case.'}</p>
      ) : (
        <LoadProblem state={state} what={what} />
      )}
    </ReportFrame>
  );
}

/** The page's field errors and a problem not about one field, shown at the top and focused each time. */
export function useProblems() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const show = (list: FieldError[], p: string | null = null) => {
    setErrors(list);
    setProblem(p);
    if (list.length || p) setFocusKey((k) => k + 1);
  };
  const summary = (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
    </>
  );
  return { show, summary, any: errors.length > 0 || problem !== null, errorFor: (n: string) => errors.find((e) => e.name === n)?.text };
}
export type Problems = ReturnType<typeof useProblems>;
