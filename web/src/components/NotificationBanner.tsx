import { useEffect, useRef, type ReactNode } from 'react';

/** A message carried to the next page in history state: "You have been signed out", "Invitation sent". */
export interface Notice {
  kind: 'important' | 'success';
  heading: string;
  text?: string;
}

/** The notice in `history.state`, if the previous page left one. */
export function noticeFrom(state: unknown): Notice | undefined {
  const notice = (state as { notice?: Partial<Notice> } | null)?.notice;
  if (!notice || typeof notice.heading !== 'string') return undefined;
  return {
    kind: notice.kind === 'success' ? 'success' : 'important',
    heading: notice.heading,
    text: typeof notice.text === 'string' ? notice.text : undefined,
  };
}

/**
 * GOV.UK notification banner. A success banner has role alert and takes
 * focus (it reports the outcome of what the person just did); an important
 * one is a labelled region read in page order.
 */
export function NotificationBanner({ notice, children }: { notice: Notice; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const success = notice.kind === 'success';
  // Once per message (not per render: callers rebuild the notice object each time).
  const { heading, text } = notice;
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success, heading, text]);
  return (
    <div
      className={success ? 'govuk-notification-banner govuk-notification-banner--success' : 'govuk-notification-banner'}
      role={success ? 'alert' : 'region'}
      aria-labelledby="notification-banner-title"
      tabIndex={success ? -1 : undefined}
      ref={ref}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {success ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{notice.heading}</p>
        {notice.text ? <p className="govuk-body">{notice.text}</p> : null}
        {children}
      </div>
    </div>
  );
}
