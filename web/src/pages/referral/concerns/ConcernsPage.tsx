import { LIMITS } from '../../../../../functions/schemas/referral.js';
import { abuseOrNeglectOptions, yesNo } from '../../../../../functions/schemas/options.js';
import { CharacterCount } from '../../../components/CharacterCount.js';
import { QuestionPage } from '../../../components/Page.js';
import { Radios, withConditionals } from '../../../components/Radios.js';
import { useQuestionPage } from '../../../form/useQuestionPage.js';

/** Abuse or neglect (para 3.1) and concerns about inter-agency working (para 3.3). */
export function ConcernsPage() {
  const { answers, errors, focusKey, onSubmit, errorFor, update, backTo } = useQuestionPage('concerns');
  return (
    <QuestionPage title="Concerns" backTo={backTo} errors={errors} focusKey={focusKey} onSubmit={onSubmit}>
      <h1 className="govuk-heading-l">Concerns</h1>
      <Radios
        name="concerns.abuseOrNeglect"
        legend="Is abuse or neglect known or suspected to be a factor?"
        legendSize="m"
        hint="Paragraph 3.1"
        items={abuseOrNeglectOptions}
        value={answers.abuseOrNeglect}
        onChange={(abuseOrNeglect) => update({ abuseOrNeglect })}
        error={errorFor('abuseOrNeglect')}
      />
      <Radios
        name="concerns.interAgencyConcerns"
        legend="Does the case give rise to concerns about how agencies worked together to protect the child?"
        legendSize="m"
        hint="Paragraph 3.3"
        items={withConditionals(yesNo, {
          yes: (
              <CharacterCount
                name="concerns.interAgencyConcernsDetail"
                label="Describe the concerns"
                value={answers.interAgencyConcernsDetail}
                onChange={(interAgencyConcernsDetail) => update({ interAgencyConcernsDetail })}
                error={errorFor('interAgencyConcernsDetail')}
                maxLength={LIMITS.longText}
              />
          ),
        })}
        value={answers.interAgencyConcerns}
        onChange={(interAgencyConcerns) => update({ interAgencyConcerns })}
        error={errorFor('interAgencyConcerns')}
      />
    </QuestionPage>
  );
}
