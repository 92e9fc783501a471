import type { ReactNode } from 'react';

interface FieldsetProps {
  legend: ReactNode;
  /** The legend is the page's h1 (one question on the page). */
  isPageHeading?: boolean;
  /** Legend size when not the page heading. */
  size?: 's' | 'm';
  describedBy?: string;
  role?: string;
  children: ReactNode;
}

/** GOV.UK fieldset: a legend that is either the page heading or a question within the page. */
export function Fieldset({ legend, isPageHeading, size = 's', describedBy, role, children }: FieldsetProps) {
  return (
    <fieldset className="govuk-fieldset" aria-describedby={describedBy} role={role}>
      {isPageHeading ? (
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
          <h1 className="govuk-fieldset__heading">{legend}</h1>
        </legend>
      ) : (
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>{legend}</legend>
      )}
      {children}
    </fieldset>
  );
}
