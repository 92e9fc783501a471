import { useEffect, type FormEvent, type ReactNode } from 'react';
import type { FieldError } from '../../../functions/schemas/errors.js';
import { pageTitle } from '../config.js';
import { ErrorSummary } from './ErrorSummary.js';
import { Main } from './Layout.js';

/** Sets the document title for the page: "Heading – Serious Case Review referrals". */
export function useTitle(heading: string, hasErrors = false): void {
  useEffect(() => {
    document.title = pageTitle(heading, hasErrors);
  }, [heading, hasErrors]);
}

interface QuestionPageProps {
  /** The question, used in the title (the h1 is rendered by the page itself). */
  title: string;
  backTo: string;
  errors: readonly FieldError[];
  focusKey: number;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  submitLabel?: string;
}

/**
 * A GOV.UK question page: Back link, error summary, the questions and a
 * Continue button. The browser's own validation is off (`noValidate`) so
 * every message comes from the shared schemas.
 */
export function QuestionPage({ title, backTo, errors, focusKey, onSubmit, children, submitLabel = 'Continue' }: QuestionPageProps) {
  useTitle(title, errors.length > 0);
  return (
    <Main backTo={backTo}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <form noValidate onSubmit={onSubmit}>
        {children}
        <button type="submit" className="govuk-button">
          {submitLabel}
        </button>
      </form>
    </Main>
  );
}
