import { useEffect, useState, type FormEvent } from 'react';
import type { FieldError } from '../../../../functions/schemas/errors.js';
import { cognitoMessage } from '../../auth/cognito.js';
import {
  STAFF_APP_CODE_PATH,
  STAFF_APP_SETUP_PATH,
  STAFF_CODE_PATH,
  STAFF_FORGOT_PASSWORD_PATH,
  STAFF_HOME_PATH,
  STAFF_NEW_PASSWORD_PATH,
  STAFF_RESET_PASSWORD_PATH,
  STAFF_SIGN_IN_PATH,
} from '../../auth/paths.js';
import { CognitoError } from '../../auth/cognito.js';
import { expectResetCode } from '../../auth/password-reset.js';
import { currentSession, useSession } from '../../auth/session.js';
import {
  answerNewPassword,
  answerStaffCode,
  pendingStaffSignIn,
  setReturnTo,
  startStaffSignIn,
  takeReturnTo,
  type StaffStep,
} from '../../auth/staff-sign-in.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { CodePage } from '../../components/CodePage.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { NotificationBanner, noticeFrom } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { TextInput } from '../../components/TextInput.js';
import { NewPasswordFields } from '../../components/NewPasswordFields.js';
import { Link, navigate, useLocation } from '../../router.js';

const fieldError = (name: string, text: string): FieldError => ({ name, href: `#${name}`, text });

/** Goes to the page for the next step of signing in. */
function goTo(step: StaffStep): void {
  if (step === 'code') navigate(STAFF_CODE_PATH);
  else if (step === 'new-password') navigate(STAFF_NEW_PASSWORD_PATH);
  else if (step === 'app-setup') navigate(STAFF_APP_SETUP_PATH);
  else if (step === 'app-code') navigate(STAFF_APP_CODE_PATH);
  else navigate(takeReturnTo() ?? STAFF_HOME_PATH, { replace: true });
}

const SIGN_IN_WAS_RESET = {
  kind: 'important',
  heading: 'Your sign-in has been reset',
  text: 'The business manager has reset your sign-in. Choose a new password with the code we emailed you.',
} as const;

/** Staff sign-in: email and password. A code from an authenticator app (or email) follows: the second factor. */
export function SignInPage() {
  const location = useLocation();
  const session = useSession('staff');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const heading = 'Sign in';
  useTitle(heading, errors.length > 0);
  const notice = noticeFrom(location.state);

  useEffect(() => {
    const returnTo = (location.state as { returnTo?: unknown } | null)?.returnTo;
    setReturnTo(typeof returnTo === 'string' ? returnTo : undefined);
  }, [location.state]);
  useEffect(() => {
    if (session) navigate(STAFF_HOME_PATH, { replace: true });
  }, [session]);

  const show = (list: FieldError[]) => {
    setErrors(list);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = [
      ...(email.trim() ? [] : [fieldError('email', 'Enter your email address')]),
      ...(password ? [] : [fieldError('password', 'Enter your password')]),
    ];
    if (missing.length) return show(missing);
    void run(async () => {
      try {
        const step = await startStaffSignIn(email, password);
        setPassword('');
        goTo(step);
      } catch (error) {
        setPassword('');
        if (error instanceof CognitoError && error.type === 'PasswordResetRequiredException') {
          // The business manager reset this sign-in (the password was right): the emailed code sets a new one.
          expectResetCode(email);
          navigate(STAFF_RESET_PASSWORD_PATH, { state: { notice: SIGN_IN_WAS_RESET } });
          return;
        }
        // Never say which of the two was wrong: that would reveal who has an account.
        show([fieldError('email', cognitoMessage(error, 'password'))]);
      }
    });
  };

  return (
    <Main>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {notice ? <NotificationBanner notice={notice} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">Sign in to see the serious case review cases and tasks you are involved in.</p>
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          name="email"
          label="Email address"
          type="email"
          value={email}
          onChange={setEmail}
          error={errors.find((e) => e.name === 'email')?.text}
          autoComplete="username"
          spellCheck={false}
        />
        <TextInput
          name="password"
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.find((e) => e.name === 'password')?.text}
          autoComplete="current-password"
          spellCheck={false}
        />
        <SubmitButton pending={pending} pendingText="Signing in">
          Continue
        </SubmitButton>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to={STAFF_FORGOT_PASSWORD_PATH}>
          Forgot your password?
        </Link>
      </p>
      <h2 className="govuk-heading-m">Problems signing in</h2>
      <p className="govuk-body">
        If you cannot sign in for another reason, have lost your authenticator app, or your invitation has expired, contact
        the Board’s business manager. They can reset your sign-in or send you a new invitation.
      </p>
      <p className="govuk-body">
        If you want to make a referral, you do not need to sign in.{' '}
        <Link className="govuk-link" to="/">
          Make a referral
        </Link>
        .
      </p>
    </Main>
  );
}

/** The emailed code: the second factor of a staff sign-in. */
export function SignInCodePage() {
  const waiting = pendingStaffSignIn();
  useEffect(() => {
    if (!waiting || waiting.challenge !== 'EMAIL_OTP') navigate(STAFF_SIGN_IN_PATH, { replace: true });
  }, [waiting]);
  if (!waiting || waiting.challenge !== 'EMAIL_OTP') return null;
  let step: StaffStep = 'done';
  return (
    <CodePage
      email={waiting.email}
      backTo={STAFF_SIGN_IN_PATH}
      verify={async (code) => {
        step = await answerStaffCode(code);
        return { kind: 'done' };
      }}
      noResend={
        <p className="govuk-body">
          If the code has expired or you cannot find the email,{' '}
          <Link className="govuk-link" to={STAFF_SIGN_IN_PATH}>
            sign in again
          </Link>{' '}
          to get a new code.
        </p>
      }
      onDone={() => goTo(currentSession('staff') ? 'done' : step)}
    />
  );
}

/** An invited user's first sign-in: choose a password to replace the temporary one. */
export function NewPasswordPage() {
  const waiting = pendingStaffSignIn();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const heading = 'Create a new password';
  useTitle(heading, errors.length > 0);

  useEffect(() => {
    if (!waiting || waiting.challenge !== 'NEW_PASSWORD_REQUIRED') navigate(STAFF_SIGN_IN_PATH, { replace: true });
  }, [waiting]);
  if (!waiting || waiting.challenge !== 'NEW_PASSWORD_REQUIRED') return null;

  const show = (list: FieldError[]) => {
    setErrors(list);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const list: FieldError[] = [];
    if (!password) list.push(fieldError('newPassword', 'Enter a new password'));
    if (!confirm) list.push(fieldError('confirmPassword', 'Enter your new password again'));
    else if (password && confirm !== password) list.push(fieldError('confirmPassword', 'The passwords do not match'));
    if (list.length) return show(list);
    void run(async () => {
      try {
        const step = await answerNewPassword(password);
        goTo(step);
      } catch (error) {
        show([fieldError('newPassword', cognitoMessage(error, 'new-password'))]);
      }
    });
  };

  return (
    <Main backTo={STAFF_SIGN_IN_PATH}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        You’re signing in as <strong>{waiting.email}</strong> for the first time. Replace the temporary password from your
        invitation with one only you know.
      </p>
      <form noValidate onSubmit={onSubmit}>
        <NewPasswordFields password={password} confirm={confirm} onPasswordChange={setPassword} onConfirmChange={setConfirm} errors={errors} />
        <SubmitButton pending={pending} pendingText="Saving your password">
          Continue
        </SubmitButton>
      </form>
    </Main>
  );
}
