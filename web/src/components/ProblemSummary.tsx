import { useEffect, useRef, type ReactNode } from 'react';

/**
 * An error summary for a problem that is not about one field ("Sorry, there
 * is a problem with the service"). Takes focus when `focusKey` changes.
 */
export function ProblemSummary({ title, children, focusKey }: { title: string; children: ReactNode; focusKey?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey !== undefined && focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  return (
    <div className="govuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">{children}</div>
      </div>
    </div>
  );
}
