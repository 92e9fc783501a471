import { useState, type FormEvent } from 'react';
import { toFieldErrors } from '../../../../functions/schemas/errors.js';
import { commissionOverviewAuthorSchema, overviewDeclarationSchema, overviewViewSchema, type OverviewView } from '../../../../functions/schemas/overview.js';
import type { RouteProps } from '../../App.js';
import { apiRequest, useApiGet, type ApiResult } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { NotificationBanner, type Notice } from '../../components/NotificationBanner.js';
import { Radios } from '../../components/Radios.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { NotLoaded, ReportFrame, ReportHeading, useProblems, type Problems } from './report-kit.js';
import { overviewApiPath, reportPagePath } from './report-pages.js';

const HEADING = 'Overview author';

/**
 * The overview author (11.2): the business manager commissions the report
 * from a named person with a staff account; that person declares
 * independence of every body, agency and professional involved ("no" to
 * any ends the commission, and someone else is commissioned).
 */
export function OverviewAuthorPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <OverviewAuthor reference={reference} />}</StaffOnly>;
}

function OverviewAuthor({ reference }: { reference: string }) {
  const { state, reload } = useApiGet('staff', overviewApiPath(reference), overviewViewSchema);
  const [notice, setNotice] = useState<Notice | null>(null);
  const problems = useProblems();
  if (state.kind !== 'ok') return <NotLoaded reference={reference} heading={HEADING} state={state} what="the overview author" />;
  const view = state.data;
  const done = (n: Notice) => {
    problems.show([]);
    setNotice(n);
    reload();
  };
  return (
    <ReportFrame reference={reference} heading={HEADING} errors={problems.any}>
      {problems.summary}
      {notice && !problems.any ? <NotificationBanner notice={notice} /> : null}
      <ReportHeading reference={reference} heading={HEADING} />
      <AuthorSummary view={view} />
      {view.canCommission ? <CommissionForm reference={reference} problems={problems} onDone={done} /> : null}
      {view.canDeclare ? <DeclarationForm reference={reference} view={view} problems={problems} onDone={done} /> : null}
      {view.canReadFacts && view.author?.status === 'independent' ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={reportPagePath(reference, 'chronology')}>
            Go to the integrated chronology
          </Link>
        </p>
      ) : null}
    </ReportFrame>
  );
}

function AuthorSummary({ view }: { view: OverviewView }) {
  const a = view.author;
  return (
    <>
      {a ? (
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Author</dt>
            <dd className="govuk-summary-list__value">
              {a.name}
              <br />
              {a.email}
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Status</dt>
            <dd className="govuk-summary-list__value">
              <strong className={`govuk-tag ${a.status === 'independent' ? 'govuk-tag--green' : 'govuk-tag--yellow'}`}>{a.statusLabel}</strong>
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Commissioned</dt>
            <dd className="govuk-summary-list__value">
              {formatDateTime(a.commissionedAt)} by {a.commissionedBy}
            </dd>
          </div>
          {a.declaredAt ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Independence declared</dt>
              <dd className="govuk-summary-list__value">{formatDateTime(a.declaredAt)}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="govuk-body">The overview report has not been commissioned yet.</p>
      )}
      {view.declined.length ? (
        <div className="govuk-inset-text">
          {view.declined.map((d) => (
            <p className="govuk-body" key={`${d.email}-${d.declaredAt}`}>
              {d.email} declared on {formatDateTime(d.declaredAt)} that they are not independent of the review, and cannot be commissioned for it.
            </p>
          ))}
        </div>
      ) : null}
    </>
  );
}

/** Maps an API answer to the page: field errors, a problem in words, or done. */
function handle(result: ApiResult<unknown>, problems: Problems, onOk: () => void) {
  if (result.kind === 'ok') return onOk();
  if (result.kind === 'invalid') return problems.show(result.errors);
  if (result.kind === 'signed-out') return undefined;
  problems.show([], 'message' in result && result.message ? result.message : 'Sorry, there is a problem with the service. Nothing was changed: try again later.');
}

function CommissionForm({ reference, problems, onDone }: { reference: string; problems: Problems; onDone: (n: Notice) => void }) {
  const [authorName, setName] = useState('');
  const [authorEmail, setEmail] = useState('');
  const [pending, run] = usePending();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = { authorName, authorEmail };
    const parsed = commissionOverviewAuthorSchema.safeParse(body);
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error));
    void run(async () => {
      const result = await apiRequest('staff', `${overviewApiPath(reference)}/author`, { method: 'POST', body: parsed.data });
      handle(result, problems, () => onDone({ kind: 'success', heading: `The overview report is commissioned from ${parsed.data.authorName}`, text: 'They are asked to declare their independence.' }));
    });
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="commission-heading">
      <h2 className="govuk-heading-m" id="commission-heading">
        Commission the overview report
      </h2>
      <p className="govuk-body">
        Name the person who will write it. They need a staff account: invite them on the Users page first. They must be independent of every body
        involved in the case (paragraph 11.2).
      </p>
      <TextInput name="authorName" label="Author’s full name" value={authorName} onChange={setName} error={problems.errorFor('authorName')} autoComplete="off" />
      <TextInput
        name="authorEmail"
        label="Author’s email address"
        hint="The address of their staff account"
        type="email"
        value={authorEmail}
        onChange={setEmail}
        error={problems.errorFor('authorEmail')}
        autoComplete="off"
        spellCheck={false}
      />
      <SubmitButton pending={pending} pendingText="Commissioning the overview report">
        Commission the report
      </SubmitButton>
    </form>
  );
}

const yesNo = [
  { value: 'yes', label: 'Yes, I am independent' },
  { value: 'no', label: 'No' },
];

function DeclarationForm({ reference, view, problems, onDone }: { reference: string; view: OverviewView; problems: Problems; onDone: (n: Notice) => void }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [professionals, setProfessionals] = useState('');
  const [pending, run] = usePending();
  const bodyName = (i: number) => `bodies.${i}.independent`;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors = view.bodies.flatMap((b, i) => (answers[b] ? [] : [{ name: bodyName(i), href: `#bodies-${i}-independent`, text: `Select whether you are independent of ${b}` }]));
    if (!professionals) errors.push({ name: 'professionals', href: '#professionals', text: 'Select whether you are independent of every professional involved' });
    if (errors.length) return problems.show(errors);
    const body = { bodies: view.bodies.map((b) => ({ body: b, independent: answers[b] === 'yes' })), professionals: professionals === 'yes' };
    const parsed = overviewDeclarationSchema.safeParse(body);
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error));
    void run(async () => {
      const result = await apiRequest('staff', `${overviewApiPath(reference)}/author/declaration`, { method: 'POST', body: parsed.data, schema: overviewViewSchema });
      handle(result, problems, () => {
        const independent = result.kind === 'ok' && result.data.author?.status === 'independent';
        onDone(
          independent
            ? { kind: 'success', heading: 'You have declared your independence', text: 'You can now read the accepted contributions and work on the report’s facts.' }
            : { kind: 'success', heading: 'Your declaration is recorded', text: 'You are not independent of the review, so the business manager will commission someone else.' },
        );
      });
    });
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="declare-heading">
      <h2 className="govuk-heading-m" id="declare-heading">
        Declare your independence
      </h2>
      <p className="govuk-body">
        The overview report is written by someone independent of the case and of every body, agency and professional involved (paragraph 11.2).
        If you are not independent of any of them, answer no: someone else will be asked.
      </p>
      {view.bodies.map((b, i) => (
        <Radios
          key={b}
          name={bodyName(i)}
          legend={`Are you independent of ${b}?`}
          legendSize="s"
          items={yesNo}
          value={answers[b] ?? ''}
          onChange={(v) => setAnswers((a) => ({ ...a, [b]: v }))}
          error={problems.errorFor(bodyName(i))}
          inline
        />
      ))}
      <Radios
        name="professionals"
        legend="Are you independent of every professional involved in the case?"
        legendSize="s"
        hint="You have not been directly concerned with the child or family, and you do not manage any practitioner involved."
        items={yesNo}
        value={professionals}
        onChange={setProfessionals}
        error={problems.errorFor('professionals')}
        inline
      />
      <SubmitButton pending={pending} pendingText="Recording your declaration">
        Record my declaration
      </SubmitButton>
    </form>
  );
}
