import { furtherCriteria } from '../../../../../functions/schemas/options.js';
import { Checkboxes } from '../../../components/Checkboxes.js';
import { QuestionPage } from '../../../components/Page.js';
import { useQuestionPage } from '../../../form/useQuestionPage.js';

/** The second list of para 3.3: several of these may make a review appropriate. */
export function FurtherCriteriaPage() {
  const { answers, errors, focusKey, onSubmit, errorFor, update, backTo } = useQuestionPage('furtherCriteria');
  const title = 'Do any of these apply to the case?';
  return (
    <QuestionPage title={title} backTo={backTo} errors={errors} focusKey={focusKey} onSubmit={onSubmit}>
      <Checkboxes
        name="furtherCriteria.met"
        legend={title}
        isPageHeading
        hint="Paragraph 3.3. A review may be appropriate when several of these apply. Select all that apply."
        items={furtherCriteria}
        values={answers.met}
        onChange={(met) => update({ met })}
        error={errorFor('met')}
        none={{ label: 'None of these', checked: answers.none, onChange: (none) => update({ none }) }}
      />
    </QuestionPage>
  );
}
