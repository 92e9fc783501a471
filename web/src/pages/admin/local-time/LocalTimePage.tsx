import { useState, type FormEvent } from 'react';
import * as z from 'zod';
import { toFieldErrors, type FieldError } from '../../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet } from '../../../api/client.js';
import { SubmitButton, usePending } from '../../../components/Buttons.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { NotificationBanner, type Notice } from '../../../components/NotificationBanner.js';
import { useTitle } from '../../../components/Page.js';
import { ProblemSummary } from '../../../components/ProblemSummary.js';
import { Radios } from '../../../components/Radios.js';
import { formatDateTime } from '../../../format.js';
import { StaffOnly } from '../../../staff/StaffOnly.js';

/**
 * "Move time forward": the local runtime's clock (`npm start` only), for
 * the business manager trying deadlines, reminders and escalations without
 * waiting. It uses `GET` and `POST /local/clock`; in the AWS build there is
 * no such address, and the page says so.
 */

export const LOCAL_TIME_PATH = '/local/time';
const CLOCK_PATH = '/local/clock';

const STEPS = [
  { value: 'P1D', label: '1 day' },
  { value: 'P5D', label: '5 days' },
  { value: 'P7D', label: '1 week' },
  { value: 'P14D', label: '2 weeks' },
  { value: 'P28D', label: '4 weeks' },
  { value: 'P42D', label: '6 weeks' },
] as const;

/** The page's one question; the server accepts any ISO 8601 duration of days, hours and minutes. */
export const moveTimeSchema = z.strictObject({
  advanceBy: z.enum(STEPS.map((s) => s.value) as [string, ...string[]], { error: 'Select how far to move time forward' }),
});

const clockSchema = z.object({ now: z.string(), speed: z.number() });

export function LocalTimePage() {
  return <StaffOnly roles={['business-manager']}>{() => <MoveTime />}</StaffOnly>;
}

function MoveTime() {
  const heading = 'Move time forward';
  const { state, reload } = useApiGet('staff', CLOCK_PATH, clockSchema);
  const [step, setStep] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  useTitle(heading, errors.length > 0 || problem !== null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = moveTimeSchema.safeParse({ advanceBy: step || undefined });
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error));
      setFocusKey((k) => k + 1);
      return;
    }
    void run(async () => {
      const result = await apiRequest('staff', CLOCK_PATH, { method: 'POST', body: parsed.data, schema: clockSchema });
      if (result.kind === 'ok') {
        setErrors([]);
        setProblem(null);
        setStep('');
        setNotice({ kind: 'success', heading: `Local time is now ${formatDateTime(result.data.now)}` });
        reload();
      } else if (result.kind !== 'signed-out') {
        setProblem(result.kind === 'forbidden' ? 'Only the business manager can move local time forward' : 'Local time could not be moved. Try again.');
      }
      setFocusKey((k) => k + 1);
    });
  };

  return (
    <Main backTo="/tasks">
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      {notice && !problem && errors.length === 0 ? <NotificationBanner notice={notice} /> : null}
      <span className="govuk-caption-l">Only on your own machine</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Reading the local clock…
        </p>
      ) : state.kind !== 'ok' ? (
        <p className="govuk-body">
          This control exists only when the service runs on your own machine with <code>npm start</code>. A deployed service
          keeps real time.
        </p>
      ) : (
        <>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Local time now</dt>
              <dd className="govuk-summary-list__value">{formatDateTime(state.data.now)}</dd>
            </div>
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Speed</dt>
              <dd className="govuk-summary-list__value">{state.data.speed === 1 ? 'Real time' : `${state.data.speed} times real time`}</dd>
            </div>
          </dl>
          <p className="govuk-body">
            Deadlines, reminders and escalations follow local time, so moving it forward shows what happens when work is
            late. Time never goes back: start again with <code>npm start -- --fresh</code> to return to real time. Sign-in
            codes and sessions keep real time. The Mailbox lists each email at the real time it arrived.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Radios
              name="advanceBy"
              legend="How far forward?"
              legendSize="m"
              items={STEPS}
              value={step}
              onChange={setStep}
              error={errors.find((e) => e.name === 'advanceBy')?.text}
            />
            <SubmitButton pending={pending} pendingText="Moving time forward">
              Move time forward
            </SubmitButton>
          </form>
        </>
      )}
    </Main>
  );
}
