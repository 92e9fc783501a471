import { useState, type FormEvent } from 'react';
import type { RouteProps } from '../../App.js';
import { actionPlanSchema, changeActionSchema, type ActionView } from '../../../../functions/schemas/actions.js';
import { datePartsToIso, isoToDateParts, type DateParts } from '../../../../functions/schemas/dates.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { DateInput } from '../../components/DateInput.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import type { Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate } from '../../format.js';
import { Link, navigate } from '../../router.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';

/** The address of the page where the business manager changes an action's due date or owner. */
export const actionChangePath = (reference: string, actionId: string) =>
  `/cases/${encodeURIComponent(reference)}/action-plan/${encodeURIComponent(actionId)}/change`;

const planPath = (reference: string) => `/cases/${encodeURIComponent(reference)}/action-plan`;

/**
 * Change an open action's due date or owner (the business manager, agreed
 * with the organisation). The fields come filled in with what they are now;
 * on success the action plan page says what changed. Its reminders and
 * escalations follow the new date and owner at once.
 */
export function ActionChangePage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const actionId = params.actionId ?? '';
  return <StaffOnly>{() => <ChangeAction reference={reference} actionId={actionId} />}</StaffOnly>;
}

function ChangeAction({ reference, actionId }: { reference: string; actionId: string }) {
  const { state } = useApiGet('staff', `/api/cases/${encodeURIComponent(reference)}/actions`, actionPlanSchema);
  const [hasErrors, setHasErrors] = useState(false);
  const action = state.kind === 'ok' ? state.data.actions.find((a) => a.id === actionId) : undefined;
  useTitle(action ? `Change action ${action.number} – Case ${reference}` : `Change an action – Case ${reference}`, hasErrors);
  if (state.kind === 'loading') {
    return (
      <Main backTo={planPath(reference)}>
        <p className="govuk-body" role="status">
          Loading the action…
        </p>
      </Main>
    );
  }
  if (state.kind !== 'ok') {
    return (
      <Main backTo={planPath(reference)}>
        <LoadProblem state={state} what="the action" />
      </Main>
    );
  }
  if (!action) return <StaffNotFound />;
  return (
    <Main backTo={planPath(reference)}>
      {action.mayChange ? (
        <ChangeForm reference={reference} action={action} onErrors={setHasErrors} />
      ) : (
        <>
          <span className="govuk-caption-l">Case {reference}</span>
          <h1 className="govuk-heading-l">Change action {action.number}</h1>
          <p className="govuk-body">
            {action.status === 'done' ? 'This action is done: its due date and owner can no longer be changed.' : 'Only the business manager changes an action’s due date or owner.'}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={planPath(reference)}>
              Back to the action plan
            </Link>
          </p>
        </>
      )}
    </Main>
  );
}

function ChangeForm({ reference, action, onErrors }: { reference: string; action: ActionView; onErrors: (has: boolean) => void }) {
  const [ownerName, setOwnerName] = useState(action.owner.name);
  const [ownerEmail, setOwnerEmail] = useState(action.owner.email);
  const [due, setDue] = useState<DateParts>(isoToDateParts(action.due.dueDate));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const show = (list: FieldError[], text: string | null = null) => {
    setErrors(list);
    setProblem(text);
    setFocusKey((k) => k + 1);
    onErrors(list.length > 0 || text !== null);
  };
  const errorOf = (field: string) => errors.find((e) => e.name === field)?.text;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const date = datePartsToIso(due, 'Date it is due by');
    const dateErrors: FieldError[] = 'error' in date ? [{ name: 'dueDate', href: '#dueDate', text: date.error }] : [];
    const parsed = changeActionSchema.safeParse({ ownerName, ownerEmail, dueDate: 'iso' in date ? date.iso : '', expectedVersion: action.version });
    if (!parsed.success || dateErrors.length > 0) {
      const fromSchema = parsed.success ? [] : toFieldErrors(parsed.error);
      return show([...fromSchema.filter((x) => !dateErrors.some((d) => d.name === x.name)), ...dateErrors]);
    }
    void run(async () => {
      const result = await apiRequest('staff', `/api/cases/${encodeURIComponent(reference)}/actions/${encodeURIComponent(action.id)}/change`, { method: 'POST', body: parsed.data });
      if (result.kind === 'ok') {
        onErrors(false);
        const notice: Notice = { kind: 'success', heading: `Action ${action.number} was changed: its reminders and escalations follow the new date and owner` };
        navigate(planPath(reference), { state: { notice } });
      } else if (result.kind === 'invalid') {
        show(result.errors);
      } else if (result.kind === 'conflict' || result.kind === 'forbidden') {
        show([], result.message ?? 'This cannot be done now. Go back to the action plan to see it as it is.');
      } else if (result.kind !== 'signed-out') {
        show([], 'Sorry, there is a problem with the service. Try again later');
      }
    });
  };

  return (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">Change action {action.number}</h1>
      <p className="govuk-body">
        {action.organisation}. Due by {formatDate(action.due.dueDate)}, owned by {action.owner.name}. Agree a new date or owner with the organisation first: the
        owner is reminded before the new date, and escalations go to the new owner.
      </p>
      <form noValidate onSubmit={onSubmit}>
        <TextInput name="ownerName" label="Full name of the person responsible" value={ownerName} onChange={setOwnerName} error={errorOf('ownerName')} autoComplete="off" />
        <TextInput
          name="ownerEmail"
          label="Email address of the person responsible"
          hint="They need a staff account: they sign in with this address to record progress"
          type="email"
          value={ownerEmail}
          onChange={setOwnerEmail}
          error={errorOf('ownerEmail')}
          autoComplete="off"
          spellCheck={false}
        />
        <DateInput name="dueDate" legend="Date it is due by" legendSize="s" hint="For example, 31 3 2027" value={due} onChange={setDue} error={errorOf('dueDate')} />
        <div className="govuk-button-group">
          <SubmitButton pending={pending} pendingText="Saving the change">
            Save the change
          </SubmitButton>
          <Link className="govuk-link" to={planPath(reference)}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
