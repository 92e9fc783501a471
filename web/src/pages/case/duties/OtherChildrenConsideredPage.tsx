import { useState, type FormEvent, type ReactNode } from 'react';
import type { DateParts } from '../../../../../functions/schemas/dates.js';
import type { FieldError } from '../../../../../functions/schemas/errors.js';
import { otherChildrenConsideredSchema } from '../../../../../functions/schemas/review.js';
import { caseDetailSchema } from '../../../../../functions/schemas/api.js';
import type { RouteProps } from '../../../App.js';
import { apiRequest, useApiGet } from '../../../api/client.js';
import { SubmitButton, usePending } from '../../../components/Buttons.js';
import { CharacterCount } from '../../../components/CharacterCount.js';
import { DateInput } from '../../../components/DateInput.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { LoadProblem } from '../../../components/LoadProblem.js';
import { useTitle } from '../../../components/Page.js';
import { ProblemSummary } from '../../../components/ProblemSummary.js';
import { TextInput } from '../../../components/TextInput.js';
import { formatDate } from '../../../format.js';
import { Link, navigate } from '../../../router.js';
import { StaffNotFound, StaffOnly } from '../../../staff/StaffOnly.js';
import { caseSectionPath } from '../sections.js';
import { isBusinessManager, OTHER_CHILDREN_TASK_ID } from '../other-children-link.js';
import { roleLabels } from '../../../../../functions/domain/access/roles.js';
import { EMPTY_DATE, check, readDate } from '../../review/form-kit.js';

/**
 * Paragraph 3.1: the business manager records that children's social care
 * confirmed the other children named in the referral were considered, and
 * what was done. POST /api/cases/{reference}/other-children with the shared
 * schema (otherChildrenConsideredSchema), checked here first. Linked from
 * the case summary's "What needs doing" and from the decision and review pages.
 */

const HEADING = 'Record that the other children were considered';
const ORDER = ['confirmedWith', 'confirmedOn', 'whatWasDone'] as const;
const DATE_LABEL = 'Date confirmed';

export function OtherChildrenConsideredPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <Loaded reference={reference} />}</StaffOnly>;
}

function Loaded({ reference }: { reference: string }) {
  const { state } = useApiGet('staff', `/api/cases/${encodeURIComponent(reference)}`, caseDetailSchema);
  if (state.kind === 'not-found') return <StaffNotFound />;
  if (state.kind === 'loading') return <Frame reference={reference}>{null}</Frame>;
  if (state.kind !== 'ok') {
    return (
      <Frame reference={reference} withHeading>
        <LoadProblem state={state} what="this case" />
      </Frame>
    );
  }
  const duty = (state.data.whatNeedsDoing ?? []).find((d) => d.id === OTHER_CHILDREN_TASK_ID);
  if (!duty) {
    return (
      <Frame reference={reference} withHeading>
        <p className="govuk-body">There is nothing to record here: this case has no open duty to confirm that the other children were considered.</p>
      </Frame>
    );
  }
  if (!isBusinessManager(state.data.myRole, roleLabels['business-manager'])) {
    return (
      <Frame reference={reference} withHeading>
        <p className="govuk-body">Only the business manager can record this. Ask them to do it.</p>
      </Frame>
    );
  }
  return <Form reference={reference} dueDate={duty.dueDate} />;
}

/** Back link, caption and (once known) the heading, for pages without the form. */
function Frame({ reference, withHeading = false, children }: { reference: string; withHeading?: boolean; children: ReactNode }) {
  useTitle(HEADING);
  return (
    <Main backTo={caseSectionPath(reference, '')}>
      {withHeading ? (
        <>
          <span className="govuk-caption-l">Case {reference}</span>
          <h1 className="govuk-heading-l">{HEADING}</h1>
          {children}
          <p className="govuk-body">
            <Link className="govuk-link" to={caseSectionPath(reference, '')}>
              Go back to case {reference}
            </Link>
          </p>
        </>
      ) : (
        <p className="govuk-body" role="status">
          Loading the case…
        </p>
      )}
    </Main>
  );
}

function Form({ reference, dueDate }: { reference: string; dueDate: string }) {
  const [confirmedWith, setConfirmedWith] = useState('');
  const [confirmedOn, setConfirmedOn] = useState<DateParts>(EMPTY_DATE);
  const [whatWasDone, setWhatWasDone] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  useTitle(HEADING, errors.length > 0 || problem !== null);
  const show = (list: FieldError[], text: string | null = null) => {
    setErrors(list);
    setProblem(text);
    setFocusKey((k) => k + 1);
  };
  const errorFor = (name: string) => errors.find((e) => e.name === name)?.text;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const on = readDate('confirmedOn', confirmedOn, DATE_LABEL);
    const checked = check(otherChildrenConsideredSchema, { confirmedWith, confirmedOn: on.value, whatWasDone }, ORDER, [on.error]);
    if (!checked.ok) return show(checked.errors);
    void run(async () => {
      const result = await apiRequest('staff', `/api/cases/${encodeURIComponent(reference)}/other-children`, { method: 'POST', body: checked.data });
      if (result.kind === 'ok') {
        navigate(caseSectionPath(reference, ''), {
          state: { notice: { kind: 'success', heading: 'You have recorded that the other children were considered', text: 'The duty is done (paragraph 3.1).' } },
        });
      } else if (result.kind === 'invalid') show(result.errors);
      else if (result.kind !== 'signed-out') show([], 'message' in result && result.message ? result.message : 'Sorry, there is a problem with the service. Nothing has been saved. Try again later.');
    });
  };

  return (
    <Main backTo={caseSectionPath(reference, '')}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{HEADING}</h1>
      <p className="govuk-body">
        The child died and abuse or neglect is known or suspected, so organisations must consider at once whether other children are at risk (paragraph
        3.1). Confirm with children’s social care that the other children named in the referral have been considered, and record what was done. Due by{' '}
        {formatDate(dueDate)}.
      </p>
      <form noValidate onSubmit={submit}>
        <TextInput
          name="confirmedWith"
          label="Who in children’s social care confirmed it"
          hint="Their name and role"
          value={confirmedWith}
          onChange={setConfirmedWith}
          error={errorFor('confirmedWith')}
          autoComplete="off"
        />
        <DateInput name="confirmedOn" legend={DATE_LABEL} legendSize="s" hint="For example, 27 3 2026" value={confirmedOn} onChange={setConfirmedOn} error={errorFor('confirmedOn')} />
        <CharacterCount name="whatWasDone" label="What was done" value={whatWasDone} onChange={setWhatWasDone} error={errorFor('whatWasDone')} maxLength={2000} rows={5} />
        <div className="govuk-button-group">
          <SubmitButton pending={pending} pendingText="Recording it">
            Record it
          </SubmitButton>
          <Link className="govuk-link" to={caseSectionPath(reference, '')}>
            Cancel
          </Link>
        </div>
      </form>
    </Main>
  );
}
