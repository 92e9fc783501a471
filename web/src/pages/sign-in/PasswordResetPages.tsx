import { useState, type FormEvent } from 'react';
import * as z from 'zod';
import type { FieldError } from '../../../../functions/schemas/errors.js';
import { cognitoMessage, CognitoError } from '../../auth/cognito.js';
import { confirmPasswordReset, PasswordResetRefusedError, pendingPasswordReset, requestPasswordReset, resetRefusedMessage } from '../../auth/password-reset.js';
import { STAFF_FORGOT_PASSWORD_PATH, STAFF_RESET_PASSWORD_PATH, STAFF_SIGN_IN_PATH } from '../../auth/paths.js';
import { LinkButton, SubmitButton, usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { NotificationBanner, noticeFrom, type Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { TextInput } from '../../components/TextInput.js';
import { NewPasswordFields } from '../../components/NewPasswordFields.js';
import { Link, navigate, useLocation } from '../../router.js';

const fieldError = (name: string, text: string): FieldError => ({ name, href: `#${name}`, text });
const emailFormat = z.email();

/** The banner /sign-in shows once the password has been changed. */
export const PASSWORD_CHANGED: Notice = {
  kind: 'success',
  heading: 'Your password has been changed. Sign in with your new password.',
};

/** Step 1 of a password reset: the email address to send a code to. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState(pendingPasswordReset() ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const heading = 'Reset your password';
  useTitle(heading, errors.length > 0);

  const show = (list: FieldError[]) => {
    setErrors(list);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = email.trim();
    if (!value) return show([fieldError('email', 'Enter your email address')]);
    if (!emailFormat.safeParse(value).success) return show([fieldError('email', 'Enter an email address in the correct format, like name@example.gov.uk')]);
    void run(async () => {
      try {
        await requestPasswordReset(value);
        navigate(STAFF_RESET_PASSWORD_PATH);
      } catch (error) {
        // A refusal says so: no code was sent, and the page must not pretend one was.
        show([fieldError('email', error instanceof PasswordResetRefusedError ? resetRefusedMessage(error) : cognitoMessage(error, 'send-code'))]);
      }
    });
  };

  return (
    <Main backTo={STAFF_SIGN_IN_PATH}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        Enter the email address you use to sign in. If it has an account, we’ll email a code to it so you can choose a new
        password.
      </p>
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
        <SubmitButton pending={pending} pendingText="Sending a code">
          Send code
        </SubmitButton>
      </form>
      <p className="govuk-body">
        If you have not signed in before, use the temporary password in your invitation email. If it has expired, ask
        the Board’s business manager to send you a new invitation.
      </p>
      <p className="govuk-body">
        If the business manager has reset your sign-in, they have already emailed you a code.{' '}
        <Link className="govuk-link" to={STAFF_RESET_PASSWORD_PATH}>
          Enter the code and choose a new password
        </Link>
        .
      </p>
    </Main>
  );
}

/** Spaces and dashes are how people copy codes; only the digits matter. */
const cleanCode = (raw: string) => raw.replace(/[\s-]/g, '');

/** Step 2 of a password reset: the emailed code and the new password. */
export function ResetPasswordPage() {
  const location = useLocation();
  const known = pendingPasswordReset();
  // Opened from the reset email's link there is no address in memory: ask for it.
  const [email, setEmail] = useState(known ?? '');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, setNotice] = useState<Notice | undefined>(noticeFrom(location.state));
  // A new banner for each new code, so it is announced and focused again.
  const [noticeKey, setNoticeKey] = useState(0);
  const [saving, runSave] = usePending();
  const [sending, runSend] = usePending();
  const heading = 'Choose a new password';
  useTitle(heading, errors.length > 0);

  const show = (list: FieldError[]) => {
    setNotice(undefined);
    setErrors(list);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = cleanCode(code);
    const list: FieldError[] = [];
    if (!known) {
      if (!email.trim()) list.push(fieldError('email', 'Enter your email address'));
      else if (!emailFormat.safeParse(email.trim()).success) list.push(fieldError('email', 'Enter an email address in the correct format, like name@example.gov.uk'));
    }
    if (value === '') list.push(fieldError('code', 'Enter the code from the email'));
    else if (!/^\d+$/.test(value)) list.push(fieldError('code', 'The code must only include numbers'));
    if (!password) list.push(fieldError('newPassword', 'Enter a new password'));
    if (!confirm) list.push(fieldError('confirmPassword', 'Enter your new password again'));
    else if (password && confirm !== password) list.push(fieldError('confirmPassword', 'The passwords do not match'));
    if (list.length) return show(list);
    void runSave(async () => {
      try {
        await confirmPasswordReset(value, password, email);
        navigate(STAFF_SIGN_IN_PATH, { replace: true, state: { notice: PASSWORD_CHANGED } });
      } catch (error) {
        if (error instanceof CognitoError && error.type === 'InvalidPasswordException') {
          show([fieldError('newPassword', cognitoMessage(error, 'new-password'))]);
        } else {
          show([fieldError('code', cognitoMessage(error, 'reset-password'))]);
        }
      }
    });
  };

  const onResend = () => {
    if (!emailFormat.safeParse(email.trim()).success) {
      show([fieldError('email', email.trim() ? 'Enter an email address in the correct format, like name@example.gov.uk' : 'Enter your email address')]);
      return;
    }
    void runSend(async () => {
      try {
        await requestPasswordReset(email);
        setErrors([]);
        setCode('');
        setNotice({ kind: 'success', heading: 'New code requested', text: `If ${email.trim()} has an account, we’ve sent a new code to it. Only the newest code works.` });
        setNoticeKey((k) => k + 1);
      } catch (error) {
        if (error instanceof PasswordResetRefusedError) show([fieldError(known ? 'code' : 'email', resetRefusedMessage(error))]);
        else show([fieldError('code', cognitoMessage(error, 'send-code'))]);
      }
    });
  };

  return (
    <Main backTo={STAFF_FORGOT_PASSWORD_PATH}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {notice ? <NotificationBanner key={noticeKey} notice={notice} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      {known ? (
        <p className="govuk-body">
          If <strong>{known}</strong> has an account, we’ve sent a code to it. The email may take a few minutes to arrive.
          The code expires after a short time.
        </p>
      ) : (
        <p className="govuk-body">Enter your email address and the code we emailed you. The code expires after a short time.</p>
      )}
      <form noValidate onSubmit={onSubmit}>
        {known ? null : (
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
        )}
        <TextInput
          name="code"
          label="Code"
          hint="The code is in the email we sent you"
          value={code}
          onChange={setCode}
          error={errors.find((e) => e.name === 'code')?.text}
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          widthClass="govuk-input--width-10"
        />
        <NewPasswordFields password={password} confirm={confirm} onPasswordChange={setPassword} onConfirmChange={setConfirm} errors={errors} />
        <SubmitButton pending={saving} pendingText="Saving your new password">
          Change password
        </SubmitButton>
      </form>
      <h2 className="govuk-heading-m">If you have not received the email</h2>
      <p className="govuk-body">Check your spam or junk folder. The email comes from the Board’s own address.</p>
      <p className="govuk-body">
        <LinkButton onClick={onResend} aria-disabled={sending || undefined}>
          Send me a new code
        </LinkButton>
        <span className="govuk-visually-hidden" role="status">
          {sending ? 'Sending a new code' : ''}
        </span>
      </p>
    </Main>
  );
}
