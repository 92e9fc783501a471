import type { HTMLInputTypeAttribute, ReactNode } from 'react';
import { describedBy, ErrorMessage, formGroupClass, Hint } from './fields.js';

interface TextInputProps {
  /** Dotted field name, e.g. `referrer.fullName`; the id is `referrer-fullName`. */
  name: string;
  label: ReactNode;
  /** The label is the page's h1 (one question on the page). */
  isPageHeading?: boolean;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  spellCheck?: boolean;
  /** e.g. `govuk-input--width-20` or `govuk-input--width-2`. */
  widthClass?: string;
  suffix?: string;
}

/** GOV.UK text input with label, hint and inline error. */
export function TextInput(props: TextInputProps) {
  const { name, label, isPageHeading, hint, value, onChange, error, type = 'text', autoComplete } = props;
  const { id, hintId, errorId, describedBy: aria } = describedBy(name, hint, error);
  const labelEl = (
    <label className={isPageHeading ? 'govuk-label govuk-label--l' : 'govuk-label govuk-label--s'} htmlFor={id}>
      {label}
    </label>
  );
  const input = (
    <input
      className={['govuk-input', props.widthClass, error ? 'govuk-input--error' : ''].filter(Boolean).join(' ')}
      id={id}
      name={name}
      type={type}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={aria}
      autoComplete={autoComplete}
      inputMode={props.inputMode}
      spellCheck={props.spellCheck}
    />
  );
  return (
    <div className={formGroupClass(error)}>
      {isPageHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl}
      <Hint id={hintId}>{hint}</Hint>
      <ErrorMessage id={errorId} text={error} />
      {props.suffix ? (
        <div className="govuk-input__wrapper">
          {input}
          <div className="govuk-input__suffix" aria-hidden="true">
            {props.suffix}
          </div>
        </div>
      ) : (
        input
      )}
    </div>
  );
}
