import { useEffect, useRef, type MouseEvent } from 'react';
import type { FieldError } from '../../../functions/schemas/errors.js';
import { navigate } from '../router.js';

interface ErrorSummaryProps {
  errors: readonly FieldError[];
  title?: string;
  /** Changes on every failed submit: the summary takes focus each time. */
  focusKey?: number;
  /**
   * Where an error's link goes when the field is on another page (check
   * your answers). Return undefined for text without a link.
   */
  linkFor?: (error: FieldError) => { href: string; state?: unknown } | undefined;
}

/**
 * Moves focus to the field an error names and brings its label or legend
 * into view, as govuk-frontend's error summary does.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, href: string): void {
  const id = href.startsWith('#') ? decodeURIComponent(href.slice(1)) : '';
  const field = id ? document.getElementById(id) : null;
  if (!field) return;
  event.preventDefault();
  const legend = field.closest('fieldset')?.querySelector('legend');
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  const heading = legend ?? label ?? field;
  heading.scrollIntoView();
  field.focus({ preventScroll: true });
}

/** The GOV.UK error summary: "There is a problem" and a link to each field. */
export function ErrorSummary({ errors, title = 'There is a problem', focusKey, linkFor }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusKey !== undefined && focusKey > 0) ref.current?.focus();
  }, [focusKey]);

  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => {
              const target = linkFor ? linkFor(error) : { href: error.href };
              return (
                <li key={error.name}>
                  {target ? (
                    <a
                      href={target.href}
                      onClick={(event) => {
                        if (target.href.startsWith('#')) {
                          focusField(event, target.href);
                        } else {
                          event.preventDefault();
                          navigate(target.href, { state: target.state });
                        }
                      }}
                    >
                      {error.text}
                    </a>
                  ) : (
                    error.text
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}
