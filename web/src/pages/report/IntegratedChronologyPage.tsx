import { memo, useCallback, useMemo, useState, type FormEvent } from 'react';
import { filterRows } from '../../../../functions/domain/report/integrated-chronology.js';
import { toFieldErrors } from '../../../../functions/schemas/errors.js';
import { chronologyGroupSchema, integratedChronologyViewSchema, type IntegratedChronologyView, type IntegratedRowView } from '../../../../functions/schemas/overview.js';
import type { RouteProps } from '../../App.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { Checkboxes } from '../../components/Checkboxes.js';
import { NotificationBanner, type Notice } from '../../components/NotificationBanner.js';
import { TextInput } from '../../components/TextInput.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { NotLoaded, ReportFrame, ReportHeading, useProblems, type Problems } from './report-kit.js';
import { CHRONOLOGY_PAGE_SIZE, overviewApiPath } from './report-pages.js';

const HEADING = 'Integrated chronology';

/**
 * The integrated chronology (Appendix B, "The facts"): every accepted
 * contribution's rows in date and time order, each attributed to its
 * organisation; rows where the child was seen, or their wishes and feelings
 * sought or expressed, marked and filterable; rows from different
 * organisations about the same event grouped by the overview author.
 */
export function IntegratedChronologyPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <IntegratedChronology reference={reference} />}</StaffOnly>;
}

function IntegratedChronology({ reference }: { reference: string }) {
  const { state, reload } = useApiGet('staff', `${overviewApiPath(reference)}/chronology`, integratedChronologyViewSchema);
  const [notice, setNotice] = useState<Notice | null>(null);
  const problems = useProblems();
  if (state.kind !== 'ok') return <NotLoaded reference={reference} heading={HEADING} state={state} what="the integrated chronology" />;
  return (
    <ReportFrame reference={reference} heading={HEADING} errors={problems.any} wide>
      {problems.summary}
      {notice && !problems.any ? <NotificationBanner notice={notice} /> : null}
      <ReportHeading reference={reference} heading={HEADING} />
      <Chronology
        reference={reference}
        view={state.data}
        problems={problems}
        onDone={(n) => {
          problems.show([]);
          setNotice(n);
          reload();
        }}
      />
    </ReportFrame>
  );
}

const FILTERS = [
  { value: 'childSeen', label: 'Only rows where the child was seen' },
  { value: 'wishesAndFeelings', label: 'Only rows where the child’s wishes and feelings were sought or expressed' },
];

function Chronology({ reference, view, problems, onDone }: { reference: string; view: IntegratedChronologyView; problems: Problems; onDone: (n: Notice) => void }) {
  const [filters, setFilters] = useState<string[]>([]);
  const [pageIndex, setPageIndex] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [label, setLabel] = useState('');
  const [pending, run] = usePending();
  const filtered = useMemo(() => filterRows(view.rows, { childSeen: filters.includes('childSeen'), wishesAndFeelings: filters.includes('wishesAndFeelings') }), [view.rows, filters]);
  const pages = Math.max(1, Math.ceil(filtered.length / CHRONOLOGY_PAGE_SIZE));
  const at = Math.min(pageIndex, pages - 1);
  const first = at * CHRONOLOGY_PAGE_SIZE;
  const shown = filtered.slice(first, first + CHRONOLOGY_PAGE_SIZE);
  const groups = useMemo(() => new Map(view.groups.map((g) => [g.id, g] as const)), [view.groups]);
  const toggle = useCallback((key: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const seen = view.rows.filter((r) => r.childSeen).length;
  const wishes = view.rows.filter((r) => r.wishesAndFeelings).length;

  const group = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = { rowKeys: view.rows.map((r) => r.key).filter((k) => selected.has(k)), ...(label.trim() ? { label } : {}) };
    const parsed = chronologyGroupSchema.safeParse(body);
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error));
    void run(async () => {
      const result = await apiRequest('staff', `${overviewApiPath(reference)}/chronology/groups`, { method: 'POST', body: parsed.data });
      if (result.kind === 'ok') {
        setSelected(new Set());
        setLabel('');
        onDone({ kind: 'success', heading: `${parsed.data.rowKeys.length} rows grouped as one event` });
      } else if (result.kind === 'invalid') problems.show(result.errors);
      else if (result.kind !== 'signed-out') problems.show([], ('message' in result && result.message) || 'Sorry, there is a problem with the service. Nothing was changed: try again later.');
    });
  };
  const ungroup = (groupId: string) =>
    void run(async () => {
      const result = await apiRequest('staff', `${overviewApiPath(reference)}/chronology/groups/${encodeURIComponent(groupId)}/ungroup`, { method: 'POST' });
      if (result.kind === 'ok') onDone({ kind: 'success', heading: 'The rows are ungrouped' });
      else if (result.kind !== 'signed-out') problems.show([], ('message' in result && result.message) || 'Sorry, there is a problem with the service. Nothing was changed: try again later.');
    });

  if (!view.rows.length) {
    return <p className="govuk-body">No contribution has been accepted yet. Rows appear here once a contribution’s findings are accepted by its senior officer.</p>;
  }
  return (
    <>
      <p className="govuk-body">
        {view.rows.length.toLocaleString('en-GB')} rows from {view.organisations.length === 1 ? '1 organisation' : `${view.organisations.length} organisations`}{' '}
        ({view.organisations.join(', ')}). The child was seen in {seen.toLocaleString('en-GB')} of them; their wishes and feelings were sought or
        expressed in {wishes.toLocaleString('en-GB')}.
      </p>
      <Checkboxes
        name="filters"
        legend="Filter the rows"
        legendSize="s"
        items={FILTERS}
        values={filters}
        onChange={(v) => {
          setFilters(v);
          setPageIndex(0);
        }}
        small
      />
      {view.canGroup ? (
        <form noValidate onSubmit={group} aria-labelledby="group-heading" className="app-no-print">
          <h2 className="govuk-heading-m" id="group-heading">
            Group rows about the same event
          </h2>
          <p className="govuk-body" id="rowKeys" tabIndex={-1}>
            Select rows from different organisations on the same day in the table, then group them. {selected.size ? `${selected.size} selected.` : 'None selected.'}
          </p>
          <TextInput name="label" label="What the event was (optional)" value={label} onChange={setLabel} error={problems.errorFor('label')} widthClass="govuk-input--width-30" />
          <SubmitButton pending={pending} pendingText="Grouping the rows" className="govuk-button govuk-button--secondary">
            Group selected rows
          </SubmitButton>
        </form>
      ) : null}
      <p className="govuk-body" role="status">
        {filtered.length === view.rows.length
          ? `Showing all ${view.rows.length.toLocaleString('en-GB')} rows`
          : `Showing ${filtered.length.toLocaleString('en-GB')} of ${view.rows.length.toLocaleString('en-GB')} rows`}
        {pages > 1 ? `, ${(first + 1).toLocaleString('en-GB')} to ${(first + shown.length).toLocaleString('en-GB')} on this page (page ${at + 1} of ${pages})` : ''}.
      </p>
      <div className="app-table-wrapper" role="region" aria-labelledby="chronology-caption" tabIndex={0}>
        <table className="govuk-table app-chronology">
          <caption className="govuk-table__caption govuk-table__caption--s" id="chronology-caption">
            Integrated chronology, in date and time order
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {view.canGroup ? (
                <th scope="col" className="govuk-table__header app-no-print">
                  Select
                </th>
              ) : null}
              <th scope="col" className="govuk-table__header">
                Date and time
              </th>
              <th scope="col" className="govuk-table__header">
                Organisation
              </th>
              <th scope="col" className="govuk-table__header">
                Who
              </th>
              <th scope="col" className="govuk-table__header">
                What happened
              </th>
              <th scope="col" className="govuk-table__header">
                Decision or action
              </th>
              <th scope="col" className="govuk-table__header">
                Child
              </th>
              <th scope="col" className="govuk-table__header">
                Source
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {shown.map((r, i) => {
              const g = r.groupId ? groups.get(r.groupId) : undefined;
              const firstOfGroup = g && shown[i - 1]?.groupId !== r.groupId;
              return [
                firstOfGroup ? (
                  <tr className="govuk-table__row app-chronology-group" key={`g-${g.id}`}>
                    <td className="govuk-table__cell" colSpan={view.canGroup ? 8 : 7}>
                      <strong>Grouped event{g.label ? `: ${g.label}` : ''}</strong> ({g.rowKeys.length} rows){' '}
                      {view.canGroup ? (
                        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-no-print" onClick={() => ungroup(g.id)}>
                          Ungroup<span className="govuk-visually-hidden"> {g.label ?? 'these rows'}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ) : null,
                <Row key={r.key} row={r} index={first + i} selectable={view.canGroup && !r.groupId} selected={selected.has(r.key)} onToggle={toggle} showSelect={view.canGroup} />,
              ];
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 ? <Pages at={at} pages={pages} onChange={setPageIndex} /> : null}
    </>
  );
}

/** GOV.UK pagination: previous, the page numbers, next. Buttons, as the pages are this page's own state. */
function Pages({ at, pages, onChange }: { at: number; pages: number; onChange: (i: number) => void }) {
  const go = (i: number) => () => {
    onChange(i);
    document.getElementById('chronology-caption')?.scrollIntoView();
  };
  return (
    <nav className="govuk-pagination app-no-print" aria-label="Pages of the integrated chronology">
      {at > 0 ? (
        <div className="govuk-pagination__prev">
          <button type="button" className="app-link-button govuk-link govuk-pagination__link" onClick={go(at - 1)}>
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </button>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {Array.from({ length: pages }, (_, i) => (
          <li key={i} className={`govuk-pagination__item${i === at ? ' govuk-pagination__item--current' : ''}`}>
            <button type="button" className="app-link-button govuk-link govuk-pagination__link" aria-label={`Page ${i + 1}`} aria-current={i === at ? 'page' : undefined} onClick={go(i)}>
              {i + 1}
            </button>
          </li>
        ))}
      </ul>
      {at < pages - 1 ? (
        <div className="govuk-pagination__next">
          <button type="button" className="app-link-button govuk-link govuk-pagination__link" onClick={go(at + 1)}>
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </button>
        </div>
      ) : null}
    </nav>
  );
}

const Row = memo(function Row({
  row,
  index,
  selectable,
  showSelect,
  selected,
  onToggle,
}: {
  row: IntegratedRowView;
  index: number;
  selectable: boolean;
  showSelect: boolean;
  selected: boolean;
  onToggle: (key: string, on: boolean) => void;
}) {
  const id = `row-${index}`;
  return (
    <tr className={`govuk-table__row${row.groupId ? ' app-chronology-grouped' : ''}`}>
      {showSelect ? (
        <td className="govuk-table__cell app-no-print">
          {selectable ? (
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id={id} type="checkbox" checked={selected} onChange={(e) => onToggle(row.key, e.target.checked)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  <span className="govuk-visually-hidden">
                    Select {row.dateText}
                    {row.time ? ` ${row.time}` : ''}, {row.organisation}
                  </span>
                </label>
              </div>
            </div>
          ) : null}
        </td>
      ) : null}
      <td className="govuk-table__cell">
        {row.dateText}
        {row.time ? (
          <>
            <br />
            {row.time}
          </>
        ) : null}
      </td>
      <td className="govuk-table__cell">{row.organisation}</td>
      <td className="govuk-table__cell">
        {row.role}
        <br />
        <span className="govuk-body-s">{row.practitionerOrganisation}</span>
      </td>
      <td className="govuk-table__cell">{row.whatHappened}</td>
      <td className="govuk-table__cell">{row.decisionOrAction ?? ''}</td>
      <td className="govuk-table__cell">
        {row.childSeen ? <strong className="govuk-tag govuk-tag--green app-tag-block">Child seen</strong> : null}
        {row.wishesAndFeelings ? <strong className="govuk-tag govuk-tag--purple app-tag-block">Wishes and feelings</strong> : null}
      </td>
      <td className="govuk-table__cell">{row.sourceRecord}</td>
    </tr>
  );
});
