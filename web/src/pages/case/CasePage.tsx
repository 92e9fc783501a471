import { useState, type FormEvent, type ReactNode } from 'react';
import { roleLabels, staffRoles, type Role } from '../../../../functions/domain/roles.js';
import { addMemberSchema, caseDetailSchema, timelineSchema } from '../../../../functions/schemas/api.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { statutoryRecipients } from '../../../../functions/schemas/review.js';
import { apiDownload, apiRequest, saveBlob, useApiGet } from '../../api/client.js';
import { LinkButton, SubmitButton, usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, noticeFrom, type Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { Radios } from '../../components/Radios.js';
import { SummaryLists } from '../../components/SummaryLists.js';
import { DeadlineTag, DeliveryTag } from '../../components/Tag.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import type { RouteProps } from '../../App.js';
import { useLocation } from '../../router.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';
import { summarise } from '../check-answers/summary.js';
import { outcomeLabel } from '../cases/CasesPage.js';
import { referralToAnswers } from './referral-answers.js';
import { ReviewSection, type ReviewProblem } from './ReviewSection.js';
import type * as z from 'zod';

type CaseDetail = z.infer<typeof caseDetailSchema>;

const roleLabel = (role: string): string => roleLabels[role as Role] ?? role;

const NOTIFICATION_LABELS: Record<string, string> = {
  'referral-received': 'Referral received',
  'recommendation-recorded': 'Recommendation recorded',
  'decision-recorded': 'Decision recorded',
  'statutory-notification': 'Serious case review notification (paragraphs 6.1 to 6.4)',
  'records-requested': 'Request to secure records (paragraphs 8.3 and 10.3)',
  'joint-review-asked': 'Joint review question (paragraph 3.4)',
  'joint-review-referred': 'Joint review referred for a final decision (paragraph 3.5)',
};
/** What an email was about, in words; reminders and escalations say so. */
const notificationLabel = (kind: string): string =>
  kind.startsWith('alert:') ? 'Reminder or escalation' : (NOTIFICATION_LABELS[kind] ?? kind);
/**
 * Who an email went to: a role, or (for a reminder or escalation sent to an
 * address) say so. The review's emails name a statutory recipient and
 * attempt (`ofsted-nbu#2`), an agency's records request, another Board or a
 * chief executive.
 */
function recipientLabel(recipientRole: string): string {
  if (recipientRole.startsWith('to:')) return 'Reminder or escalation recipient';
  const statutory = statutoryRecipients.find((r) => recipientRole.startsWith(`${r.value}#`));
  if (statutory) return statutory.label;
  if (recipientRole.startsWith('agency:')) return 'Agency senior manager';
  if (recipientRole.startsWith('board:')) return `Chair of ${recipientRole.slice('board:'.length)}`;
  if (recipientRole.startsWith('chief-executive:')) return 'Chief executive';
  return roleLabel(recipientRole);
}
/** "paragraph 3.1", "paragraphs 3.1 and 3.2", "paragraphs 3.1, 3.2 and 3.3". */
function paragraphs(list: readonly string[]): string {
  if (list.length === 0) return 'None recorded';
  if (list.length === 1) return `Paragraph ${list[0]}`;
  return `Paragraphs ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}
const when = (at: string): string => (at ? formatDateTime(at) : 'Not known');
/** Who may add people to a case (the API decides; this only hides a form they could not use). */
const CAN_ADD_MEMBERS = ['business-manager', 'sub-committee-chair'];

/** One case: the referral, the criteria outcome, deadlines, the people on it, and (for some) its timeline. */
export function CasePage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{(session) => <Case reference={reference} roles={session.roles} />}</StaffOnly>;
}

function Case({ reference, roles }: { reference: string; roles: readonly string[] }) {
  const path = `/api/cases/${encodeURIComponent(reference)}`;
  const { state, reload } = useApiGet('staff', path, caseDetailSchema);
  // A review page sends people back here with what they did.
  const location = useLocation();
  const [notice, setNotice] = useState<Notice | undefined>(() => noticeFrom(location.state));
  // Errors in either form on the page put "Error: " in the title.
  const [formErrors, setFormErrors] = useState({ member: false, timeline: false });
  // A review action that failed (Start the review, Send again): shown at the top of the page.
  const [reviewProblem, setReviewProblem] = useState<ReviewProblem>({ errors: [], problem: null });
  const [reviewFocus, setReviewFocus] = useState(0);
  const reviewFailed = reviewProblem.errors.length > 0 || reviewProblem.problem !== null;
  const heading = `Case ${reference}`;
  useTitle(state.kind === 'not-found' ? 'Page not found' : heading, formErrors.member || formErrors.timeline || reviewFailed);

  if (state.kind === 'not-found') return <StaffNotFound />;
  return (
    <Main wide backTo="/cases">
      <ErrorSummary errors={reviewProblem.errors} focusKey={reviewFocus} />
      {reviewProblem.problem ? (
        <ProblemSummary title="There is a problem" focusKey={reviewFocus}>
          <p className="govuk-body">{reviewProblem.problem}</p>
        </ProblemSummary>
      ) : null}
      {notice && !reviewFailed ? <NotificationBanner notice={notice} /> : null}
      <span className="govuk-caption-l">Serious case review referral</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading the case…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="this case" />
      ) : (
        <CaseDetails
          detail={state.data}
          canAdd={CAN_ADD_MEMBERS.some((r) => roles.includes(r))}
          onErrors={(part, has) => setFormErrors((e) => (e[part] === has ? e : { ...e, [part]: has }))}
          onAdded={(email) => {
            setNotice({ kind: 'success', heading: `${email} has been added to this case` });
            reload();
          }}
          review={
            state.data.review ? (
              <ReviewSection
                reference={state.data.reference}
                review={state.data.review}
                errors={reviewProblem.errors}
                onDone={(done) => {
                  setReviewProblem({ errors: [], problem: null });
                  setNotice(done);
                  reload();
                }}
                onProblem={(problem) => {
                  setReviewProblem(problem);
                  setReviewFocus((k) => k + 1);
                }}
              />
            ) : null
          }
        />
      )}
    </Main>
  );
}

type ErrorsCallback = (part: 'member' | 'timeline', has: boolean) => void;

function CaseDetails({
  detail,
  canAdd,
  onAdded,
  onErrors,
  review,
}: {
  detail: CaseDetail;
  canAdd: boolean;
  onAdded: (email: string) => void;
  onErrors: ErrorsCallback;
  /** The serious case review section, once one has been decided on. */
  review: ReactNode;
}) {
  const sections = summarise(referralToAnswers(detail.referral)).map((s) =>
    s.section === 'referrer' ? { ...s, heading: 'Referrer' } : s,
  );
  // The review's own duties are in its task table (with who owns each): list only the rest here.
  const reviewTasks = new Set(detail.review?.tasks.map((t) => t.id));
  const deadlines = detail.deadlines.filter((d) => !reviewTasks.has(d.id));
  return (
    <>
      <dl className="govuk-summary-list govuk-!-margin-bottom-9">
        <SummaryRow label="Status">{detail.statusLabel}</SummaryRow>
        <SummaryRow label="Received">{formatDateTime(detail.receivedAt)}</SummaryRow>
        <SummaryRow label="Your role on this case">{roleLabel(detail.myRole)}</SummaryRow>
      </dl>

      <h2 className="govuk-heading-m">Criteria</h2>
      <p className="govuk-body">
        Outcome: <strong>{detail.criteria.outcomeLabel || outcomeLabel(detail.criteria.outcome)}</strong>
      </p>
      {detail.criteria.reasons.length ? (
        <>
          <h3 className="govuk-heading-s">Why</h3>
          <ul className="govuk-list govuk-list--bullet">
            {detail.criteria.reasons.map((r, i) => (
              <li key={i}>
                {r.text} (paragraph {r.paragraph})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.criteria.suggestions.length ? (
        <>
          <h3 className="govuk-heading-s">Other ways to learn from this case</h3>
          <ul className="govuk-list govuk-list--bullet">
            {detail.criteria.suggestions.map((r, i) => (
              <li key={i}>
                {r.text} (paragraph {r.paragraph})
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {detail.recommendation ? <Recommendation recommendation={detail.recommendation} /> : null}
      {detail.decision ? <Decision decision={detail.decision} /> : null}
      {review}

      {detail.review && deadlines.length === 0 ? null : <Deadlines deadlines={deadlines} />}

      <h2 className="govuk-heading-m govuk-!-margin-top-8">People on this case</h2>
      <table className="govuk-table">
        <caption className="govuk-visually-hidden">People on this case</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Email address</th>
            <th scope="col" className="govuk-table__header">Role</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {detail.members.map((m) => (
            <tr className="govuk-table__row" key={`${m.userId}-${m.role}`}>
              <td className="govuk-table__cell">{m.email}</td>
              <td className="govuk-table__cell">{roleLabel(m.role)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canAdd ? <AddMemberForm reference={detail.reference} onAdded={onAdded} onErrors={(has) => onErrors('member', has)} /> : null}

      {detail.notifications ? <EmailsSent notifications={detail.notifications} /> : null}

      <h2 className="govuk-heading-m govuk-!-margin-top-8">The referral</h2>
      <SummaryLists sections={sections} />

      {detail.canExportTimeline ? <Timeline reference={detail.reference} onErrors={(has) => onErrors('timeline', has)} /> : null}
    </>
  );
}

/** Open deadlines on the case: the decision stage's, or what else is due besides the review's own tasks. */
function Deadlines({ deadlines }: { deadlines: CaseDetail['deadlines'] }) {
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Deadlines</h2>
      {deadlines.length === 0 ? (
        <p className="govuk-body">There are no deadlines on this case yet.</p>
      ) : (
        <div className="app-table-wrapper">
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Deadlines for this case</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">What</th>
                <th scope="col" className="govuk-table__header">Due</th>
                <th scope="col" className="govuk-table__header">Rule</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {deadlines.map((d) => (
                <tr className="govuk-table__row" key={d.id}>
                  <th scope="row" className="govuk-table__header">{d.label}</th>
                  <td className="govuk-table__cell">{formatDate(d.dueDate)}</td>
                  <td className="govuk-table__cell">{d.rule}</td>
                  <td className="govuk-table__cell">
                    <DeadlineTag status={d.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** Text as typed, one paragraph per line. */
function Paragraphs({ text }: { text: string }) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return (
    <>
      {lines.map((line, i) => (
        <p className="govuk-body govuk-!-margin-bottom-1" key={i}>
          {line}
        </p>
      ))}
    </>
  );
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

/** The sub-committee's recommendation to the Board chair (4.2). */
function Recommendation({ recommendation: r }: { recommendation: NonNullable<CaseDetail['recommendation']> }) {
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Sub-committee recommendation</h2>
      <p className="govuk-body">Recorded by the Chair of the Serious Case Review sub-committee (paragraph 4.2).</p>
      <dl className="govuk-summary-list">
        <SummaryRow label="Recommendation">{r.label}</SummaryRow>
        <SummaryRow label="Reasons">
          <Paragraphs text={r.rationale} />
        </SummaryRow>
        <SummaryRow label="Criteria applied">{paragraphs(r.criteriaApplied)}</SummaryRow>
        <SummaryRow label="Recorded by">{r.by}</SummaryRow>
        <SummaryRow label="Date">{when(r.at)}</SummaryRow>
      </dl>
    </>
  );
}

/** The Board chair's decision (8.2), and whether it departs from the recommendation or the guidance (1.3). */
function Decision({ decision: d }: { decision: NonNullable<CaseDetail['decision']> }) {
  const departed = d.departedFromRecommendation || d.departedFromGuidance;
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Board chair’s decision</h2>
      <p className="govuk-body">Recorded by the Chair of the Board (paragraph 8.2).</p>
      {d.departedFromRecommendation ? <WarningText>This decision departs from the sub-committee’s recommendation</WarningText> : null}
      {d.departedFromGuidance ? <WarningText>This decision departs from the guidance (paragraphs 1.3 and 3.2)</WarningText> : null}
      <dl className="govuk-summary-list">
        <SummaryRow label="Decision">{d.label}</SummaryRow>
        {d.reasons !== undefined ? (
          <SummaryRow label="Reasons">
            <Paragraphs text={d.reasons || 'None given'} />
          </SummaryRow>
        ) : null}
        {departed && d.departureReason !== undefined ? (
          <SummaryRow label="Reason for departing">
            <Paragraphs text={d.departureReason || 'None given'} />
          </SummaryRow>
        ) : null}
        <SummaryRow label="Recorded by">{d.by}</SummaryRow>
        <SummaryRow label="Date">{when(d.at)}</SummaryRow>
      </dl>
    </>
  );
}

/** Proof of delivery: each email sent about the case and what SES last said about it. */
function EmailsSent({ notifications }: { notifications: NonNullable<CaseDetail['notifications']> }) {
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Emails sent</h2>
      {notifications.length === 0 ? (
        <p className="govuk-body">No emails have been sent about this case yet.</p>
      ) : (
        <div className="app-table-wrapper">
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Emails sent about this case</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">What</th>
                <th scope="col" className="govuk-table__header">To</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">When</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {notifications.map((n, i) => (
                <tr className="govuk-table__row" key={`${n.kind}-${n.recipientRole}-${n.email}-${i}`}>
                  <th scope="row" className="govuk-table__header">{notificationLabel(n.kind)}</th>
                  <td className="govuk-table__cell">
                    {recipientLabel(n.recipientRole)}
                    <br />
                    <span className="govuk-!-text-break-word">{n.email}</span>
                  </td>
                  <td className="govuk-table__cell">
                    <DeliveryTag status={n.status} />
                    {n.note ? <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">{n.note}</p> : null}
                  </td>
                  <td className="govuk-table__cell">{when(n.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const ROLE_ITEMS = staffRoles.map((role) => ({ value: role, label: roleLabels[role] }));

/** "Add someone to this case": POST /api/cases/{reference}/members with addMemberSchema. */
function AddMemberForm({
  reference,
  onAdded,
  onErrors,
}: {
  reference: string;
  onAdded: (email: string) => void;
  onErrors: (has: boolean) => void;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
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

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = addMemberSchema.safeParse({ email: email.trim(), role: role || undefined });
    if (!parsed.success) return show(toFieldErrors(parsed.error, ['member']));
    void run(async () => {
      const result = await apiRequest('staff', `/api/cases/${encodeURIComponent(reference)}/members`, {
        method: 'POST',
        body: parsed.data,
      });
      if (result.kind === 'ok') {
        setEmail('');
        setRole('');
        setErrors([]);
        setProblem(null);
        onErrors(false);
        onAdded(parsed.data.email);
      } else if (result.kind === 'invalid') {
        // The server names fields without our `member.` prefix.
        show(result.errors.map((e) => (e.name.startsWith('member.') ? e : { ...e, name: `member.${e.name}`, href: `#member-${e.name}` })));
      } else if (result.kind === 'conflict') {
        show([{ name: 'member.email', href: '#member-email', text: result.message ?? 'They are already on this case' }]);
      } else if (result.kind !== 'signed-out') {
        show([], result.kind === 'forbidden' ? 'You cannot add people to this case' : 'Sorry, there is a problem with the service. Try again later');
      }
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="add-member-heading">
      <h3 className="govuk-heading-s" id="add-member-heading">
        Add someone to this case
      </h3>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? <ProblemSummary title="There is a problem" focusKey={focusKey}><p className="govuk-body">{problem}</p></ProblemSummary> : null}
      <TextInput
        name="member.email"
        label="Email address"
        hint="They must already have an account. Ask the business manager to invite them if not."
        type="email"
        value={email}
        onChange={setEmail}
        error={errors.find((e) => e.name === 'member.email')?.text}
        autoComplete="off"
        spellCheck={false}
      />
      <Radios
        name="member.role"
        legend="Their role on this case"
        legendSize="s"
        items={ROLE_ITEMS}
        value={role}
        onChange={setRole}
        error={errors.find((e) => e.name === 'member.role')?.text}
        small
      />
      <SubmitButton pending={pending} pendingText="Adding them to the case" className="govuk-button govuk-button--secondary">
        Add to case
      </SubmitButton>
    </form>
  );
}

/** The audit trail of the case, and a CSV download of it. */
function Timeline({ reference, onErrors }: { reference: string; onErrors: (has: boolean) => void }) {
  const path = `/api/cases/${encodeURIComponent(reference)}/timeline`;
  const { state } = useApiGet('staff', path, timelineSchema);
  const [downloading, run] = usePending();
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);

  const download = () =>
    void run(async () => {
      const result = await apiDownload('staff', `${path}?format=csv`);
      if (result.kind === 'ok') {
        setProblem(null);
        onErrors(false);
        saveBlob(result.blob, `${reference}-timeline.csv`);
      } else if (result.kind !== 'signed-out') {
        setProblem('We could not download the timeline. Try again later.');
        onErrors(true);
        setFocusKey((k) => k + 1);
      }
    });

  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Timeline</h2>
      {problem ? (
        <ProblemSummary title="Sorry, there is a problem with the service" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      <p className="govuk-body">Everything that has happened on this case, oldest first. Downloading it is recorded too.</p>
      <p className="govuk-body">
        <LinkButton onClick={download} aria-disabled={downloading || undefined}>
          Download timeline (CSV)
        </LinkButton>
        <span className="govuk-visually-hidden" role="status">
          {downloading ? 'Downloading the timeline' : ''}
        </span>
      </p>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading the timeline…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="the timeline" />
      ) : (
        <div className="app-table-wrapper">
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Timeline of case {reference}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">When</th>
                <th scope="col" className="govuk-table__header">What happened</th>
                <th scope="col" className="govuk-table__header">Who</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {state.data.entries.map((e, i) => (
                <tr className="govuk-table__row" key={`${e.at}-${i}`}>
                  <td className="govuk-table__cell">{formatDateTime(e.at)}</td>
                  <td className="govuk-table__cell">{e.description}</td>
                  <td className="govuk-table__cell">
                    {e.actor}
                    {e.actorRole ? ` (${roleLabel(e.actorRole)})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
