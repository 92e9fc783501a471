import { LIMITS } from '../../../../../functions/schemas/referral.js';
import { agenciesKnownOptions, yesNoNotKnown } from '../../../../../functions/schemas/options.js';
import { CharacterCount } from '../../../components/CharacterCount.js';
import { Checkboxes } from '../../../components/Checkboxes.js';
import { QuestionPage } from '../../../components/Page.js';
import { Radios, withConditionals } from '../../../components/Radios.js';
import { useQuestionPage } from '../../../form/useQuestionPage.js';

/** Other areas (para 3.4) and the agencies known to the child or family. */
export function OtherAgenciesPage() {
  const { answers, errors, focusKey, onSubmit, errorFor, update, backTo } = useQuestionPage('involvement');
  return (
    <QuestionPage title="Agencies involved" backTo={backTo} errors={errors} focusKey={focusKey} onSubmit={onSubmit}>
      <h1 className="govuk-heading-l">Agencies involved</h1>
      <Radios
        name="involvement.otherAuthoritiesInvolved"
        legend="Are other local authorities or Local Safeguarding Children Boards involved?"
        legendSize="m"
        hint="For example, if the child lived in or moved from another area. The Board’s Chair will contact them (paragraph 3.4)."
        items={withConditionals(yesNoNotKnown, {
          yes: (
              <CharacterCount
                name="involvement.otherAuthorities"
                label="Which local authorities or Boards?"
                value={answers.otherAuthorities}
                onChange={(otherAuthorities) => update({ otherAuthorities })}
                error={errorFor('otherAuthorities')}
                maxLength={LIMITS.mediumText}
                rows={3}
              />
          ),
        })}
        value={answers.otherAuthoritiesInvolved}
        onChange={(otherAuthoritiesInvolved) => update({ otherAuthoritiesInvolved })}
        error={errorFor('otherAuthoritiesInvolved')}
      />
      <Checkboxes
        name="involvement.agenciesKnown"
        legend="Which agencies are known to the child or family?"
        legendSize="m"
        hint="Select all that apply"
        items={withConditionals(agenciesKnownOptions, {
          other: (
                  <CharacterCount
                    name="involvement.agenciesKnownOther"
                    label="Which other agencies?"
                    value={answers.agenciesKnownOther}
                    onChange={(agenciesKnownOther) => update({ agenciesKnownOther })}
                    error={errorFor('agenciesKnownOther')}
                    maxLength={LIMITS.mediumText}
                    rows={3}
                  />
          ),
        })}
        values={answers.agenciesKnown}
        onChange={(agenciesKnown) => update({ agenciesKnown })}
        error={errorFor('agenciesKnown')}
      />
    </QuestionPage>
  );
}
