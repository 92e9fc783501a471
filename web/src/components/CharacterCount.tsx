import { useEffect, useState, type ReactNode } from 'react';
import { describedBy, ErrorMessage, formGroupClass, Hint } from './fields.js';

interface CharacterCountProps {
  name: string;
  label: ReactNode;
  isPageHeading?: boolean;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  maxLength: number;
  rows?: number;
}

function countMessage(remaining: number): string {
  if (remaining === 0) return 'You have 0 characters remaining';
  const n = Math.abs(remaining);
  const noun = n === 1 ? 'character' : 'characters';
  return remaining > 0 ? `You have ${n} ${noun} remaining` : `You have ${n} ${noun} too many`;
}

/**
 * GOV.UK character count, in React: a visible count (hidden from screen
 * readers) and a polite live region that speaks the count once typing
 * pauses. The limit is the schema's; going over it is the schema's error.
 */
export function CharacterCount(props: CharacterCountProps) {
  const { name, label, isPageHeading, hint, value, onChange, error, maxLength, rows = 5 } = props;
  const { id, hintId, errorId } = describedBy(name, hint, error);
  const infoId = `${id}-info`;
  const aria = [hintId, errorId, infoId].filter(Boolean).join(' ');
  const remaining = maxLength - value.length;
  const over = remaining < 0;
  const message = countMessage(remaining);

  // Speak the count only after a pause, so each keystroke is not announced.
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSpoken(message), 1000);
    return () => window.clearTimeout(timer);
  }, [message]);

  const labelEl = (
    <label className={isPageHeading ? 'govuk-label govuk-label--l' : 'govuk-label govuk-label--s'} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={formGroupClass(error, 'govuk-character-count')}>
      {isPageHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl}
      <Hint id={hintId}>{hint}</Hint>
      <ErrorMessage id={errorId} text={error} />
      <textarea
        className={['govuk-textarea', 'govuk-js-character-count', error || over ? 'govuk-textarea--error' : '']
          .filter(Boolean)
          .join(' ')}
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={aria}
        spellCheck
      />
      <div id={infoId} className="govuk-hint govuk-character-count__message govuk-visually-hidden">
        You can enter up to {maxLength} characters
      </div>
      <div
        className={`govuk-character-count__message govuk-character-count__status ${over ? 'govuk-error-message' : 'govuk-hint'}`}
        aria-hidden="true"
      >
        {message}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {spoken}
      </div>
    </div>
  );
}
