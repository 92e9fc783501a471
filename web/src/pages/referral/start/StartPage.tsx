import { Main } from '../../../components/Layout.js';
import { useTitle } from '../../../components/Page.js';
import { BOARD_NAME } from '../../../config.js';
import { SECTION_PATHS } from '../../../form/sections.js';
import { Link } from '../../../router.js';

/** What the service is for and when to use it (paras 3.1 to 3.3 and 4.1). */
export function StartPage() {
  const heading = 'Refer a case for a serious case review';
  useTitle(heading);
  return (
    <Main>
      <h1 className="govuk-heading-xl">{heading}</h1>
      <p className="govuk-body-l">
        Use this service to tell the {BOARD_NAME} about a case where a child has died or been seriously harmed and abuse
        or neglect is known or suspected.
      </p>

      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          This is not an emergency service. If a child is in immediate danger, call the police on 999 now. If you are
          worried about a child’s safety, contact children’s social care now, before you make a referral.
        </strong>
      </div>

      <p className="govuk-body">
        Your referral goes to the Chair of the Strategic and Serious Case Review sub-committee. Any professional or agency
        that concludes a case review may be needed must tell the Chair immediately (paragraph 4.1).
      </p>

      <h2 className="govuk-heading-m">When you must refer a case</h2>
      <p className="govuk-body">
        Refer the case if a child has died, including by suicide, and abuse or neglect is known or suspected to be a
        factor in the death (paragraph 3.1). The Board will always hold a serious case review in these circumstances,
        whether or not children’s social care was involved with the family (paragraph 3.2).
      </p>

      <h2 className="govuk-heading-m">When you should consider referring a case</h2>
      <p className="govuk-body">
        Refer the case if abuse or neglect is known or suspected, the case gives rise to concerns about how agencies
        worked together to protect children, and the child (paragraph 3.3):
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>sustained a potentially life-threatening injury or serious and permanent impairment of health or development</li>
        <li>was subjected to particularly serious sexual abuse</li>
        <li>has a parent who has been murdered, and a homicide review is being started</li>
        <li>was killed by a parent with a mental illness</li>
      </ul>
      <p className="govuk-body">
        In other cases a review may still be appropriate if several further criteria apply, for example if a risk of
        significant harm was not recognised or acted on, or the child was abused while looked after. The form asks about
        them.
      </p>

      <h2 className="govuk-heading-m">Other children</h2>
      <p className="govuk-body">
        Consider straight away whether other children are at risk of harm and need safeguarding, such as brothers and
        sisters, or other children in an institution where abuse is alleged (paragraph 3.1). The form asks what has been
        done.
      </p>

      <h2 className="govuk-heading-m">Before you start</h2>
      <p className="govuk-body">You’ll need:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>the child’s name, date of birth or age, and home local authority</li>
        <li>what happened and when</li>
        <li>which agencies know the child or family</li>
      </ul>
      <p className="govuk-body">
        It takes around 15 minutes. Your answers are kept in this browser tab until you send them or close the tab. Do not
        use a shared or public computer.
      </p>

      <Link to={SECTION_PATHS.referrer} className="govuk-button govuk-button--start" draggable={false}>
        Start now
        <svg
          className="govuk-button__start-icon"
          xmlns="http://www.w3.org/2000/svg"
          width="17.5"
          height="19"
          viewBox="0 0 33 40"
          aria-hidden="true"
          focusable="false"
        >
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      </Link>
    </Main>
  );
}
