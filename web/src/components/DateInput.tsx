import type { ReactNode } from 'react';
import type { DateParts } from '../../../functions/schemas/dates.js';
import { describedBy, ErrorMessage, formGroupClass, Hint } from './fields.js';
import { Fieldset } from './Fieldset.js';

interface DateInputProps {
  /** e.g. `child.dateOfBirth`: the day box gets the field's id (`child-dateOfBirth`). */
  name: string;
  legend: ReactNode;
  isPageHeading?: boolean;
  legendSize?: 's' | 'm';
  hint?: ReactNode;
  value: DateParts;
  onChange: (value: DateParts) => void;
  error?: string;
}

const PARTS = [
  { key: 'day', label: 'Day', width: 'govuk-input--width-2' },
  { key: 'month', label: 'Month', width: 'govuk-input--width-2' },
  { key: 'year', label: 'Year', width: 'govuk-input--width-4' },
] as const;

/**
 * Which boxes to outline in red: the empty ones when only some are missing
 * ("must include a month"), otherwise all three.
 */
function partsInError(value: DateParts, error: string | undefined): Set<keyof DateParts> {
  if (!error) return new Set();
  const empty = PARTS.map((p) => p.key).filter((k) => value[k].trim() === '');
  return new Set(empty.length > 0 && empty.length < 3 ? empty : PARTS.map((p) => p.key));
}

/** GOV.UK date input: day, month and year as separate numeric text boxes. */
export function DateInput({ name, legend, isPageHeading, legendSize, hint, value, onChange, error }: DateInputProps) {
  const { id, hintId, errorId, describedBy: aria } = describedBy(name, hint, error);
  const wrong = partsInError(value, error);
  return (
    <div className={formGroupClass(error)}>
      <Fieldset legend={legend} isPageHeading={isPageHeading} size={legendSize} describedBy={aria} role="group">
        <Hint id={hintId}>{hint}</Hint>
        <ErrorMessage id={errorId} text={error} />
        <div className="govuk-date-input" id={`${id}-input`}>
          {PARTS.map((part) => {
            const partId = part.key === 'day' ? id : `${id}-${part.key}`;
            return (
              <div className="govuk-date-input__item" key={part.key}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={partId}>
                    {part.label}
                  </label>
                  <input
                    className={['govuk-input', 'govuk-date-input__input', part.width, wrong.has(part.key) ? 'govuk-input--error' : '']
                      .filter(Boolean)
                      .join(' ')}
                    id={partId}
                    name={`${name}-${part.key}`}
                    type="text"
                    inputMode="numeric"
                    value={value[part.key]}
                    onChange={(e) => onChange({ ...value, [part.key]: e.target.value })}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
