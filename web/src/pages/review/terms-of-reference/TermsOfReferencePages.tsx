import { useState, type FormEvent, type ReactNode } from 'react';
import {
  formatTorDate,
  questionLabel,
  TOR_ANSWER_MAX,
  torAgreeSchema,
  torComparisonSchema,
  torDraftSchema,
  torFieldLabels,
  torQuestions,
  torViewSchema,
  type TorContent,
  type TorQuestionId,
  type TorView,
} from '../../../../../functions/schemas/terms-of-reference.js';
import { fieldId, type FieldError } from '../../../../../functions/schemas/errors.js';
import { isoToDateParts, type DateParts } from '../../../../../functions/schemas/dates.js';
import type { RouteProps } from '../../../App.js';
import { apiRequest, useApiGet } from '../../../api/client.js';
import { SubmitButton, usePending } from '../../../components/Buttons.js';
import { CharacterCount } from '../../../components/CharacterCount.js';
import { DateInput } from '../../../components/DateInput.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { LoadProblem } from '../../../components/LoadProblem.js';
import { NotificationBanner, type Notice } from '../../../components/NotificationBanner.js';
import { useTitle } from '../../../components/Page.js';
import { ProblemSummary } from '../../../components/ProblemSummary.js';
import { formatDateTime } from '../../../format.js';
import { Link, navigate } from '../../../router.js';
import { StaffNotFound, StaffOnly } from '../../../staff/StaffOnly.js';
import { casePath, caseApiPath, check, Paragraphs, readDate, Row } from '../form-kit.js';

/**
 * The terms of reference of a review (paras 7.1, 7.2): the sub-committee
 * chair or the business manager draws them up (an answer to each issue of
 * 7.1, the review period, family history, dates), saves a draft, and agrees
 * it as a version; a later draft starts from the last agreed version, and
 * the page shows what changed between versions.
 */

export const torPath = (reference: string) => `${casePath(reference)}/terms-of-reference`;
const torApi = (reference: string) => `${caseApiPath(reference)}/terms-of-reference`;

type DateField = 'periodFrom' | 'periodTo' | 'startDate' | 'completionDate';
const name = {
  answer: (id: TorQuestionId) => `content.answers.${id}`,
  field: (f: keyof typeof torFieldLabels) => `content.${f}`,
};

/** Where each part sits on the page: the error summary lists errors in this order. */
const ORDER: string[] = torQuestions.flatMap((q) => [
  name.answer(q.id),
  ...(q.id === 'period' ? [name.field('periodFrom'), name.field('periodTo'), name.field('familyHistory')] : []),
  ...(q.id === 'dates' ? [name.field('startDate'), name.field('completionDate')] : []),
]);

function Heading({ reference, heading }: { reference: string; heading: string }) {
  return (
    <>
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
    </>
  );
}

export function TermsOfReferencePage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <TermsOfReference reference={reference} />}</StaffOnly>;
}

function TermsOfReference({ reference }: { reference: string }) {
  const heading = 'Terms of reference';
  const { state, reload } = useApiGet('staff', torApi(reference), torViewSchema);
  const [notice, setNotice] = useState<Notice | null>(null);
  const problems = useProblems();
  if (state.kind === 'not-found') return <StaffNotFound />;
  if (state.kind !== 'ok') {
    return (
      <Main backTo={casePath(reference)}>
        <Title heading={heading} />
        <Heading reference={reference} heading={heading} />
        {state.kind === 'loading' ? (
          <p className="govuk-body" role="status">
            Loading the terms of reference…
          </p>
        ) : state.kind === 'conflict' ? (
          <p className="govuk-body">{state.message ?? 'This case is not a serious case review, so it has no terms of reference.'}</p>
        ) : (
          <LoadProblem state={state} what="the terms of reference" />
        )}
      </Main>
    );
  }
  const view = state.data;
  const done = (n: Notice) => {
    problems.show([]);
    setNotice(n);
    reload();
  };
  return (
    <Main backTo={casePath(reference)}>
      <Title heading={heading} errors={problems.any} />
      {problems.summary}
      {notice && !problems.any ? <NotificationBanner notice={notice} /> : null}
      <Heading reference={reference} heading={heading} />
      <p className="govuk-body">
        The scope of the review and its terms of reference (paragraph 7.1). Some issues may need to be revisited as the review
        progresses and new information emerges (paragraph 7.2): each agreed version is kept.
      </p>
      <Current view={view} />
      {view.canEdit ? (
        // A fresh form whenever what it starts from changes (a save, an agreement).
        <Editor key={`${view.draft?.revision ?? 0}-${view.versions.length}`} view={view} onDone={done} problems={problems} />
      ) : (
        <>
          {view.canReadDraft && view.draft ? (
            <>
              <h2 className="govuk-heading-m">Draft being drawn up</h2>
              <p className="govuk-body">
                Last saved by {view.draft.updatedBy.email} on {formatDateTime(view.draft.updatedAt)}. It is not agreed yet.
              </p>
              <ContentList content={view.draft.content} level={3} />
            </>
          ) : null}
        </>
      )}
      <History view={view} />
    </Main>
  );
}

/** The page's errors and a problem not about one field, shown at the top of the page and focused each time. */
function useProblems() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const show = (list: FieldError[], p: string | null = null) => {
    setErrors(list);
    setProblem(p);
    if (list.length || p) setFocusKey((k) => k + 1);
  };
  const summary = (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
    </>
  );
  return { show, summary, any: errors.length > 0 || problem !== null, errorFor: (n: string) => errors.find((e) => e.name === n)?.text };
}
type Problems = ReturnType<typeof useProblems>;

function Title({ heading, errors = false }: { heading: string; errors?: boolean }) {
  useTitle(heading, errors);
  return null;
}

/** The version in force, or that none is agreed yet. */
function Current({ view }: { view: TorView }) {
  const last = view.versions.at(-1);
  if (!last) return <p className="govuk-body">No version has been agreed yet.</p>;
  return (
    <div className="govuk-inset-text">
      Version {last.version} is in force: agreed by {last.agreedBy.email} on {formatDateTime(last.agreedAt)}.
      {last.content.periodFrom && last.content.periodTo
        ? ` Review period: ${formatTorDate(last.content.periodFrom)} to ${formatTorDate(last.content.periodTo)}.`
        : ''}
    </div>
  );
}

/** "Known on the case: ..." beside a question. */
function Known({ lines }: { lines: string[] | undefined }) {
  if (!lines?.length) return null;
  return (
    <>
      Known on the case:
      <ul className="govuk-list govuk-list--bullet govuk-!-font-size-16 govuk-!-margin-bottom-0">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </>
  );
}

// ---------------------------------------------------------------- drawing up and agreeing

interface FormState {
  answers: Record<TorQuestionId, string>;
  familyHistory: string;
  dates: Record<DateField, DateParts>;
}

function formFrom(content: TorContent): FormState {
  return {
    answers: Object.fromEntries(torQuestions.map((q) => [q.id, content.answers[q.id] ?? ''])) as Record<TorQuestionId, string>,
    familyHistory: content.familyHistory ?? '',
    dates: {
      periodFrom: isoToDateParts(content.periodFrom),
      periodTo: isoToDateParts(content.periodTo),
      startDate: isoToDateParts(content.startDate),
      completionDate: isoToDateParts(content.completionDate),
    },
  };
}

function Editor({ view, onDone, problems }: { view: TorView; onDone: (n: Notice) => void; problems: Problems }) {
  const last = view.versions.at(-1);
  const startFrom = view.draft?.content ?? last?.content ?? { answers: {} };
  const expectedRevision = view.draft?.revision ?? 0;
  const [form, setForm] = useState<FormState>(() => formFrom(startFrom as TorContent));
  const [pending, run] = usePending();
  const [intent, setIntent] = useState<'save' | 'agree'>('save');
  const nextVersion = (last?.version ?? 0) + 1;

  const { show, errorFor } = problems;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const agree = (submitter?.value ?? intent) === 'agree';
    setIntent(agree ? 'agree' : 'save');
    const dates = {} as Record<DateField, string | undefined>;
    const dateErrors: (FieldError | undefined)[] = [];
    for (const f of ['periodFrom', 'periodTo', 'startDate', 'completionDate'] as const) {
      const r = readDate(name.field(f), form.dates[f], torFieldLabels[f], true);
      dates[f] = r.value;
      // The kit's href is the dotted name: the field's id has dashes.
      dateErrors.push(r.error ? { ...r.error, href: `#${fieldId(r.error.name)}` } : undefined);
    }
    const answers = Object.fromEntries(torQuestions.map((q) => [q.id, form.answers[q.id]])) as Record<TorQuestionId, string>;
    const body = { expectedRevision, content: { answers, familyHistory: form.familyHistory, ...dates } };
    const checked = agree ? check(torAgreeSchema, body, ORDER, dateErrors) : check(torDraftSchema, body, ORDER, dateErrors);
    if (!checked.ok) return show(checked.errors);
    void run(async () => {
      const result = agree
        ? await apiRequest('staff', `${torApi(view.reference)}/versions`, { method: 'POST', body: checked.data })
        : await apiRequest('staff', `${torApi(view.reference)}/draft`, { method: 'PUT', body: checked.data });
      if (result.kind === 'ok') {
        onDone(
          agree
            ? { kind: 'success', heading: `Version ${nextVersion} of the terms of reference agreed` }
            : { kind: 'success', heading: 'Draft of the terms of reference saved', text: 'It is not agreed yet.' },
        );
      } else if (result.kind === 'invalid') show(result.errors.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name)));
      else if (result.kind !== 'signed-out') {
        show([], result.kind === 'forbidden' || result.kind === 'conflict' ? (result.message ?? 'Nothing was saved.') : 'Sorry, there is a problem with the service. Try again later.');
      }
    });
  };

  const setAnswer = (id: TorQuestionId) => (value: string) => setForm((f) => ({ ...f, answers: { ...f.answers, [id]: value } }));
  const setDate = (f: DateField) => (value: DateParts) => setForm((s) => ({ ...s, dates: { ...s.dates, [f]: value } }));
  const date = (f: DateField, hint?: string) => (
    <DateInput name={name.field(f)} legend={torFieldLabels[f]} legendSize="s" hint={hint ?? 'For example, 1 3 2025'} value={form.dates[f]} onChange={setDate(f)} error={errorFor(name.field(f))} />
  );

  return (
    <>
      <h2 className="govuk-heading-m">{view.draft ? 'Draft' : last ? `Draft version ${nextVersion}, starting from version ${last.version}` : 'Draw up the terms of reference'}</h2>
      {view.draft ? (
        <p className="govuk-body">
          Last saved by {view.draft.updatedBy.email} on {formatDateTime(view.draft.updatedAt)}
          {view.draft.basedOn ? `, starting from version ${view.draft.basedOn}` : ''}. It is not agreed yet.
        </p>
      ) : null}
      <p className="govuk-body">
        Save the draft as often as you need. To agree it as version {nextVersion}, every question must be answered and the review
        period and dates given.
      </p>
      <form noValidate onSubmit={onSubmit}>
        {torQuestions.map((q) => (
          <div key={q.id}>
            <CharacterCount
              name={name.answer(q.id)}
              label={
                <>
                  <span className="govuk-caption-m">{questionLabel(q.id)}</span>
                  {q.text}
                </>
              }
              hint={view.known[q.id]?.length ? <Known lines={view.known[q.id]} /> : undefined}
              value={form.answers[q.id]}
              onChange={setAnswer(q.id)}
              error={errorFor(name.answer(q.id))}
              maxLength={TOR_ANSWER_MAX}
              rows={3}
            />
            {q.id === 'period' ? (
              <>
                {date('periodFrom', 'The earliest date chronologies cover. For example, 1 3 2025')}
                {date('periodTo', 'The cut-off: the last date chronologies cover. For example, 28 2 2026')}
                <CharacterCount
                  name={name.field('familyHistory')}
                  label={torFieldLabels.familyHistory}
                  hint="What family history or background information will help to understand the recent past and present"
                  value={form.familyHistory}
                  onChange={(v) => setForm((f) => ({ ...f, familyHistory: v }))}
                  error={errorFor(name.field('familyHistory'))}
                  maxLength={TOR_ANSWER_MAX}
                  rows={3}
                />
              </>
            ) : null}
            {q.id === 'dates' ? (
              <>
                {date('startDate')}
                {date('completionDate')}
              </>
            ) : null}
          </div>
        ))}
        <div className="govuk-button-group">
          <SubmitButton pending={pending && intent === 'save'} pendingText="Saving the draft" name="intent" value="save" className="govuk-button govuk-button--secondary">
            Save draft
          </SubmitButton>
          <SubmitButton pending={pending && intent === 'agree'} pendingText="Agreeing the terms of reference" name="intent" value="agree">
            Agree as version {nextVersion}
          </SubmitButton>
        </div>
      </form>
    </>
  );
}

// ---------------------------------------------------------------- what a version says, and the history

/** A part of the terms of reference: its question as a heading, then what was answered. */
function Part({ heading, level, children }: { heading: ReactNode; level: 2 | 3; children: ReactNode }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <div className="app-tor-part govuk-!-margin-bottom-6">
      <H className="govuk-heading-s govuk-!-margin-bottom-2">{heading}</H>
      {children}
    </div>
  );
}

const answered = (t: string | undefined) => (t ? <Paragraphs text={t} /> : <p className="govuk-hint">Not answered</p>);

function ContentList({ content, level }: { content: TorContent | TorView['versions'][number]['content']; level: 2 | 3 }) {
  const day = (d: string | undefined) => (d ? formatTorDate(d) : 'not given');
  return (
    <>
      {torQuestions.map((q) => (
        <Part key={q.id} level={level} heading={`${questionLabel(q.id)}: ${q.text}`}>
          {answered(content.answers[q.id])}
          {q.id === 'period' ? (
            <dl className="govuk-summary-list govuk-!-margin-top-2">
              <Row label="Review period">
                {day(content.periodFrom)} to {day(content.periodTo)}
              </Row>
              <Row label={torFieldLabels.familyHistory}>{answered(content.familyHistory)}</Row>
            </dl>
          ) : null}
          {q.id === 'dates' ? (
            <dl className="govuk-summary-list govuk-!-margin-top-2">
              <Row label={torFieldLabels.startDate}>{day(content.startDate)}</Row>
              <Row label={torFieldLabels.completionDate}>{day(content.completionDate)}</Row>
            </dl>
          ) : null}
        </Part>
      ))}
    </>
  );
}

function History({ view }: { view: TorView }) {
  if (view.versions.length === 0) return null;
  const base = torPath(view.reference);
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Agreed versions</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Each agreed version, who agreed it and when</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Version
            </th>
            <th scope="col" className="govuk-table__header">
              Agreed by
            </th>
            <th scope="col" className="govuk-table__header">
              Agreed on
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Links</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {[...view.versions].reverse().map((v) => (
            <tr className="govuk-table__row" key={v.version}>
              <td className="govuk-table__cell">{v.version}</td>
              <td className="govuk-table__cell">{v.agreedBy.email}</td>
              <td className="govuk-table__cell">{formatDateTime(v.agreedAt)}</td>
              <td className="govuk-table__cell">
                <Link className="govuk-link govuk-!-display-block" to={`${base}/versions/${v.version}`}>
                  Read version {v.version}
                </Link>
                {v.version > 1 ? (
                  <Link className="govuk-link govuk-!-display-block" to={`${base}/compare/${v.version - 1}/${v.version}`}>
                    What changed from version {v.version - 1} to {v.version}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.versions.length > 2 ? <CompareAny view={view} /> : null}
    </>
  );
}

/** Any two versions, not only one and the next (7.2). */
function CompareAny({ view }: { view: TorView }) {
  const numbers = view.versions.map((v) => v.version);
  const [from, setFrom] = useState(String(numbers[0]));
  const [to, setTo] = useState(String(numbers.at(-1)));
  const select = (id: string, label: string, value: string, onChange: (v: string) => void) => (
    <div className="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="govuk-select" id={id} name={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {numbers.map((n) => (
          <option key={n} value={n}>
            Version {n}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`${torPath(view.reference)}/compare/${from}/${to}`);
      }}
    >
      <h3 className="govuk-heading-s">Compare two versions</h3>
      {select('compare-from', 'From', from, setFrom)}
      {select('compare-to', 'To', to, setTo)}
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Compare
      </button>
    </form>
  );
}

/** One agreed version, as agreed. */
export function TermsOfReferenceVersionPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const n = Number(params.version);
  return (
    <StaffOnly>
      {() => (
        <Loaded reference={reference} heading={`Terms of reference: version ${params.version ?? ''}`} path={torApi(reference)} schema={torViewSchema}>
          {(view) => {
            const v = view.versions.find((x) => x.version === n);
            if (!v) return <p className="govuk-body">There is no agreed version {params.version} of the terms of reference.</p>;
            return (
              <>
                <p className="govuk-body">
                  Agreed by {v.agreedBy.email} on {formatDateTime(v.agreedAt)}.
                </p>
                <ContentList content={v.content} level={2} />
              </>
            );
          }}
        </Loaded>
      )}
    </StaffOnly>
  );
}

/** What changed between two versions, part by part (7.2). */
export function TermsOfReferenceComparePage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const from = params.from ?? '';
  const to = params.to ?? '';
  const path = `${torApi(reference)}/compare/${encodeURIComponent(from)}/${encodeURIComponent(to)}`;
  return (
    <StaffOnly>
      {() => (
        <Loaded reference={reference} heading={`What changed from version ${from} to version ${to}`} path={path} schema={torComparisonSchema}>
          {(c) => {
            const changed = c.entries.filter((e) => e.changed).length;
            return (
              <>
                <p className="govuk-body">
                  {changed === 0 ? 'Nothing changed.' : `${changed} ${changed === 1 ? 'part' : 'parts'} changed.`}
                </p>
                {c.entries.map((e) => (
                  <Part
                    key={e.field}
                    level={2}
                    heading={
                      <>
                        {e.label}{' '}
                        {e.changed ? <strong className="govuk-tag govuk-tag--yellow">Changed</strong> : <strong className="govuk-tag govuk-tag--grey">Unchanged</strong>}
                      </>
                    }
                  >
                    {e.changed ? (
                      <div className="govuk-grid-row">
                        <div className="govuk-grid-column-one-half">
                          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Version {c.from}</p>
                          {answered(e.before)}
                        </div>
                        <div className="govuk-grid-column-one-half">
                          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Version {c.to}</p>
                          {answered(e.after)}
                        </div>
                      </div>
                    ) : (
                      answered(e.after)
                    )}
                  </Part>
                ))}
              </>
            );
          }}
        </Loaded>
      )}
    </StaffOnly>
  );
}

function Loaded<T>({ reference, heading, path, schema, children }: { reference: string; heading: string; path: string; schema: import('zod').ZodType<T>; children: (data: T) => ReactNode }) {
  const { state } = useApiGet('staff', path, schema);
  if (state.kind === 'not-found') return <StaffNotFound />;
  return (
    <Main backTo={torPath(reference)}>
      {state.kind === 'loading' ? null : <Title heading={heading} />}
      <Heading reference={reference} heading={heading} />
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : state.kind === 'ok' ? (
        children(state.data)
      ) : (
        <LoadProblem state={state} what="the terms of reference" />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={torPath(reference)}>
          Back to the terms of reference
        </Link>
      </p>
    </Main>
  );
}
