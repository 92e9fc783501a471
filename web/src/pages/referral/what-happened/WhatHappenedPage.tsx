import { LIMITS } from '../../../../../functions/schemas/referral.js';
import { incidentTypes } from '../../../../../functions/schemas/options.js';
import { CharacterCount } from '../../../components/CharacterCount.js';
import { Checkboxes } from '../../../components/Checkboxes.js';
import { DateInput } from '../../../components/DateInput.js';
import { QuestionPage } from '../../../components/Page.js';
import { Radios } from '../../../components/Radios.js';
import { useQuestionPage } from '../../../form/useQuestionPage.js';

/** What happened to the child: the circumstances of paras 3.1 to 3.3. */
export function WhatHappenedPage() {
  const { answers, errors, focusKey, onSubmit, errorFor, update, backTo } = useQuestionPage('incident');
  return (
    <QuestionPage title="What happened" backTo={backTo} errors={errors} focusKey={focusKey} onSubmit={onSubmit}>
      <h1 className="govuk-heading-l">What happened</h1>
      <Radios
        name="incident.type"
        legend="What happened to the child?"
        legendSize="m"
        hint="Select the one that best describes the case. The paragraph numbers refer to the Board’s serious case review procedure."
        items={incidentTypes}
        value={answers.type}
        onChange={(type) => update({ type })}
        error={errorFor('type')}
      />
      <DateInput
        name="incident.date"
        legend="When did it happen?"
        legendSize="m"
        hint="If you do not know the exact date, give your best estimate. For example, 14 2 2025"
        value={answers.date}
        onChange={(date) => update({ date })}
        error={errorFor('date')}
      />
      {errorFor('ageConfirmed') || answers.ageConfirmed ? (
        // Asked again, not refused: someone 18 or older is not a child, so the referrer checks the dates before going on.
        <Checkboxes
          name="incident.ageConfirmed"
          legend="Are these dates right?"
          legendSize="m"
          hint="From the date of birth you gave, they would have been 18 or older when it happened."
          items={[{ value: 'yes', label: 'Yes, the date of birth and the date it happened are right' }]}
          values={answers.ageConfirmed ? ['yes'] : []}
          onChange={(values) => update({ ageConfirmed: values.includes('yes') })}
          error={errorFor('ageConfirmed')}
        />
      ) : null}
      <CharacterCount
        name="incident.summary"
        label="Give a short account of what happened"
        hint="Include what is known so far and how your agency became aware. Do not include information that is not needed to decide whether to hold a review."
        value={answers.summary}
        onChange={(summary) => update({ summary })}
        error={errorFor('summary')}
        maxLength={LIMITS.longText}
        rows={8}
      />
    </QuestionPage>
  );
}
