import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { FieldError } from '../../../../../functions/schemas/errors.js';
import { submitReferral, type SubmitOutcome } from '../../../api/submit-referral.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { useTitle } from '../../../components/Page.js';
import { clearDraft, saveConfirmation, useDraft } from '../../../draft/draft-store.js';
import { isVerifiedReferrer } from '../../../auth/email-verification.js';
import { CONFIRM_EMAIL_PATH } from '../../../auth/paths.js';
import { CHECK_ANSWERS_PATH, CONFIRMATION_PATH, SECTION_ORDER, SECTION_PATHS, sectionOf, validateReferral } from '../../../form/sections.js';
import { londonToday } from '../../../form/today.js';
import type { FixState } from '../../../form/useQuestionPage.js';
import { Link, navigate } from '../../../router.js';
import { summarise } from './summary.js';

/** A server message as a sentence, whether or not it ends with a full stop. */
const sentence = (message: string): string => `${message.trim().replace(/[.!]+$/, '')}.`;

/** A problem sending that is not about a particular answer. */
interface Problem {
  title: string;
  body: ReactNode;
}

function problemFor(outcome: Exclude<SubmitOutcome, { kind: 'created' | 'invalid' | 'signed-out' }>): Problem {
  if (outcome.kind === 'conflict') {
    return {
      title: 'Your referral may already have been sent',
      body: (
        <>
          <p className="govuk-body">{sentence(outcome.message)}</p>
          <p className="govuk-body">
            An earlier attempt to send this referral may have reached us before your answers were changed. Contact the
            Board’s business support team before sending it again, so the case is not referred twice. Your answers have
            been kept in this browser tab.
          </p>
        </>
      ),
    };
  }
  const kept = 'Your referral has not been sent. Your answers have been kept in this browser tab.';
  if (outcome.kind === 'busy') {
    const wait =
      outcome.retryAfterSeconds && outcome.retryAfterSeconds <= 60
        ? `Wait ${outcome.retryAfterSeconds} ${outcome.retryAfterSeconds === 1 ? 'second' : 'seconds'}`
        : 'Wait a minute';
    return {
      title: 'The service is busy at the moment',
      body: (
        <>
          <p className="govuk-body">{kept}</p>
          <p className="govuk-body">
            {wait}, then select “Accept and send” again. If your referral did reach us, sending it again will not create a
            second one.
          </p>
        </>
      ),
    };
  }
  if (outcome.status === undefined) {
    return {
      title: 'Sorry, there is a problem with the service',
      body: (
        <>
          <p className="govuk-body">We could not connect to the service. {kept}</p>
          <p className="govuk-body">
            Check your internet connection and try sending it again. If your referral did reach us, sending it again will
            not create a second one.
          </p>
        </>
      ),
    };
  }
  const detail =
    outcome.status === 429
      ? 'Too many referrals have been sent in a short time. Wait a few minutes, then try again.'
      : outcome.status === 413
        ? 'Your referral is too large to send. Shorten the longest answers, then try again.'
        : 'Try again later.';
  return {
    title: 'Sorry, there is a problem with the service',
    body: (
      <>
        <p className="govuk-body">
          {outcome.message && outcome.status < 500 ? `${sentence(outcome.message)} ` : ''}
          {kept}
        </p>
        <p className="govuk-body">{detail}</p>
      </>
    ),
  };
}

/** Where an error's link goes: the page that asks the question, showing the errors. */
function linkFor(errors: readonly FieldError[]) {
  return (error: FieldError) => {
    const section = sectionOf(error.name);
    if (!section) return undefined;
    const state: FixState = { errors: errors.filter((e) => sectionOf(e.name) === section) };
    const fragment = error.href.startsWith('#') ? error.href : '';
    return { href: `${SECTION_PATHS[section]}?change=true${fragment}`, state };
  };
}

/** Check your answers, then send: `POST /api/referrals` with the draft's idempotency key. */
export function CheckAnswersPage() {
  const draft = useDraft();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [sending, setSending] = useState(false);
  // A ref as well as state: a second click in the same frame must see "sending" at once.
  const sendingRef = useRef(false);
  const problemRef = useRef<HTMLDivElement>(null);

  const heading = 'Check your answers before sending your referral';
  useTitle(heading, errors.length > 0 || problem !== null);

  useEffect(() => {
    if (problem && focusKey > 0) problemRef.current?.focus();
  }, [problem, focusKey]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    const checked = validateReferral(draft.answers, londonToday());
    if (!checked.ok) {
      setProblem(null);
      setErrors(checked.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    // The email on the referral must be the one this tab confirmed (it may have been changed since).
    if (!isVerifiedReferrer(checked.referral.referrer.email)) {
      navigate(`${CONFIRM_EMAIL_PATH}?change=true`);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    const outcome = await submitReferral(checked.referral, draft.idempotencyKey);
    sendingRef.current = false;
    setSending(false);

    if (outcome.kind === 'signed-out') {
      // A 401 has already moved to "Confirm your email address"; no session at all gets there too.
      if (window.location.pathname === CHECK_ANSWERS_PATH) navigate(`${CONFIRM_EMAIL_PATH}?change=true`);
      return;
    }

    if (outcome.kind === 'created') {
      saveConfirmation({ reference: outcome.created.reference, receivedAt: outcome.created.receivedAt });
      clearDraft();
      navigate(CONFIRMATION_PATH, { replace: true });
      return;
    }
    if (outcome.kind === 'invalid') {
      setProblem(null);
      setErrors(outcome.errors);
    } else {
      setErrors([]);
      setProblem(problemFor(outcome));
    }
    setFocusKey((k) => k + 1);
  };

  const sections = summarise(draft.answers);
  const order = (s: string) => SECTION_ORDER.indexOf(s as never);
  return (
    <Main backTo={SECTION_PATHS.involvement}>
      <ErrorSummary
        errors={[...errors].sort((a, b) => order(sectionOf(a.name) ?? '') - order(sectionOf(b.name) ?? ''))}
        focusKey={focusKey}
        linkFor={linkFor(errors)}
      />
      {problem ? (
        <div className="govuk-error-summary" tabIndex={-1} ref={problemRef}>
          <div role="alert">
            <h2 className="govuk-error-summary__title">{problem.title}</h2>
            <div className="govuk-error-summary__body">{problem.body}</div>
          </div>
        </div>
      ) : null}

      <h1 className="govuk-heading-l">{heading}</h1>

      {sections.map(({ section, heading: sectionHeading, rows }) => (
        <div key={section}>
          <h2 className="govuk-heading-m">{sectionHeading}</h2>
          <dl className="govuk-summary-list govuk-!-margin-bottom-9">
            {rows.map((row) => (
              <div className="govuk-summary-list__row" key={row.key}>
                <dt className="govuk-summary-list__key">{row.key}</dt>
                <dd className="govuk-summary-list__value">
                  {row.value.length === 0 ? (
                    <span className="govuk-hint govuk-!-margin-bottom-0">Not answered</span>
                  ) : row.value.length === 1 ? (
                    <p className="govuk-body govuk-!-margin-bottom-0">{row.value[0]}</p>
                  ) : (
                    row.value.map((text, i) => (
                      <p className="govuk-body govuk-!-margin-bottom-1" key={i}>
                        {text}
                      </p>
                    ))
                  )}
                </dd>
                <dd className="govuk-summary-list__actions">
                  <Link className="govuk-link" to={`${SECTION_PATHS[section]}?change=true`}>
                    Change<span className="govuk-visually-hidden"> {row.key.toLowerCase()}</span>
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}

      <h2 className="govuk-heading-m">Now send your referral</h2>
      <p className="govuk-body">
        By sending this referral you confirm that, to the best of your knowledge, the details you are providing are
        correct.
      </p>
      <p className="govuk-body">
        It will go to the Chair of the Strategic and Serious Case Review sub-committee, who will recommend to the Board chair
        whether a serious case review should take place.
      </p>
      <form noValidate onSubmit={onSubmit}>
        <button
          type="submit"
          className={sending ? 'govuk-button govuk-button--disabled app-button--pending' : 'govuk-button'}
          aria-disabled={sending || undefined}
        >
          Accept and send
        </button>
        <div className="govuk-visually-hidden" role="status">
          {sending ? 'Sending your referral' : ''}
        </div>
      </form>
    </Main>
  );
}
