import { Main } from '../../../components/Layout.js';
import { useTitle } from '../../../components/Page.js';
import { Link } from '../../../router.js';

export function NotFoundPage() {
  const heading = 'Page not found';
  useTitle(heading);
  return (
    <Main>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the start of the referral form
        </Link>
        . Any answers you have already given in this browser tab are kept.
      </p>
    </Main>
  );
}
