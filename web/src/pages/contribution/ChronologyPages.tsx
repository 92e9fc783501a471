import { useRef, useState, type FormEvent } from 'react';
import {
  anyDate,
  chronologyDateParts,
  chronologySortKey,
  formatChronologyDate,
  recordedAnswers,
  reviewPeriodCheck,
  type ChronologyEntry,
  type ChronologyRow,
} from '../../../../functions/domain/contributions/chronology.js';
import { chronologyDateFromParts, chronologyEntrySchema, chronologyFieldOrder } from '../../../../functions/schemas/chronology.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { chronologyViewSchema } from '../../../../functions/schemas/imr.js';
import type { ContributionView } from '../../../../functions/schemas/contributions.js';
import type { DateParts } from '../../../../functions/schemas/dates.js';
import type { RouteProps } from '../../App.js';
import { saveBlob, useApiGet } from '../../api/client.js';
import { SubmitButton } from '../../components/Buttons.js';
import { Checkboxes } from '../../components/Checkboxes.js';
import { DateInput } from '../../components/DateInput.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, noticeFrom } from '../../components/NotificationBanner.js';
import { Radios } from '../../components/Radios.js';
import { Textarea } from '../../components/Textarea.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate } from '../../format.js';
import { Link, useLocation } from '../../router.js';
import { ContributionPageFrame, contributionApiPath, contributionName, contributionPagePath, doneTo, Plain, useFormState } from './contribution-kit.js';

/**
 * The IMR's chronology of involvement (Appendix A part 1): the rows in
 * reading order as one plain table (no per-row components beyond a link or
 * two, so 500 rows render at once and stay quick to read and search with the
 * browser's own find), a page to add or change one row, one to delete one,
 * same-day rows moved up and down with buttons, and an import from a CSV,
 * Excel or Word file. The import's parsers (exceljs, fflate) load only when a
 * file is imported or a template downloaded: they are not in the page's
 * first download. Every date is checked against the agreed review period.
 */

const chronologySub = 'chronology';
const chronologyApi = (reference: string, id: string, sub = '') => contributionApiPath(reference, id, `imr/chronology${sub ? `/${sub}` : ''}`);

type Period = { from: string; to: string; version: number } | null | undefined;

/** The date check the page runs before sending: the agreed period, or any date. */
const checkFor = (period: Period) => (period ? reviewPeriodCheck(period) : anyDate);

function PeriodNote({ period }: { period: Period }) {
  return period ? (
    <p className="govuk-body">
      The review period agreed in the terms of reference (version {period.version}) runs from {formatDate(period.from)} to {formatDate(period.to)}. Rows
      dated outside it are refused.
    </p>
  ) : (
    <div className="govuk-inset-text">The review period is not agreed yet: rows can have any date until the terms of reference set it.</div>
  );
}

const answerLabel = (a: string) => recordedAnswers.find((x) => x.value === a)?.label ?? a;

function useChronology(reference: string, id: string) {
  return useApiGet('staff', chronologyApi(reference, id), chronologyViewSchema);
}

// ---------------------------------------------------------------- the list

export function ChronologyPage(props: RouteProps) {
  return (
    <ContributionPageFrame {...props} heading="Chronology of involvement">
      {(c, ids) => <Chronology c={c} reference={ids.reference} />}
    </ContributionPageFrame>
  );
}

function Chronology({ c, reference }: { c: ContributionView; reference: string }) {
  const heading = 'Chronology of involvement';
  const { state, reload } = useChronology(reference, c.id);
  const f = useFormState(`${heading} – ${c.organisation}`);
  const location = useLocation();
  const [notice, setNotice] = useState(noticeFrom(location.state));
  const writing = c.mayDo.includes('submit');
  const back = contributionPagePath(reference, c.id);

  // A move answers the whole chronology in reading order: shown as it is, without reading it again.
  const [moved, setMoved] = useState<ChronologyRow[] | null>(null);
  const move = (rowId: string, direction: 'up' | 'down', label: string) =>
    void f.send<{ rows: ChronologyRow[] }>(chronologyApi(reference, c.id, `${rowId}/move`), 'POST', { direction }).then((data) => {
      if (data) {
        f.clear();
        setNotice({ kind: 'success', heading: `Moved ${direction}: ${label}` });
        setMoved(data.rows);
      }
    });

  if (state.kind !== 'ok') {
    return (
      <Plain heading={heading} backTo={back} showHeading={state.kind !== 'loading'}>
        {state.kind === 'loading' ? (
          <p className="govuk-body" role="status">
            Loading the chronology…
          </p>
        ) : state.kind === 'not-found' ? (
          <p className="govuk-body">You can read the chronology once the review is submitted to its senior officer.</p>
        ) : (
          <LoadProblem state={state} what="the chronology" />
        )}
      </Plain>
    );
  }
  const rows = moved ?? (state.data.rows as unknown as ChronologyRow[]);
  const period = state.data.reviewPeriod;
  return (
    <Main backTo={back} wide>
      {f.summary}
      {notice && !f.errors.length && !f.problem ? <NotificationBanner notice={notice} /> : null}
      <span className="govuk-caption-l">{contributionName(c)}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <PeriodNote period={period} />
      {writing ? (
        <p className="govuk-body">
          <Link className="govuk-button govuk-!-margin-bottom-0" to={contributionPagePath(reference, c.id, `${chronologySub}/add`)}>
            Add a row
          </Link>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="govuk-body">There are no rows yet.</p>
      ) : (
        <ChronologyTable rows={rows} writing={writing} rowPath={(rowId) => contributionPagePath(reference, c.id, `${chronologySub}/${rowId}`)} onMove={move} pending={f.pending} />
      )}
      {writing ? <ImportForm reference={reference} c={c} period={period} existing={rows.length} onImported={(n) => (f.clear(), setMoved(null), setNotice({ kind: 'success', heading: `${n} ${n === 1 ? 'row was' : 'rows were'} imported` }), reload())} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={back}>
          {writing ? 'Save and come back later' : 'Back to the contribution'}
        </Link>
      </p>
    </Main>
  );
}

/**
 * The rows as one plain table. Same-day rows with no time can be moved up
 * and down (a button where a move is possible, found in one pass over the
 * sorted rows). The import form keeps its own state, so choosing a file does
 * not draw the table again.
 */
function ChronologyTable({
  rows,
  writing,
  rowPath,
  onMove,
  pending,
}: {
  rows: readonly ChronologyRow[];
  writing: boolean;
  rowPath: (rowId: string) => string;
  onMove: (rowId: string, direction: 'up' | 'down', label: string) => void;
  pending: boolean;
}) {
  const keys = rows.map((r) => chronologySortKey(r));
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="chronology-caption" tabIndex={0}>
      <table className="govuk-table app-chronology-table">
        <caption className="govuk-table__caption govuk-table__caption--m" id="chronology-caption">
          {rows.length} {rows.length === 1 ? 'row' : 'rows'}, in date order
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Date</th>
            <th scope="col" className="govuk-table__header">Who</th>
            <th scope="col" className="govuk-table__header">What happened</th>
            <th scope="col" className="govuk-table__header">Decision or action</th>
            <th scope="col" className="govuk-table__header">Child seen</th>
            <th scope="col" className="govuk-table__header">Wishes and feelings sought, expressed, recorded</th>
            <th scope="col" className="govuk-table__header">Source</th>
            {writing ? <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r, i) => {
            const label = `${formatChronologyDate(r.date, r.dateUncertain)}${r.time ? ` ${r.time}` : ''}, ${r.role}`;
            const up = i > 0 && keys[i - 1] === keys[i];
            const down = i < rows.length - 1 && keys[i + 1] === keys[i];
            return (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell">
                  {formatChronologyDate(r.date, r.dateUncertain)}
                  {r.time ? <br /> : null}
                  {r.time ?? null}
                </td>
                <td className="govuk-table__cell">
                  {r.role}, {r.organisation}
                </td>
                <td className="govuk-table__cell app-pre-line">{r.whatHappened}</td>
                <td className="govuk-table__cell app-pre-line">{r.decisionOrAction ?? ''}</td>
                <td className="govuk-table__cell">{answerLabel(r.childSeen)}</td>
                <td className="govuk-table__cell">
                  {answerLabel(r.wishesSought)}, {answerLabel(r.wishesExpressed).toLowerCase()}, {answerLabel(r.wishesRecorded).toLowerCase()}
                </td>
                <td className="govuk-table__cell">{r.sourceRecord}</td>
                {writing ? (
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={rowPath(r.id)}>
                      Change<span className="govuk-visually-hidden"> row: {label}</span>
                    </Link>
                    <br />
                    <Link className="govuk-link" to={`${rowPath(r.id)}/delete`}>
                      Delete<span className="govuk-visually-hidden"> row: {label}</span>
                    </Link>
                    {up ? (
                      <>
                        <br />
                        <button type="button" className="app-link-button govuk-link" aria-disabled={pending || undefined} onClick={() => onMove(r.id, 'up', label)}>
                          Move up<span className="govuk-visually-hidden"> row: {label}</span>
                        </button>
                      </>
                    ) : null}
                    {down ? (
                      <>
                        <br />
                        <button type="button" className="app-link-button govuk-link" aria-disabled={pending || undefined} onClick={() => onMove(r.id, 'down', label)}>
                          Move down<span className="govuk-visually-hidden"> row: {label}</span>
                        </button>
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// ---------------------------------------------------------------- import

/** Rows the API takes in one request. */
const BATCH = 99;

function ImportForm({ reference, c, period, existing, onImported }: { reference: string; c: ContributionView; period: Period; existing: number; onImported: (n: number) => void }) {
  const f = useFormState(`Chronology of involvement – ${c.organisation}`);
  const input = useRef<HTMLInputElement>(null);
  const [ignored, setIgnored] = useState<string[]>([]);
  const fileError = f.errors.length > 0 ? 'The file could not be imported: see the problems listed above' : undefined;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return f.show([{ name: 'chronologyFile', href: '#chronologyFile', text: 'Select a CSV, Excel or Word file to import' }]);
    void (async () => {
      // Loaded only now: the parsers (exceljs, fflate, the XML reader) stay out of the page's first download.
      const { importChronology } = await import('../../../../functions/domain/contributions/chronology-import.js');
      const read = await importChronology({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, checkFor(period));
      setIgnored(read.ignoredColumns);
      if (read.errors.length > 0) {
        // Nothing is imported until every row is right: each problem named by its row.
        const errors: FieldError[] = read.errors.map((err, i) => ({ name: `chronologyFile.${i}`, href: '#chronologyFile', text: err.text }));
        return f.show(errors);
      }
      let saved = 0;
      for (let start = 0; start < read.rows.length; start += BATCH) {
        const entries = read.rows.slice(start, start + BATCH).map((r) => r.entry);
        const ok = await f.send(chronologyApi(reference, c.id), 'POST', { entries }, (r) => ({
          title: 'There is a problem',
          text: `${saved > 0 ? `${saved} rows were imported; the rest were not. ` : 'Nothing was imported. '}${r.kind === 'conflict' || r.kind === 'forbidden' ? (r.message ?? '') : 'Try again later.'}`,
        }));
        if (!ok) {
          if (saved > 0) onImported(saved);
          return;
        }
        saved += entries.length;
      }
      if (input.current) input.current.value = '';
      onImported(saved);
    })();
  };

  const template = (kind: 'csv' | 'xlsx' | 'docx') => {
    void (async () => {
      const t = await import('../../../../functions/domain/contributions/chronology-template.js');
      const spec = t.chronologyTemplateFiles[kind];
      const body = kind === 'csv' ? t.chronologyTemplateCsv() : kind === 'xlsx' ? await t.chronologyTemplateXlsx() : await t.chronologyTemplateDocx();
      saveBlob(new Blob([body as BlobPart], { type: spec.contentType }), spec.fileName);
    })();
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="import-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="import-heading">
        Import rows from a file
      </h2>
      {f.summary}
      <p className="govuk-body">
        A CSV file, an Excel workbook (.xlsx) or a table in a Word document (.docx), with a heading row like the template’s. Rows are added to the {existing}{' '}
        already here. If any row has a problem, nothing is imported and each problem is listed with its row.
      </p>
      <p className="govuk-body">Download a template:</p>
      <ul className="govuk-list">
        <li>
          <button type="button" className="app-link-button govuk-link" onClick={() => template('csv')}>
            CSV template
          </button>
        </li>
        <li>
          <button type="button" className="app-link-button govuk-link" onClick={() => template('xlsx')}>
            Excel template (.xlsx)
          </button>
        </li>
        <li>
          <button type="button" className="app-link-button govuk-link" onClick={() => template('docx')}>
            Word template (.docx)
          </button>
        </li>
      </ul>
      <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor="chronologyFile">
          Chronology file
        </label>
        {fileError ? (
          <p id="chronologyFile-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {fileError}
          </p>
        ) : null}
        <input
          className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
          id="chronologyFile"
          name="chronologyFile"
          type="file"
          ref={input}
          accept=".csv,.xlsx,.docx,text/csv"
          aria-describedby={fileError ? 'chronologyFile-error' : undefined}
        />
      </div>
      {ignored.length > 0 ? <p className="govuk-body">Columns not imported: {ignored.join(', ')}.</p> : null}
      <SubmitButton pending={f.pending} pendingText="Importing the rows" className="govuk-button govuk-button--secondary">
        Import rows
      </SubmitButton>
    </form>
  );
}

// ---------------------------------------------------------------- one row: add or change

const EMPTY_PARTS: DateParts = { day: '', month: '', year: '' };

function partsOf(date: string): DateParts {
  const p = chronologyDateParts(date);
  return p ? { day: p.day ? String(p.day) : '', month: p.month ? String(p.month) : '', year: String(p.year) } : EMPTY_PARTS;
}

export function ChronologyRowPage(props: RouteProps) {
  const rowId = props.params.rowId;
  return (
    <ContributionPageFrame {...props} heading={rowId ? 'Change a chronology row' : 'Add a chronology row'}>
      {(c, ids) => <RowLoader c={c} reference={ids.reference} rowId={rowId} />}
    </ContributionPageFrame>
  );
}

function RowLoader({ c, reference, rowId }: { c: ContributionView; reference: string; rowId?: string }) {
  const { state } = useChronology(reference, c.id);
  const heading = rowId ? 'Change a chronology row' : 'Add a chronology row';
  const back = contributionPagePath(reference, c.id, chronologySub);
  if (state.kind !== 'ok') {
    return (
      <Plain heading={heading} backTo={back} showHeading={state.kind !== 'loading'}>
        {state.kind === 'loading' ? <p className="govuk-body" role="status">Loading the chronology…</p> : <LoadProblem state={state} what="the chronology" />}
      </Plain>
    );
  }
  const row = rowId ? (state.data.rows as unknown as ChronologyRow[]).find((r) => r.id === rowId) : undefined;
  if (rowId && !row) {
    return (
      <Plain heading={heading} backTo={back} showHeading>
        <p className="govuk-body">This row is not in the chronology: it may have been deleted.</p>
      </Plain>
    );
  }
  if (!c.mayDo.includes('submit')) {
    return (
      <Plain heading={heading} backTo={back} showHeading>
        <p className="govuk-body">Only the author changes the chronology, while writing the review.</p>
      </Plain>
    );
  }
  return <RowForm c={c} reference={reference} row={row} period={state.data.reviewPeriod} />;
}

const ANSWERS = recordedAnswers.map((a) => ({ value: a.value, label: a.label }));

function RowForm({ c, reference, row, period }: { c: ContributionView; reference: string; row?: ChronologyRow; period: Period }) {
  const heading = row ? 'Change a chronology row' : 'Add a chronology row';
  const f = useFormState(heading, chronologyFieldOrder);
  const back = contributionPagePath(reference, c.id, chronologySub);
  const [date, setDate] = useState<DateParts>(row ? partsOf(row.date) : EMPTY_PARTS);
  const [uncertain, setUncertain] = useState(row?.dateUncertain ?? false);
  const [v, setV] = useState<Record<string, string>>({
    time: row?.time ?? '',
    role: row?.role ?? '',
    organisation: row?.organisation ?? c.organisation,
    whatHappened: row?.whatHappened ?? '',
    decisionOrAction: row?.decisionOrAction ?? '',
    childSeen: row?.childSeen ?? '',
    wishesSought: row?.wishesSought ?? '',
    wishesExpressed: row?.wishesExpressed ?? '',
    wishesRecorded: row?.wishesRecorded ?? '',
    sourceRecord: row?.sourceRecord ?? '',
  });
  const set = (k: string) => (value: string) => setV((old) => ({ ...old, [k]: value }));

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fromParts = chronologyDateFromParts(date);
    const body: Record<string, unknown> = {
      date: 'date' in fromParts ? fromParts.date : '',
      dateUncertain: uncertain,
      ...Object.fromEntries(Object.entries(v).filter(([, value]) => value.trim() !== '')),
    };
    const parsed = chronologyEntrySchema(checkFor(period)).safeParse(body);
    let errors = parsed.success ? [] : toFieldErrors(parsed.error);
    // The date boxes know "must include a year" better than the schema does.
    if ('error' in fromParts) errors = [{ name: 'date', href: '#date', text: fromParts.error }, ...errors.filter((x) => x.name !== 'date')];
    if (errors.length > 0 || !parsed.success) return f.show(errors);
    const entry: ChronologyEntry = parsed.data;
    const request = row
      ? f.send(contributionApiPath(reference, c.id, `imr/chronology/${row.id}`), 'PUT', { entry, expectedVersion: row.version ?? 1 })
      : f.send(contributionApiPath(reference, c.id, 'imr/chronology'), 'POST', { entries: [entry] }, undefined);
    void request.then((ok) => {
      if (ok) doneTo(back, row ? 'The row was changed' : 'The row was added');
    });
  };

  // The server names a problem in an added row `entries.0.<field>`: show it on the field.
  const errorFor = (name: string) => f.errorFor(name) ?? f.errorFor(`entries.0.${name}`);
  return (
    <Main backTo={back}>
      {f.summary}
      <span className="govuk-caption-l">{contributionName(c)}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <PeriodNote period={period} />
      <form noValidate onSubmit={onSubmit}>
        <DateInput
          name="date"
          legend="Date of the event"
          legendSize="s"
          hint="For example, 27 3 2026. If the record gives only the month, leave the day blank; if only the year, leave the day and month blank."
          value={date}
          onChange={setDate}
          error={errorFor('date')}
        />
        <Checkboxes
          name="dateUncertain"
          legend="Is the day uncertain?"
          legendSize="s"
          items={[{ value: 'yes', label: 'The day is not certain (it is shown as approximate)' }]}
          values={uncertain ? ['yes'] : []}
          onChange={(values: string[]) => setUncertain(values.includes('yes'))}
          error={errorFor('dateUncertain')}
        />
        <TextInput name="time" label="Time (optional)" hint="24-hour, like 14:30. Only with a day." value={v.time!} onChange={set('time')} error={errorFor('time')} widthClass="govuk-input--width-5" />
        <TextInput name="role" label="Practitioner’s role" hint="Their role, like Health visitor: not their name" value={v.role!} onChange={set('role')} error={errorFor('role')} />
        <TextInput name="organisation" label="Practitioner’s organisation" value={v.organisation!} onChange={set('organisation')} error={errorFor('organisation')} />
        <Textarea name="whatHappened" label="What happened" value={v.whatHappened!} onChange={set('whatHappened')} error={errorFor('whatHappened')} />
        <Textarea name="decisionOrAction" label="Decision or action taken (optional)" value={v.decisionOrAction!} onChange={set('decisionOrAction')} error={errorFor('decisionOrAction')} rows={3} />
        <Radios name="childSeen" legend="Was the child seen?" legendSize="s" items={ANSWERS} value={v.childSeen!} onChange={set('childSeen')} error={errorFor('childSeen')} inline />
        <Radios name="wishesSought" legend="Were the child’s wishes and feelings sought?" legendSize="s" items={ANSWERS} value={v.wishesSought!} onChange={set('wishesSought')} error={errorFor('wishesSought')} inline />
        <Radios name="wishesExpressed" legend="Were the child’s wishes and feelings expressed?" legendSize="s" items={ANSWERS} value={v.wishesExpressed!} onChange={set('wishesExpressed')} error={errorFor('wishesExpressed')} inline />
        <Radios name="wishesRecorded" legend="Were the child’s wishes and feelings recorded?" legendSize="s" items={ANSWERS} value={v.wishesRecorded!} onChange={set('wishesRecorded')} error={errorFor('wishesRecorded')} inline />
        <TextInput name="sourceRecord" label="Source record" hint="Where the entry comes from, like the case file or a record system entry" value={v.sourceRecord!} onChange={set('sourceRecord')} error={errorFor('sourceRecord')} />
        <div className="govuk-button-group">
          <SubmitButton pending={f.pending} pendingText="Saving the row">
            {row ? 'Save the row' : 'Add the row'}
          </SubmitButton>
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </Main>
  );
}

// ---------------------------------------------------------------- one row: delete

export function ChronologyDeletePage(props: RouteProps) {
  return (
    <ContributionPageFrame {...props} heading="Delete a chronology row">
      {(c, ids) => <DeleteRow c={c} reference={ids.reference} rowId={props.params.rowId ?? ''} />}
    </ContributionPageFrame>
  );
}

function DeleteRow({ c, reference, rowId }: { c: ContributionView; reference: string; rowId: string }) {
  const heading = 'Are you sure you want to delete this row?';
  const { state } = useChronology(reference, c.id);
  const f = useFormState(heading);
  const back = contributionPagePath(reference, c.id, chronologySub);
  if (state.kind !== 'ok') {
    return (
      <Plain heading={heading} backTo={back} showHeading={state.kind !== 'loading'}>
        {state.kind === 'loading' ? <p className="govuk-body" role="status">Loading the chronology…</p> : <LoadProblem state={state} what="the chronology" />}
      </Plain>
    );
  }
  const row = (state.data.rows as unknown as ChronologyRow[]).find((r) => r.id === rowId);
  if (!row) {
    return (
      <Plain heading="Delete a chronology row" backTo={back} showHeading>
        <p className="govuk-body">This row is not in the chronology: it may have been deleted already.</p>
      </Plain>
    );
  }
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void f.send(chronologyApi(reference, c.id, row.id), 'DELETE', undefined).then((ok) => {
      if (ok) doneTo(back, 'The row was deleted');
    });
  };
  return (
    <Main backTo={back}>
      {f.summary}
      <span className="govuk-caption-l">{contributionName(c)}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
          <dt className="govuk-summary-list__key">Date</dt>
          <dd className="govuk-summary-list__value">
            {formatChronologyDate(row.date, row.dateUncertain)}
            {row.time ? ` ${row.time}` : ''}
          </dd>
        </div>
        <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
          <dt className="govuk-summary-list__key">Who</dt>
          <dd className="govuk-summary-list__value">
            {row.role}, {row.organisation}
          </dd>
        </div>
        <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
          <dt className="govuk-summary-list__key">What happened</dt>
          <dd className="govuk-summary-list__value app-pre-line">{row.whatHappened}</dd>
        </div>
      </dl>
      <form noValidate onSubmit={onSubmit}>
        <div className="govuk-button-group">
          <SubmitButton pending={f.pending} pendingText="Deleting the row" className="govuk-button govuk-button--warning">
            Delete the row
          </SubmitButton>
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </Main>
  );
}
