import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { create as createQr } from 'qrcode';
import type { FieldError } from '../../../../functions/schemas/errors.js';
import { confirmAppSetup, mfaStatus, startAppSetup, type MfaStatus } from '../../auth/authenticator-app.js';
import { CognitoError } from '../../auth/cognito.js';
import { ACCOUNT_SIGN_IN_PATH, STAFF_HOME_PATH, STAFF_SIGN_IN_PATH } from '../../auth/paths.js';
import { currentSession } from '../../auth/session.js';
import { answerAppCode, appSetupSecret, confirmAppSetupAtSignIn, pendingStaffSignIn, takeReturnTo } from '../../auth/staff-sign-in.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, noticeFrom, type Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { TextInput } from '../../components/TextInput.js';
import { Link, navigate, useLocation } from '../../router.js';
import { StaffOnly } from '../../staff/StaffOnly.js';

const FIELD = 'appCode';
const codeError = (text: string): FieldError => ({ name: FIELD, href: `#${FIELD}`, text });
const SERVICE_PROBLEM = 'Sorry, there is a problem with the service. Try again later';

/** What the app shows next to the account, so people can tell this service's codes from others'. */
function issuer(): string {
  return `Serious Case Review (${window.location.hostname})`;
}

function otpauthUri(secret: string, account: string): string {
  const name = issuer();
  return `otpauth://totp/${encodeURIComponent(`${name}:${account}`)}?secret=${secret}&issuer=${encodeURIComponent(name)}&algorithm=SHA1&digits=6&period=30`;
}

/** The secret in groups of four, as people type it into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Six digits, ignoring the spaces apps show in the middle. */
function checkCode(raw: string): { code: string } | { error: string } {
  const code = raw.replace(/[\s-]/g, '');
  if (code === '') return { error: 'Enter the 6-digit code from your authenticator app' };
  if (!/^\d+$/.test(code)) return { error: 'The code must only include numbers' };
  if (code.length !== 6) return { error: 'The code must be 6 digits' };
  return { code };
}

/** GOV.UK wording for an authenticator-app code Cognito refused. */
function appCodeMessage(error: unknown): string {
  if (!(error instanceof CognitoError)) return SERVICE_PROBLEM;
  switch (error.type) {
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return 'The code is not correct. Enter the code your authenticator app shows now';
    case 'NotAuthorizedException':
      return 'Your sign-in has timed out. Sign in again';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return 'You have entered too many codes. Wait 15 minutes and try again';
    default:
      return SERVICE_PROBLEM;
  }
}

/**
 * The QR code as inline SVG: one path of dark modules drawn from the
 * library's matrix (no HTML injected), with a quiet zone of 4 modules.
 */
function QrCode({ text }: { text: string }) {
  const path = useMemo(() => {
    const { size, data } = createQr(text, { errorCorrectionLevel: 'M' }).modules;
    let d = '';
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) if (data[row * size + col]) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { d, size: size + 8 };
  }, [text]);
  return (
    <svg
      className="app-qr-code"
      role="img"
      aria-label="QR code to scan with your authenticator app"
      viewBox={`0 0 ${path.size} ${path.size}`}
      width="200"
      height="200"
      shapeRendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#ffffff" />
      <path d={path.d} fill="#0b0c0c" />
    </svg>
  );
}

/**
 * Setting up an authenticator app: scan the QR code or type the secret,
 * then enter the code the app shows. Used at sign-in (MFA_SETUP) and by a
 * signed-in person adding or replacing their app.
 */
function AppSetupForm({
  heading,
  email,
  secret,
  confirm,
  intro,
  focusHeading = false,
}: {
  heading: string;
  email: string;
  secret: string;
  confirm: (code: string) => Promise<void>;
  intro: string;
  /** Shown in place of another view (not a new page): move focus to the heading so it is announced. */
  focusHeading?: boolean;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading]);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  useTitle(heading, errors.length > 0);

  const fail = (text: string) => {
    setErrors([codeError(text)]);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkCode(code);
    if ('error' in checked) return fail(checked.error);
    void run(async () => {
      try {
        await confirm(checked.code);
      } catch (error) {
        setCode('');
        fail(appCodeMessage(error));
      }
    });
  };

  return (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <h1 className="govuk-heading-l" ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      <p className="govuk-body">{intro}</p>
      <p className="govuk-body">
        You need an authenticator app on your phone or computer, such as Microsoft Authenticator or Google Authenticator. Your organisation may
        tell you which to use.
      </p>
      <h2 className="govuk-heading-m">1. Add this service to your app</h2>
      <p className="govuk-body">In your authenticator app, choose to add an account, then scan this QR code.</p>
      <QrCode text={otpauthUri(secret, email)} />
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">I cannot scan the QR code</span>
        </summary>
        <div className="govuk-details__text">
          <p className="govuk-body">Choose to enter a key by hand (it may be called a setup key or secret key) and enter:</p>
          <p className="govuk-body">
            Account: <strong>{email}</strong>
          </p>
          <p className="govuk-body">
            Key: <code className="app-secret-key" id="secret-key">{grouped(secret)}</code>
          </p>
          <p className="govuk-body">If the app asks, the key is time based.</p>
        </div>
      </details>
      <h2 className="govuk-heading-m">2. Enter the code from your app</h2>
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          name={FIELD}
          label="Code from your authenticator app"
          hint="The app shows a new 6-digit code every 30 seconds"
          value={code}
          onChange={setCode}
          error={errors[0]?.text}
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          widthClass="govuk-input--width-10"
        />
        <SubmitButton pending={pending} pendingText="Checking your code">
          Continue
        </SubmitButton>
      </form>
    </>
  );
}

function afterSignIn(): void {
  navigate(currentSession('staff') ? (takeReturnTo() ?? STAFF_HOME_PATH) : STAFF_SIGN_IN_PATH, { replace: true });
}

/** First sign-in (or after a reset): MFA_SETUP, answered by setting up an authenticator app. */
export function SetUpAppAtSignInPage() {
  const waiting = pendingStaffSignIn();
  const [secret, setSecret] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!waiting || waiting.challenge !== 'MFA_SETUP') {
      navigate(STAFF_SIGN_IN_PATH, { replace: true });
      return;
    }
    appSetupSecret().then(setSecret, () => setFailed(true));
  }, [waiting]);
  if (!waiting || waiting.challenge !== 'MFA_SETUP') return null;
  return (
    <Main backTo={STAFF_SIGN_IN_PATH}>
      {failed ? (
        <>
          <SetUpTitle />
          <h1 className="govuk-heading-l">Set up an authenticator app</h1>
          <p className="govuk-body">
            Sorry, there is a problem with the service or your sign-in has timed out.{' '}
            <Link className="govuk-link" to={STAFF_SIGN_IN_PATH}>
              Sign in again
            </Link>
            .
          </p>
        </>
      ) : secret ? (
        <AppSetupForm
          heading="Set up an authenticator app"
          email={waiting.email}
          secret={secret}
          intro="Each time you sign in you’ll enter your password and a code from an authenticator app. It keeps the information in this service safe if someone learns your password."
          confirm={async (code) => {
            await confirmAppSetupAtSignIn(code);
            afterSignIn();
          }}
        />
      ) : (
        <>
          <SetUpTitle />
          <p className="govuk-body" role="status">
            Loading…
          </p>
        </>
      )}
    </Main>
  );
}

function SetUpTitle() {
  useTitle('Set up an authenticator app');
  return null;
}

/** SOFTWARE_TOKEN_MFA: the code from the person's authenticator app. */
export function AppCodePage() {
  const waiting = pendingStaffSignIn();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const heading = 'Enter the code from your authenticator app';
  useTitle(heading, errors.length > 0);
  useEffect(() => {
    if (!waiting || waiting.challenge !== 'SOFTWARE_TOKEN_MFA') navigate(STAFF_SIGN_IN_PATH, { replace: true });
  }, [waiting]);
  if (!waiting || waiting.challenge !== 'SOFTWARE_TOKEN_MFA') return null;

  const fail = (text: string) => {
    setErrors([codeError(text)]);
    setFocusKey((k) => k + 1);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkCode(code);
    if ('error' in checked) return fail(checked.error);
    void run(async () => {
      try {
        await answerAppCode(checked.code);
        afterSignIn();
      } catch (error) {
        setCode('');
        fail(appCodeMessage(error));
      }
    });
  };

  return (
    <Main backTo={STAFF_SIGN_IN_PATH}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          name={FIELD}
          label={heading}
          isPageHeading
          hint={`Open the authenticator app you set up for ${waiting.email}. It shows a new 6-digit code every 30 seconds.`}
          value={code}
          onChange={setCode}
          error={errors[0]?.text}
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          widthClass="govuk-input--width-10"
        />
        <SubmitButton pending={pending} pendingText="Checking your code">
          Continue
        </SubmitButton>
      </form>
      <h2 className="govuk-heading-m">If you cannot use your authenticator app</h2>
      <p className="govuk-body">
        If you have lost or replaced the phone or computer with your app, ask the Board’s business manager to reset your sign-in. They will
        email you a code to choose a new password, and you’ll set up your app again.
      </p>
    </Main>
  );
}

/** "Sign-in security": whether the person has an authenticator app, and setting one up or replacing it. */
export function SignInSecurityPage() {
  return <StaffOnly>{(session) => <SignInSecurity email={session.email} />}</StaffOnly>;
}

type Load = { kind: 'loading' } | { kind: 'ok'; status: MfaStatus } | { kind: 'failed' };

function SignInSecurity({ email }: { email: string }) {
  const location = useLocation();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState(false);
  const [starting, runStart] = usePending();
  const notice = noticeFrom(location.state);
  const heading = secret ? 'Set up an authenticator app' : 'Sign-in security';
  useTitle(heading, problem);

  useEffect(() => {
    mfaStatus().then(
      (status) => setLoad({ kind: 'ok', status }),
      () => setLoad({ kind: 'failed' }),
    );
  }, []);

  const onStart = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void runStart(async () => {
      try {
        setSecret(await startAppSetup());
        setProblem(false);
      } catch {
        setProblem(true);
      }
    });
  };

  if (secret) {
    return (
      <Main backTo={ACCOUNT_SIGN_IN_PATH}>
        <AppSetupForm
          heading={heading}
          email={email}
          secret={secret}
          intro="Once it is set up, you’ll sign in with your password and a code from the app, and you can reset your own password by email if you forget it."
          focusHeading
          confirm={async (code) => {
            await confirmAppSetup(code);
            const done: Notice = { kind: 'success', heading: 'Your authenticator app is set up', text: 'Next time you sign in, enter the code it shows.' };
            navigate(ACCOUNT_SIGN_IN_PATH, { replace: true, state: { notice: done } });
          }}
        />
      </Main>
    );
  }

  return (
    <Main>
      {notice ? <NotificationBanner notice={notice} /> : null}
      {problem ? (
        <div className="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="govuk-error-summary__title">There is a problem</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{SERVICE_PROBLEM}</p>
          </div>
        </div>
      ) : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      {load.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : load.kind === 'failed' ? (
        <LoadProblem state={{ kind: 'unavailable', status: 503 }} what="your sign-in settings" />
      ) : (
        <>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Second step when you sign in</dt>
              <dd className="govuk-summary-list__value">
                {load.status.app ? 'A code from your authenticator app' : load.status.email ? 'A code sent to your email' : 'Not set up'}
              </dd>
            </div>
          </dl>
          {load.status.app ? (
            <p className="govuk-body">If you have a new phone or computer, set up your authenticator app again. The old one will stop working.</p>
          ) : (
            <p className="govuk-body">
              Set up an authenticator app. Until you do, you cannot reset your own password: a code sent to your email cannot be both your second
              step and the way to reset your password, so you would have to ask the business manager.
            </p>
          )}
          <form noValidate onSubmit={onStart}>
            <SubmitButton pending={starting} pendingText="Starting" className={load.status.app ? 'govuk-button govuk-button--secondary' : 'govuk-button'}>
              {load.status.app ? 'Set up your app again' : 'Set up an authenticator app'}
            </SubmitButton>
          </form>
        </>
      )}
    </Main>
  );
}
