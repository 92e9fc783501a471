import { useEffect, useState, type FormEvent } from 'react';
import type * as z from 'zod';
import {
  exportRequestSchema,
  feedbackSessionSchema,
  finaliseReportSchema,
  pseudonymsSchema,
  publicationSchema,
  reportCommentSchema,
  reportSectionIds,
  reportSectionTitles,
  saveReportSectionSchema,
  type ReportSectionId,
} from '../../../../functions/schemas/report.js';
import { reportVersionViewSchema, reportViewSchema } from '../../../../functions/schemas/report-routes.js';
import { datePartsToIso, type DateParts } from '../../../../functions/schemas/dates.js';
import { fieldId, toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import type { RouteProps } from '../../App.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { CharacterCount } from '../../components/CharacterCount.js';
import { DateInput } from '../../components/DateInput.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, type Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { Radios } from '../../components/Radios.js';
import { TableRegion } from '../../components/TableRegion.js';
import { TextInput } from '../../components/TextInput.js';
import { Textarea } from '../../components/Textarea.js';
import { formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';

/**
 * The overview report (paras 11.1-11.4, Appendix B): its versions, where
 * each stands with the chairs, whether the review finished in time, exports,
 * feedback sessions (10.8), pseudonyms and publication (8.8)
 * (`/cases/{ref}/report/versions`); and one version, written section by
 * section with the panel's comments (`/cases/{ref}/report/versions/{n}`,
 * `/cases/{ref}/report/draft` for the latest).
 */

type ReportView = z.infer<typeof reportViewSchema>;
type VersionView = z.infer<typeof reportVersionViewSchema>;

const enc = encodeURIComponent;
export const reportVersionsPath = (reference: string) => `/cases/${enc(reference)}/report/versions`;
export const reportVersionPath = (reference: string, version: number) => `/cases/${enc(reference)}/report/versions/${version}`;
export const reportDraftPath = (reference: string) => `/cases/${enc(reference)}/report/draft`;
const api = (reference: string) => `/api/cases/${enc(reference)}/report`;
const casePath = (reference: string) => `/cases/${enc(reference)}`;

const SERVICE_PROBLEM = 'Sorry, there is a problem with the service. Try again later. What you entered is still on this page.';
const KINDS = [
  { value: 'report', label: 'The full report' },
  { value: 'executive-summary', label: 'The executive summary', hint: 'A separate, shorter document: circumstances, conclusions and recommendations' },
  { value: 'anonymised', label: 'The anonymised report for publication', hint: 'Children’s and family members’ names replaced by the agreed pseudonyms' },
];
const FORMATS = [
  { value: 'docx', label: 'Word (.docx)' },
  { value: 'pdf', label: 'PDF' },
];

// ---------------------------------------------------------------- shared

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

function Heading({ reference, heading }: { reference: string; heading: string }) {
  return (
    <>
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
    </>
  );
}

function Paragraphs({ text, empty = 'Not written yet.' }: { text: string; empty?: string }) {
  const parts = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return <p className="govuk-body govuk-hint">{empty}</p>;
  return (
    <>
      {parts.map((p, i) => (
        <p className="govuk-body" key={i} style={{ whiteSpace: 'pre-line' }}>
          {p}
        </p>
      ))}
    </>
  );
}

/** Sends a form; `done` on success, otherwise the error summary or the problem says why (nothing typed is lost). */
async function send(problems: Problems, path: string, method: 'POST' | 'PUT', body: unknown, done: () => void, order: readonly string[] = []) {
  const result = await apiRequest('staff', path, { method, body });
  if (result.kind === 'ok') {
    problems.show([]);
    done();
  } else if (result.kind === 'invalid') problems.show([...result.errors].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)));
  else if (result.kind === 'forbidden' || result.kind === 'conflict') problems.show([], result.message ?? 'Nothing was changed.');
  else if (result.kind !== 'signed-out') problems.show([], SERVICE_PROBLEM);
}

function Loading({ reference, heading, state, what }: { reference: string; heading: string; state: { kind: string; message?: string }; what: string }) {
  // While loading: no heading yet, so the focus that follows a page change waits for the page's real h1.
  if (state.kind === 'loading') {
    return (
      <Main backTo={casePath(reference)}>
        <Title heading={heading} />
        <p className="govuk-body" role="status">
          Loading {what}…
        </p>
      </Main>
    );
  }
  return (
    <Main backTo={casePath(reference)}>
      <Title heading={heading} />
      <Heading reference={reference} heading={heading} />
      {state.kind === 'conflict' ? (
        <p className="govuk-body">{state.message ?? 'This case is not a serious case review, so it has no overview report.'}</p>
      ) : state.kind === 'forbidden' ? (
        <p className="govuk-body">{state.message ?? 'Your role on this case does not include the overview report.'}</p>
      ) : (
        <LoadProblem state={state as Parameters<typeof LoadProblem>[0]['state']} what={what} />
      )}
    </Main>
  );
}

// ---------------------------------------------------------------- the versions page

export function ReportVersionsPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <Versions reference={reference} />}</StaffOnly>;
}

function Versions({ reference }: { reference: string }) {
  const heading = 'Overview report';
  const { state, reload } = useApiGet('staff', api(reference), reportViewSchema);
  const [notice, setNotice] = useState<Notice | null>(null);
  const problems = useProblems();
  if (state.kind === 'not-found') return <StaffNotFound />;
  if (state.kind !== 'ok') return <Loading reference={reference} heading={heading} state={state} what="the overview report" />;
  const view = state.data;
  const done = (n: Notice) => {
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
        The overview report brings together and analyses the findings of the contributions and makes recommendations (paragraphs 11.1 to
        11.4). The sub-committee chair and then the Board chair accept the final version; the Board chair’s acceptance completes the review.
      </p>
      <Completion view={view} />
      <h2 className="govuk-heading-m">Versions</h2>
      {view.versions.length === 0 ? (
        <p className="govuk-body">No version has been started yet.</p>
      ) : (
        <TableRegion caption="Versions of the overview report, oldest first">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Version</th>
              <th scope="col" className="govuk-table__header">Where it stands</th>
              <th scope="col" className="govuk-table__header">Started</th>
              <th scope="col" className="govuk-table__header">Accepted</th>
              <th scope="col" className="govuk-table__header">Comments</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {view.versions.map((v) => (
              <tr className="govuk-table__row" key={v.version}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={reportVersionPath(reference, v.version)}>
                    Version {v.version}
                  </Link>
                </td>
                <td className="govuk-table__cell">{v.stepLabel}</td>
                <td className="govuk-table__cell">
                  {formatDateTime(v.createdAt)} by {v.createdBy}
                </td>
                <td className="govuk-table__cell">
                  {v.subCommitteeChairAcceptance ? <>Sub-committee chair, {formatDateTime(v.subCommitteeChairAcceptance.at)}</> : null}
                  {v.boardChairAcceptance ? (
                    <>
                      <br />
                      Board chair, {formatDateTime(v.boardChairAcceptance.at)}
                    </>
                  ) : null}
                  {!v.subCommitteeChairAcceptance ? 'Not yet' : null}
                </td>
                <td className="govuk-table__cell">{v.comments}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {view.canEdit ? <StartVersion view={view} problems={problems} onDone={done} /> : null}
      {view.latest > 0 ? <Exports view={view} problems={problems} onDone={done} /> : null}
      <FeedbackSessions view={view} problems={problems} onDone={done} />
      {view.canManage ? <Pseudonyms view={view} problems={problems} onDone={done} /> : null}
      <Publication view={view} problems={problems} onDone={done} />
    </Main>
  );
}

/** Whether the review finished in time (8.4, 8.5), once the Board chair accepted the report. */
function Completion({ view }: { view: ReportView }) {
  if (view.completion) {
    const late = view.completion.kind === 'late';
    return (
      <div className="govuk-inset-text" data-testid="completion">
        <strong className={`govuk-tag ${late ? 'govuk-tag--red' : 'govuk-tag--green'}`}>{late ? 'Completed late' : 'Completed on time'}</strong>{' '}
        {view.completion.text}.
      </div>
    );
  }
  return (
    <div className="govuk-inset-text" data-testid="completion">
      Not complete yet. The review must be completed by {view.completionDueDate.split('-').reverse().join('/')}: it completes when the Board
      chair accepts the report.
    </div>
  );
}

function StartVersion({ view, problems, onDone }: { view: ReportView; problems: Problems; onDone: (n: Notice) => void }) {
  const [pending, run] = usePending();
  const next = view.latest + 1;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() =>
      send(problems, `${api(view.reference)}/versions`, 'POST', { expectedLatest: view.latest }, () =>
        onDone({ kind: 'success', heading: `Version ${next} of the report started`, text: view.latest ? `It starts as a copy of version ${view.latest}.` : undefined }),
      ),
    );
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <p className="govuk-body">
        {view.latest
          ? `To change the report after version ${view.latest} was offered as final, or to keep version ${view.latest} as it is, start version ${next}. It starts as a copy of version ${view.latest}.`
          : 'Start the first version, then write it section by section.'}
      </p>
      <SubmitButton pending={pending} pendingText="Starting the version" className="govuk-button govuk-button--secondary">
        {view.latest ? `Start version ${next}` : 'Start the first version'}
      </SubmitButton>
    </form>
  );
}

function Exports({ view, problems, onDone }: { view: ReportView; problems: Problems; onDone: (n: Notice) => void }) {
  const [version, setVersion] = useState(String(view.latest));
  const [kind, setKind] = useState('');
  const [format, setFormat] = useState('');
  const [pending, run] = usePending();
  const kinds = view.canManage || view.canEdit ? KINDS : KINDS.filter((k) => k.value !== 'anonymised');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = exportRequestSchema.safeParse({ kind: kind || undefined, format: format || undefined });
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error).sort((a, b) => ['version', 'kind', 'format'].indexOf(a.name) - ['version', 'kind', 'format'].indexOf(b.name)));
    void run(() => send(problems, `${api(view.reference)}/versions/${version}/exports`, 'POST', parsed.data, () => onDone({ kind: 'success', heading: 'Export made', text: 'It is listed under “Exports” to download.' }), ['kind', 'format']));
  };
  const download = (exportId: string) =>
    void run(async () => {
      const grant = await apiRequest<{ url: string }>('staff', `${api(view.reference)}/exports/${exportId}/download`, { method: 'POST' });
      if (grant.kind === 'ok') window.location.assign(grant.data.url);
      else if (grant.kind !== 'signed-out') problems.show([], 'The export could not be downloaded. Try again.');
    });
  return (
    <>
      <h2 className="govuk-heading-m">Exports</h2>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="version"
          legend="Which version"
          legendSize="s"
          items={view.versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}`, hint: v.stepLabel }))}
          value={version}
          onChange={setVersion}
          small
        />
        <Radios name="kind" legend="What to export" legendSize="s" items={kinds} value={kind} onChange={setKind} error={problems.errorFor('kind')} small />
        <Radios name="format" legend="Format" legendSize="s" items={FORMATS} value={format} onChange={setFormat} error={problems.errorFor('format')} small inline />
        <SubmitButton pending={pending} pendingText="Making the export" className="govuk-button govuk-button--secondary">
          Make the export
        </SubmitButton>
      </form>
      {view.exports.length ? (
        <TableRegion caption="Exports made, oldest first: each page marked Restricted, with the version and page numbers">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">File</th>
              <th scope="col" className="govuk-table__header">Made</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Download</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {view.exports.map((e) => (
              <tr className="govuk-table__row" key={e.exportId}>
                <td className="govuk-table__cell">
                  {e.fileName} ({Math.max(1, Math.round(e.size / 1024))} KB)
                </td>
                <td className="govuk-table__cell">
                  {formatDateTime(e.createdAt)} by {e.createdBy}
                </td>
                <td className="govuk-table__cell">
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => download(e.exportId)}>
                    Download <span className="govuk-visually-hidden">{e.fileName}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      ) : (
        <p className="govuk-body">No exports have been made yet.</p>
      )}
    </>
  );
}

function FeedbackSessions({ view, problems, onDone }: { view: ReportView; problems: Problems; onDone: (n: Notice) => void }) {
  const [heldOn, setHeldOn] = useState<DateParts>({ day: '', month: '', year: '' });
  const [organisations, setOrganisations] = useState('');
  const [notes, setNotes] = useState('');
  const [pending, run] = usePending();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const date = datePartsToIso(heldOn, 'Date the session was held');
    const parsed = feedbackSessionSchema.safeParse({ heldOn: 'iso' in date ? date.iso : undefined, organisations, ...(notes.trim() ? { notes } : {}) });
    const errors = parsed.success ? [] : toFieldErrors(parsed.error).filter((e) => e.name !== 'heldOn');
    if ('error' in date) errors.unshift({ name: 'heldOn', href: '#heldOn', text: date.error });
    if (errors.length || !parsed.success) return problems.show(errors);
    void run(() => send(problems, `${api(view.reference)}/feedback-sessions`, 'POST', parsed.data, () => onDone({ kind: 'success', heading: 'Feedback session recorded' })));
  };
  return (
    <>
      <h2 className="govuk-heading-m">Feedback sessions for organisations</h2>
      <p className="govuk-body">When the report raises new issues for an organisation and its staff, a follow-up feedback session may be needed (paragraph 10.8).</p>
      {view.feedbackSessions.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {view.feedbackSessions.map((s) => (
            <li key={s.id}>
              {s.heldOn.split('-').reverse().join('/')}: {s.organisations}
              {s.notes ? ` (${s.notes})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">None recorded.</p>
      )}
      {view.canManage ? (
        <form noValidate onSubmit={onSubmit}>
          <DateInput name="heldOn" legend="Date the session was held" legendSize="s" hint="For example, 3 12 2026" value={heldOn} onChange={setHeldOn} error={problems.errorFor('heldOn')} />
          <TextInput name="organisations" label="Organisations that attended" value={organisations} onChange={setOrganisations} error={problems.errorFor('organisations')} />
          <Textarea name="notes" label="Notes (optional)" value={notes} onChange={setNotes} error={problems.errorFor('notes')} rows={3} />
          <SubmitButton pending={pending} pendingText="Recording the session" className="govuk-button govuk-button--secondary">
            Record the feedback session
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}

function Pseudonyms({ view, problems, onDone }: { view: ReportView; problems: Problems; onDone: (n: Notice) => void }) {
  const [text, setText] = useState(() => (view.pseudonyms ?? []).map((p) => `${p.name} = ${p.pseudonym}`).join('\n'));
  const [pending, run] = usePending();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const bad = lines.findIndex((l) => !/^[^=]+=[^=]+$/.test(l));
    if (bad !== -1) return problems.show([{ name: 'entries', href: '#entries', text: `Write line ${bad + 1} as a name, an equals sign and its pseudonym, like Jane Smith = Mother` }]);
    const entries = lines.map((l) => {
      const [name = '', pseudonym = ''] = l.split('=');
      return { name: name.trim(), pseudonym: pseudonym.trim() };
    });
    const parsed = pseudonymsSchema.safeParse({ entries });
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error).map((e) => ({ ...e, name: 'entries', href: '#entries' })));
    void run(() => send(problems, `${api(view.reference)}/pseudonyms`, 'PUT', parsed.data, () => onDone({ kind: 'success', heading: 'Pseudonyms saved' })));
  };
  return (
    <>
      <h2 className="govuk-heading-m">Pseudonyms for the anonymised report</h2>
      <form noValidate onSubmit={onSubmit}>
        <Textarea
          name="entries"
          label="Agreed pseudonyms"
          hint="One a line: the name of a child or family member, an equals sign, then what replaces it. For example, Jane Smith = Mother"
          value={text}
          onChange={setText}
          error={problems.errorFor('entries')}
          rows={4}
          spellCheck={false}
        />
        <SubmitButton pending={pending} pendingText="Saving the pseudonyms" className="govuk-button govuk-button--secondary">
          Save pseudonyms
        </SubmitButton>
      </form>
    </>
  );
}

function Publication({ view, problems, onDone }: { view: ReportView; problems: Problems; onDone: (n: Notice) => void }) {
  const [publishedOn, setPublishedOn] = useState<DateParts>({ day: '', month: '', year: '' });
  const [where, setWhere] = useState('');
  const [pending, run] = usePending();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const date = datePartsToIso(publishedOn, 'Date published');
    const parsed = publicationSchema.safeParse({ publishedOn: 'iso' in date ? date.iso : undefined, where });
    const errors = parsed.success ? [] : toFieldErrors(parsed.error).filter((e) => e.name !== 'publishedOn');
    if ('error' in date) errors.unshift({ name: 'publishedOn', href: '#publishedOn', text: date.error });
    if (errors.length || !parsed.success) return problems.show(errors);
    void run(() => send(problems, `${api(view.reference)}/publication`, 'POST', parsed.data, () => onDone({ kind: 'success', heading: 'Publication recorded' })));
  };
  return (
    <>
      <h2 className="govuk-heading-m">Publication</h2>
      {view.publication ? (
        <p className="govuk-body">
          The anonymised report was published on {view.publication.publishedOn.split('-').reverse().join('/')}: {view.publication.where}.
        </p>
      ) : view.publicationHold ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Publication is on hold (paragraph 8.8): {view.publicationHold.reason}. The report cannot be marked published until the hold is lifted.
          </strong>
        </div>
      ) : (
        <p className="govuk-body">Not published yet.</p>
      )}
      {view.canManage && !view.publication && !view.publicationHold ? (
        <form noValidate onSubmit={onSubmit}>
          <DateInput name="publishedOn" legend="Date published" legendSize="s" hint="For example, 3 12 2026" value={publishedOn} onChange={setPublishedOn} error={problems.errorFor('publishedOn')} />
          <TextInput name="where" label="Where it was published" hint="For example, the Board’s website" value={where} onChange={setWhere} error={problems.errorFor('where')} />
          <SubmitButton pending={pending} pendingText="Recording publication" className="govuk-button govuk-button--secondary">
            Record publication
          </SubmitButton>
        </form>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------- one version

export function ReportVersionPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const version = params.version ?? '';
  return <StaffOnly>{() => <VersionLoader reference={reference} version={version} />}</StaffOnly>;
}

/** The latest version: where the author writes. */
export function ReportDraftPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <VersionLoader reference={reference} />}</StaffOnly>;
}

function VersionLoader({ reference, version }: { reference: string; version?: string }) {
  const report = useApiGet('staff', api(reference), reportViewSchema);
  const latest = report.state.kind === 'ok' ? report.state.data.latest : undefined;
  const wanted = version ?? (latest ? String(latest) : null);
  const one = useApiGet('staff', wanted ? `${api(reference)}/versions/${wanted}` : null, reportVersionViewSchema);
  const heading = version ? `Overview report, version ${version}` : 'Overview report: latest version';
  if (report.state.kind === 'not-found' || one.state.kind === 'not-found') return <StaffNotFound />;
  if (report.state.kind !== 'ok') return <Loading reference={reference} heading={heading} state={report.state} what="the overview report" />;
  if (!wanted) {
    return (
      <Main backTo={reportVersionsPath(reference)}>
        <Title heading={heading} />
        <Heading reference={reference} heading={heading} />
        <p className="govuk-body">No version has been started yet.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={reportVersionsPath(reference)}>
            Go to the report’s versions
          </Link>
        </p>
      </Main>
    );
  }
  if (one.state.kind !== 'ok') return <Loading reference={reference} heading={heading} state={one.state} what="the version" />;
  const reload = () => {
    report.reload();
    one.reload();
  };
  // Keyed by version only: a save reloads the data, and each section's form is keyed by its own revision, so text typed elsewhere stays.
  return <Version key={one.state.data.version} report={report.state.data} v={one.state.data} reload={reload} />;
}

function Version({ report, v, reload }: { report: ReportView; v: VersionView; reload: () => void }) {
  const heading = `Overview report, version ${v.version}`;
  const [notice, setNotice] = useState<Notice | null>(null);
  const problems = useProblems();
  const canWrite = report.canEdit && v.editable;
  const done = (n: Notice) => {
    setNotice(n);
    reload();
  };
  return (
    <Main backTo={reportVersionsPath(v.reference)}>
      <Title heading={heading} errors={problems.any} />
      {problems.summary}
      {notice && !problems.any ? <NotificationBanner notice={notice} /> : null}
      <Heading reference={v.reference} heading={heading} />
      <p className="govuk-body">
        <strong className="govuk-tag govuk-tag--blue">{v.stepLabel}</strong>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={reportVersionsPath(v.reference)}>
          All versions, exports and publication
        </Link>
      </p>
      {reportSectionIds.map((id) => (
        <section key={id} id={id} aria-labelledby={`section-${id}`}>
          <h2 className="govuk-heading-m" id={`section-${id}`}>
            {reportSectionTitles[id]}
          </h2>
          {id === 'introduction' ? <FromTheCase v={v} /> : null}
          {canWrite ? <SectionForm key={`form-${id}-${v.revisions[id]}`} id={id} v={v} problems={problems} onDone={done} /> : <SectionText id={id} v={v} />}
          {id === 'conclusions' ? <ImrRecommendations v={v} /> : null}
          <Comments key={`comments-${id}-${v.comments.filter((c) => c.section === id).length}`} id={id} v={v} canComment={report.canComment && v.step !== 'accepted'} problems={problems} onDone={done} />
        </section>
      ))}
      {canWrite ? <Finalise v={v} problems={problems} onDone={done} /> : null}
    </Main>
  );
}

/** What the introduction takes from the case (Appendix B): terms of reference, contributors, panel. */
function FromTheCase({ v }: { v: VersionView }) {
  const d = v.derived;
  return (
    <>
      <h3 className="govuk-heading-s">Terms of reference{d.termsOfReference.version ? ` (agreed version ${d.termsOfReference.version})` : ''}</h3>
      {d.termsOfReference.items.length ? (
        <dl className="govuk-summary-list">
          {d.termsOfReference.items.map((i, n) => (
            <div className="govuk-summary-list__row" key={n}>
              <dt className="govuk-summary-list__key">{i.label}</dt>
              <dd className="govuk-summary-list__value">{i.text}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="govuk-body">No terms of reference have been agreed.</p>
      )}
      <h3 className="govuk-heading-s">Contributors and the nature of each contribution</h3>
      {d.contributors.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {d.contributors.map((c, n) => (
            <li key={n}>
              {c.organisation}: {c.nature}
              {c.author ? ` (author ${c.author})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No contributions have been asked for.</p>
      )}
      <h3 className="govuk-heading-s">Review panel</h3>
      {d.panel.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {d.panel.map((m, n) => (
            <li key={n}>
              {m.name}, {m.jobTitle}, {m.organisation} ({m.agency})
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No panel members are recorded.</p>
      )}
    </>
  );
}

function ImrRecommendations({ v }: { v: VersionView }) {
  return (
    <>
      <h3 className="govuk-heading-s">Recommendations of the individual management reviews</h3>
      {v.derived.imrRecommendations.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {v.derived.imrRecommendations.map((r, n) => (
            <li key={n}>
              {r.organisation}: {r.action} (by {r.byWhom}, by {r.byWhen})
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No accepted individual management review has recommendations yet.</p>
      )}
    </>
  );
}

function SectionText({ id, v }: { id: ReportSectionId; v: VersionView }) {
  const c = v.content;
  switch (id) {
    case 'introduction':
      return (
        <>
          <h3 className="govuk-heading-s">The circumstances that led to the review</h3>
          <Paragraphs text={c.introduction.circumstances} />
          <h3 className="govuk-heading-s">Author</h3>
          <p className="govuk-body">{[c.introduction.authorName, c.introduction.authorJobTitle].filter(Boolean).join(', ') || 'Not named yet.'}</p>
        </>
      );
    case 'facts':
      return (
        <>
          <h3 className="govuk-heading-s">What was known</h3>
          <Paragraphs text={c.facts.whatWasKnown} />
        </>
      );
    case 'analysis':
      return (
        <>
          <h3 className="govuk-heading-s">How and why events occurred</h3>
          <Paragraphs text={c.analysis.howAndWhy} />
          <h3 className="govuk-heading-s">Whether different decisions might have led elsewhere</h3>
          <Paragraphs text={c.analysis.differentDecisions} />
          <h3 className="govuk-heading-s">Good practice</h3>
          <Paragraphs text={c.analysis.goodPractice} />
        </>
      );
    case 'conclusions':
      return (
        <>
          <Paragraphs text={c.conclusions.conclusions} />
          <h3 className="govuk-heading-s">The Board’s recommendations</h3>
          {c.conclusions.recommendations.length ? (
            <ol className="govuk-list govuk-list--number">
              {c.conclusions.recommendations.map((r, n) => (
                <li key={n}>
                  {r.text} {r.nationalRelevance ? <strong className="govuk-tag govuk-tag--purple">National relevance</strong> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="govuk-body">None yet.</p>
          )}
        </>
      );
  }
}

const LIMIT = 20_000;
/** The field of the i-th recommendation: the first carries the name the schema's errors use for the list. */
const recId = (i: number) => (i === 0 ? 'content.recommendations.text' : `content.recommendations.${i}.text`);
type Fields = Record<string, string>;

function SectionForm({ id, v, problems, onDone }: { id: ReportSectionId; v: VersionView; problems: Problems; onDone: (n: Notice) => void }) {
  const initial = v.content[id] as unknown as Fields & { recommendations?: { text: string; nationalRelevance: boolean }[] };
  const [fields, setFields] = useState<Fields>(() => Object.fromEntries(Object.entries(initial).filter(([, x]) => typeof x === 'string')) as Fields);
  const [recs, setRecs] = useState(() => initial.recommendations ?? []);
  const [added, setAdded] = useState<number | null>(null);
  // A recommendation added goes where the person is: focus moves to its text box.
  useEffect(() => {
    if (added === null) return;
    document.getElementById(fieldId(recId(added)))?.focus();
  }, [added]);
  const [pending, run] = usePending();
  const n = (f: string) => `content.${f}`;
  const set = (f: string) => (value: string) => setFields((s) => ({ ...s, [f]: value }));
  const area = (f: string, label: string, hint?: string) => (
    <CharacterCount name={n(f)} label={label} hint={hint} value={fields[f] ?? ''} onChange={set(f)} error={problems.errorFor(n(f))} maxLength={LIMIT} rows={6} />
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const content = id === 'conclusions' ? { ...fields, recommendations: recs } : fields;
    const parsed = saveReportSectionSchema(id).safeParse({ expectedRevision: v.revisions[id], content });
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error));
    void run(() =>
      send(problems, `${api(v.reference)}/versions/${v.version}/sections/${id}`, 'PUT', parsed.data, () =>
        onDone({ kind: 'success', heading: `${reportSectionTitles[id]} saved`, text: `Version ${v.version}.` }),
      ),
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`${reportSectionTitles[id]}: edit`}>
      {id === 'introduction' ? (
        <>
          {area('circumstances', 'The circumstances that led to the review')}
          <TextInput name={n('authorName')} label="Author’s name" value={fields.authorName ?? ''} onChange={set('authorName')} error={problems.errorFor(n('authorName'))} />
          <TextInput name={n('authorJobTitle')} label="Author’s job title" value={fields.authorJobTitle ?? ''} onChange={set('authorJobTitle')} error={problems.errorFor(n('authorJobTitle'))} />
        </>
      ) : null}
      {id === 'facts' ? area('whatWasKnown', 'What was known', 'What the agencies knew about the parents and carers, any perpetrator and the home circumstances') : null}
      {id === 'analysis' ? (
        <>
          {area('howAndWhy', 'How and why events occurred')}
          {area('differentDecisions', 'Whether different decisions or actions might have led to a different course of events')}
          {area('goodPractice', 'Good practice to highlight')}
        </>
      ) : null}
      {id === 'conclusions' ? (
        <>
          {area('conclusions', 'Conclusions')}
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">The Board’s recommendations</legend>
            {recs.map((r, i) => (
              <div key={i} className="govuk-!-margin-bottom-4">
                <Textarea
                  name={recId(i)}
                  label={`Recommendation ${i + 1}`}
                  value={r.text}
                  onChange={(text) => setRecs((list) => list.map((x, j) => (j === i ? { ...x, text } : x)))}
                  error={i === 0 ? problems.errorFor(n('recommendations.text')) : undefined}
                  rows={2}
                />
                <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  <div className="govuk-checkboxes__item">
                    <input
                      className="govuk-checkboxes__input"
                      id={fieldId(`${n('recommendations')}.${i}.national`)}
                      type="checkbox"
                      checked={r.nationalRelevance}
                      onChange={(e) => setRecs((list) => list.map((x, j) => (j === i ? { ...x, nationalRelevance: e.target.checked } : x)))}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={fieldId(`${n('recommendations')}.${i}.national`)}>
                      A lesson of national relevance
                    </label>
                  </div>
                </div>
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-top-2" onClick={() => setRecs((list) => list.filter((_, j) => j !== i))}>
                  Remove <span className="govuk-visually-hidden">recommendation {i + 1}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                setRecs((list) => [...list, { text: '', nationalRelevance: false }]);
                setAdded(recs.length);
              }}
            >
              Add a recommendation
            </button>
          </fieldset>
        </>
      ) : null}
      <SubmitButton pending={pending} pendingText="Saving">
        Save {reportSectionTitles[id].toLowerCase()}
      </SubmitButton>
    </form>
  );
}

function Comments({ id, v, canComment, problems, onDone }: { id: ReportSectionId; v: VersionView; canComment: boolean; problems: Problems; onDone: (n: Notice) => void }) {
  const list = v.comments.filter((c) => c.section === id);
  const [text, setText] = useState('');
  const [pending, run] = usePending();
  const name = `comment-${id}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = reportCommentSchema.safeParse({ section: id, text });
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error).map((e) => ({ ...e, name, href: `#${name}` })));
    void run(() => send(problems, `${api(v.reference)}/versions/${v.version}/comments`, 'POST', parsed.data, () => onDone({ kind: 'success', heading: 'Comment added', text: `On ${reportSectionTitles[id].toLowerCase()}.` })));
  };
  return (
    <div className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-s">Panel comments on {reportSectionTitles[id].toLowerCase()}</h3>
      {list.length ? (
        <ul className="govuk-list">
          {list.map((c) => (
            <li key={c.id} className="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-2">
              <span style={{ whiteSpace: 'pre-line' }}>{c.text}</span>
              <br />
              <span className="govuk-body-s">
                {c.by}, {formatDateTime(c.at)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No comments.</p>
      )}
      {canComment ? (
        <form noValidate onSubmit={onSubmit} aria-label={`Comment on ${reportSectionTitles[id].toLowerCase()}`}>
          <Textarea name={name} label={`Your comment on ${reportSectionTitles[id].toLowerCase()}`} value={text} onChange={setText} error={problems.errorFor(name)} rows={3} />
          <SubmitButton pending={pending} pendingText="Adding the comment" className="govuk-button govuk-button--secondary">
            Add comment <span className="govuk-visually-hidden">on {reportSectionTitles[id].toLowerCase()}</span>
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}

function Finalise({ v, problems, onDone }: { v: VersionView; problems: Problems; onDone: (n: Notice) => void }) {
  const [confirm, setConfirm] = useState(false);
  const [pending, run] = usePending();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = finaliseReportSchema.safeParse({ confirm: confirm || undefined });
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error));
    void run(() =>
      send(problems, `${api(v.reference)}/versions/${v.version}/final`, 'POST', parsed.data, () =>
        onDone({ kind: 'success', heading: `Version ${v.version} offered as final`, text: 'The sub-committee chair has been emailed a link to accept it.' }),
      ),
    );
  };
  return (
    <section aria-labelledby="finalise-heading">
      <h2 className="govuk-heading-m" id="finalise-heading">
        Offer as final
      </h2>
      <p className="govuk-body">
        The sub-committee chair, then the Board chair, are emailed a link to accept this version (paragraph 11.3). It cannot then be changed: a later
        change is a new version.
      </p>
      <form noValidate onSubmit={onSubmit}>
        <div className={`govuk-form-group${problems.errorFor('confirm') ? ' govuk-form-group--error' : ''}`}>
          {problems.errorFor('confirm') ? (
            <p className="govuk-error-message" id="confirm-error">
              <span className="govuk-visually-hidden">Error:</span> {problems.errorFor('confirm')}
            </p>
          ) : null}
          <div className="govuk-checkboxes" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="confirm"
                name="confirm"
                type="checkbox"
                checked={confirm}
                onChange={(e) => setConfirm(e.target.checked)}
                aria-describedby={problems.errorFor('confirm') ? 'confirm-error' : undefined}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="confirm">
                Version {v.version} is ready for the chairs to accept
              </label>
            </div>
          </div>
        </div>
        <SubmitButton pending={pending} pendingText="Offering the report as final">
          Offer version {v.version} as final
        </SubmitButton>
      </form>
    </section>
  );
}

