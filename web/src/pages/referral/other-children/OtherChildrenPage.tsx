import { LIMITS } from '../../../../../functions/schemas/referral.js';
import { yesNoNotKnown } from '../../../../../functions/schemas/options.js';
import { CharacterCount } from '../../../components/CharacterCount.js';
import { QuestionPage } from '../../../components/Page.js';
import { Radios, withConditionals } from '../../../components/Radios.js';
import { useQuestionPage } from '../../../form/useQuestionPage.js';

/** Para 3.1: whether other children (siblings, others in an institution) need safeguarding. */
export function OtherChildrenPage() {
  const { answers, errors, focusKey, onSubmit, errorFor, update, backTo } = useQuestionPage('otherChildren');
  const title = 'Could other children be at risk of harm?';
  const actionTaken = (
    <CharacterCount
      name="otherChildren.actionTaken"
      label="What has been done to safeguard them?"
      hint="Include referrals made to children’s social care or the police, and when"
      value={answers.actionTaken}
      onChange={(value) => update({ actionTaken: value })}
      error={errorFor('actionTaken')}
      maxLength={LIMITS.longText}
    />
  );
  return (
    <QuestionPage title={title} backTo={backTo} errors={errors} focusKey={focusKey} onSubmit={onSubmit}>
      <Radios
        name="otherChildren.atRisk"
        legend={title}
        isPageHeading
        hint="For example, brothers and sisters, or other children in a school or children’s home where abuse is alleged (paragraph 3.1)"
        items={withConditionals(yesNoNotKnown, { yes: actionTaken, 'not-known': actionTaken })}
        value={answers.atRisk}
        onChange={(atRisk) => update({ atRisk })}
        error={errorFor('atRisk')}
      />
    </QuestionPage>
  );
}
