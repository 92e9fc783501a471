import { useEffect } from 'react';
import { Main } from '../../../components/Layout.js';
import { useTitle } from '../../../components/Page.js';
import { BOARD_NAME } from '../../../config.js';
import { readConfirmation } from '../../../draft/draft-store.js';
import { Link, navigate } from '../../../router.js';

/** "5 March 2026 at 2:30pm", in Europe/London. */
function formatReceived(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true })
    .format(date)
    .replace(/\s/g, '')
    .toLowerCase();
  return `${day} at ${time}`;
}

/** The referral was received: its reference and what happens next (paras 4.1, 4.2, 8.2). */
export function ConfirmationPage() {
  const confirmation = readConfirmation();
  useTitle('Referral sent');

  useEffect(() => {
    if (!confirmation) navigate('/', { replace: true });
  }, [confirmation]);
  if (!confirmation) return null;

  const received = formatReceived(confirmation.receivedAt);
  return (
    <Main>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Referral sent</h1>
        <div className="govuk-panel__body">
          Your reference number
          <br />
          <strong>{confirmation.reference}</strong>
        </div>
      </div>
      {received ? <p className="govuk-body">We received your referral on {received}.</p> : null}
      <p className="govuk-body">We’ve sent you an email to acknowledge it, with the reference number.</p>

      <h2 className="govuk-heading-m">What happens next</h2>
      <ol className="govuk-list govuk-list--number">
        <li>
          The Chair of the Strategic and Serious Case Review sub-committee considers the case against the criteria in
          paragraphs 3.1 to 3.3 and recommends whether it should be the subject of a serious case review (paragraph 4.1).
        </li>
        <li>
          The recommendation goes to the Chair of the {BOARD_NAME}, who decides whether a review will take place
          (paragraph 4.2).
        </li>
        <li>
          The Chair decides within one month of the case coming to their attention (paragraph 8.2). We’ll tell you what
          they decide.
        </li>
      </ol>
      <p className="govuk-body">
        You may be contacted for more information. Quote your reference number if you need to get in touch about this
        referral.
      </p>
      <p className="govuk-body">
        If a review is held, your agency will be asked to secure its case records quickly and to draw up a chronology of
        its involvement with the child and family (paragraph 8.3).
      </p>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          If a child is in immediate danger, call the police on 999.
        </strong>
      </div>
      <p className="govuk-body">
        You can{' '}
        <Link className="govuk-link" to="/your-referrals">
          check the progress of your referrals
        </Link>{' '}
        in Your referrals, using the email address you confirmed.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Make another referral
        </Link>
      </p>
    </Main>
  );
}
