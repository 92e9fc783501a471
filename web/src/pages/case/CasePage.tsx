import { useState, type FormEvent, type ReactNode } from 'react';
import { roleLabels, staffRoles, type Role } from '../../../../functions/domain/access/roles.js';
import { capitalise, emailPurpose, recipientInSentence, SUB_COMMITTEE } from '../../../../functions/domain/email/wording.js';
import { addMemberSchema, caseDetailSchema, timelineSchema } from '../../../../functions/schemas/api.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { apiDownload, apiRequest, saveBlob, useApiGet } from '../../api/client.js';
import { LinkButton, SubmitButton, usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, noticeFrom, type Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { Radios } from '../../components/Radios.js';
import { SubNavigation } from '../../components/SubNavigation.js';
import { SummaryLists } from '../../components/SummaryLists.js';
import { TableRegion } from '../../components/TableRegion.js';
import { DeadlineTag, DeliveryTag } from '../../components/Tag.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import type { RouteProps } from '../../App.js';
import { Link, useLocation } from '../../router.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';
import { summarise } from '../referral/check-answers/summary.js';
import { outcomeLabel } from './cases/CasesPage.js';
import { referralToAnswers } from './referral-answers.js';
import { CompletionSection, ReviewSection, type ReviewProblem } from './ReviewSection.js';
import { ContributionsSection } from './ContributionsSection.js';
import { ReportSection } from '../report/ReportSection.js';
import { ActionPlanSection } from '../actions/ActionPlanSection.js';
import { CASE_SECTIONS, caseSectionOf, caseSectionPath, type CaseSectionSlug } from './sections.js';
import { isBusinessManager, OTHER_CHILDREN_TASK_ID, otherChildrenPath } from './other-children-link.js';
import type * as z from 'zod';

type CaseDetail = z.infer<typeof caseDetailSchema>;

const roleLabel = (role: string): string => roleLabels[role as Role] ?? role;

/** "Paragraph 3.1", "Paragraphs 3.1 and 3.2", "Paragraphs 3.1, 3.2 and 3.3". */
function paragraphs(list: readonly string[]): string {
  if (list.length === 0) return 'None recorded';
  if (list.length === 1) return `Paragraph ${list[0]}`;
  return `Paragraphs ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}
const when = (at: string): string => (at ? formatDateTime(at) : 'Not known');
/** Who may add people to a case (the API decides; this only hides a form they could not use). */
const CAN_ADD_MEMBERS = ['business-manager', 'sub-committee-chair'];

/** Which pages of the workspace this person sees on this case. */
function visibleSections(detail: CaseDetail): CaseSectionSlug[] {
  // Only those who may read the whole case get its notifications: the same test says what else they see.
  const full = detail.notifications !== undefined;
  const shows: Record<CaseSectionSlug, boolean> = {
    '': true,
    referral: full,
    decision: full || detail.decision !== undefined,
    review: detail.review !== undefined,
    contributions: detail.review !== undefined && detail.notifications !== undefined,
    // The overview report's parts (pages/report): each page asks the API what this person may see there.
    report: detail.review !== undefined,
    actions: detail.review !== undefined && full,
    timescale: true,
    people: full,
    emails: full,
    timeline: detail.canExportTimeline,
  };
  return CASE_SECTIONS.map((s) => s.slug).filter((slug) => shows[slug]);
}

/**
 * One case as a workspace: a page per part (summary and what needs doing,
 * referral, decision, review, timescale, people, emails sent, timeline),
 * each with its own address, joined by the sub navigation.
 */
export function CasePage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const location = useLocation();
  const slug = caseSectionOf(location.pathname) ?? '';
  return <StaffOnly>{(session) => <Case reference={reference} slug={slug} roles={session.roles} />}</StaffOnly>;
}

function Case({ reference, slug, roles }: { reference: string; slug: CaseSectionSlug; roles: readonly string[] }) {
  const path = `/api/cases/${encodeURIComponent(reference)}`;
  const { state, reload } = useApiGet('staff', path, caseDetailSchema);
  // A review page sends people back here with what they did.
  const location = useLocation();
  const [notice, setNotice] = useState<Notice | undefined>(() => noticeFrom(location.state));
  // Errors in either form on the page put "Error: " in the title.
  const [formErrors, setFormErrors] = useState({ member: false, timeline: false, contribution: false });
  // A review action that failed (Start the review, Send again): shown at the top of the page.
  const [reviewProblem, setReviewProblem] = useState<ReviewProblem>({ errors: [], problem: null });
  const [reviewFocus, setReviewFocus] = useState(0);
  const reviewFailed = reviewProblem.errors.length > 0 || reviewProblem.problem !== null;
  const section = CASE_SECTIONS.find((s) => s.slug === slug) ?? CASE_SECTIONS[0];
  const heading = slug === '' ? `Case ${reference}` : section.title;
  useTitle(
    state.kind === 'not-found' ? 'Page not found' : slug === '' ? heading : `${heading} – Case ${reference}`,
    formErrors.member || formErrors.timeline || formErrors.contribution || reviewFailed,
  );

  if (state.kind === 'not-found') return <StaffNotFound />;
  const detail = state.kind === 'ok' ? state.data : undefined;
  const sections = detail ? visibleSections(detail) : [];
  const onErrors: ErrorsCallback = (part, has) => setFormErrors((e) => (e[part] === has ? e : { ...e, [part]: has }));
  return (
    <Main wide backTo={slug === '' ? '/cases' : caseSectionPath(reference, '')}>
      <div className="app-workspace">
        <ErrorSummary errors={reviewProblem.errors} focusKey={reviewFocus} />
        {reviewProblem.problem ? (
          <ProblemSummary title="There is a problem" focusKey={reviewFocus}>
            <p className="govuk-body">{reviewProblem.problem}</p>
          </ProblemSummary>
        ) : null}
        {notice && !reviewFailed ? <NotificationBanner notice={notice} /> : null}
        <span className="govuk-caption-l">{slug === '' ? 'Serious case review referral' : `Case ${reference}`}</span>
        <h1 className="govuk-heading-l">{heading}</h1>
        {detail ? (
          <SubNavigation
            label={`Case ${reference}`}
            items={sections.map((s) => ({
              href: caseSectionPath(reference, s),
              label: CASE_SECTIONS.find((x) => x.slug === s)?.label ?? s,
              current: s === slug,
            }))}
          />
        ) : null}
        {state.kind === 'loading' ? (
          <p className="govuk-body" role="status">
            Loading the case…
          </p>
        ) : !detail ? (
          <LoadProblem state={state} what="this case" />
        ) : !sections.includes(slug) ? (
          <NotShown slug={slug} reference={reference} />
        ) : slug === '' ? (
          <Summary detail={detail} />
        ) : slug === 'referral' ? (
          <Referral detail={detail} />
        ) : slug === 'decision' ? (
          <DecisionSection detail={detail} />
        ) : slug === 'review' && detail.review ? (
          <>
            <OtherChildrenDuty detail={detail} />
            <ReviewSection
              reference={detail.reference}
              review={detail.review}
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
          </>
        ) : slug === 'contributions' ? (
          <ContributionsSection reference={detail.reference} roles={roles} onErrors={(has) => onErrors('contribution', has)} />
        ) : slug === 'report' ? (
          <ReportSection reference={detail.reference} />
        ) : slug === 'actions' ? (
          <ActionPlanSection reference={detail.reference} onErrors={(has) => onErrors('contribution', has)} />
        ) : slug === 'timescale' ? (
          <Timescale detail={detail} />
        ) : slug === 'people' ? (
          <People
            detail={detail}
            canAdd={CAN_ADD_MEMBERS.some((r) => roles.includes(r))}
            onErrors={onErrors}
            onAdded={(email) => {
              setNotice({ kind: 'success', heading: `${email} has been added to this case` });
              reload();
            }}
          />
        ) : slug === 'emails' ? (
          <EmailsSent notifications={detail.notifications ?? []} />
        ) : (
          <Timeline reference={detail.reference} onErrors={(has) => onErrors('timeline', has)} />
        )}
      </div>
    </Main>
  );
}

type ErrorsCallback = (part: 'member' | 'timeline' | 'contribution', has: boolean) => void;

/** A page of the workspace this person does not see on this case (or that does not apply yet). */
function NotShown({ slug, reference }: { slug: CaseSectionSlug; reference: string }) {
  return (
    <>
      <p className="govuk-body">
        {slug === 'review' ? 'There is no serious case review on this case.' : 'You cannot see this part of the case.'}
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={caseSectionPath(reference, '')}>
          Go to the case summary
        </Link>
      </p>
    </>
  );
}

/** The summary: where the case stands, and what needs doing, soonest first. */
function Summary({ detail }: { detail: CaseDetail }) {
  return (
    <>
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow label="Status">{detail.statusLabel}</SummaryRow>
        <SummaryRow label="Received">{formatDateTime(detail.receivedAt)}</SummaryRow>
        <SummaryRow label="Your role on this case">{roleLabel(detail.myRole)}</SummaryRow>
        {detail.criteria.outcome ? (
          <SummaryRow label="Criteria outcome">{detail.criteria.outcomeLabel || outcomeLabel(detail.criteria.outcome)}</SummaryRow>
        ) : null}
      </dl>
      {detail.canReadFiles ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${encodeURIComponent(detail.reference)}/files`}>
            Files attached to this case
          </Link>
        </p>
      ) : null}
      <WhatNeedsDoing detail={detail} />
    </>
  );
}

const TAG_COLOURS: Record<'overdue' | 'due-soon' | 'on-track', string> = {
  overdue: 'govuk-tag--red',
  'due-soon': 'govuk-tag--yellow',
  'on-track': 'govuk-tag--blue',
};

/** Each open duty: what, who owns it, when it is due, and a tag (due soon, overdue by N working days). */
function WhatNeedsDoing({ detail }: { detail: CaseDetail }) {
  const items = detail.whatNeedsDoing ?? [];
  return (
    <section aria-labelledby="what-needs-doing">
      <h2 className="govuk-heading-m" id="what-needs-doing">
        What needs doing
      </h2>
      {items.length === 0 ? (
        <p className="govuk-body">Nothing is waiting on this case.</p>
      ) : (
        <ul className="govuk-task-list" aria-label="Open duties, soonest first">
          {items.map((d) => (
            <li className="govuk-task-list__item" key={d.id}>
              <div className="govuk-task-list__name-and-hint">
                <p className="govuk-body govuk-!-margin-bottom-1 govuk-!-font-weight-bold">
                  {d.id === OTHER_CHILDREN_TASK_ID && isBusinessManager(detail.myRole, roleLabels['business-manager']) ? (
                    <Link className="govuk-link govuk-task-list__link" to={otherChildrenPath(detail.reference)}>
                      {d.label}
                    </Link>
                  ) : (
                    d.label
                  )}
                </p>
                <div className="govuk-task-list__hint">
                  Owner: {d.owner}
                  <br />
                  Due: {formatDate(d.dueDate)}
                </div>
              </div>
              <div className="govuk-task-list__status">
                <strong className={`govuk-tag ${TAG_COLOURS[d.tag.kind]}`}>{d.tag.text}</strong>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * 3.1, while open: the duty to confirm that the other children named in the
 * referral were considered, with the way to record it for the business manager.
 */
function OtherChildrenDuty({ detail }: { detail: CaseDetail }) {
  const duty = (detail.whatNeedsDoing ?? []).find((d) => d.id === OTHER_CHILDREN_TASK_ID);
  if (!duty) return null;
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">
        {duty.label}. Due by {formatDate(duty.dueDate)}.
      </p>
      {isBusinessManager(detail.myRole, roleLabels['business-manager']) ? (
        <p className="govuk-body govuk-!-margin-bottom-0">
          <Link className="govuk-link" to={otherChildrenPath(detail.reference)}>
            Record that the other children were considered
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** The referral as check your answers shows it, and what the criteria say about it. */
function Referral({ detail }: { detail: CaseDetail }) {
  const sections = summarise(referralToAnswers(detail.referral)).map((s) => (s.section === 'referrer' ? { ...s, heading: 'Referrer' } : s));
  return (
    <>
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
      <h2 className="govuk-heading-m govuk-!-margin-top-8">The referral</h2>
      <SummaryLists sections={sections} />
    </>
  );
}

/** The sub-committee's recommendation (4.2) and the Board chair's decision (8.2). */
function DecisionSection({ detail }: { detail: CaseDetail }) {
  return (
    <>
      <OtherChildrenDuty detail={detail} />
      {detail.recommendation ? (
        <Recommendation recommendation={detail.recommendation} />
      ) : (
        <>
          <h2 className="govuk-heading-m">Sub-committee recommendation</h2>
          <p className="govuk-body">The {SUB_COMMITTEE} has not made its recommendation yet.</p>
        </>
      )}
      {detail.decision ? (
        <Decision decision={detail.decision} />
      ) : (
        <>
          <h2 className="govuk-heading-m govuk-!-margin-top-8">Board chair’s decision</h2>
          <p className="govuk-body">The Board chair has not decided yet.</p>
        </>
      )}
    </>
  );
}

/** When things are due: the review's completion and extensions, and each open deadline with how it was worked out. */
function Timescale({ detail }: { detail: CaseDetail }) {
  // The review's completion is shown above with its extensions.
  const deadlines = detail.review ? detail.deadlines.filter((d) => d.id !== 'completion') : detail.deadlines;
  return (
    <>
      {detail.review ? <CompletionSection reference={detail.reference} review={detail.review} /> : null}
      <h2 className="govuk-heading-m govuk-!-margin-top-8">{detail.review ? 'Other open deadlines' : 'Open deadlines'}</h2>
      {deadlines.length === 0 ? (
        <p className="govuk-body">There are no other open deadlines on this case.</p>
      ) : (
        deadlines.map((d) => (
          <div key={d.id}>
            <h3 className="govuk-heading-s">{d.label}</h3>
            <dl className="govuk-summary-list govuk-!-margin-bottom-7">
              <SummaryRow label="Due">{formatDate(d.dueDate)}</SummaryRow>
              <SummaryRow label="Status">
                <DeadlineTag status={d.status} />
              </SummaryRow>
              <SummaryRow label="How the date was worked out">{d.rule}</SummaryRow>
            </dl>
          </div>
        ))
      )}
    </>
  );
}

/** Who is on the case, and (for those allowed) adding someone. */
function People({
  detail,
  canAdd,
  onAdded,
  onErrors,
}: {
  detail: CaseDetail;
  canAdd: boolean;
  onAdded: (email: string) => void;
  onErrors: ErrorsCallback;
}) {
  return (
    <>
      {detail.members.length === 0 ? (
        <p className="govuk-body">No one has been added to this case. The Board’s offices are on every case.</p>
      ) : (
        <dl className="govuk-summary-list govuk-!-margin-bottom-8">
          {detail.members.map((m) => (
            <SummaryRow key={`${m.userId}-${m.role}`} label={roleLabel(m.role)}>
              {m.email}
            </SummaryRow>
          ))}
        </dl>
      )}
      {canAdd ? <AddMemberForm reference={detail.reference} onAdded={onAdded} onErrors={(has) => onErrors('member', has)} /> : null}
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
      <h2 className="govuk-heading-m">Sub-committee recommendation</h2>
      <p className="govuk-body">Recorded by the chair of the {SUB_COMMITTEE} (paragraph 4.2).</p>
      {r.departedFromGuidance ? <WarningText>This recommendation departs from the guidance (paragraphs 1.3 and 3.2)</WarningText> : null}
      <dl className="govuk-summary-list">
        <SummaryRow label="Recommendation">{r.label}</SummaryRow>
        <SummaryRow label="Reasons">
          <Paragraphs text={r.rationale} />
        </SummaryRow>
        <SummaryRow label="Criteria applied">{paragraphs(r.criteriaApplied)}</SummaryRow>
        {r.departedFromGuidance ? (
          <SummaryRow label="Reason for departing from the guidance">
            <Paragraphs text={r.departureReason || 'None given'} />
          </SummaryRow>
        ) : null}
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
      <p className="govuk-body">Recorded by the Board chair (paragraph 8.2).</p>
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

/**
 * Proof of delivery: each email sent about the case, oldest first, what it
 * was (which duty, which reminder or escalation), who it went to, and what
 * SES last said about it.
 */
function EmailsSent({ notifications }: { notifications: NonNullable<CaseDetail['notifications']> }) {
  const inOrder = notifications.map((n, i) => ({ n, i })).sort((a, b) => a.n.at.localeCompare(b.n.at) || a.i - b.i);
  return (
    <>
      <p className="govuk-body">Every email the service sent about this case, oldest first, and whether it was delivered.</p>
      {inOrder.length === 0 ? (
        <p className="govuk-body">No emails have been sent about this case yet.</p>
      ) : (
        <TableRegion caption="Emails sent about this case" captionClass="govuk-visually-hidden">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">What</th>
              <th scope="col" className="govuk-table__header">To</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">When</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {inOrder.map(({ n, i }) => (
              <tr className="govuk-table__row" key={`${n.kind}-${n.recipientRole}-${n.email}-${i}`}>
                <th scope="row" className="govuk-table__header">{capitalise(emailPurpose(n.kind, n.recipientRole))}</th>
                <td className="govuk-table__cell">
                  {n.recipientRole.startsWith('to:') ? null : (
                    <>
                      {capitalise(recipientInSentence(n.recipientRole))}
                      <br />
                    </>
                  )}
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
        </TableRegion>
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
      {problem ? (
        <ProblemSummary title="Sorry, there is a problem with the service" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      <p className="govuk-body">
        Everything that has happened on this case, oldest first. The download adds the technical detail (request and message
        references). Downloading it is recorded too.
      </p>
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
        <TableRegion caption={`Timeline of case ${reference}`} captionClass="govuk-visually-hidden">
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
                <td className="govuk-table__cell">{e.sentence ?? e.description}</td>
                <td className="govuk-table__cell">
                  {e.actor.startsWith('system (') ? 'The service, automatically' : e.actor}
                  {e.actorRole ? ` (${roleLabel(e.actorRole)})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </>
  );
}
