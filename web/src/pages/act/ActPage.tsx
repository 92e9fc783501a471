import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  criteriaParagraphs,
  decisionSchema,
  departureOf,
  recommendationDeparture,
  missingDepartureReason,
  recommendationSchema,
  reviewLabel,
  type Departure,
  type ReviewOption,
} from '../../../../functions/domain/decision/decision.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { jointAnswerSchema, recordsSecuredSchema, type JointAnswerInput } from '../../../../functions/schemas/review.js';
import type { ApiResult } from '../../api/client.js';
import { ACT_PATH, STAFF_HOME_PATH, STAFF_SIGN_IN_PATH } from '../../auth/paths.js';
import { signedOutNotice, signOut, useSession } from '../../auth/session.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { CharacterCount } from '../../components/CharacterCount.js';
import { Checkboxes } from '../../components/Checkboxes.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import type { Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { Radios, type ChoiceItem } from '../../components/Radios.js';
import { BOARD_NAME } from '../../config.js';
import { Link, navigate } from '../../router.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { ReportAcceptForm } from './ReportAcceptAction.js';
import {
  describeAction,
  recordAction,
  type ActionDescription,
  type AnyAction,
  type ContributionAction,
  type JointAnswerAction,
  type RecordsSecuredAction,
} from './action-api.js';
import { contributionLinkActions, findingsAnswerSchema } from '../../../../functions/schemas/contribution-links.js';
import { independenceSchema, nameAuthorSchema } from '../../../../functions/schemas/contributions.js';
import { DateInput } from '../../components/DateInput.js';
import { TextInput } from '../../components/TextInput.js';
import { datePartsToIso, type DateParts } from '../../../../functions/schemas/dates.js';
import { captureActionSecret, forgetActionSecret } from './action-secret.js';

/**
 * `/act#<secret>`: a chair acts from the link in their email (paras 4.1,
 * 4.2, 8.2, 1.3, 3.4). The sub-committee chair records the recommendation;
 * the Board chair records the decision; another Board's chair answers
 * whether they agree how a joint review is conducted. Opening the page only
 * reads what the link asks; the one POST is the person pressing the button.
 */
const SIGN_IN_NOTICE: Notice = {
  kind: 'important',
  heading: 'Sign in to continue',
  text: 'Sign in as the person the email was sent to. You will then see what the link asks you to do.',
};

const REASONS_MAX = 5000;
const caseHref = (reference: string) => `/cases/${encodeURIComponent(reference)}`;

/** "paragraph 5.1", "paragraphs 3.1 to 3.3". */
function paragraphs(range: string): string {
  const [from, to] = range.split('-');
  return to ? `paragraphs ${from} to ${to}` : `paragraph ${from}`;
}
/** "paragraph 3.1", "paragraphs 3.1, 3.2 and 3.3". */
function paragraphList(list: readonly string[]): string {
  if (list.length < 2) return `paragraph ${list[0] ?? ''}`;
  return `paragraphs ${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}`;
}
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Action = AnyAction['action'];

type View =
  | { kind: 'loading' }
  | { kind: 'open'; action: AnyAction }
  | { kind: 'recorded'; action: ActionDescription; outcome: ReviewOption }
  | { kind: 'answered'; action: JointAnswerAction; answer: JointAnswerInput['answer'] }
  | { kind: 'secured'; action: RecordsSecuredAction }
  | { kind: 'contribution-done'; action: ContributionAction; outcome: ContributionOutcome }
  | { kind: 'closed'; action: Action; reference: string; state: 'used' | 'expired'; message?: string }
  | { kind: 'not-valid' }
  | { kind: 'someone-else'; message?: string }
  | { kind: 'unavailable' };

export function ActPage() {
  // Runs on the first render, before the sign-in redirect: the secret leaves the address at once.
  const [link, setLink] = useState(() => ({ secret: captureActionSecret(), opened: 0 }));
  useEffect(() => {
    // A link opened again in this tab changes only the fragment, so the page stays: start again with it.
    const reopen = () => {
      if (window.location.hash) setLink((l) => ({ secret: captureActionSecret(), opened: l.opened + 1 }));
    };
    window.addEventListener('hashchange', reopen);
    return () => window.removeEventListener('hashchange', reopen);
  }, []);
  if (!link.secret) return <NotValid />;
  const { secret, opened } = link;
  return (
    <StaffOnly signInNotice={SIGN_IN_NOTICE}>
      {() => <Act key={opened} secret={secret} focusFirstView={opened > 0} />}
    </StaffOnly>
  );
}

function Act({ secret, focusFirstView }: { secret: string; focusFirstView: boolean }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void describeAction(secret).then((result) => {
      if (!live) return;
      if (result.kind === 'ok') {
        const action = result.data;
        setView(
          action.state === 'open'
            ? { kind: 'open', action }
            : {
                kind: 'closed',
                action: action.action,
                reference: action.reference,
                state: action.state,
                ...(action.expiredOn
                  ? {
                      message: `This link expired on ${action.expiredOn}. Nothing was changed. A reminder email brings a new link, or ask the Board’s business manager.`,
                    }
                  : 'done' in action && action.done
                    ? { message: `${action.done} Nothing was changed.` }
                    : {}),
              },
        );
      } else {
        const next = viewAfterRefusal(result);
        if (next) setView(next);
      }
    });
    return () => {
      live = false;
    };
  }, [secret]);
  useFocusOnViewChange(view.kind, focusFirstView);

  switch (view.kind) {
    case 'loading':
      return <Checking />;
    case 'open': {
      const { action } = view;
      if (action.action === 'joint-answer') return <JointAnswerForm secret={secret} action={action} setView={setView} />;
      if (action.action === 'records-secured') return <RecordsSecuredForm secret={secret} action={action} setView={setView} />;
      if (isContributionView(action)) {
        if (action.action === 'name-author') return <NameAuthorForm secret={secret} action={action} setView={setView} />;
        if (action.action === 'declare-independence') return <IndependenceForm secret={secret} action={action} setView={setView} />;
        return <FindingsForm secret={secret} action={action} setView={setView} />;
      }
      if (action.action === 'report-accept') {
        const refused = (result: Exclude<ApiResult<unknown>, { kind: 'ok' }>) => {
          const next = viewAfterRefusal(result, action);
          if (next) setView(next);
        };
        return <ReportAcceptForm secret={secret} action={action} refused={refused} />;
      }
      return action.action === 'recommend' ? (
        <RecommendForm secret={secret} action={action} setView={setView} />
      ) : (
        <DecideForm secret={secret} action={action} setView={setView} />
      );
    }
    case 'recorded':
      return <Recorded action={view.action} outcome={view.outcome} />;
    case 'answered':
      return <Answered action={view.action} answer={view.answer} />;
    case 'secured':
      return <Secured action={view.action} />;
    case 'contribution-done':
      return <ContributionDone action={view.action} outcome={view.outcome} />;
    case 'closed':
      return <Closed view={view} />;
    case 'not-valid':
      return <NotValid />;
    case 'someone-else':
      return <SomeoneElse message={view.message} />;
    case 'unavailable':
      return <Unavailable />;
  }
}

/** What a refusal from the API means for the page; null when there is nothing to show (gone to sign in). */
function viewAfterRefusal(result: Exclude<ApiResult<unknown>, { kind: 'ok' }>, action?: AnyAction): View | null {
  switch (result.kind) {
    case 'signed-out':
      return null;
    case 'not-found':
      forgetActionSecret();
      return { kind: 'not-valid' };
    case 'forbidden':
      return { kind: 'someone-else', message: result.message };
    case 'conflict':
      return action
        ? { kind: 'closed', action: action.action, reference: action.reference, state: 'used', message: result.message }
        : { kind: 'unavailable' };
    default:
      return { kind: 'unavailable' };
  }
}

/**
 * Focus follows a change of view within the page (form to confirmation, to
 * "already recorded"), as it does on a page change: the error summary if
 * there is one, otherwise the h1. The first view after loading is the
 * app's page-change focus to give, unless no page change brought it here.
 */
function useFocusOnViewChange(kind: View['kind'], focusFirstView: boolean): void {
  const previous = useRef(kind);
  useEffect(() => {
    const before = previous.current;
    previous.current = kind;
    if (before === kind || (before === 'loading' && !focusFirstView)) return;
    const main = document.getElementById('main-content');
    const target = main?.querySelector<HTMLElement>('.govuk-error-summary') ?? main?.querySelector<HTMLElement>('h1');
    if (!target) return;
    if (target.tagName === 'H1') target.setAttribute('tabindex', '-1');
    window.scrollTo(0, 0);
    target.focus({ preventScroll: true });
  }, [kind, focusFirstView]);
}

/** While the link is checked: no heading yet, so page-change focus waits for the real one. */
function Checking() {
  useTitle('Checking your link');
  return (
    <Main>
      <p className="govuk-body" role="status">
        Checking your link…
      </p>
    </Main>
  );
}

// ---- What the link asks -----------------------------------------------------

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

function ReasonList({ heading, reasons }: { heading: string; reasons: ActionDescription['criteria']['reasons'] }) {
  if (reasons.length === 0) return null;
  return (
    <>
      <h3 className="govuk-heading-s">{heading}</h3>
      <ul className="govuk-list govuk-list--bullet">
        {reasons.map((r, i) => (
          <li key={i}>
            {r.text} (paragraph {r.paragraph})
          </li>
        ))}
      </ul>
    </>
  );
}

/** The reference, what is needed by when, the criteria outcome and (for the Board chair) the recommendation. */
function WhatIsAsked({ action }: { action: ActionDescription }) {
  const recommend = action.action === 'recommend';
  const { recommendation } = action;
  return (
    <>
      <dl className="govuk-summary-list govuk-!-margin-bottom-6">
        <SummaryRow label="Referral">{action.reference}</SummaryRow>
        <SummaryRow label="What is needed">
          {recommend
            ? 'The sub-committee’s recommendation on whether this case should be the subject of a serious case review, with the criteria applied (paragraphs 4.1 and 4.2).'
            : 'Your decision on whether a serious case review will take place, with your reasons (paragraph 4.2).'}
        </SummaryRow>
        <SummaryRow label="Needed by">
          {action.dueBy}
          {recommend ? null : (
            <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">
              Within one month of the case coming to your attention (paragraph 8.2).
            </span>
          )}
        </SummaryRow>
      </dl>
      <p className="govuk-body">
        <Link className="govuk-link" to={caseHref(action.reference)}>
          Read the referral {action.reference}
        </Link>
      </p>

      <h2 className="govuk-heading-m">What the criteria say</h2>
      <p className="govuk-body">
        Outcome: <strong>{action.criteria.outcomeLabel}</strong>
      </p>
      <ReasonList heading="Why" reasons={action.criteria.reasons} />
      <ReasonList heading="Other ways to learn from this case" reasons={action.criteria.suggestions} />

      {!recommend && recommendation ? (
        <>
          <h2 className="govuk-heading-m">The sub-committee’s recommendation</h2>
          <dl className="govuk-summary-list govuk-!-margin-bottom-6">
            <SummaryRow label="Recommendation">{recommendation.label}</SummaryRow>
            <SummaryRow label="Reasons">
              <Paragraphs text={recommendation.rationale} />
            </SummaryRow>
            <SummaryRow label="Criteria applied">
              {recommendation.criteriaApplied.length ? capitalise(paragraphList(recommendation.criteriaApplied)) : 'None stated'}
            </SummaryRow>
          </dl>
        </>
      ) : null}
    </>
  );
}

// ---- The forms --------------------------------------------------------------

type SetView = (view: View) => void;

/** Shared by the forms: errors, the one POST at a time, and what its answer means. */
function useRecording(secret: string, action: AnyAction, setView: SetView) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();

  const show = (list: FieldError[], serviceProblem = false) => {
    setErrors(list);
    setProblem(serviceProblem);
    setFocusKey((k) => k + 1);
  };

  /** Sends `body`; once it is recorded, the page shows `done`. */
  const record = (body: unknown, done: View) =>
    void run(async () => {
      const result = await recordAction(secret, body);
      if (result.kind === 'ok') setView(done);
      else if (result.kind === 'invalid') show(result.errors);
      else if (result.kind === 'unavailable') show([], true);
      else {
        const next = viewAfterRefusal(result, action);
        if (next) setView(next);
      }
    });

  return { errors, problem, focusKey, pending, show, record, hasErrors: errors.length > 0 || problem };
}

const errorFor = (errors: readonly FieldError[], name: string) => errors.find((e) => e.name === name)?.text;

/** Field errors in the order the fields appear on the page. */
const inOrder = (errors: FieldError[], order: readonly string[]) =>
  [...errors].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));

function FormProblem({ what, focusKey }: { what: string; focusKey: number }) {
  return (
    <ProblemSummary title="Sorry, there is a problem with the service" focusKey={focusKey}>
      <p className="govuk-body">
        Your {what} has not been recorded. Try again later. Your answers are still on this page.
      </p>
    </ProblemSummary>
  );
}

const CRITERIA_HINTS: Partial<Record<(typeof criteriaParagraphs)[number], string>> = {
  '3.1': 'A child has died and abuse or neglect is known or suspected to be a factor',
  '3.2': 'The Board should always review such a death, whether or not children’s social care was involved',
  '3.3': 'Other serious cases: concerns about inter-agency working, or several of the further criteria',
  '5.1': 'An individual management review',
  '5.2': 'A partnership review',
};
const CRITERIA_ITEMS: ChoiceItem[] = criteriaParagraphs.map((p) => ({ value: p, label: `Paragraph ${p}`, hint: CRITERIA_HINTS[p] }));
const RECOMMEND_ORDER = ['recommendation', 'departureReason', 'rationale', 'criteriaApplied'];

/** The sub-committee chair's recommendation (paras 4.1, 4.2), checked with the server's schema before it is sent. */
function RecommendForm({ secret, action, setView }: { secret: string; action: ActionDescription; setView: SetView }) {
  const [recommendation, setRecommendation] = useState('');
  const [rationale, setRationale] = useState('');
  const [criteriaApplied, setCriteriaApplied] = useState<string[]>([]);
  const [departureReason, setDepartureReason] = useState('');
  const form = useRecording(secret, action, setView);
  const heading = 'Record the sub-committee’s recommendation';
  useTitle(heading, form.hasErrors);

  // The same rule as the Board chair's decision and the server: against a mandatory review, a stated reason (1.3).
  const departureFor = (value: ReviewOption) => recommendationDeparture(value, action.criteria.outcome);
  const departing = recommendation !== '' && departs(departureFor(recommendation as ReviewOption));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const parsed = recommendationSchema.safeParse({
      recommendation: recommendation || undefined,
      rationale,
      criteriaApplied,
      ...(departing ? { departureReason } : {}),
    });
    const errors = parsed.success ? [] : toFieldErrors(parsed.error);
    if (recommendation && !errors.some((e) => e.name === 'departureReason')) {
      const missing = missingDepartureReason({ departureReason: departureReason.trim() || undefined }, departureFor(recommendation as ReviewOption));
      if (missing) errors.push({ name: 'departureReason', href: '#departureReason', text: missing });
    }
    if (!parsed.success || errors.length) return form.show(inOrder(errors, RECOMMEND_ORDER));
    form.record(parsed.data, { kind: 'recorded', action, outcome: parsed.data.recommendation });
  };

  const items: ChoiceItem[] = action.options.map((o) => {
    const departure = departureFor(o.value);
    return {
      value: o.value,
      label: o.label,
      hint: capitalise(paragraphs(o.paragraph)),
      conditional: departs(departure) ? (
        <DepartureQuestion
          departure={departure}
          recommendedLabel=""
          value={departureReason}
          onChange={setDepartureReason}
          error={errorFor(form.errors, 'departureReason')}
        />
      ) : undefined,
    };
  });
  return (
    <Main>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      {form.problem ? <FormProblem what="recommendation" focusKey={form.focusKey} /> : null}
      <span className="govuk-caption-l">Referral {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <WhatIsAsked action={action} />
      <h2 className="govuk-heading-m">The recommendation</h2>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="recommendation"
          legend="What does the sub-committee recommend?"
          items={items}
          value={recommendation}
          onChange={setRecommendation}
          error={errorFor(form.errors, 'recommendation')}
        />
        <CharacterCount
          name="rationale"
          label="Reasons for the recommendation"
          hint="Say how the case meets, or does not meet, the criteria. The Board chair reads this with the recommendation."
          value={rationale}
          onChange={setRationale}
          error={errorFor(form.errors, 'rationale')}
          maxLength={REASONS_MAX}
        />
        <Checkboxes
          name="criteriaApplied"
          legend="Which criteria did the sub-committee apply?"
          hint="Select all that apply."
          items={CRITERIA_ITEMS}
          values={criteriaApplied}
          onChange={setCriteriaApplied}
          error={errorFor(form.errors, 'criteriaApplied')}
          small
        />
        <SubmitButton pending={form.pending} pendingText="Recording the recommendation">
          Record recommendation
        </SubmitButton>
      </form>
    </Main>
  );
}

const departs = (d: Departure) => d.fromRecommendation || d.fromMandatoryCriteria;
const DECIDE_ORDER = ['decision', 'departureReason', 'reasons'];

/** The Board chair's decision (para 4.2); departing from the recommendation or the guidance needs a reason (1.3). */
function DecideForm({ secret, action, setView }: { secret: string; action: ActionDescription; setView: SetView }) {
  const [decision, setDecision] = useState<ReviewOption | ''>('');
  const [reasons, setReasons] = useState('');
  const [departureReason, setDepartureReason] = useState('');
  const form = useRecording(secret, action, setView);
  const heading = 'Record your decision';
  useTitle(heading, form.hasErrors);

  // The same rule as the server: no recommendation means the guidance's own, a serious case review.
  const recommended: ReviewOption = action.recommendation?.outcome ?? 'serious-case-review';
  const recommendedLabel = action.recommendation?.label ?? reviewLabel(recommended);
  const departureFor = (value: ReviewOption) => departureOf(value, recommended, action.criteria.outcome);
  const departing = decision !== '' && departs(departureFor(decision));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const parsed = decisionSchema.safeParse({ decision: decision || undefined, reasons, ...(departing ? { departureReason } : {}) });
    const errors = parsed.success ? [] : toFieldErrors(parsed.error);
    if (decision && !errors.some((e) => e.name === 'departureReason')) {
      const missing = missingDepartureReason({ decision, reasons, departureReason: departureReason.trim() || undefined }, departureFor(decision));
      if (missing) errors.push({ name: 'departureReason', href: '#departureReason', text: missing });
    }
    if (!parsed.success || errors.length) return form.show(inOrder(errors, DECIDE_ORDER));
    form.record(parsed.data, { kind: 'recorded', action, outcome: parsed.data.decision });
  };

  const items: ChoiceItem[] = action.options.map((o) => {
    const departure = departureFor(o.value);
    const hint = `${capitalise(paragraphs(o.paragraph))}${o.value === recommended && action.recommendation ? ': the sub-committee’s recommendation' : ''}`;
    return {
      value: o.value,
      label: o.label,
      hint,
      conditional: departs(departure) ? (
        <DepartureQuestion
          departure={departure}
          recommendedLabel={recommendedLabel}
          value={departureReason}
          onChange={setDepartureReason}
          error={errorFor(form.errors, 'departureReason')}
        />
      ) : undefined,
    };
  });
  return (
    <Main>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      {form.problem ? <FormProblem what="decision" focusKey={form.focusKey} /> : null}
      <span className="govuk-caption-l">Referral {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <WhatIsAsked action={action} />
      <h2 className="govuk-heading-m">Your decision</h2>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="decision"
          legend="Will a serious case review take place?"
          items={items}
          value={decision}
          onChange={(value) => setDecision(value as ReviewOption)}
          error={errorFor(form.errors, 'decision')}
        />
        <CharacterCount
          name="reasons"
          label="Reasons for your decision"
          hint="These are recorded on the case. The referrer is told the outcome, not your reasons."
          value={reasons}
          onChange={setReasons}
          error={errorFor(form.errors, 'reasons')}
          maxLength={REASONS_MAX}
        />
        <SubmitButton pending={form.pending} pendingText="Recording your decision">
          Record decision
        </SubmitButton>
      </form>
    </Main>
  );
}

const JOINT_ORDER = ['answer', 'comment'];
const COMMENT_MAX = 2000;
const JOINT_ANSWERS: ChoiceItem[] = [
  { value: 'agree', label: 'Yes, I agree' },
  { value: 'disagree', label: 'No, I do not agree' },
];

/** Another Board's chair agrees, or not, how a joint review is conducted (paras 3.4, 3.5). */
function JointAnswerForm({ secret, action, setView }: { secret: string; action: JointAnswerAction; setView: SetView }) {
  const [answer, setAnswer] = useState('');
  const [comment, setComment] = useState('');
  const form = useRecording(secret, action, setView);
  const heading = 'Agree how the serious case review is conducted';
  useTitle(heading, form.hasErrors);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const parsed = jointAnswerSchema.safeParse({ answer: answer || undefined, comment: comment.trim() === '' ? undefined : comment });
    if (!parsed.success) return form.show(inOrder(toFieldErrors(parsed.error), JOINT_ORDER));
    form.record(parsed.data, { kind: 'answered', action, answer: parsed.data.answer });
  };

  return (
    <Main>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      {form.problem ? <FormProblem what="answer" focusKey={form.focusKey} /> : null}
      <span className="govuk-caption-l">Referral {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        The Chair of the {BOARD_NAME} has decided to conduct a serious case review, and other authorities are involved.
        The chairs of the Boards concerned agree together whether the review is conducted by one Board with limited input
        from the others, or jointly (paragraph 3.4).
      </p>
      <dl className="govuk-summary-list govuk-!-margin-bottom-6">
        <SummaryRow label="Referral">{action.reference}</SummaryRow>
        <SummaryRow label="Your Board">{action.board}</SummaryRow>
        <SummaryRow label="Proposal">
          {action.proposalLabel}
          {action.options.length > 1 ? (
            <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">
              The other way:{' '}
              {action.options
                .filter((o) => o.value !== action.proposal)
                .map((o) => o.label)
                .join('; ')}
              .
            </span>
          ) : null}
        </SummaryRow>
        <SummaryRow label="Needed by">
          {action.dueBy}
          <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">
            If the chairs cannot agree, the Chief Executives and/or Ofsted make the final decision (paragraph 3.5).
          </span>
        </SummaryRow>
      </dl>
      <h2 className="govuk-heading-m">Your answer</h2>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="answer"
          legend="Do you agree with the proposal?"
          hint={action.proposalLabel}
          items={JOINT_ANSWERS}
          value={answer}
          onChange={setAnswer}
          error={errorFor(form.errors, 'answer')}
        />
        <CharacterCount
          name="comment"
          label="Comments (optional)"
          hint="For example, why you do not agree, or what your Board can contribute. The Board chair reads them."
          value={comment}
          onChange={setComment}
          error={errorFor(form.errors, 'comment')}
          maxLength={COMMENT_MAX}
          rows={4}
        />
        <SubmitButton pending={form.pending} pendingText="Sending your answer">
          Send answer
        </SubmitButton>
      </form>
    </Main>
  );
}

const SECURED_ORDER = ['securedBy', 'securedOn'] as const;

/** An agency's senior manager confirms its records are secured (paras 8.3, 10.3). */
function RecordsSecuredForm({ secret, action, setView }: { secret: string; action: RecordsSecuredAction; setView: SetView }) {
  const [securedBy, setSecuredBy] = useState('');
  const [securedOn, setSecuredOn] = useState<DateParts>({ day: '', month: '', year: '' });
  const form = useRecording(secret, action, setView);
  const heading = 'Confirm the records are secured';
  useTitle(heading, form.hasErrors);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const date = datePartsToIso(securedOn, 'Date secured');
    const parsed = recordsSecuredSchema.safeParse({ securedBy, securedOn: 'iso' in date ? date.iso : undefined });
    const errors = parsed.success ? [] : toFieldErrors(parsed.error).filter((e) => e.name !== 'securedOn');
    if ('error' in date) errors.push({ name: 'securedOn', href: '#securedOn', text: date.error });
    if (errors.length || !parsed.success) return form.show(inOrder(errors, SECURED_ORDER));
    form.record(parsed.data, { kind: 'secured', action });
  };

  return (
    <Main>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      {form.problem ? <FormProblem what="confirmation" focusKey={form.focusKey} /> : null}
      <span className="govuk-caption-l">Referral {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        The {BOARD_NAME} is conducting a serious case review. A senior manager in each organisation involved secures the
        records relating to the case, to guard against loss or interference (paragraphs 8.3 and 10.3).
      </p>
      <dl className="govuk-summary-list govuk-!-margin-bottom-6">
        <SummaryRow label="Referral">{action.reference}</SummaryRow>
        <SummaryRow label="Organisation">{action.agency}</SummaryRow>
        <SummaryRow label="Needed by">{action.dueBy}</SummaryRow>
      </dl>
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          name="securedBy"
          label="Name of the senior manager who secured the records"
          value={securedBy}
          onChange={setSecuredBy}
          error={errorFor(form.errors, 'securedBy')}
          autoComplete="name"
          spellCheck={false}
        />
        <DateInput
          name="securedOn"
          legend="Date secured"
          legendSize="s"
          hint="For example, 3 12 2026"
          value={securedOn}
          onChange={setSecuredOn}
          error={errorFor(form.errors, 'securedOn')}
        />
        <SubmitButton pending={form.pending} pendingText="Sending your confirmation">
          Confirm records secured
        </SubmitButton>
      </form>
    </Main>
  );
}

/** Shown under a decision that departs from the recommendation or the guidance: why a reason is needed, and the reason. */
function DepartureQuestion({
  departure,
  recommendedLabel,
  value,
  onChange,
  error,
}: {
  departure: Departure;
  recommendedLabel: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const why = [
    departure.fromRecommendation ? `This is not what the sub-committee recommended (${recommendedLabel}).` : '',
    departure.fromMandatoryCriteria
      ? 'The criteria say this case must be the subject of a serious case review (paragraphs 3.1 and 3.2).'
      : '',
    'You must give your reasons for departing (paragraph 1.3). They are recorded on the case.',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {why}
        </strong>
      </div>
      <CharacterCount
        name="departureReason"
        label={departure.fromMandatoryCriteria ? 'Why are you departing from the guidance?' : 'Why does your decision differ from the recommendation?'}
        value={value}
        onChange={onChange}
        error={error}
        maxLength={REASONS_MAX}
        rows={4}
      />
    </>
  );
}

// ---- A contribution's links (paras 10.1, 10.2, 10.6) ---------------------------

type ContributionOutcome = 'named' | 'declared' | 'declined' | 'accepted' | 'returned';
const isContributionAction = (action: Action): action is ContributionAction['action'] => (contributionLinkActions as readonly string[]).includes(action);
const isContributionView = (action: AnyAction): action is ContributionAction => isContributionAction(action.action);
const contributionsHref = (reference: string) => `/cases/${encodeURIComponent(reference)}/contributions`;

/** The review, the organisation, the contribution and when it is due. */
function ContributionAsked({ action }: { action: ContributionAction }) {
  return (
    <dl className="govuk-summary-list govuk-!-margin-bottom-6">
      <SummaryRow label="Serious case review">{action.reference}</SummaryRow>
      <SummaryRow label="Organisation">{action.organisation}</SummaryRow>
      <SummaryRow label="Contribution">{action.kindLabel}</SummaryRow>
      {action.author && action.action !== 'name-author' ? (
        <SummaryRow label="Author">
          {action.author.name}, {action.author.jobTitle}
        </SummaryRow>
      ) : null}
      <SummaryRow label="Due by">{action.dueBy}</SummaryRow>
    </dl>
  );
}

function ContributionsLink({ reference, text }: { reference: string; text: string }) {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={contributionsHref(reference)}>
        {text}
      </Link>
    </p>
  );
}

const AUTHOR_ORDER = ['authorName', 'authorJobTitle', 'authorEmail'];

/** 10.1: the senior officer names who writes the contribution. */
function NameAuthorForm({ secret, action, setView }: { secret: string; action: ContributionAction; setView: SetView }) {
  const [authorName, setAuthorName] = useState('');
  const [authorJobTitle, setAuthorJobTitle] = useState('');
  const [authorEmail, setAuthorEmail] = useState('');
  const form = useRecording(secret, action, setView);
  const heading = action.declinedAuthors > 0 ? 'Name another author' : 'Name the author';
  useTitle(heading, form.hasErrors);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const parsed = nameAuthorSchema.safeParse({ authorName, authorJobTitle, authorEmail });
    if (!parsed.success) return form.show(inOrder(toFieldErrors(parsed.error), AUTHOR_ORDER));
    form.record(parsed.data, { kind: 'contribution-done', action: { ...action, author: { name: parsed.data.authorName, jobTitle: parsed.data.authorJobTitle } }, outcome: 'named' });
  };
  const emailError = errorFor(form.errors, 'authorEmail');
  return (
    <Main>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      {form.problem ? <FormProblem what="author" focusKey={form.focusKey} /> : null}
      <span className="govuk-caption-l">Serious case review {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        Your organisation is asked for a contribution to the review (paragraphs 9.1 and 10.1). As its senior officer, you name its author
        and, once it is submitted, accept its findings.
      </p>
      <ContributionAsked action={action} />
      {action.declinedAuthors > 0 ? (
        <div className="govuk-inset-text">
          {action.declinedAuthors === 1
            ? 'The author you named declared they are not independent of the case, so they cannot write it.'
            : `${action.declinedAuthors} authors you named declared they are not independent of the case, so they cannot write it.`}
        </div>
      ) : null}
      <p className="govuk-body">
        The author must not have been directly concerned with the child or family, nor be the immediate line manager of the practitioners
        involved (paragraph 10.2). They will be asked to declare this. They sign in with a staff account.
      </p>
      <form noValidate onSubmit={onSubmit}>
        <TextInput name="authorName" label="Author’s full name" value={authorName} onChange={setAuthorName} error={errorFor(form.errors, 'authorName')} autoComplete="off" spellCheck={false} />
        <TextInput name="authorJobTitle" label="Author’s job title" value={authorJobTitle} onChange={setAuthorJobTitle} error={errorFor(form.errors, 'authorJobTitle')} autoComplete="off" />
        <TextInput
          name="authorEmail"
          label="Author’s email address"
          hint="The address they sign in with"
          type="email"
          value={authorEmail}
          onChange={setAuthorEmail}
          error={emailError}
          autoComplete="off"
          spellCheck={false}
        />
        <SubmitButton pending={form.pending} pendingText="Naming the author">
          Name the author
        </SubmitButton>
      </form>
      <ContributionsLink reference={action.reference} text="See the review’s contributions" />
    </Main>
  );
}

const INDEPENDENCE_ORDER = ['notDirectlyConcerned', 'notLineManager'];
const YES_NO: ChoiceItem[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** 10.2: the named author declares they are independent of the case; a "yes" to either question means another author is needed. */
function IndependenceForm({ secret, action, setView }: { secret: string; action: ContributionAction; setView: SetView }) {
  const [concerned, setConcerned] = useState('');
  const [manager, setManager] = useState('');
  const form = useRecording(secret, action, setView);
  const heading = 'Declare your independence';
  useTitle(heading, form.hasErrors);
  const asIndependent = (v: string) => (v === '' ? undefined : v === 'no');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const parsed = independenceSchema.safeParse({ notDirectlyConcerned: asIndependent(concerned), notLineManager: asIndependent(manager) });
    if (!parsed.success) return form.show(inOrder(toFieldErrors(parsed.error), INDEPENDENCE_ORDER));
    const independent = parsed.data.notDirectlyConcerned && parsed.data.notLineManager;
    form.record(parsed.data, { kind: 'contribution-done', action, outcome: independent ? 'declared' : 'declined' });
  };
  return (
    <Main>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      {form.problem ? <FormProblem what="declaration" focusKey={form.focusKey} /> : null}
      <span className="govuk-caption-l">Serious case review {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        You are named as the author of a contribution to the review. Its author must be independent of the case (paragraph 10.2). If you
        answer yes to either question, the senior officer is asked to name someone else.
      </p>
      <ContributionAsked action={action} />
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="notDirectlyConcerned"
          legend="Have you been directly concerned with the child or family?"
          legendSize="s"
          items={YES_NO}
          value={concerned}
          onChange={setConcerned}
          error={errorFor(form.errors, 'notDirectlyConcerned')}
          inline
        />
        <Radios
          name="notLineManager"
          legend="Are you the immediate line manager of any practitioner involved?"
          legendSize="s"
          items={YES_NO}
          value={manager}
          onChange={setManager}
          error={errorFor(form.errors, 'notLineManager')}
          inline
        />
        <SubmitButton pending={form.pending} pendingText="Sending your declaration">
          Send declaration
        </SubmitButton>
      </form>
    </Main>
  );
}

const FINDINGS_ORDER = ['answer', 'reasons'];
const RETURN_REASONS_MAX = 2000;

/** 10.6: the senior officer accepts the findings, or returns it to the author with reasons. */
function FindingsForm({ secret, action, setView }: { secret: string; action: ContributionAction; setView: SetView }) {
  const [answer, setAnswer] = useState('');
  const [reasons, setReasons] = useState('');
  const form = useRecording(secret, action, setView);
  const heading = 'Accept the findings or return the contribution';
  useTitle(heading, form.hasErrors);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.pending) return;
    const parsed = findingsAnswerSchema.safeParse({ answer: answer || undefined, ...(answer === 'return' ? { reasons } : {}) });
    if (!parsed.success) return form.show(inOrder(toFieldErrors(parsed.error), FINDINGS_ORDER));
    form.record(parsed.data, { kind: 'contribution-done', action, outcome: parsed.data.answer === 'accept' ? 'accepted' : 'returned' });
  };
  const items: ChoiceItem[] = [
    ...(action.awaitingCourtAgreement ? [] : [{ value: 'accept', label: 'Accept the findings', hint: 'Who accepted them and when are recorded (paragraph 10.6)' }]),
    {
      value: 'return',
      label: 'Return it to the author',
      conditional: (
        <CharacterCount
          name="reasons"
          label="Why is it returned?"
          hint="The author sees this. Say what needs to change."
          value={reasons}
          onChange={setReasons}
          error={errorFor(form.errors, 'reasons')}
          maxLength={RETURN_REASONS_MAX}
          rows={4}
        />
      ),
    },
  ];
  return (
    <Main>
      <ErrorSummary errors={form.errors} focusKey={form.focusKey} />
      {form.problem ? <FormProblem what="answer" focusKey={form.focusKey} /> : null}
      <span className="govuk-caption-l">Serious case review {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        A contribution from your organisation was submitted. As its senior officer, accept its findings or return it to the author with your
        reasons (paragraph 10.6).
        {action.returns > 0 ? ` It was returned ${action.returns === 1 ? 'once' : `${action.returns} times`} before.` : ''}
      </p>
      <ContributionAsked action={action} />
      <ContributionsLink reference={action.reference} text="Read the contribution" />
      {action.awaitingCourtAgreement ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>A children’s guardian’s contribution cannot be accepted until the court’s
            prior agreement is recorded (paragraph 9.6). Ask the business manager to record it, then use this link again. You can return it to
            the author now.
          </strong>
        </div>
      ) : null}
      <form noValidate onSubmit={onSubmit}>
        <Radios name="answer" legend="What do you want to do?" legendSize="m" items={items} value={answer} onChange={setAnswer} error={errorFor(form.errors, 'answer')} />
        <SubmitButton pending={form.pending} pendingText="Sending your answer">
          Send answer
        </SubmitButton>
      </form>
    </Main>
  );
}

const CONTRIBUTION_DONE: Record<ContributionOutcome, { heading: string; next: (a: ContributionAction) => string }> = {
  named: {
    heading: 'Author named',
    next: (a) =>
      `${a.author ? `${a.author.name} is` : 'The author is'} emailed a link to declare they are independent of the case (paragraph 10.2). If they cannot, you will be asked to name someone else.`,
  },
  declared: { heading: 'Independence declared', next: () => 'You can now write the contribution. Open it from the review’s contributions.' },
  declined: {
    heading: 'You cannot be the author',
    next: () => 'You declared that you are not independent of the case. The senior officer is asked to name another author (paragraph 10.2).',
  },
  accepted: { heading: 'Findings accepted', next: () => 'Who accepted the findings and when is recorded. Staff feedback and a debrief follow (paragraph 10.7).' },
  returned: { heading: 'Returned to the author', next: () => 'The author can see your reasons, change it and submit it again. You will get a new email with a link when they do.' },
};

/** What was recorded from a contribution's link, and what happens next. */
function ContributionDone({ action, outcome }: { action: ContributionAction; outcome: ContributionOutcome }) {
  const { heading, next } = CONTRIBUTION_DONE[outcome];
  useTitle(heading);
  return (
    <Main>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">{heading}</h1>
        <div className="govuk-panel__body">
          Serious case review
          <br />
          <strong>{action.reference}</strong>
        </div>
      </div>
      <h2 className="govuk-heading-m">What happens next</h2>
      <p className="govuk-body">{next(action)}</p>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={contributionsHref(action.reference)}>
            Open the review’s contributions
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={STAFF_HOME_PATH}>
            Go to your tasks
          </Link>
        </li>
      </ul>
    </Main>
  );
}

/** A contribution's link used already, its step taken another way, or expired: what happened, and where to look. */
function ContributionClosed({ view }: { view: Extract<View, { kind: 'closed' }> }) {
  const heading = view.state === 'expired' ? 'This link has expired' : 'This link has already been used';
  useTitle(heading);
  return (
    <Main>
      <span className="govuk-caption-l">Serious case review {view.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">{view.message ?? 'What this link asked for has been done. Nothing was changed.'}</p>
      <p className="govuk-body">Each link in these emails can be used once. The review’s contributions show where things stand.</p>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={contributionsHref(view.reference)}>
            Open the review’s contributions
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={STAFF_HOME_PATH}>
            Go to your tasks
          </Link>
        </li>
      </ul>
    </Main>
  );
}

// ---- After the form, and links that cannot be used ---------------------------

function NextLinks({ reference }: { reference?: string }) {
  return (
    <ul className="govuk-list">
      {reference ? (
        <li>
          <Link className="govuk-link" to={caseHref(reference)}>
            Open case {reference}
          </Link>
        </li>
      ) : null}
      <li>
        <Link className="govuk-link" to={STAFF_HOME_PATH}>
          Go to your tasks
        </Link>
      </li>
    </ul>
  );
}

/** The confirmation: what was recorded and what happens next. */
function Recorded({ action, outcome }: { action: ActionDescription; outcome: ReviewOption }) {
  const recommend = action.action === 'recommend';
  const heading = recommend ? 'Recommendation recorded' : 'Decision recorded';
  useTitle(heading);
  const findings = outcome === 'individual-management-review' || outcome === 'partnership-review';
  return (
    <Main>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">{heading}</h1>
        <div className="govuk-panel__body">
          Referral
          <br />
          <strong>{action.reference}</strong>
        </div>
      </div>
      <p className="govuk-body">
        {recommend ? 'The sub-committee recommends: ' : 'Your decision: '}
        <strong>{reviewLabel(outcome)}</strong>.
      </p>
      <h2 className="govuk-heading-m">What happens next</h2>
      {recommend ? (
        <p className="govuk-body">
          We are sending the recommendation to the Chair of the {BOARD_NAME}, with a link to record their decision. The
          Chair decides whether a serious case review will take place (paragraph 4.2).
        </p>
      ) : (
        <>
          <p className="govuk-body">
            We are emailing the person who made the referral to tell them the outcome. The email does not include your
            reasons or any details of the case.
          </p>
          {findings ? (
            <p className="govuk-body">
              The findings of the {outcome === 'partnership-review' ? 'partnership review' : 'individual management review'} must
              be shared with the Strategic and Serious Case Review sub-committee (paragraphs 5.1 and 5.2). The deadline for
              this is on the case.
            </p>
          ) : null}
          {outcome === 'serious-case-review' ? (
            <p className="govuk-body">
              Agencies involved will be asked to secure their case records and draw up a chronology of their involvement
              with the child and family (paragraph 8.3).
            </p>
          ) : null}
        </>
      )}
      <NextLinks reference={action.reference} />
    </Main>
  );
}

/** The other Board's chair has answered: what they said and what happens next. */
function Answered({ action, answer }: { action: JointAnswerAction; answer: JointAnswerInput['answer'] }) {
  const heading = 'Answer sent';
  useTitle(heading);
  return (
    <Main>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">{heading}</h1>
        <div className="govuk-panel__body">
          Referral
          <br />
          <strong>{action.reference}</strong>
        </div>
      </div>
      <p className="govuk-body">
        You {answer === 'agree' ? 'agree' : 'do not agree'} that the review is conducted as: <strong>{action.proposalLabel}</strong>.
      </p>
      <h2 className="govuk-heading-m">What happens next</h2>
      <p className="govuk-body">
        The Chair of the {BOARD_NAME} can see your answer. If every Board agrees, the review is conducted this way. If
        not, the Chief Executives and/or Ofsted make the final decision (paragraph 3.5).
      </p>
      <NextLinks />
    </Main>
  );
}

/** The agency's records are recorded as secured. */
function Secured({ action }: { action: RecordsSecuredAction }) {
  const heading = 'Confirmation sent';
  useTitle(heading);
  return (
    <Main>
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">{heading}</h1>
        <div className="govuk-panel__body">
          Referral
          <br />
          <strong>{action.reference}</strong>
        </div>
      </div>
      <p className="govuk-body">{action.agency}’s records are recorded as secured. The business manager can see this on the case.</p>
      <p className="govuk-body">Keep the original records secure. Staff who need information from them for ongoing work can be given copies of extracts (paragraph 10.4).</p>
      <NextLinks />
    </Main>
  );
}

/** The link was used already, or the case has moved on: nothing to do, and nothing was changed. */
function Closed({ view }: { view: Extract<View, { kind: 'closed' }> }) {
  if (isContributionAction(view.action)) return <ContributionClosed view={view} />;
  const what =
    view.action === 'recommend'
      ? 'recommendation'
      : view.action === 'decide'
        ? 'decision'
        : view.action === 'records-secured'
          ? 'confirmation'
          : view.action === 'report-accept'
            ? 'acceptance of the report'
            : 'answer';
  // A joint-review answer refused on sending: the server says why (answered already, or the question closed).
  const refusedAnswer = view.action === 'joint-answer' && view.message !== undefined;
  const heading =
    view.state === 'expired' ? 'This link has expired' : refusedAnswer ? 'You cannot answer with this link' : `The ${what} has already been recorded`;
  useTitle(heading);
  const message =
    view.message ??
    (view.state === 'expired'
      ? `Referral ${view.reference} has moved on since this email was sent, so there is nothing to record with this link. Nothing was changed.`
      : `The ${what} for this referral has already been recorded. Nothing was changed.`);
  return (
    <Main>
      <span className="govuk-caption-l">Referral {view.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">{message}</p>
      {view.action === 'joint-answer' || view.action === 'records-secured' ? (
        <>
          <p className="govuk-body">Each link in these emails can be used once.</p>
          <NextLinks />
        </>
      ) : (
        <>
          <p className="govuk-body">Each link in these emails can be used once. The case page shows what has been recorded.</p>
          <NextLinks reference={view.reference} />
        </>
      )}
    </Main>
  );
}

function NotValid() {
  const session = useSession('staff');
  const heading = 'This link is not valid';
  useTitle(heading);
  return (
    <Main>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">Check you copied all of the link from the email.</p>
      <p className="govuk-body">
        If it still does not work, contact the Board’s business manager. They can tell you what is waiting for you.
      </p>
      {session ? <NextLinks /> : null}
    </Main>
  );
}

/** Signed in as someone other than the person the link was emailed to. The link is kept, to sign in again. */
function SomeoneElse({ message }: { message?: string }) {
  const session = useSession('staff');
  const [pending, run] = usePending();
  const heading = 'This link was sent to someone else';
  useTitle(heading);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      await signOut('staff');
      navigate(STAFF_SIGN_IN_PATH, { replace: true, state: { notice: signedOutNotice(), returnTo: ACT_PATH } });
    });
  };
  return (
    <Main>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        {message ??
          'This link was sent to someone else. Sign in as the person it was emailed to, or ask the business manager for help.'}
      </p>
      {session ? (
        <>
          <p className="govuk-body">
            You are signed in as <strong>{session.email}</strong>. Nothing was changed.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <SubmitButton pending={pending} pendingText="Signing out" className="govuk-button govuk-button--secondary">
              Sign out and sign in as someone else
            </SubmitButton>
          </form>
        </>
      ) : null}
    </Main>
  );
}

function Unavailable() {
  const heading = 'Sorry, there is a problem with the service';
  useTitle(heading);
  return (
    <Main>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">We could not check your link. Try again later. Nothing has been recorded.</p>
      <NextLinks />
    </Main>
  );
}
