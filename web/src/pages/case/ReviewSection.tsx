import { useState, type FormEvent, type ReactNode } from 'react';
import type { ReviewView, TaskState, EmailState } from '../../../../functions/schemas/review.js';
import type { FieldError } from '../../../../functions/schemas/errors.js';
import { apiRequest } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import type { Notice } from '../../components/NotificationBanner.js';
import { DeadlineTag, DeliveryTag } from '../../components/Tag.js';
import { formatDate, formatDateTime } from '../../format.js';
import { TableRegion } from '../../components/TableRegion.js';
import { Link } from '../../router.js';

/**
 * "Serious case review" on the case page, once the Board chair has decided
 * to conduct one: the completion date and its extensions (8.4, 8.5), the
 * open duties, the statutory notifications (6.1-6.4) and the 6.2
 * confirmation, the panel (4.3-4.6), records secured (8.3, 10.3), a joint
 * review with other Boards (3.4, 3.5), parallel proceedings (7.1, 8.6-8.8)
 * and any publication hold. Every change is a POST from a button or a page
 * of its own: nothing here acts on a GET.
 */

/** What a failed action on this section shows at the top of the case page. */
export interface ReviewProblem {
  errors: FieldError[];
  problem: string | null;
}

interface ReviewSectionProps {
  reference: string;
  review: ReviewView;
  /** An action worked: show the banner and load the case again. */
  onDone: (notice: Notice) => void;
  /** An action failed: show the error summary at the top of the page. */
  onProblem: (problem: ReviewProblem) => void;
  /** The field errors now shown, for the inline message by the Start button. */
  errors: readonly FieldError[];
}

const SERVICE_PROBLEM = 'Sorry, there is a problem with the service. Try again later';

/** A review duty stands as any other deadline does. */
function TaskTag({ status }: { status: TaskState }) {
  return <DeadlineTag status={status} />;
}

/** What SES said about an email, or that none has been sent. */
function EmailTag({ status }: { status: EmailState }) {
  if (status === 'not-sent') return <strong className="govuk-tag govuk-tag--grey">Not sent</strong>;
  return <DeliveryTag status={status} />;
}

/** "Police", "Health and Police", "Health, Police and Probation". */
function inWords(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** A link to one of the review's pages, as a paragraph of its own. */
function ActionLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={to}>
        {children}
      </Link>
    </p>
  );
}

function Heading({ id, children }: { id: string; children: ReactNode }) {
  return (
    <h2 className="govuk-heading-m govuk-!-margin-top-7" id={id}>
      {children}
    </h2>
  );
}

/** Maps a failed POST to what the top of the page shows. */
function problemOf(result: Awaited<ReturnType<typeof apiRequest>>, forbidden: string): ReviewProblem | null {
  if (result.kind === 'ok' || result.kind === 'signed-out') return null;
  if (result.kind === 'invalid') {
    // Several reasons may name the same part of the page ("panel"): each needs its own name for the summary.
    const seen = new Map<string, number>();
    const errors = result.errors.map((e) => {
      const n = (seen.get(e.name) ?? 0) + 1;
      seen.set(e.name, n);
      return n === 1 ? e : { ...e, name: `${e.name}.${n}` };
    });
    return { errors, problem: null };
  }
  if (result.kind === 'forbidden') return { errors: [], problem: result.message ?? forbidden };
  if (result.kind === 'conflict') return { errors: [], problem: result.message ?? SERVICE_PROBLEM };
  if (result.kind === 'not-found') return { errors: [], problem: 'This case or its review could not be found. It may have moved on: reload the page' };
  return { errors: [], problem: result.message ?? SERVICE_PROBLEM };
}

export function ReviewSection({ reference, review, onDone, onProblem, errors }: ReviewSectionProps) {
  const base = `/cases/${encodeURIComponent(reference)}/review`;
  const api = `/api/cases/${encodeURIComponent(reference)}/review`;
  const { manage } = review.permissions;
  return (
    <>
      <p className="govuk-body">
        The Board chair decided to conduct a serious case review on {formatDateTime(review.decidedAt)}. When it must be
        complete, and any extension, is on the{' '}
        <Link className="govuk-link" to={`/cases/${encodeURIComponent(reference)}/timescale`}>
          timescale page
        </Link>
        .
      </p>
      <ActionLink to={`/cases/${encodeURIComponent(reference)}/terms-of-reference`}>Terms of reference</ActionLink>
      <ActionLink to={`/cases/${encodeURIComponent(reference)}/report/versions`}>Overview report</ActionLink>

      <Tasks tasks={review.tasks} />
      <Notifications review={review} base={base} api={api} reference={reference} onDone={onDone} onProblem={onProblem} />
      <NbuConfirmation review={review} base={base} />
      <Panel review={review} base={base} api={api} onDone={onDone} onProblem={onProblem} errors={errors} />
      <Records review={review} base={base} />
      <JointReview review={review} base={base} />

      <Heading id="review-proceedings">Parallel proceedings</Heading>
      <p className="govuk-body">Other investigations or proceedings running alongside the review (paragraphs 7.1, 8.6 and 8.7).</p>
      {review.proceedings.length === 0 ? (
        <p className="govuk-body">None recorded.</p>
      ) : (
        <dl className="govuk-summary-list">
          {review.proceedings.map((p) => (
            <Row key={p.id} label={p.kindLabel}>
              <p className="govuk-body govuk-!-margin-bottom-1">{p.details}</p>
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                {p.startedOn ? `Started ${formatDate(p.startedOn)}. ` : ''}Recorded by {p.recordedBy} on {formatDate(p.recordedAt)}.
              </p>
            </Row>
          ))}
        </dl>
      )}
      {manage ? <ActionLink to={`${base}/proceedings/add`}>Record parallel proceedings</ActionLink> : null}

      <Heading id="review-publication">Publication</Heading>
      {review.publicationHold ? (
        <>
          <WarningText>Publication is on hold until parallel proceedings allow it (paragraph 8.8).</WarningText>
          <dl className="govuk-summary-list">
            <Row label="Why">{review.publicationHold.reason}</Row>
            <Row label="Set by">{review.publicationHold.setBy}</Row>
            <Row label="Date">{formatDateTime(review.publicationHold.setAt)}</Row>
          </dl>
        </>
      ) : (
        <p className="govuk-body">Publication is not on hold.</p>
      )}
      {manage ? <ActionLink to={`${base}/publication-hold`}>Set or lift a publication hold</ActionLink> : null}

      <Heading id="review-early-lessons">Early lessons</Heading>
      <p className="govuk-body">Lessons are acted on as soon as they are learned, whether or not publication is on hold (paragraphs 8.1 and 8.8).</p>
      {review.earlyLessons.length ? (
        <dl className="govuk-summary-list">
          {review.earlyLessons.map((l, i) => (
            <Row key={l.id} label={`Lesson ${i + 1}`}>
              {l.lesson}
              <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">
                {l.actionBy ? `Acted on by ${l.actionBy}. ` : ''}Recorded {formatDateTime(l.recordedAt)} by {l.recordedBy}
              </span>
            </Row>
          ))}
        </dl>
      ) : (
        <p className="govuk-body">No early lessons recorded yet.</p>
      )}
      {manage ? <ActionLink to={`${base}/early-lessons/add`}>Record an early lesson</ActionLink> : null}
    </>
  );
}

/** 8.4, 8.5: when the review must be complete, and every extension asked for or agreed (the timescale page). */
export function CompletionSection({ reference, review }: { reference: string; review: ReviewView }) {
  const base = `/cases/${encodeURIComponent(reference)}/review`;
  const c = review.completion;
  return (
    <>
      <h2 className="govuk-heading-m" id="review-timescale">
        Completing the review
      </h2>
      <dl className="govuk-summary-list">
        <Row label="Complete by">{formatDate(c.dueDate)}</Row>
        <Row label="How the date was worked out">{c.rule}</Row>
        <Row label="Status">
          <TaskTag status={c.status} />
        </Row>
        {c.completed ? (
          <Row label="Completed">
            <strong className={`govuk-tag ${c.completed.kind === 'late' ? 'govuk-tag--red' : 'govuk-tag--green'}`}>
              {c.completed.kind === 'late' ? 'Completed late' : 'Completed on time'}
            </strong>
            <p className="govuk-body govuk-!-margin-top-1 govuk-!-margin-bottom-0" data-testid="completed">
              {c.completed.text}
            </p>
          </Row>
        ) : null}
      </dl>
      {c.extensionRequests.length ? (
        <>
          <h3 className="govuk-heading-s">New timescales requested</h3>
          <ul className="govuk-list govuk-list--bullet">
            {c.extensionRequests.map((r, i) => (
              <li key={`${r.requestedAt}-${i}`}>
                {formatDate(r.requestedAt)}: {r.requestedBy} asked {r.approachedLabel}
                {r.proposedDate ? ` for ${formatDate(r.proposedDate)}` : ''}. {r.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.extensions.length ? (
        <TableRegion caption="Agreed extensions" captionClass="govuk-table__caption govuk-table__caption--s">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">New date</th>
                <th scope="col" className="govuk-table__header">Was</th>
                <th scope="col" className="govuk-table__header">Agreed by</th>
                <th scope="col" className="govuk-table__header">Reason</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {c.extensions.map((e, i) => (
                <tr className="govuk-table__row" key={`${e.recordedAt}-${i}`}>
                  <th scope="row" className="govuk-table__header">{formatDate(e.newDueDate)}</th>
                  <td className="govuk-table__cell">{formatDate(e.previousDueDate)}</td>
                  <td className="govuk-table__cell">
                    {e.agreedByName}, {e.agreedByLabel}, on {formatDate(e.agreedOn)}
                  </td>
                  <td className="govuk-table__cell">{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
      ) : (
        <p className="govuk-body">No extensions have been agreed.</p>
      )}
      {review.permissions.manage ? (
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={`${base}/extension-request`}>
              Request a new timescale
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${base}/extension`}>
              Record an agreed extension
            </Link>
          </li>
        </ul>
      ) : null}
    </>
  );
}

/** Every duty of the review, done ones included, soonest first: what, who owns it, when it is due, and how it stands. */
function Tasks({ tasks }: { tasks: ReviewView['tasks'] }) {
  return (
    <>
      <Heading id="review-tasks">Duties of the review</Heading>
      {tasks.length === 0 ? (
        <p className="govuk-body">Nothing is waiting.</p>
      ) : (
        <ul className="govuk-task-list" aria-label="Duties of the review, soonest first">
          {tasks.map((t) => (
            <li className="govuk-task-list__item" key={t.id}>
              <div className="govuk-task-list__name-and-hint">
                <p className="govuk-body govuk-!-margin-bottom-1 govuk-!-font-weight-bold">{t.label}</p>
                <div className="govuk-task-list__hint">
                  Owner: {t.owner}
                  <br />
                  Due: {formatDate(t.dueDate)}
                  {t.doneAt ? (
                    <>
                      <br />
                      Done: {formatDate(t.doneAt)}
                    </>
                  ) : null}
                </div>
              </div>
              <div className="govuk-task-list__status">
                <TaskTag status={t.status} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** 6.1-6.4: each statutory recipient's email, what SES said, and Send again when it failed. */
function Notifications({
  review,
  base,
  api,
  reference,
  onDone,
  onProblem,
}: {
  review: ReviewView;
  base: string;
  api: string;
  reference: string;
  onDone: (notice: Notice) => void;
  onProblem: (problem: ReviewProblem) => void;
}) {
  const [pending, run] = usePending();
  // Which row's button is busy, so only its status message speaks.
  const [sending, setSending] = useState<string | null>(null);
  const resend = (event: FormEvent<HTMLFormElement>, recipient: string, label: string) => {
    event.preventDefault();
    if (pending) return;
    setSending(recipient);
    void run(async () => {
      const result = await apiRequest('staff', `${api}/notifications/resend`, { method: 'POST', body: { recipient } });
      if (result.kind === 'ok') onDone({ kind: 'success', heading: `The notification to ${label} is being sent again` });
      else {
        const problem = problemOf(result, 'Only the business manager can send notifications again');
        if (problem) onProblem(problem);
      }
    });
  };
  const canResend = review.permissions.manage;
  return (
    <>
      <Heading id="review-notifications">Statutory notifications</Heading>
      <p className="govuk-body">
        Who must be told that this case is the subject of a serious case review (paragraphs 6.1 to 6.4). The emails say where to
        sign in to read the notification; they carry no details of the child.
      </p>
      <TableRegion caption={`Statutory notifications for case ${reference}`} captionClass="govuk-visually-hidden">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">To</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {review.statutoryNotifications.map((n) => (
              <tr className="govuk-table__row" key={n.recipient}>
                <th scope="row" className="govuk-table__header">
                  {n.label} (paragraph {n.paragraph})
                  <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-text-break-word">{n.email}</span>
                </th>
                <td className="govuk-table__cell">
                  <EmailTag status={n.status} />
                  {n.attempts > 1 ? <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">{n.attempts} attempts</span> : null}
                </td>
                <td className="govuk-table__cell">{n.at ? formatDateTime(n.at) : 'Not sent yet'}</td>
                <td className="govuk-table__cell">
                  {n.canResend && canResend ? (
                    <form noValidate onSubmit={(e) => resend(e, n.recipient, n.label)} className="app-inline-form">
                      <SubmitButton
                        pending={pending && sending === n.recipient}
                        pendingText={`Sending the notification to ${n.label} again`}
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      >
                        Send again<span className="govuk-visually-hidden"> to {n.label}</span>
                      </SubmitButton>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      <h3 className="govuk-heading-s">Ofsted’s form (paragraph 6.1)</h3>
      <p className="govuk-body">
        {review.ofstedForm
          ? `Completed${review.ofstedFormUpdatedAt ? `, last changed ${formatDateTime(review.ofstedFormUpdatedAt)}` : ''}.`
          : 'Not completed yet.'}
      </p>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`${base}/ofsted-form`}>
            View or complete Ofsted’s form
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/cases/${encodeURIComponent(reference)}/notification`}>
            View the notification record
          </Link>
        </li>
      </ul>
    </>
  );
}

/** 6.2: the sub-committee chair confirms to the Board that the NBU was notified. */
function NbuConfirmation({ review, base }: { review: ReviewView; base: string }) {
  const c = review.nbuConfirmation;
  const confirmed = c.confirmedAt !== undefined || c.status === 'done';
  return (
    <>
      <Heading id="review-nbu">Confirmation that the National Business Unit was notified</Heading>
      <p className="govuk-body">The chair of the Strategic and Serious Case Review sub-committee confirms this for the Board (paragraph 6.2).</p>
      <dl className="govuk-summary-list">
        <Row label="Status">
          <TaskTag status={c.status} />
        </Row>
        <Row label="Due">{formatDate(c.dueDate)}</Row>
        {c.notifiedOn ? <Row label="Notified on">{formatDate(c.notifiedOn)}</Row> : null}
        {c.confirmedAt ? (
          <Row label="Confirmed">
            {c.confirmedBy ? `${c.confirmedBy}, ` : ''}
            {formatDateTime(c.confirmedAt)}
          </Row>
        ) : null}
      </dl>
      {review.permissions.confirmNbu && !confirmed ? (
        <ActionLink to={`${base}/nbu-confirmation`}>Confirm the National Business Unit was notified</ActionLink>
      ) : null}
    </>
  );
}

/** 4.3-4.6: who sits on the panel, whose mandate is confirmed, and what stops the review starting. */
function Panel({
  review,
  base,
  api,
  onDone,
  onProblem,
  errors,
}: {
  review: ReviewView;
  base: string;
  api: string;
  onDone: (notice: Notice) => void;
  onProblem: (problem: ReviewProblem) => void;
  errors: readonly FieldError[];
}) {
  const [pending, run] = usePending();
  const { panel, permissions } = review;
  const canRecordMandate = permissions.manage;
  const nameOf = (idOrName: string) => panel.members.find((m) => m.id === idOrName)?.name ?? idOrName;
  const startErrors = errors.filter((e) => e.href === '#panel').map((e) => e.text);
  const startError = startErrors.length > 0;

  const start = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result = await apiRequest('staff', `${api}/start`, { method: 'POST', body: {} });
      if (result.kind === 'ok') {
        onDone({ kind: 'success', heading: 'The review has started', text: 'The panel is complete and each agency has confirmed its representative.' });
      } else {
        const problem = problemOf(result, 'Only the business manager can start the review');
        if (problem) onProblem(problem);
      }
    });
  };

  const blocked = panel.blockers.length > 0 || panel.missing.length > 0 || panel.unconfirmed.length > 0;
  return (
    <>
      <Heading id="review-panel">Review panel</Heading>
      <p className="govuk-body">
        The sub-committee conducting the review must include representatives of Children’s Services (social care and
        education), Health and Police (paragraph 4.3). Each agency confirms its representative has an explicit mandate,
        enough experience and enough seniority (paragraph 4.6).
      </p>
      {!panel.startedAt && blocked ? (
        <div id="panel-warning">
          <WarningText>
            The review cannot start yet.
            {panel.missing.length ? ` The panel has no one from ${inWords(panel.missing.map((m) => m.label))} (paragraph 4.3).` : ''}
            {panel.unconfirmed.length
              ? ` Waiting for the agency to confirm the mandate, experience and seniority of ${inWords(panel.unconfirmed.map(nameOf))} (paragraph 4.6).`
              : ''}
          </WarningText>
          {panel.missing.length === 0 && panel.unconfirmed.length === 0 ? (
            <ul className="govuk-list govuk-list--bullet">
              {panel.blockers.map((b, i) => (
                <li key={i}>{b}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {panel.members.length === 0 ? (
        <p className="govuk-body">No one has been added to the panel yet.</p>
      ) : (
        <TableRegion caption="Panel members" captionClass="govuk-visually-hidden">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Name</th>
                <th scope="col" className="govuk-table__header">Agency or field</th>
                <th scope="col" className="govuk-table__header">Co-opted</th>
                <th scope="col" className="govuk-table__header">Mandate confirmed</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {panel.members.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <th scope="row" className="govuk-table__header">
                    {m.name}
                    <span className="govuk-!-display-block govuk-!-font-weight-regular">
                      {m.jobTitle}, {m.organisation}
                    </span>
                    <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-text-break-word">{m.email}</span>
                  </th>
                  <td className="govuk-table__cell">{m.agencyLabel}</td>
                  <td className="govuk-table__cell">{m.coOpted ? 'Yes' : 'No'}</td>
                  <td className="govuk-table__cell">
                    {m.mandate ? (
                      <>
                        <strong className="govuk-tag govuk-tag--green">Confirmed</strong>
                        <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">
                          By {m.mandate.confirmedBy} on {formatDate(m.mandate.confirmedOn)}
                        </span>
                      </>
                    ) : canRecordMandate ? (
                      <Link className="govuk-link" to={`${base}/panel/${encodeURIComponent(m.id)}/mandate`}>
                        Record the agency’s confirmation<span className="govuk-visually-hidden"> for {m.name}</span>
                      </Link>
                    ) : (
                      <strong className="govuk-tag govuk-tag--grey">Not confirmed</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
      )}
      {permissions.addPanelMembers && !panel.startedAt ? <ActionLink to={`${base}/panel/add`}>Add a panel member</ActionLink> : null}
      {panel.startedAt ? (
        <p className="govuk-body">
          The review started on <strong>{formatDateTime(panel.startedAt)}</strong>.
        </p>
      ) : permissions.manage ? (
        <form noValidate onSubmit={start}>
          <div
            className={startError ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}
            id="panel"
            tabIndex={-1}
          >
            <h3 className="govuk-heading-s">Start the review</h3>
            <p className="govuk-body">
              The review can start once the panel includes every agency paragraph 4.3 requires and each agency has confirmed
              its representative.
            </p>
            {startError ? (
              <p className="govuk-error-message" id="panel-error">
                <span className="govuk-visually-hidden">Error:</span>{' '}
                {startErrors.map((text, i) => (
                  <span className="govuk-!-display-block" key={i}>
                    {text}
                  </span>
                ))}
              </p>
            ) : null}
            <SubmitButton
              pending={pending}
              pendingText="Starting the review"
              className="govuk-button govuk-!-margin-bottom-0"
              aria-describedby={startError ? 'panel-error' : undefined}
            >
              Start the review
            </SubmitButton>
          </div>
        </form>
      ) : null}
    </>
  );
}

/** 8.3, 10.3: agencies asked to secure their records, and whether they have. */
function Records({ review, base }: { review: ReviewView; base: string }) {
  const { manage } = review.permissions;
  return (
    <>
      <Heading id="review-records">Records secured</Heading>
      <p className="govuk-body">
        Each agency’s senior manager secures its records about the child at once, so nothing is lost or changed (paragraphs
        8.3 and 10.3).
      </p>
      {review.records.length === 0 ? (
        <p className="govuk-body">No agency has been asked yet.</p>
      ) : (
        <TableRegion caption="Agencies asked to secure their records" captionClass="govuk-visually-hidden">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Agency</th>
                <th scope="col" className="govuk-table__header">Senior manager</th>
                <th scope="col" className="govuk-table__header">Due</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">Email</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {review.records.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <th scope="row" className="govuk-table__header">{r.agency}</th>
                  <td className="govuk-table__cell">
                    {r.contactName}
                    <span className="govuk-!-display-block govuk-!-text-break-word">{r.contactEmail}</span>
                  </td>
                  <td className="govuk-table__cell">{formatDate(r.dueDate)}</td>
                  <td className="govuk-table__cell">
                    <TaskTag status={r.status} />
                    {r.securedOn ? (
                      <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">
                        Secured{r.securedBy ? ` by ${r.securedBy}` : ''} on {formatDate(r.securedOn)}
                      </span>
                    ) : manage ? (
                      <Link className="govuk-link govuk-!-display-block" to={`${base}/records/${encodeURIComponent(r.id)}/secured`}>
                        Record records secured<span className="govuk-visually-hidden"> for {r.agency}</span>
                      </Link>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">
                    <EmailTag status={r.emailStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
      )}
      {manage ? <ActionLink to={`${base}/records/add`}>Ask an agency to secure its records</ActionLink> : null}
    </>
  );
}

const JOINT_STATES: Record<NonNullable<ReviewView['jointReview']>['state'], string> = {
  asking: 'Waiting for the other Boards to answer',
  agreed: 'Every Board agreed',
  referred: 'Referred for a final decision (paragraph 3.5)',
  decided: 'Final decision recorded',
};

/** 3.4, 3.5: a review involving other Boards' areas. */
function JointReview({ review, base }: { review: ReviewView; base: string }) {
  const j = review.jointReview;
  const { manage } = review.permissions;
  return (
    <>
      <Heading id="review-joint">Joint review with other Boards</Heading>
      {!j ? (
        <>
          <p className="govuk-body">Other Boards have not been asked about a joint review (paragraph 3.4).</p>
          {manage ? <ActionLink to={`${base}/joint`}>Ask other Boards about a joint review</ActionLink> : null}
        </>
      ) : (
        <>
          <dl className="govuk-summary-list">
            <Row label="Proposal">{j.proposalLabel}</Row>
            <Row label="Asked">{formatDateTime(j.askedAt)}</Row>
            <Row label="Answers due">{formatDate(j.dueDate)}</Row>
            <Row label="Where it stands">{JOINT_STATES[j.state]}</Row>
            {j.referral ? (
              <Row label="Referred">
                {j.referral.reason === 'disagreement' ? 'The chairs did not agree' : 'Not every Board answered in time'} (
                {formatDate(j.referral.at)})
              </Row>
            ) : null}
          </dl>
          <TableRegion caption="The other Boards’ answers" captionClass="govuk-table__caption govuk-table__caption--s">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Board</th>
                  <th scope="col" className="govuk-table__header">Chair</th>
                  <th scope="col" className="govuk-table__header">Answer</th>
                  <th scope="col" className="govuk-table__header">Email</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {j.boards.map((b) => (
                  <tr className="govuk-table__row" key={b.board}>
                    <th scope="row" className="govuk-table__header">{b.board}</th>
                    <td className="govuk-table__cell">
                      {b.chairName}
                      <span className="govuk-!-display-block govuk-!-text-break-word">{b.chairEmail}</span>
                    </td>
                    <td className="govuk-table__cell">
                      {b.answer === 'agree' ? 'Agreed' : b.answer === 'disagree' ? 'Did not agree' : 'No answer yet'}
                      {b.answeredAt ? ` (${formatDate(b.answeredAt)})` : ''}
                      {b.comment ? <span className="govuk-!-display-block govuk-body-s govuk-!-margin-bottom-0">{b.comment}</span> : null}
                    </td>
                    <td className="govuk-table__cell">
                      <EmailTag status={b.emailStatus} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableRegion>
          {j.finalDecision ? (
            <>
              <h3 className="govuk-heading-s">Final decision (paragraph 3.5)</h3>
              <dl className="govuk-summary-list">
                <Row label="Decision">{j.finalDecision.outcomeLabel}</Row>
                <Row label="Decided by">
                  {j.finalDecision.decidedByLabel} on {formatDate(j.finalDecision.decidedOn)}
                </Row>
                {j.finalDecision.notes ? <Row label="Notes">{j.finalDecision.notes}</Row> : null}
                <Row label="Recorded by">
                  {j.finalDecision.recordedBy}, {formatDateTime(j.finalDecision.recordedAt)}
                </Row>
              </dl>
            </>
          ) : null}
          {manage && j.state === 'referred' ? <ActionLink to={`${base}/joint/final-decision`}>Record the final decision</ActionLink> : null}
        </>
      )}
    </>
  );
}
