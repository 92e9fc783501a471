import { useState, type FormEvent, type ReactNode } from 'react';
import type { FieldError } from '../../../functions/schemas/errors.js';
import { cognitoMessage } from '../auth/cognito.js';
import { LinkButton, SubmitButton, usePending } from './Buttons.js';
import { ErrorSummary } from './ErrorSummary.js';
import { Main } from './Layout.js';
import { NotificationBanner, type Notice } from './NotificationBanner.js';
import { useTitle } from './Page.js';
import { TextInput } from './TextInput.js';

export type VerifyResult = { kind: 'done' } | { kind: 'another-code'; notice: Notice };

interface CodePageProps {
  email: string;
  backTo: string;
  /** Checks the code; throws a CognitoError when it is wrong or expired. */
  verify: (code: string) => Promise<VerifyResult>;
  /** Emails a new code; without it, `noResend` explains what to do instead. */
  resend?: () => Promise<void>;
  noResend?: ReactNode;
  notice?: Notice;
  /** Called once the code is accepted. */
  onDone: () => void;
}

const FIELD = 'code';
const codeError = (text: string): FieldError => ({ name: FIELD, href: `#${FIELD}`, text });

/** Spaces and dashes are how people copy codes; only the digits matter. */
const cleanCode = (raw: string) => raw.replace(/[\s-]/g, '');

/**
 * GOV.UK "Check your email" with a security code: one text input with
 * `autocomplete="one-time-code"` and a numeric keyboard, Continue, and a
 * way to get a new code.
 */
export function CodePage({ email, backTo, verify, resend, noResend, notice: initialNotice, onDone }: CodePageProps) {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, setNotice] = useState<Notice | undefined>(initialNotice);
  // A new banner for each new code, so it is announced and focused again.
  const [noticeKey, setNoticeKey] = useState(0);
  const [checking, runCheck] = usePending();
  const [sending, runSend] = usePending();
  const heading = 'Check your email';
  useTitle(heading, errors.length > 0);

  const fail = (text: string) => {
    setNotice(undefined);
    setErrors([codeError(text)]);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = cleanCode(code);
    if (value === '') return fail('Enter the code from the email');
    if (!/^\d+$/.test(value)) return fail('The code must only include numbers');
    void runCheck(async () => {
      try {
        const result = await verify(value);
        if (result.kind === 'done') {
          onDone();
          return;
        }
        setErrors([]);
        setCode('');
        setNotice(result.notice);
        setNoticeKey((k) => k + 1);
      } catch (error) {
        fail(cognitoMessage(error, 'code'));
      }
    });
  };

  const onResend = () => {
    if (!resend) return;
    void runSend(async () => {
      try {
        await resend();
        setErrors([]);
        setCode('');
        setNotice({ kind: 'success', heading: 'We’ve sent you a new code', text: `Check your email at ${email}.` });
        setNoticeKey((k) => k + 1);
      } catch (error) {
        fail(cognitoMessage(error, 'send-code'));
      }
    });
  };

  return (
    <Main backTo={backTo}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {notice ? <NotificationBanner key={noticeKey} notice={notice} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        We’ve sent a code to <strong>{email}</strong>.
      </p>
      <p className="govuk-body">The email may take a few minutes to arrive. The code expires after a short time.</p>
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          name={FIELD}
          label="Code"
          hint="The code is in the email we sent you"
          value={code}
          onChange={setCode}
          error={errors[0]?.text}
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          widthClass="govuk-input--width-10"
        />
        <SubmitButton pending={checking} pendingText="Checking your code">
          Continue
        </SubmitButton>
      </form>
      <h2 className="govuk-heading-m">If you have not received the email</h2>
      <p className="govuk-body">Check your spam or junk folder. The email comes from the Board’s own address.</p>
      {resend ? (
        <p className="govuk-body">
          <LinkButton onClick={onResend} aria-disabled={sending || undefined}>
            Send me a new code
          </LinkButton>
          <span className="govuk-visually-hidden" role="status">
            {sending ? 'Sending a new code' : ''}
          </span>
        </p>
      ) : (
        noResend
      )}
    </Main>
  );
}
