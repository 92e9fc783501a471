import { useState, type FormEvent } from 'react';
import type { FieldError } from '../../../../functions/schemas/errors.js';
import { extensionApprovers, extensionRequestSchema, extensionSchema } from '../../../../functions/schemas/review.js';
import type { RouteProps } from '../../App.js';
import { SubmitButton } from '../../components/Buttons.js';
import { CharacterCount } from '../../components/CharacterCount.js';
import { DateInput } from '../../components/DateInput.js';
import { Main } from '../../components/Layout.js';
import { Radios } from '../../components/Radios.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import { check, EMPTY_DATE, Paragraphs, readDate, Row, type DecidedCase, type ReviewPart, timescalePath } from './form-kit.js';
import { ReviewPage, useReviewForm } from './review-form.js';
import { TaskTag } from './TaskTag.js';

/**
 * The review's timescale (paras 8.4, 8.5): four months from the Chair's
 * decision unless another is agreed. As soon as it is clear the review
 * cannot finish in time, the business manager records who was asked to
 * agree a new timescale; once agreed, who agreed it, when, the new date and
 * why. Each agreed extension moves the completion date shown on the case.
 */

const REASON_MAX = 2000;
const APPROVER_ITEMS = extensionApprovers.map((a) => ({ value: a.value, label: a.label }));

/** The completion date now in force, with the rule behind it. */
function CompletionSummary({ review }: { review: ReviewPart }) {
  const { completion } = review;
  return (
    <dl className="govuk-summary-list govuk-!-margin-bottom-6">
      <Row label="Review decided">{formatDateTime(review.decidedAt)}</Row>
      <Row label="Completion date">
        <p className="govuk-body govuk-!-margin-bottom-1">
          <strong>{formatDate(completion.dueDate)}</strong>
        </p>
        <p className="govuk-hint govuk-!-margin-bottom-1">{completion.rule}</p>
        <TaskTag status={completion.status} />
      </Row>
    </dl>
  );
}

/** The API refuses a date not after the completion date now in force; saying so here saves a round trip. */
function notAfter(name: string, label: string, iso: string | undefined, current: string): FieldError | undefined {
  if (iso === undefined || iso > current) return undefined;
  return { name, href: `#${name}`, text: `${label} must be after the current completion date, ${formatDate(current)}` };
}

// ---- 8.5: asking for a new timescale ------------------------------------------

const REQUEST_ORDER = ['approachedRole', 'reason', 'proposedDate'];

export function ExtensionRequestPage(props: RouteProps) {
  const heading = 'Request a new timescale';
  return <ReviewPage {...props} heading={heading} render={(detail) => <ExtensionRequestForm detail={detail} heading={heading} />} />;
}

function ExtensionRequestForm({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const [approachedRole, setApproachedRole] = useState('');
  const [reason, setReason] = useState('');
  const [proposedDate, setProposedDate] = useState(EMPTY_DATE);
  const form = useReviewForm(detail.reference, heading, REQUEST_ORDER);
  const requests = detail.review.completion.extensionRequests;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const proposed = readDate('proposedDate', proposedDate, 'Proposed completion date', true);
    const checked = check(
      extensionRequestSchema,
      { approachedRole: approachedRole || undefined, reason, proposedDate: proposed.value },
      REQUEST_ORDER,
      [proposed.error ?? notAfter('proposedDate', 'Proposed completion date', proposed.value, detail.review.completion.dueDate)],
    );
    if (!checked.ok) return form.show(checked.errors);
    form.send('extension-requests', 'POST', checked.data, {
      kind: 'success',
      heading: 'Request for a new timescale recorded',
      text: 'Record the new completion date once it has been agreed.',
    });
  };

  return (
    <Main backTo={timescalePath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        A review should be completed within four months of the Chair’s decision, unless Ofsted agree another timescale
        (paragraph 8.4). As soon as it is clear the review cannot be completed in time, ask the Children’s Services
        Adviser to agree a timescale for completion (paragraph 8.5), and record that you have asked here.
      </p>
      <CompletionSummary review={detail.review} />
      {requests.length ? (
        <>
          <h2 className="govuk-heading-m">Requests already made</h2>
          <RequestList requests={requests} />
        </>
      ) : null}
      <h2 className="govuk-heading-m">This request</h2>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="approachedRole"
          legend="Who have you asked to agree a new timescale?"
          items={APPROVER_ITEMS}
          value={approachedRole}
          onChange={setApproachedRole}
          error={form.errorFor('approachedRole')}
        />
        <CharacterCount
          name="reason"
          label="Why can the review not be completed in time?"
          hint="For example, the case has proved more complex than expected, or criminal proceedings affect when people can be interviewed."
          value={reason}
          onChange={setReason}
          error={form.errorFor('reason')}
          maxLength={REASON_MAX}
        />
        <DateInput
          name="proposedDate"
          legend="Proposed completion date (optional)"
          hint={`The date you have asked for, for example ${exampleAfter(detail.review.completion.dueDate)}`}
          value={proposedDate}
          onChange={setProposedDate}
          error={form.errorFor('proposedDate')}
        />
        <SubmitButton pending={form.pending} pendingText="Recording the request">
          Record request
        </SubmitButton>
      </form>
    </Main>
  );
}

function RequestList({ requests }: { requests: ReviewPart['completion']['extensionRequests'] }) {
  return (
    <>
      {requests.map((r, i) => (
        <div key={`${r.requestedAt}-${i}`}>
          <h3 className="govuk-heading-s">Request {i + 1}</h3>
          <dl className="govuk-summary-list govuk-!-margin-bottom-6">
            <Row label="Asked">{r.approachedLabel}</Row>
            <Row label="Reason">
              <Paragraphs text={r.reason} />
            </Row>
            {r.proposedDate ? <Row label="Proposed completion date">{formatDate(r.proposedDate)}</Row> : null}
            <Row label="Recorded">
              {formatDateTime(r.requestedAt)} by {r.requestedBy}
            </Row>
          </dl>
        </div>
      ))}
    </>
  );
}

/** A plausible date for a hint: the month after `iso`, as "27 4 2027". */
function exampleAfter(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '27 4 2027';
  const month = Number(m[2]) === 12 ? 1 : Number(m[2]) + 1;
  const year = Number(m[2]) === 12 ? Number(m[1]) + 1 : Number(m[1]);
  return `${Math.min(Number(m[3]), 28)} ${month} ${year}`;
}

// ---- 8.4, 8.5: an agreed extension --------------------------------------------

const EXTENSION_ORDER = ['agreedByRole', 'agreedByName', 'agreedOn', 'newDueDate', 'reason'];

export function ExtensionPage(props: RouteProps) {
  const heading = 'Record an agreed extension';
  return <ReviewPage {...props} heading={heading} render={(detail) => <ExtensionForm detail={detail} heading={heading} />} />;
}

function ExtensionForm({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const { completion } = detail.review;
  const [agreedByRole, setAgreedByRole] = useState(() => completion.extensionRequests.at(-1)?.approachedRole ?? '');
  const [agreedByName, setAgreedByName] = useState('');
  const [agreedOn, setAgreedOn] = useState(EMPTY_DATE);
  const [newDueDate, setNewDueDate] = useState(EMPTY_DATE);
  const [reason, setReason] = useState(() => completion.extensionRequests.at(-1)?.reason ?? '');
  const form = useReviewForm(detail.reference, heading, EXTENSION_ORDER);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const agreed = readDate('agreedOn', agreedOn, 'Date agreed');
    const due = readDate('newDueDate', newDueDate, 'New completion date');
    const checked = check(
      extensionSchema,
      {
        agreedByRole: agreedByRole || undefined,
        agreedByName,
        agreedOn: agreed.value,
        newDueDate: due.value,
        reason,
      },
      EXTENSION_ORDER,
      [agreed.error, due.error ?? notAfter('newDueDate', 'New completion date', due.value, completion.dueDate)],
    );
    if (!checked.ok) return form.show(checked.errors);
    form.send('extensions', 'POST', checked.data, {
      kind: 'success',
      heading: `New completion date recorded: ${formatDate(checked.data.newDueDate)}`,
      text: `Agreed by ${checked.data.agreedByName} on ${formatDate(checked.data.agreedOn)}.`,
    });
  };

  return (
    <Main backTo={timescalePath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        Record a new completion date once Ofsted (paragraph 8.4) or the Children’s Services Adviser (paragraph 8.5) has
        agreed it. The new date replaces the current one, and reminders follow it.
      </p>
      <CompletionSummary review={detail.review} />

      <h2 className="govuk-heading-m">Earlier extensions</h2>
      {completion.extensions.length === 0 ? (
        <p className="govuk-body">The completion date has not been extended before.</p>
      ) : (
        <ExtensionList extensions={completion.extensions} />
      )}
      {completion.extensionRequests.length ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Requests for a new timescale ({completion.extensionRequests.length})</span>
          </summary>
          <div className="govuk-details__text">
            <RequestList requests={completion.extensionRequests} />
          </div>
        </details>
      ) : null}

      <h2 className="govuk-heading-m">The new timescale</h2>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="agreedByRole"
          legend="Who agreed the new timescale?"
          items={APPROVER_ITEMS}
          value={agreedByRole}
          onChange={setAgreedByRole}
          error={form.errorFor('agreedByRole')}
        />
        <TextInput
          name="agreedByName"
          label="Name of the person who agreed it"
          value={agreedByName}
          onChange={setAgreedByName}
          error={form.errorFor('agreedByName')}
          autoComplete="off"
          spellCheck={false}
        />
        <DateInput
          name="agreedOn"
          legend="Date agreed"
          hint="For example, 27 3 2027"
          value={agreedOn}
          onChange={setAgreedOn}
          error={form.errorFor('agreedOn')}
        />
        <DateInput
          name="newDueDate"
          legend="New completion date"
          hint={`Must be after the current completion date, ${formatDate(completion.dueDate)}. For example, ${exampleAfter(completion.dueDate)}`}
          value={newDueDate}
          onChange={setNewDueDate}
          error={form.errorFor('newDueDate')}
        />
        <CharacterCount
          name="reason"
          label="Reason for the new timescale"
          value={reason}
          onChange={setReason}
          error={form.errorFor('reason')}
          maxLength={REASON_MAX}
        />
        <SubmitButton pending={form.pending} pendingText="Recording the new timescale">
          Record new timescale
        </SubmitButton>
      </form>
    </Main>
  );
}

function ExtensionList({ extensions }: { extensions: ReviewPart['completion']['extensions'] }) {
  return (
    <>
      {extensions.map((e, i) => (
        <div key={`${e.recordedAt}-${i}`}>
          <h3 className="govuk-heading-s">Extension {i + 1}</h3>
          <dl className="govuk-summary-list govuk-!-margin-bottom-6">
            <Row label="New completion date">
              {formatDate(e.newDueDate)} (was {formatDate(e.previousDueDate)})
            </Row>
            <Row label="Agreed by">
              {e.agreedByName}, {e.agreedByLabel}
            </Row>
            <Row label="Date agreed">{formatDate(e.agreedOn)}</Row>
            <Row label="Reason">
              <Paragraphs text={e.reason} />
            </Row>
            <Row label="Recorded">
              {formatDateTime(e.recordedAt)} by {e.recordedBy}
            </Row>
          </dl>
        </div>
      ))}
    </>
  );
}
