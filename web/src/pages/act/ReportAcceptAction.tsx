import { useState, type FormEvent } from 'react';
import * as z from 'zod';
import { acceptReportSchema, reportAcceptActionSchema } from '../../../../functions/schemas/report.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import type { ApiResult } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { Link } from '../../router.js';
import { recordAction } from './action-api.js';

/**
 * A chair's emailed link to accept the overview report (11.3): what is
 * asked (opening it changed nothing), a link to read the version, and one
 * POST by the signed-in chair, with a confirmation. The sub-committee chair
 * accepts first; the Board chair's acceptance completes the review.
 */
export type ReportAcceptAction = z.infer<typeof reportAcceptActionSchema>;

const chairName = { 'sub-committee-chair': 'the Chair of the Strategic and Serious Case Review sub-committee', 'board-chair': 'the Board chair' } as const;

export function ReportAcceptForm({ secret, action, refused }: { secret: string; action: ReportAcceptAction; refused: (result: Exclude<ApiResult<unknown>, { kind: 'ok' }>) => void }) {
  const [confirm, setConfirm] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [done, setDone] = useState(false);
  const [pending, run] = usePending();
  const heading = done ? 'Overview report accepted' : `Accept version ${action.version} of the overview report`;
  useTitle(heading, errors.length > 0 || problem);
  const versionHref = `/cases/${encodeURIComponent(action.reference)}/report/versions/${action.version}`;

  if (done) {
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
          {action.chair === 'board-chair'
            ? 'Your acceptance completes the serious case review. The case now shows whether it was completed on time.'
            : 'The Board chair has been emailed a link to accept it too.'}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${encodeURIComponent(action.reference)}/report/versions`}>
            Open the overview report for {action.reference}
          </Link>
        </p>
      </Main>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const parsed = acceptReportSchema.safeParse({ accept: confirm || undefined });
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error));
      setFocusKey((k) => k + 1);
      return;
    }
    void run(async () => {
      const result = await recordAction(secret, parsed.data);
      if (result.kind === 'ok') setDone(true);
      else if (result.kind === 'invalid') {
        setErrors(result.errors);
        setFocusKey((k) => k + 1);
      } else if (result.kind === 'unavailable') {
        setProblem(true);
        setFocusKey((k) => k + 1);
      } else refused(result);
    });
  };
  const error = errors.find((e) => e.name === 'accept')?.text;
  return (
    <Main>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="Sorry, there is a problem with the service" focusKey={focusKey}>
          <p className="govuk-body">Your acceptance has not been recorded. Try again later.</p>
        </ProblemSummary>
      ) : null}
      <span className="govuk-caption-l">Referral {action.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        The overview report is to be accepted by {chairName[action.chair]} (paragraph 11.3). {action.stepLabel}.
      </p>
      <dl className="govuk-summary-list govuk-!-margin-bottom-6">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Needed by</dt>
          <dd className="govuk-summary-list__value">{action.dueBy}</dd>
        </div>
        {action.summary.sections.map((s) => (
          <div className="govuk-summary-list__row" key={s.title}>
            <dt className="govuk-summary-list__key">{s.title}</dt>
            <dd className="govuk-summary-list__value">{s.written ? 'Written' : 'Not written'}</dd>
          </div>
        ))}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Recommendations</dt>
          <dd className="govuk-summary-list__value">{action.summary.recommendations}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Panel comments</dt>
          <dd className="govuk-summary-list__value">{action.summary.comments}</dd>
        </div>
      </dl>
      <p className="govuk-body">
        <Link className="govuk-link" to={versionHref}>
          Read version {action.version} of the report
        </Link>{' '}
        before you accept it. Come back to this link afterwards: it stays open until you use it.
      </p>
      <form noValidate onSubmit={onSubmit}>
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          {error ? (
            <p className="govuk-error-message" id="accept-error">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <div className="govuk-checkboxes" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="accept" name="accept" type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} aria-describedby={error ? 'accept-error' : undefined} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="accept">
                I accept version {action.version} of the overview report
              </label>
            </div>
          </div>
        </div>
        <SubmitButton pending={pending} pendingText="Recording your acceptance">
          Accept the report
        </SubmitButton>
      </form>
    </Main>
  );
}
