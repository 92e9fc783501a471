import { useRef, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';

/**
 * A GOV.UK button that shows it is busy without losing focus:
 * aria-disabled (not disabled) while its action runs, and a status message
 * for screen readers.
 */
export function SubmitButton({
  pending,
  pendingText,
  children,
  className = 'govuk-button',
  ...rest
}: { pending: boolean; pendingText: string; children: ReactNode } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <>
      <button
        type="submit"
        className={pending ? `${className} govuk-button--disabled app-button--pending` : className}
        aria-disabled={pending || undefined}
        {...rest}
      >
        {children}
      </button>
      <div className="govuk-visually-hidden" role="status">
        {pending ? pendingText : ''}
      </div>
    </>
  );
}

/** A button that looks like a link: for actions that change something (sign out, send a new code). */
export function LinkButton({ children, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { children: ReactNode }) {
  return (
    <button type="button" className={['app-link-button', 'govuk-link', className].filter(Boolean).join(' ')} {...rest}>
      {children}
    </button>
  );
}

/**
 * Runs one async action at a time: a second click while the first is
 * still running does nothing (a ref, so even the same frame sees it).
 */
export function usePending(): [boolean, <T>(action: () => Promise<T>) => Promise<T | undefined>] {
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setPending(true);
    try {
      return await action();
    } finally {
      running.current = false;
      setPending(false);
    }
  };
  return [pending, run];
}
