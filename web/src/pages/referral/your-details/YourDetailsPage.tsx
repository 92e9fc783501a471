import { agencyTypes } from '../../../../../functions/schemas/options.js';
import { QuestionPage } from '../../../components/Page.js';
import { Radios } from '../../../components/Radios.js';
import { TextInput } from '../../../components/TextInput.js';
import { useQuestionPage } from '../../../form/useQuestionPage.js';

/** Who is making the referral (para 4.1: any professional or agency). */
export function YourDetailsPage() {
  const { answers, errors, focusKey, onSubmit, errorFor, update, backTo } = useQuestionPage('referrer');
  return (
    <QuestionPage title="Your details" backTo={backTo} errors={errors} focusKey={focusKey} onSubmit={onSubmit}>
      <h1 className="govuk-heading-l">Your details</h1>
      <p className="govuk-body">We’ll use these to contact you about the referral.</p>
      <TextInput
        name="referrer.fullName"
        label="Full name"
        value={answers.fullName}
        onChange={(fullName) => update({ fullName })}
        error={errorFor('fullName')}
        autoComplete="name"
        spellCheck={false}
      />
      <TextInput
        name="referrer.role"
        label="Job title or role"
        value={answers.role}
        onChange={(role) => update({ role })}
        error={errorFor('role')}
        autoComplete="organization-title"
      />
      <TextInput
        name="referrer.organisation"
        label="Organisation"
        hint="For example, the name of your school, NHS trust or police force"
        value={answers.organisation}
        onChange={(organisation) => update({ organisation })}
        error={errorFor('organisation')}
        autoComplete="organization"
      />
      <Radios
        name="referrer.agencyType"
        legend="Type of agency you work for"
        legendSize="s"
        items={agencyTypes}
        value={answers.agencyType}
        onChange={(agencyType) => update({ agencyType })}
        error={errorFor('agencyType')}
      />
      <TextInput
        name="referrer.email"
        label="Work email address"
        hint="We’ll send an acknowledgement with the referral’s reference number to this address"
        type="email"
        value={answers.email}
        onChange={(email) => update({ email })}
        error={errorFor('email')}
        autoComplete="work email"
        spellCheck={false}
      />
      <TextInput
        name="referrer.phone"
        label="Phone number"
        hint="A number the sub-committee Chair can reach you on during working hours"
        type="tel"
        value={answers.phone}
        onChange={(phone) => update({ phone })}
        error={errorFor('phone')}
        autoComplete="work tel"
        widthClass="govuk-input--width-20"
      />
    </QuestionPage>
  );
}
