import type { ReactNode } from 'react';
import { describedBy, ErrorMessage, formGroupClass, Hint } from './fields.js';
import { Fieldset } from './Fieldset.js';
import { itemId, type ChoiceItem } from './Radios.js';

interface CheckboxesProps {
  name: string;
  legend: ReactNode;
  isPageHeading?: boolean;
  legendSize?: 's' | 'm';
  hint?: ReactNode;
  items: readonly ChoiceItem[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  error?: string;
  /**
   * A "None of these" box after an "or" divider. Ticking it clears the
   * others; ticking another clears it (GOV.UK exclusive behaviour).
   */
  none?: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void };
  small?: boolean;
}

/** GOV.UK checkboxes with optional conditional reveals and an exclusive "none" option. */
export function Checkboxes(props: CheckboxesProps) {
  const { name, legend, isPageHeading, legendSize, hint, items, values, onChange, error, none } = props;
  const { id, hintId, errorId, describedBy: aria } = describedBy(name, hint, error);

  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...values, value] : values.filter((v) => v !== value);
    // Keep the order of the list, whatever order boxes were ticked in.
    onChange(items.map((i) => i.value).filter((v) => next.includes(v)));
    if (checked && none?.checked) none.onChange(false);
  };

  const noneId = itemId(id, items.length);
  return (
    <div className={formGroupClass(error)}>
      <Fieldset legend={legend} isPageHeading={isPageHeading} size={legendSize} describedBy={aria}>
        <Hint id={hintId}>{hint}</Hint>
        <ErrorMessage id={errorId} text={error} />
        <div className={props.small ? 'govuk-checkboxes govuk-checkboxes--small' : 'govuk-checkboxes'}>
          {items.map((item, index) => {
            const inputId = itemId(id, index);
            const checked = values.includes(item.value);
            const conditionalId = `conditional-${inputId}`;
            const itemHintId = item.hint ? `${inputId}-item-hint` : undefined;
            return (
              <div key={item.value}>
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={inputId}
                    name={name}
                    type="checkbox"
                    value={item.value}
                    checked={checked}
                    onChange={(e) => toggle(item.value, e.target.checked)}
                    aria-describedby={itemHintId}
                    aria-controls={item.conditional ? conditionalId : undefined}
                    aria-expanded={item.conditional ? checked : undefined}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                    {item.label}
                  </label>
                  {item.hint ? (
                    <div id={itemHintId} className="govuk-hint govuk-checkboxes__hint">
                      {item.hint}
                    </div>
                  ) : null}
                </div>
                {item.conditional ? (
                  <div
                    className={`govuk-checkboxes__conditional${checked ? '' : ' govuk-checkboxes__conditional--hidden'}`}
                    id={conditionalId}
                  >
                    {checked ? item.conditional : null}
                  </div>
                ) : null}
              </div>
            );
          })}
          {none ? (
            <>
              <div className="govuk-checkboxes__divider">or</div>
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id={noneId}
                  name={name}
                  type="checkbox"
                  value="none"
                  checked={none.checked}
                  onChange={(e) => {
                    none.onChange(e.target.checked);
                    if (e.target.checked) onChange([]);
                  }}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={noneId}>
                  {none.label}
                </label>
              </div>
            </>
          ) : null}
        </div>
      </Fieldset>
    </div>
  );
}
