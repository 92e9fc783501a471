import { useEffect, useState, type FormEvent } from 'react';
import { myReferralsSchema } from '../../../../../functions/schemas/api.js';
import type { FieldError } from '../../../../../functions/schemas/errors.js';
import { referrerSchema } from '../../../../../functions/schemas/referral.js';
import { useApiGet } from '../../../api/client.js';
import { cognitoMessage } from '../../../auth/cognito.js';
import { pendingEmail, resendCode, sendCode, verifyCode } from '../../../auth/email-verification.js';
import { REFERRER_CODE_PATH, REFERRER_SIGN_IN_PATH, YOUR_REFERRALS_PATH } from '../../../auth/paths.js';
import { isAllowedReferrerEmail, loadPublicConfig } from '../../../auth/public-config.js';
import { signedOutNotice, signOut, useSession } from '../../../auth/session.js';
import { SubmitButton, usePending } from '../../../components/Buttons.js';
import { CodePage } from '../../../components/CodePage.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { NotificationBanner, noticeFrom } from '../../../components/NotificationBanner.js';
import { useTitle } from '../../../components/Page.js';
import { LoadProblem } from '../../../components/LoadProblem.js';
import { TextInput } from '../../../components/TextInput.js';
import { formatDate } from '../../../format.js';
import { Link, navigate, useLocation } from '../../../router.js';

/** "Your referrals": the status of each referral the signed-in referrer made, and nothing more. */
export function YourReferralsPage() {
  const session = useSession('referrer');
  const location = useLocation();
  const heading = 'Your referrals';
  useTitle(heading);
  const { state } = useApiGet('referrer', session ? '/api/my-referrals' : null, myReferralsSchema);
  const notice = noticeFrom(location.state);

  useEffect(() => {
    if (!session) navigate(REFERRER_SIGN_IN_PATH, { replace: true });
  }, [session]);
  if (!session) return null;

  const onSignOut = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await signOut('referrer');
    navigate(REFERRER_SIGN_IN_PATH, { replace: true, state: { notice: signedOutNotice() } });
  };

  return (
    <Main wide>
      {notice ? <NotificationBanner notice={notice} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      <form noValidate onSubmit={(event) => void onSignOut(event)}>
        <p className="govuk-body">
          Signed in as <strong>{session.email}</strong>.{' '}
          <button type="submit" className="app-link-button govuk-link">
            Sign out
          </button>
        </p>
      </form>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading your referrals…
        </p>
      ) : state.kind === 'ok' ? (
        state.data.referrals.length === 0 ? (
          <p className="govuk-body">You have not made any referrals with this email address.</p>
        ) : (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Referrals you have made</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Date received</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {state.data.referrals.map((r) => (
                <tr className="govuk-table__row" key={r.reference}>
                  <th scope="row" className="govuk-table__header">{r.reference}</th>
                  <td className="govuk-table__cell">{formatDate(r.receivedAt)}</td>
                  <td className="govuk-table__cell">{r.statusLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <LoadProblem state={state} what="your referrals" />
      )}
      <p className="govuk-body">
        This page shows only where each referral has got to. To give more information about a referral, contact the
        Board’s business support team and quote its reference.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Make a new referral
        </Link>
      </p>
    </Main>
  );
}

/** Returning referrers sign in with their email and an emailed code. */
export function ReferrerSignInPage() {
  const location = useLocation();
  const session = useSession('referrer');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [sending, run] = usePending();
  const heading = 'Sign in to see your referrals';
  useTitle(heading, errors.length > 0);
  const notice = noticeFrom(location.state);

  useEffect(() => {
    if (session) navigate(YOUR_REFERRALS_PATH, { replace: true });
  }, [session]);

  const fail = (text: string) => {
    setErrors([{ name: 'email', href: '#email', text }]);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = referrerSchema.shape.email.safeParse(email);
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'Enter your work email address');
    void run(async () => {
      try {
        const config = await loadPublicConfig();
        if (!isAllowedReferrerEmail(parsed.data, config.allowedReferrerDomains)) {
          fail('Enter a work email address from a partner agency, like name@nhs.net');
          return;
        }
        await sendCode(parsed.data);
        navigate(REFERRER_CODE_PATH);
      } catch (error) {
        fail(cognitoMessage(error, 'send-code'));
      }
    });
  };

  return (
    <Main backTo="/">
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {notice ? <NotificationBanner notice={notice} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">You can see the reference, date and status of each referral you have made.</p>
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          name="email"
          label="Work email address"
          hint="The email address you gave when you made your referrals. We’ll email a code to it."
          type="email"
          value={email}
          onChange={setEmail}
          error={errors[0]?.text}
          autoComplete="work email"
          spellCheck={false}
        />
        <SubmitButton pending={sending} pendingText="Sending a code">
          Continue
        </SubmitButton>
      </form>
    </Main>
  );
}

/** The code for a returning referrer's sign-in. */
export function ReferrerCodePage() {
  const email = pendingEmail();
  useEffect(() => {
    if (!email) navigate(REFERRER_SIGN_IN_PATH, { replace: true });
  }, [email]);
  if (!email) return null;
  return (
    <CodePage
      email={email}
      backTo={REFERRER_SIGN_IN_PATH}
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
      onDone={() => navigate(YOUR_REFERRALS_PATH, { replace: true })}
    />
  );
}
