import type { ReactNode } from 'react';
import { describedBy, ErrorMessage, formGroupClass, Hint } from './fields.js';

interface TextareaProps {
  /** Dotted field name, e.g. `allowedReferrerDomains`; the id is its fieldId. */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  rows?: number;
  autoComplete?: string;
  spellCheck?: boolean;
}

/** GOV.UK textarea with label, hint and inline error. */
export function Textarea({ name, label, hint, value, onChange, error, rows = 5, autoComplete, spellCheck }: TextareaProps) {
  const { id, hintId, errorId, describedBy: aria } = describedBy(name, hint, error);
  return (
    <div className={formGroupClass(error)}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <Hint id={hintId}>{hint}</Hint>
      <ErrorMessage id={errorId} text={error} />
      <textarea
        className={['govuk-textarea', error ? 'govuk-textarea--error' : ''].filter(Boolean).join(' ')}
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={aria}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
      />
    </div>
  );
}
