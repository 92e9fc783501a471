import { childProtectionStatuses, genders, yesNo, yesNoNotKnown } from '../../../../../functions/schemas/options.js';
import { DateInput } from '../../../components/DateInput.js';
import { QuestionPage } from '../../../components/Page.js';
import { Radios, withConditionals } from '../../../components/Radios.js';
import { TextInput } from '../../../components/TextInput.js';
import { useQuestionPage } from '../../../form/useQuestionPage.js';

/** The child the referral is about. */
export function AboutTheChildPage() {
  const { answers, errors, focusKey, onSubmit, errorFor, update, backTo } = useQuestionPage('child');
  // These are someone else's details: the browser must not offer the referrer's own.
  const noAutofill = 'off';
  return (
    <QuestionPage title="About the child" backTo={backTo} errors={errors} focusKey={focusKey} onSubmit={onSubmit}>
      <h1 className="govuk-heading-l">About the child</h1>
      <TextInput
        name="child.firstNames"
        label="First names"
        value={answers.firstNames}
        onChange={(firstNames) => update({ firstNames })}
        error={errorFor('firstNames')}
        autoComplete={noAutofill}
        spellCheck={false}
      />
      <TextInput
        name="child.lastName"
        label="Last name"
        value={answers.lastName}
        onChange={(lastName) => update({ lastName })}
        error={errorFor('lastName')}
        autoComplete={noAutofill}
        spellCheck={false}
      />
      <TextInput
        name="child.otherNames"
        label="Other names the child is known by (optional)"
        hint="For example, a previous surname or a name used at school"
        value={answers.otherNames}
        onChange={(otherNames) => update({ otherNames })}
        error={errorFor('otherNames')}
        autoComplete={noAutofill}
        spellCheck={false}
      />
      <Radios
        name="child.dateOfBirthKnown"
        legend="Do you know the child’s date of birth?"
        legendSize="s"
        items={withConditionals(yesNo, {
          yes: (
              <DateInput
                name="child.dateOfBirth"
                legend="Date of birth"
                hint="For example, 27 3 2012"
                value={answers.dateOfBirth}
                onChange={(dateOfBirth) => update({ dateOfBirth })}
                error={errorFor('dateOfBirth')}
              />
          ),
          no: (
              <TextInput
                name="child.approximateAge"
                label="Approximate age"
                hint="In whole years. Enter 0 for a baby under 1"
                value={answers.approximateAge}
                onChange={(approximateAge) => update({ approximateAge })}
                error={errorFor('approximateAge')}
                inputMode="numeric"
                autoComplete={noAutofill}
                spellCheck={false}
                widthClass="govuk-input--width-3"
                suffix="years"
              />
          ),
        })}
        value={answers.dateOfBirthKnown}
        onChange={(dateOfBirthKnown) => update({ dateOfBirthKnown })}
        error={errorFor('dateOfBirthKnown')}
      />
      <Radios
        name="child.gender"
        legend="Gender"
        legendSize="s"
        items={genders}
        value={answers.gender}
        onChange={(gender) => update({ gender })}
        error={errorFor('gender')}
      />
      <TextInput
        name="child.ethnicity"
        label="Ethnicity"
        hint="As recorded by your agency, or ‘Not known’"
        value={answers.ethnicity}
        onChange={(ethnicity) => update({ ethnicity })}
        error={errorFor('ethnicity')}
        autoComplete={noAutofill}
      />
      <TextInput
        name="child.homeLocalAuthority"
        label="Home local authority"
        hint="The council area where the child lives or lived"
        value={answers.homeLocalAuthority}
        onChange={(homeLocalAuthority) => update({ homeLocalAuthority })}
        error={errorFor('homeLocalAuthority')}
        autoComplete={noAutofill}
      />
      <Radios
        name="child.lookedAfter"
        legend="Is or was the child looked after by a local authority?"
        legendSize="s"
        hint="In care, or accommodated by a local authority"
        items={yesNoNotKnown}
        value={answers.lookedAfter}
        onChange={(lookedAfter) => update({ lookedAfter })}
        error={errorFor('lookedAfter')}
      />
      <Radios
        name="child.childProtectionStatus"
        legend="Has the child been subject to a child protection plan or on the child protection register?"
        legendSize="s"
        items={childProtectionStatuses}
        value={answers.childProtectionStatus}
        onChange={(childProtectionStatus) => update({ childProtectionStatus })}
        error={errorFor('childProtectionStatus')}
      />
    </QuestionPage>
  );
}
