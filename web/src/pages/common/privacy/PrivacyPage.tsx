import { Main } from '../../../components/Layout.js';
import { useTitle } from '../../../components/Page.js';
import { BOARD_NAME, SERVICE_NAME } from '../../../config.js';

export function PrivacyPage() {
  const heading = 'Privacy notice';
  useTitle(heading);
  return (
    <Main backTo="/">
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        This notice explains how the {BOARD_NAME} uses the information you give in the {SERVICE_NAME} form.
      </p>

      <h2 className="govuk-heading-m">What we collect</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>your name, role, organisation and work contact details</li>
        <li>
          details of the child, what happened, and the agencies involved, which may include information about health,
          ethnicity and alleged offences
        </li>
      </ul>

      <h2 className="govuk-heading-m">Why we use it</h2>
      <p className="govuk-body">
        The Board must consider whether to hold a serious case review when a child has died or been seriously harmed and
        abuse or neglect is known or suspected (Regulation 5 of the Local Safeguarding Children Boards Regulations 2006).
        We use your referral to decide that, to contact you about it, and to keep a record of the decision.
      </p>
      <p className="govuk-body">
        Our lawful basis is that this is a task carried out in the public interest. Special category information is used
        for the safeguarding of children.
      </p>

      <h2 className="govuk-heading-m">Who sees it</h2>
      <p className="govuk-body">
        Members of the Strategic and Serious Case Review sub-committee, the Board chair and the Board’s business
        support team. If a review is held, information may be shared with the agencies taking part, with other Boards
        involved in the case, and with Ofsted, as the procedure requires.
      </p>

      <h2 className="govuk-heading-m">How long we keep it</h2>
      <p className="govuk-body">We keep referrals for as long as the Board’s records retention schedule requires.</p>

      <h2 className="govuk-heading-m">Information kept in your browser</h2>
      <p className="govuk-body">
        While you fill in the form, your answers are kept in your browser’s session storage for this tab only, so they
        survive a page reload. They are deleted when you send the referral or close the tab. This service does not use
        cookies.
      </p>

      <h2 className="govuk-heading-m">Your rights</h2>
      <p className="govuk-body">
        You can ask to see the information we hold about you, and ask us to correct it. Contact the Board’s business
        support team. If you are unhappy with how we have used your information, you can complain to the Information
        Commissioner’s Office.
      </p>
    </Main>
  );
}
