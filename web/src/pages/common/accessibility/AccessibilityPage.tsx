import { Main } from '../../../components/Layout.js';
import { useTitle } from '../../../components/Page.js';
import { BOARD_NAME, SERVICE_NAME } from '../../../config.js';

export function AccessibilityPage() {
  const heading = `Accessibility statement for ${SERVICE_NAME}`;
  useTitle('Accessibility statement');
  return (
    <Main backTo="/">
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        This statement applies to the {SERVICE_NAME} form, run by the {BOARD_NAME}. We want as many people as possible to
        be able to use it. For example, you should be able to:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>navigate the whole form using just a keyboard</li>
        <li>use the form with a screen reader and speech recognition software</li>
      </ul>

      <h2 className="govuk-heading-m">How accessible this service is</h2>
      <p className="govuk-body">
        The form is built with the GOV.UK Design System’s patterns and is tested against the Web Content Accessibility
        Guidelines (WCAG) version 2.2 AA standard with automated checks and by keyboard. We know of these limitations:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>the form needs JavaScript to work</li>
        <li>the service has not yet had an independent accessibility audit</li>
      </ul>

      <h2 className="govuk-heading-m">Feedback and contact information</h2>
      <p className="govuk-body">
        If you need information about making a referral in a different format, or you find a problem not listed on this
        page, contact the {BOARD_NAME}’s business support team. We’ll reply within 5 working days.
      </p>
      <p className="govuk-body">
        If a child is in immediate danger, do not wait: call the police on 999 or contact children’s social care.
      </p>

      <h2 className="govuk-heading-m">Enforcement procedure</h2>
      <p className="govuk-body">
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and
        Mobile Applications) (No. 2) Accessibility Regulations 2018. If you’re not happy with how we respond to your
        complaint, contact the Equality Advisory and Support Service (EASS).
      </p>

      <h2 className="govuk-heading-m">Compliance status</h2>
      <p className="govuk-body">
        This service is partially compliant with the WCAG version 2.2 AA standard, until an independent audit confirms
        otherwise.
      </p>
    </Main>
  );
}
