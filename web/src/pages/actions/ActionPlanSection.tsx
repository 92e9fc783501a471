import { useState, type FormEvent, type ReactNode } from 'react';
import type * as z from 'zod';
import {
  actionPlanSchema,
  actionProgressSchema,
  actionStatuses,
  addActionSchema,
  type ActionPlanView,
  type ActionStanding,
  type ActionView,
} from '../../../../functions/schemas/actions.js';
import { datePartsToIso, isoToDateParts, type DateParts } from '../../../../functions/schemas/dates.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { DateInput } from '../../components/DateInput.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, noticeFrom, type Notice } from '../../components/NotificationBanner.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { Radios } from '../../components/Radios.js';
import { Textarea } from '../../components/Textarea.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Main } from '../../components/Layout.js';
import { useTitle } from '../../components/Page.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { Link, useLocation } from '../../router.js';
import { actionEvidencePath } from './ActionEvidencePage.js';
import { actionChangePath } from './ActionChangePage.js';
import type { RouteProps } from '../../App.js';

/** Words first, colour second. */
const STANDING_TAGS: Record<ActionStanding, { label: string; colour: string }> = {
  open: { label: 'On track', colour: 'govuk-tag--blue' },
  'due-soon': { label: 'Due soon', colour: 'govuk-tag--yellow' },
  overdue: { label: 'Overdue', colour: 'govuk-tag--red' },
  done: { label: 'Done', colour: 'govuk-tag--green' },
};
export const standingLabel = (s: ActionStanding) => STANDING_TAGS[s].label;
export function StandingTag({ standing }: { standing: ActionStanding }) {
  const tag = STANDING_TAGS[standing];
  return <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>;
}
export const statusLabel = (s: string) => actionStatuses.find((x) => x.value === s)?.label ?? s;

const sourceWords = (a: ActionView, plan: ActionPlanView) => {
  if (a.source.kind === 'board') return 'A recommendation of the Board';
  if (a.source.kind === 'report') return 'A recommendation of the overview report';
  const { contributionId, item } = a.source;
  const org = plan.imrRecommendations.find((r) => r.contributionId === contributionId)?.organisation ?? a.organisation;
  return `Recommendation ${item + 1} of the IMR of ${org}`;
};

/**
 * A review's action plan (paras 2.1, 8.1): every recommendation made an
 * action with its owner, due date, expected outcome and how it is evaluated.
 * The business manager adds actions (from an accepted IMR's recommendations
 * or the Board's own); an action's owner (or the business manager) records
 * its progress.
 */
export function ActionPlanSection({ reference, onErrors }: { reference: string; onErrors: (has: boolean) => void }) {
  const path = `/api/cases/${encodeURIComponent(reference)}/actions`;
  const { state, reload } = useApiGet('staff', path, actionPlanSchema);
  const location = useLocation();
  // A change made on its own page comes back with what it changed.
  const [notice, setNotice] = useState<Notice | null>(() => noticeFrom(location.state) ?? null);
  const done = (heading: string) => {
    onErrors(false);
    setNotice({ kind: 'success', heading });
    reload();
  };
  if (state.kind === 'loading') {
    return (
      <p className="govuk-body" role="status">
        Loading the action plan…
      </p>
    );
  }
  if (state.kind !== 'ok') {
    if (state.kind === 'conflict') return <p className="govuk-body">Only a serious case review has an action plan.</p>;
    return <LoadProblem state={state} what="the action plan" />;
  }
  const plan = state.data;
  return (
    <>
      {notice ? <NotificationBanner notice={notice} /> : null}
      <p className="govuk-body">
        Each recommendation of the review becomes an action with an owner, a date it is due by, the outcome expected and how it will be evaluated
        (paragraphs 2.1 and 8.1). Owners are reminded before the date; an overdue action is escalated to the business manager, then the
        sub-committee chair, then the Board chair.
      </p>
      {plan.actions.length === 0 ? <p className="govuk-body">There are no actions in the plan yet.</p> : null}
      {plan.actions.map((a) => (
        <ActionCard key={a.id} action={a} plan={plan}>
          {a.mayUpdate ? <ProgressForm path={`${path}/${a.id}/progress`} action={a} onDone={done} onErrors={onErrors} /> : null}
        </ActionCard>
      ))}
      {plan.mayAdd ? <AddActionForm path={path} plan={plan} onDone={done} onErrors={onErrors} /> : null}
    </>
  );
}

function ActionCard({ action: a, plan, children }: { action: ActionView; plan: ActionPlanView; children?: ReactNode }) {
  return (
    <section className="govuk-summary-card" aria-labelledby={`action-${a.id}-title`}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={`action-${a.id}-title`}>
          Action {a.number}: {a.organisation}
        </h2>
        <StandingTag standing={a.standing} />
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <Row label="Recommendation">{a.recommendation}</Row>
          <Row label="Comes from">{sourceWords(a, plan)}</Row>
          <Row label="Owner" change={a.mayChange ? { to: actionChangePath(a.reference, a.id), what: `the owner of action ${a.number}` } : undefined}>
            {a.owner.name} ({a.owner.email})
          </Row>
          <Row label="Due by" change={a.mayChange ? { to: actionChangePath(a.reference, a.id), what: `the due date of action ${a.number}` } : undefined}>
            {formatDate(a.due.dueDate)}
            <br />
            <span className="govuk-hint govuk-!-font-size-16">{a.due.rule}</span>
          </Row>
          <Row label="Outcome expected">{a.outcome}</Row>
          <Row label="How it will be evaluated">{a.evaluation}</Row>
          <Row label="Status">
            {statusLabel(a.status)}
            {a.doneAt ? ` on ${formatDate(a.doneAt.slice(0, 10))}` : ''}
          </Row>
        </dl>
        {a.progress.length > 0 ? (
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Progress updates ({a.progress.length})</span>
            </summary>
            <div className="govuk-details__text">
              <ol className="govuk-list govuk-list--spaced">
                {a.progress.map((p, i) => (
                  <li key={`${p.at}-${i}`}>
                    <strong>{formatDateTime(p.at)}</strong>, {p.by}: {statusLabel(p.status)}. {p.note}
                  </li>
                ))}
              </ol>
            </div>
          </details>
        ) : null}
        <p className="govuk-body">
          <Link className="govuk-link" to={actionEvidencePath(a.reference, a.id)}>
            Evidence<span className="govuk-visually-hidden"> for action {a.number}</span>
          </Link>
          {a.mayUpdate ? ': read or attach files' : ': read the files attached'}
        </p>
        {children}
      </div>
    </section>
  );
}

function Row({ label, children, change }: { label: string; children: ReactNode; change?: { to: string; what: string } | undefined }) {
  return (
    <div className={change ? 'govuk-summary-list__row' : 'govuk-summary-list__row govuk-summary-list__row--no-actions'}>
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
      {change ? (
        <dd className="govuk-summary-list__actions">
          <Link className="govuk-link" to={change.to}>
            Change<span className="govuk-visually-hidden"> {change.what}</span>
          </Link>
        </dd>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------- one form

/** A small form: errors in a summary and on each field, a problem that is no field's in a problem summary. */
function useForm(prefix: string, onErrors: (has: boolean) => void) {
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
  const errorOf = (field: string) => errors.find((e) => e.name === `${prefix}.${field}`)?.text;
  /** Checks with the shared schema, then sends; the server's field errors are named under this form's prefix. */
  function submit<S extends z.ZodType>(schema: S, values: unknown, path: string, onOk: () => void, extra: FieldError[] = []) {
    const parsed = schema.safeParse(values);
    if (!parsed.success || extra.length > 0) {
      const fromSchema = parsed.success ? [] : toFieldErrors(parsed.error, [prefix]);
      return show([...fromSchema.filter((e) => !extra.some((x) => x.name === e.name)), ...extra]);
    }
    void run(async () => {
      const result = await apiRequest('staff', path, { method: 'POST', body: parsed.data });
      if (result.kind === 'ok') {
        show([]);
        onOk();
      } else if (result.kind === 'invalid') {
        show(result.errors.map((e) => ({ ...e, name: `${prefix}.${e.name}`, href: `#${prefix}-${e.name}` })));
      } else if (result.kind === 'conflict' || result.kind === 'forbidden') {
        show([], result.message ?? 'This cannot be done now. Reload the page to see the action plan as it is.');
      } else if (result.kind !== 'signed-out') {
        show([], 'Sorry, there is a problem with the service. Try again later');
      }
    });
  }
  const summary = (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
    </>
  );
  return { errorOf, submit, summary, pending };
}

// ---------------------------------------------------------------- progress (the owner)

function ProgressForm({ path, action, onDone, onErrors }: { path: string; action: ActionView; onDone: (heading: string) => void; onErrors: (has: boolean) => void }) {
  const prefix = `progress-${action.number}`;
  const f = useForm(prefix, onErrors);
  const [status, setStatus] = useState<string>(action.status);
  const [note, setNote] = useState('');
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    f.submit(actionProgressSchema, { status: status || undefined, note, expectedVersion: action.version }, path, () => {
      setNote('');
      onDone(`Progress on action ${action.number} was recorded`);
    });
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={`${prefix}-heading`} className="govuk-!-margin-top-6">
      <h3 className="govuk-heading-s" id={`${prefix}-heading`}>
        Record progress on action {action.number}
      </h3>
      {f.summary}
      <Radios
        name={`${prefix}.status`}
        legend="Status of the action"
        legendSize="s"
        small
        items={actionStatuses.map((s) => ({ value: s.value, label: s.label }))}
        value={status}
        onChange={setStatus}
        error={f.errorOf('status')}
      />
      <Textarea name={`${prefix}.note`} label="What has been done" hint="Do not include the names of the child or family" value={note} onChange={setNote} error={f.errorOf('note')} />
      <SubmitButton pending={f.pending} pendingText="Recording progress">
        Record progress
      </SubmitButton>
    </form>
  );
}

// ---------------------------------------------------------------- adding an action (the business manager)

const BOARD = 'board';

function AddActionForm({ path, plan, onDone, onErrors }: { path: string; plan: ActionPlanView; onDone: (heading: string) => void; onErrors: (has: boolean) => void }) {
  const f = useForm('add', onErrors);
  const open = plan.imrRecommendations.filter((r) => !r.actionId);
  const [source, setSource] = useState('');
  const [recommendation, setRecommendation] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [due, setDue] = useState<DateParts>({ day: '', month: '', year: '' });
  const [outcome, setOutcome] = useState('');
  const [evaluation, setEvaluation] = useState('');

  const choose = (value: string) => {
    setSource(value);
    const rec = open.find((r) => `imr:${r.contributionId}:${r.item}` === value);
    if (!rec) return;
    // The IMR's own words, to adjust: what, by whom, by when, outcome and evaluation (Appendix A).
    setRecommendation(rec.action);
    setOrganisation(rec.organisation);
    setDue(isoToDateParts(rec.byWhen));
    setOutcome(rec.outcome);
    setEvaluation(rec.evaluation);
  };
  const sourceValue = () => {
    if (source === BOARD) return { kind: 'board' };
    const rec = open.find((r) => `imr:${r.contributionId}:${r.item}` === source);
    return rec ? { kind: 'imr', contributionId: rec.contributionId, item: rec.item } : undefined;
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const date = datePartsToIso(due, 'Date it is due by');
    const dateError = 'error' in date ? [{ name: 'add.dueDate', href: '#add-dueDate', text: date.error }] : [];
    f.submit(
      addActionSchema,
      { source: sourceValue(), recommendation, organisation, ownerName, ownerEmail, dueDate: 'iso' in date ? date.iso : '', outcome, evaluation },
      path,
      () => {
        setSource('');
        setRecommendation('');
        setOrganisation('');
        setOwnerName('');
        setOwnerEmail('');
        setDue({ day: '', month: '', year: '' });
        setOutcome('');
        setEvaluation('');
        onDone('The action was added to the plan');
      },
      dateError,
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="add-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="add-heading">
        Add an action
      </h2>
      {f.summary}
      <Radios
        name="add.source"
        legend="Which recommendation is it?"
        legendSize="s"
        hint="Choosing an IMR’s recommendation fills in its words, which you can change"
        items={[
          ...open.map((r) => ({
            value: `imr:${r.contributionId}:${r.item}`,
            label: `${r.organisation} IMR, recommendation ${r.item + 1}`,
            hint: r.action.length > 140 ? `${r.action.slice(0, 140)}…` : r.action,
          })),
          { value: BOARD, label: 'A recommendation of the Board', hint: 'One the Board makes itself' },
        ]}
        value={source}
        onChange={choose}
        error={f.errorOf('source')}
      />
      <Textarea name="add.recommendation" label="Recommendation" value={recommendation} onChange={setRecommendation} error={f.errorOf('recommendation')} />
      <TextInput name="add.organisation" label="Organisation responsible" value={organisation} onChange={setOrganisation} error={f.errorOf('organisation')} />
      <TextInput name="add.ownerName" label="Full name of the person responsible" value={ownerName} onChange={setOwnerName} error={f.errorOf('ownerName')} autoComplete="off" />
      <TextInput
        name="add.ownerEmail"
        label="Email address of the person responsible"
        hint="They need a staff account: they sign in with this address to record progress"
        type="email"
        value={ownerEmail}
        onChange={setOwnerEmail}
        error={f.errorOf('ownerEmail')}
        autoComplete="off"
        spellCheck={false}
      />
      <DateInput name="add.dueDate" legend="Date it is due by" legendSize="s" hint="For example, 31 3 2027" value={due} onChange={setDue} error={f.errorOf('dueDate')} />
      <Textarea name="add.outcome" label="Outcome expected" value={outcome} onChange={setOutcome} error={f.errorOf('outcome')} />
      <Textarea name="add.evaluation" label="How it will be evaluated" value={evaluation} onChange={setEvaluation} error={f.errorOf('evaluation')} />
      <SubmitButton pending={f.pending} pendingText="Adding the action">
        Add the action
      </SubmitButton>
    </form>
  );
}

/** Where an action's owner records progress (the address reminders and escalations link to). */
export const actionPlanPagePath = (reference: string) => `/cases/${encodeURIComponent(reference)}/action-plan`;

/**
 * The action plan on a page of its own, for an action's owner who is not on
 * the case (they see their own actions and nothing else of it), and for
 * everyone else the emails send here (they see the whole plan).
 */
export function ActionPlanPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <ActionPlanOnItsOwn reference={reference} />}</StaffOnly>;
}

function ActionPlanOnItsOwn({ reference }: { reference: string }) {
  const [errors, setErrors] = useState(false);
  useTitle(`Action plan – Case ${reference}`, errors);
  return (
    <Main wide backTo="/tasks">
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">Action plan</h1>
      <ActionPlanSection reference={reference} onErrors={setErrors} />
    </Main>
  );
}
