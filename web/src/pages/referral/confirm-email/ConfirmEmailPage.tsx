import { useEffect, useState, type FormEvent } from 'react';
import type { FieldError } from '../../../../../functions/schemas/errors.js';
import { cognitoMessage, CognitoError } from '../../../auth/cognito.js';
import { isVerifiedReferrer, pendingEmail, resendCode, sendCode, verifyCode } from '../../../auth/email-verification.js';
import { CONFIRM_EMAIL_CODE_PATH, CONFIRM_EMAIL_PATH } from '../../../auth/paths.js';
import { SubmitButton, usePending } from '../../../components/Buttons.js';
import { CodePage } from '../../../components/CodePage.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { NotificationBanner, noticeFrom } from '../../../components/NotificationBanner.js';
import { useTitle } from '../../../components/Page.js';
import { useDraft } from '../../../draft/draft-store.js';
import { CHECK_ANSWERS_PATH, SECTION_PATHS } from '../../../form/sections.js';
import { isChangeMode, Link, navigate, useLocation, type AppLocation } from '../../../router.js';

/** Where the form carries on once the email is confirmed. */
function nextPath(location: AppLocation): string {
  const returnTo = (location.state as { returnTo?: unknown } | null)?.returnTo;
  if (typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//')) return returnTo;
  return isChangeMode(location) ? CHECK_ANSWERS_PATH : SECTION_PATHS.child;
}

const detailsPath = (location: AppLocation) => `${SECTION_PATHS.referrer}${isChangeMode(location) ? '?change=true' : ''}`;

/**
 * "Confirm your email address": after Your details, the referrer proves the
 * work email is theirs with an emailed code. The referral is sent with the
 * resulting ID token, and the API refuses one whose email differs from it.
 */
export function ConfirmEmailPage() {
  const location = useLocation();
  const { answers } = useDraft();
  const email = answers.referrer.email.trim();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [sending, run] = usePending();
  const verified = isVerifiedReferrer(email);
  const heading = verified ? 'You’ve confirmed your email address' : 'Confirm your email address';
  useTitle(heading, errors.length > 0);
  const notice = noticeFrom(location.state);

  useEffect(() => {
    // Nothing to confirm yet: Your details asks for the address.
    if (!email) navigate(SECTION_PATHS.referrer, { replace: true });
  }, [email]);
  if (!email) return null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      try {
        await sendCode(email);
        navigate(`${CONFIRM_EMAIL_CODE_PATH}${location.search}`, { state: { returnTo: nextPath(location) } });
      } catch (error) {
        // A refused domain is about the answer on Your details: link there.
        const aboutEmail = error instanceof CognitoError && ['UserLambdaValidationException', 'InvalidParameterException'].includes(error.type);
        const text = cognitoMessage(error, 'send-code');
        setErrors([
          aboutEmail
            ? { name: 'referrer.email', href: `${SECTION_PATHS.referrer}?change=true`, text }
            : { name: 'send', href: '#send-code', text },
        ]);
        setFocusKey((k) => k + 1);
      }
    });
  };

  return (
    <Main backTo={detailsPath(location)}>
      <ErrorSummary
        errors={errors}
        focusKey={focusKey}
        linkFor={(error) =>
          error.href.startsWith('#')
            ? { href: error.href }
            : // Your details opens showing the same message against the email field.
              { href: `${SECTION_PATHS.referrer}?change=true`, state: { errors: [{ ...error, href: '#referrer-email' }] } }
        }
      />
      {notice ? <NotificationBanner notice={notice} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      {verified ? (
        <>
          <p className="govuk-body">
            You’ve confirmed that <strong>{email}</strong> is your email address. You do not need to do it again while
            this browser tab is open.
          </p>
          <Link to={nextPath(location)} className="govuk-button" draggable={false}>
            Continue
          </Link>
        </>
      ) : (
        <>
          <p className="govuk-body">
            Before you send a referral, we need to check that <strong>{email}</strong> is your work email address.
          </p>
          <p className="govuk-body">
            We’ll email you a code to enter on the next page. You’ll also be able to use this email address to check
            the progress of your referrals.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={detailsPath(location)}>
              Change your email address
            </Link>
          </p>
          <form noValidate onSubmit={onSubmit}>
            <SubmitButton pending={sending} pendingText="Sending the code" id="send-code">
              Send the code
            </SubmitButton>
          </form>
        </>
      )}
    </Main>
  );
}

/** "Check your email": the code that confirms the referrer's email. */
export function ConfirmEmailCodePage() {
  const location = useLocation();
  const email = pendingEmail();
  useEffect(() => {
    if (!email) navigate(`${CONFIRM_EMAIL_PATH}${location.search}`, { replace: true, state: location.state });
  }, [email, location.search, location.state]);
  if (!email) return null;
  return (
    <CodePage
      email={email}
      backTo={`${CONFIRM_EMAIL_PATH}${location.search}`}
      verify={async (code) => {
        const outcome = await verifyCode(code);
        return outcome.kind === 'signed-in'
          ? { kind: 'done' }
          : {
              kind: 'another-code',
              notice: {
                kind: 'success',
                heading: 'You’ve confirmed your email address',
                text: `To finish signing in, enter the new code we’ve sent to ${outcome.email}.`,
              },
            };
      }}
      resend={resendCode}
      onDone={() => navigate(nextPath(location), { replace: true })}
    />
  );
}
