import type { ReactNode } from 'react';
import { describedBy, ErrorMessage, formGroupClass, Hint } from './fields.js';
import { Fieldset } from './Fieldset.js';

export interface ChoiceItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the item while it is selected (GOV.UK conditional reveal). */
  conditional?: ReactNode;
}

interface RadiosProps {
  name: string;
  legend: ReactNode;
  isPageHeading?: boolean;
  legendSize?: 's' | 'm';
  hint?: ReactNode;
  items: readonly ChoiceItem[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  inline?: boolean;
  small?: boolean;
}

/** Options from the shared lists, with reveals under some of them by value. */
export function withConditionals(
  options: readonly ChoiceItem[],
  conditionals: Partial<Record<string, ReactNode>>,
): ChoiceItem[] {
  return options.map((option) =>
    conditionals[option.value] ? { ...option, conditional: conditionals[option.value] } : option,
  );
}

/** The id of a choice: the field's id for the first, then `-2`, `-3`... as govuk-frontend does. */
export const itemId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

/**
 * GOV.UK radios. Conditional reveals are done here rather than by
 * govuk-frontend's JavaScript: the revealed content is rendered only for
 * the selected item, and the radio names what it controls (aria-controls).
 *
 * Unlike govuk-frontend, no aria-expanded on radios: the ARIA spec does not
 * allow it on role radio and axe reports it (govuk-frontend issue #979).
 * Checkboxes, where it is allowed, keep it.
 */
export function Radios(props: RadiosProps) {
  const { name, legend, isPageHeading, legendSize, hint, items, value, onChange, error } = props;
  const { id, hintId, errorId, describedBy: aria } = describedBy(name, hint, error);
  const hasConditionals = items.some((i) => i.conditional);
  const classes = [
    'govuk-radios',
    props.inline && !hasConditionals ? 'govuk-radios--inline' : '',
    props.small ? 'govuk-radios--small' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={formGroupClass(error)}>
      <Fieldset legend={legend} isPageHeading={isPageHeading} size={legendSize} describedBy={aria}>
        <Hint id={hintId}>{hint}</Hint>
        <ErrorMessage id={errorId} text={error} />
        <div className={classes}>
          {items.map((item, index) => {
            const inputId = itemId(id, index);
            const checked = value === item.value;
            const conditionalId = `conditional-${inputId}`;
            const itemHintId = item.hint ? `${inputId}-item-hint` : undefined;
            return (
              <div key={item.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={inputId}
                    name={name}
                    type="radio"
                    value={item.value}
                    checked={checked}
                    onChange={() => onChange(item.value)}
                    aria-describedby={itemHintId}
                    aria-controls={item.conditional ? conditionalId : undefined}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                    {item.label}
                  </label>
                  {item.hint ? (
                    <div id={itemHintId} className="govuk-hint govuk-radios__hint">
                      {item.hint}
                    </div>
                  ) : null}
                </div>
                {item.conditional ? (
                  <div
                    className={`govuk-radios__conditional${checked ? '' : ' govuk-radios__conditional--hidden'}`}
                    id={conditionalId}
                  >
                    {checked ? item.conditional : null}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
