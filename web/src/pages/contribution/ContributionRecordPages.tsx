import { useState, type FormEvent, type ReactNode } from 'react';
import {
  contributionDueDateSchema,
  courtAgreementSchema,
  disciplinaryKinds,
  disciplinaryMatterListSchema,
  disciplinaryMatterSchema,
  sessionHeldSchema,
  type ContributionView,
} from '../../../../functions/schemas/contributions.js';
import { datePartsToIso, isoToDateParts, type DateParts } from '../../../../functions/schemas/dates.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import type * as z from 'zod';
import type { RouteProps } from '../../App.js';
import { useApiGet } from '../../api/client.js';
import { SubmitButton } from '../../components/Buttons.js';
import { DateInput } from '../../components/DateInput.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, noticeFrom } from '../../components/NotificationBanner.js';
import { Radios } from '../../components/Radios.js';
import { Textarea } from '../../components/Textarea.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Link, useLocation } from '../../router.js';
import { ContributionPageFrame, contributionApiPath, contributionName, contributionPagePath, doneTo, Plain, useFormState } from './contribution-kit.js';

/**
 * The contribution's records that have an API and now a page: its due date
 * (the business manager; never after the review's completion date), the
 * court's prior agreement to a children's guardian's contribution (9.6),
 * the staff debrief (10.7) and a follow-up session (10.8), and disciplinary
 * matters (10.9, 10.10), seen only by the business manager and the
 * organisation's senior officer. Each form checks with the shared schema,
 * sends, and goes back to the contribution with a banner; the API's rules
 * (dates in the right order, the right person) come back as messages.
 */

type Ids = { reference: string };

/** One date and the schema field it fills; the date boxes' own error wins for that field. */
function withDate(parts: DateParts, field: string, label: string, values: Record<string, unknown>) {
  const r = datePartsToIso(parts, label);
  const errors: FieldError[] = 'error' in r ? [{ name: field, href: `#${field}`, text: r.error }] : [];
  return { body: { ...values, [field]: 'iso' in r ? r.iso : undefined }, errors };
}

function check<S extends z.ZodType>(schema: S, body: unknown, first: FieldError[]): { data?: z.infer<S>; errors: FieldError[] } {
  const parsed = schema.safeParse(body);
  const rest = parsed.success ? [] : toFieldErrors(parsed.error).filter((e) => !first.some((x) => x.name === e.name));
  const errors = [...first, ...rest];
  return errors.length || !parsed.success ? { errors } : { data: parsed.data, errors: [] };
}

function RecordForm({
  c,
  reference,
  heading,
  f,
  onSubmit,
  submit,
  children,
}: {
  c: ContributionView;
  reference: string;
  heading: string;
  f: ReturnType<typeof useFormState>;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  submit: string;
  children: ReactNode;
}) {
  const back = contributionPagePath(reference, c.id);
  return (
    <Main backTo={back}>
      {f.summary}
      <span className="govuk-caption-l">{contributionName(c)}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <form noValidate onSubmit={onSubmit}>
        {children}
        <div className="govuk-button-group">
          <SubmitButton pending={f.pending} pendingText="Saving">
            {submit}
          </SubmitButton>
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </Main>
  );
}

/** A page that is not for this person now: says so, changes nothing. */
function NotYours({ c, reference, heading, text }: { c: ContributionView; reference: string; heading: string; text: string }) {
  return (
    <Plain heading={heading} backTo={contributionPagePath(reference, c.id)} showHeading>
      <p className="govuk-body">{text}</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={contributionPagePath(reference, c.id)}>
          Back to the contribution
        </Link>
      </p>
    </Plain>
  );
}

// ---------------------------------------------------------------- due date

export function ContributionDueDatePage(props: RouteProps) {
  return <ContributionPageFrame {...props} heading="Change the due date">{(c, ids) => <DueDate c={c} reference={ids.reference} />}</ContributionPageFrame>;
}

function DueDate({ c, reference }: { c: ContributionView } & Ids) {
  const heading = 'Change the due date';
  const f = useFormState(heading, ['dueDate', 'reason']);
  const [date, setDate] = useState<DateParts>(isoToDateParts(c.dueDate));
  const [reason, setReason] = useState('');
  if (!c.mayDo.includes('changeDueDate')) return <NotYours c={c} reference={reference} heading={heading} text="Only the business manager changes a contribution’s due date, until its findings are accepted." />;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { body, errors } = withDate(date, 'dueDate', 'Due date', { reason });
    const checked = check(contributionDueDateSchema, body, errors);
    if (!checked.data) return f.show(checked.errors);
    void f.send(contributionApiPath(reference, c.id, 'due-date'), 'PUT', checked.data).then((ok) => {
      if (ok) doneTo(contributionPagePath(reference, c.id), `The due date is now ${formatDate(checked.data!.dueDate)}`);
    });
  };
  return (
    <RecordForm c={c} reference={reference} heading={heading} f={f} onSubmit={onSubmit} submit="Change the due date">
      <p className="govuk-body">It is due on {formatDate(c.dueDate)}. The new date cannot be after the review’s completion date.</p>
      <DateInput name="dueDate" legend="New due date" legendSize="s" hint="For example, 15 1 2027" value={date} onChange={setDate} error={f.errorFor('dueDate')} />
      <Textarea name="reason" label="Why the date changes" value={reason} onChange={setReason} error={f.errorFor('reason')} rows={3} />
    </RecordForm>
  );
}

// ---------------------------------------------------------------- court's agreement (9.6)

export function ContributionCourtAgreementPage(props: RouteProps) {
  return <ContributionPageFrame {...props} heading="Court’s prior agreement">{(c, ids) => <CourtAgreement c={c} reference={ids.reference} />}</ContributionPageFrame>;
}

function CourtAgreement({ c, reference }: { c: ContributionView } & Ids) {
  const heading = 'Record the court’s prior agreement';
  const f = useFormState(heading, ['court', 'agreedOn']);
  const [court, setCourt] = useState(c.courtAgreement?.court ?? '');
  const [date, setDate] = useState<DateParts>(isoToDateParts(c.courtAgreement?.agreedOn));
  if (!c.mayDo.includes('recordCourtAgreement')) return <NotYours c={c} reference={reference} heading={heading} text="Only the business manager records the court’s agreement, for a children’s guardian’s contribution." />;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { body, errors } = withDate(date, 'agreedOn', 'Date the court agreed', { court });
    const checked = check(courtAgreementSchema, body, errors);
    if (!checked.data) return f.show(checked.errors);
    void f.send(contributionApiPath(reference, c.id, 'court-agreement'), 'POST', checked.data).then((ok) => {
      if (ok) doneTo(contributionPagePath(reference, c.id), 'The court’s agreement was recorded', 'The senior officer can now accept the findings once it is submitted.');
    });
  };
  return (
    <RecordForm c={c} reference={reference} heading={heading} f={f} onSubmit={onSubmit} submit="Record the agreement">
      <p className="govuk-body">A children’s guardian’s contribution needs the court’s agreement beforehand (paragraph 9.6).</p>
      <TextInput name="court" label="Court" value={court} onChange={setCourt} error={f.errorFor('court')} />
      <DateInput name="agreedOn" legend="Date the court agreed" legendSize="s" value={date} onChange={setDate} error={f.errorFor('agreedOn')} />
    </RecordForm>
  );
}

// ---------------------------------------------------------------- debrief (10.7) and follow-up (10.8)

function SessionPage({ props, kind }: { props: RouteProps; kind: 'debrief' | 'follow-up' }) {
  const heading = kind === 'debrief' ? 'Record the staff feedback and debrief' : 'Record a follow-up session';
  return <ContributionPageFrame {...props} heading={heading}>{(c, ids) => <SessionHeld c={c} reference={ids.reference} kind={kind} heading={heading} />}</ContributionPageFrame>;
}

export const ContributionDebriefPage = (props: RouteProps) => <SessionPage props={props} kind="debrief" />;
export const ContributionFollowUpPage = (props: RouteProps) => <SessionPage props={props} kind="follow-up" />;

function SessionHeld({ c, reference, kind, heading }: { c: ContributionView; kind: 'debrief' | 'follow-up'; heading: string } & Ids) {
  const f = useFormState(heading, ['heldOn']);
  const [date, setDate] = useState<DateParts>({ day: '', month: '', year: '' });
  const action = kind === 'debrief' ? 'recordDebrief' : 'recordFollowUp';
  if (!c.mayDo.includes(action)) {
    return (
      <NotYours
        c={c}
        reference={reference}
        heading={heading}
        text={
          kind === 'debrief'
            ? 'The senior officer or the business manager records the debrief, once the findings are accepted (paragraph 10.7).'
            : 'The senior officer or the business manager records a follow-up session, after the debrief (paragraph 10.8).'
        }
      />
    );
  }
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { body, errors } = withDate(date, 'heldOn', 'Date it was held', {});
    const checked = check(sessionHeldSchema, body, errors);
    if (!checked.data) return f.show(checked.errors);
    void f.send(contributionApiPath(reference, c.id, kind), 'POST', checked.data).then((ok) => {
      if (ok) doneTo(contributionPagePath(reference, c.id), kind === 'debrief' ? 'The debrief was recorded' : 'The follow-up session was recorded');
    });
  };
  return (
    <RecordForm c={c} reference={reference} heading={heading} f={f} onSubmit={onSubmit} submit="Record it">
      <p className="govuk-body">
        {kind === 'debrief'
          ? 'The staff involved are given feedback and a debrief on the findings before the overview report is completed (paragraph 10.7).'
          : 'A later session to follow up the findings with the staff involved (paragraph 10.8).'}
      </p>
      <DateInput name="heldOn" legend="Date it was held" legendSize="s" hint="For example, 4 12 2026" value={date} onChange={setDate} error={f.errorFor('heldOn')} />
    </RecordForm>
  );
}

// ---------------------------------------------------------------- disciplinary matters (10.9, 10.10)

export function ContributionDisciplinaryPage(props: RouteProps) {
  return <ContributionPageFrame {...props} heading="Disciplinary matters">{(c, ids) => <Disciplinary c={c} reference={ids.reference} />}</ContributionPageFrame>;
}

function Disciplinary({ c, reference }: { c: ContributionView } & Ids) {
  const heading = 'Disciplinary matters';
  const path = contributionApiPath(reference, c.id, 'disciplinary');
  const { state, reload } = useApiGet('staff', path, disciplinaryMatterListSchema);
  const f = useFormState(`${heading} – ${c.organisation}`, ['kind', 'urgent', 'details']);
  const location = useLocation();
  const [notice, setNotice] = useState(noticeFrom(location.state));
  const [kind, setKind] = useState('');
  const [urgent, setUrgent] = useState('');
  const [details, setDetails] = useState('');
  const back = contributionPagePath(reference, c.id);
  if (state.kind === 'not-found') {
    return <NotYours c={c} reference={reference} heading={heading} text="Only the business manager and the organisation’s senior officer see disciplinary matters (paragraphs 10.9 and 10.10)." />;
  }
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = { kind: kind || undefined, urgent: urgent === '' ? undefined : urgent === 'yes', details };
    const checked = check(disciplinaryMatterSchema, body, []);
    if (!checked.data) return f.show(checked.errors);
    void f.send(path, 'POST', checked.data).then((ok) => {
      if (ok) {
        setKind('');
        setUrgent('');
        setDetails('');
        f.clear();
        setNotice({ kind: 'success', heading: 'The disciplinary matter was recorded' });
        reload();
      }
    });
  };
  return (
    <Main backTo={back}>
      {f.summary}
      {notice && !f.errors.length && !f.problem ? <NotificationBanner notice={notice} /> : null}
      <span className="govuk-caption-l">{contributionName(c)}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        A serious case review is not part of any disciplinary process. What is recorded here is kept apart from the contribution, is never part of it or any
        export of it, and is seen only by the business manager and the organisation’s senior officer (paragraphs 10.9 and 10.10).
      </p>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="the disciplinary matters" />
      ) : state.data.matters.length === 0 ? (
        <p className="govuk-body">None recorded.</p>
      ) : (
        state.data.matters.map((m, i) => (
          <dl className="govuk-summary-list" key={m.id}>
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Matter {i + 1}</dt>
              <dd className="govuk-summary-list__value">{disciplinaryKinds.find((k) => k.value === m.kind)?.label}</dd>
            </div>
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Urgent action to safeguard other children</dt>
              <dd className="govuk-summary-list__value">{m.urgent ? 'Yes' : 'No'}</dd>
            </div>
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Details</dt>
              <dd className="govuk-summary-list__value app-pre-line">{m.details}</dd>
            </div>
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Recorded</dt>
              <dd className="govuk-summary-list__value">
                {formatDateTime(m.recordedAt)} by {m.recordedBy}
              </dd>
            </div>
          </dl>
        ))
      )}
      <form noValidate onSubmit={onSubmit} aria-labelledby="record-heading">
        <h2 className="govuk-heading-m" id="record-heading">
          Record a disciplinary matter
        </h2>
        <Radios name="kind" legend="What kind of matter is it?" legendSize="s" items={disciplinaryKinds.map((k) => ({ value: k.value, label: k.label }))} value={kind} onChange={setKind} error={f.errorFor('kind')} />
        <Radios
          name="urgent"
          legend="Is action needed urgently to safeguard other children?"
          legendSize="s"
          items={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          value={urgent}
          onChange={setUrgent}
          error={f.errorFor('urgent')}
          inline
        />
        <Textarea name="details" label="Details" value={details} onChange={setDetails} error={f.errorFor('details')} />
        <SubmitButton pending={f.pending} pendingText="Recording">
          Record the matter
        </SubmitButton>
      </form>
    </Main>
  );
}
