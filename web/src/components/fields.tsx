import type { ReactNode } from 'react';
import { fieldId } from '../../../functions/schemas/errors.js';

/** ids for a field's hint and error message, and the aria-describedby that joins them. */
export function describedBy(name: string, hint: unknown, error: string | undefined, extra: string[] = []) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ids = [hintId, errorId, ...extra].filter(Boolean).join(' ');
  return { id, hintId, errorId, describedBy: ids || undefined };
}

export function ErrorMessage({ id, text }: { id: string | undefined; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {text}
    </p>
  );
}

export function Hint({ id, children }: { id: string | undefined; children: ReactNode }) {
  if (!children) return null;
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  );
}

export function formGroupClass(error: string | undefined, extra = ''): string {
  return ['govuk-form-group', error ? 'govuk-form-group--error' : '', extra].filter(Boolean).join(' ');
}
