import { useState } from 'react';
import { progressReportSchema, timelinessBands, timelinessReportSchema, type TimelinessBand, type TimelinessReportView } from '../../../../functions/schemas/actions.js';
import { apiDownload, saveBlob, useApiGet } from '../../api/client.js';
import { LinkButton, usePending } from '../../components/Buttons.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { TableRegion } from '../../components/TableRegion.js';
import { formatDate } from '../../format.js';
import { Link } from '../../router.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { StandingTag, statusLabel } from './ActionPlanSection.js';

/** Who reads the Board's reports (the API decides; this only hides the menu entry from others). */
export const REPORT_ROLES = ['business-manager', 'board-chair', 'auditor'] as const;
export const REPORTS_PATH = '/reports';
export const PROGRESS_REPORT_PATH = '/reports/action-plans';
export const TIMELINESS_REPORT_PATH = '/reports/timeliness';

/** The Board's reports: an index of the two. */
export function ReportsPage() {
  return <StaffOnly>{() => <ReportsIndex />}</StaffOnly>;
}

function ReportsIndex() {
  useTitle('Reports');
  return (
    <Main>
      <h1 className="govuk-heading-l">Reports</h1>
      <p className="govuk-body">The Board’s view across all its serious case reviews.</p>
      <ul className="govuk-list govuk-list--spaced">
        <li>
          <Link className="govuk-link" to={PROGRESS_REPORT_PATH}>
            Progress of the action plans
          </Link>
          <p className="govuk-body govuk-!-margin-bottom-0">Every action of every review: open, due soon, overdue or done. Downloadable as CSV.</p>
        </li>
        <li>
          <Link className="govuk-link" to={TIMELINESS_REPORT_PATH}>
            Timeliness of reviews
          </Link>
          <p className="govuk-body govuk-!-margin-bottom-0">Referral to decision (one month, paragraph 8.2) and decision to completion (four months or the agreed date, paragraphs 8.4 and 8.5).</p>
        </li>
      </ul>
    </Main>
  );
}

// ---------------------------------------------------------------- progress of the action plans

export function ActionProgressReportPage() {
  return <StaffOnly>{() => <ProgressReport />}</StaffOnly>;
}

function ProgressReport() {
  const path = '/api/reports/action-plans';
  const { state } = useApiGet('staff', path, progressReportSchema);
  const [downloading, run] = usePending();
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  useTitle('Progress of the action plans', problem !== null);
  const download = () =>
    void run(async () => {
      const result = await apiDownload('staff', `${path}?format=csv`);
      if (result.kind === 'ok') {
        setProblem(null);
        saveBlob(result.blob, 'action-plans.csv');
      } else if (result.kind !== 'signed-out') {
        setProblem('We could not download the report. Try again later.');
        setFocusKey((k) => k + 1);
      }
    });
  return (
    <Main wide backTo={REPORTS_PATH}>
      {problem ? (
        <ProblemSummary title="Sorry, there is a problem with the service" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      <h1 className="govuk-heading-l">Progress of the action plans</h1>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading the report…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="the report" />
      ) : (
        <>
          <p className="govuk-body">
            As at {formatDate(state.data.asOf.slice(0, 10))}. “Due soon” means due within 28 days. Downloading the report is recorded.
          </p>
          <dl className="govuk-summary-list govuk-!-margin-bottom-6">
            {(
              [
                ['Overdue', state.data.totals.overdue],
                ['Due soon', state.data.totals['due-soon']],
                ['Open, on track', state.data.totals.open],
                ['Done', state.data.totals.done],
              ] as const
            ).map(([label, n]) => (
              <div className="govuk-summary-list__row" key={label}>
                <dt className="govuk-summary-list__key">{label}</dt>
                <dd className="govuk-summary-list__value">{n}</dd>
              </div>
            ))}
          </dl>
          <p className="govuk-body">
            <LinkButton onClick={download} aria-disabled={downloading || undefined}>
              Download the report (CSV)
            </LinkButton>
            <span className="govuk-visually-hidden" role="status">
              {downloading ? 'Downloading the report' : ''}
            </span>
          </p>
          {state.data.rows.length === 0 ? (
            <p className="govuk-body">No review has an action plan yet.</p>
          ) : (
            <TableRegion caption="Every action, overdue first">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Case</th>
                  <th scope="col" className="govuk-table__header">Action</th>
                  <th scope="col" className="govuk-table__header">Organisation</th>
                  <th scope="col" className="govuk-table__header">Owner</th>
                  <th scope="col" className="govuk-table__header">Due by</th>
                  <th scope="col" className="govuk-table__header">Status</th>
                  <th scope="col" className="govuk-table__header">Standing</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {state.data.rows.map((r) => (
                  <tr className="govuk-table__row" key={`${r.reference}-${r.actionId}`}>
                    <th scope="row" className="govuk-table__header">
                      <Link className="govuk-link" to={`/cases/${encodeURIComponent(r.reference)}/actions`}>
                        {r.reference}
                      </Link>
                    </th>
                    <td className="govuk-table__cell">{r.number}</td>
                    <td className="govuk-table__cell">{r.organisation}</td>
                    <td className="govuk-table__cell">{r.owner}</td>
                    <td className="govuk-table__cell">{formatDate(r.dueDate)}</td>
                    <td className="govuk-table__cell">{statusLabel(r.status)}</td>
                    <td className="govuk-table__cell">
                      <StandingTag standing={r.standing} />
                      {r.daysOverdue > 0 ? <span className="govuk-body-s"> by {r.daysOverdue === 1 ? '1 day' : `${r.daysOverdue} days`}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableRegion>
          )}
        </>
      )}
    </Main>
  );
}

// ---------------------------------------------------------------- timeliness

export const BAND_LABELS: Record<TimelinessBand, string> = {
  'on-time': 'On time',
  'up-to-6-months': 'Up to 6 months',
  '6-to-12-months': '6 to 12 months',
  'over-12-months': 'Over 12 months',
  'not-yet': 'Not complete yet',
};

export function TimelinessReportPage() {
  return <StaffOnly>{() => <Timeliness />}</StaffOnly>;
}

function Timeliness() {
  const { state } = useApiGet('staff', '/api/reports/timeliness', timelinessReportSchema);
  useTitle('Timeliness of reviews');
  return (
    <Main wide backTo={REPORTS_PATH}>
      <h1 className="govuk-heading-l">Timeliness of reviews</h1>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading the report…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="the report" />
      ) : (
        <TimelinessBody report={state.data} />
      )}
    </Main>
  );
}

function TimelinessBody({ report }: { report: TimelinessReportView }) {
  const stages = [
    { key: 'decision' as const, title: 'Referral to decision', target: 'one month (paragraph 8.2)' },
    { key: 'completion' as const, title: 'Decision to completion', target: 'four months, or the agreed date (paragraphs 8.4 and 8.5)' },
  ];
  return (
    <>
      <p className="govuk-body">
        As at {formatDate(report.asOf.slice(0, 10))}. A stage is on time when it ended by its target; otherwise it is banded by how long it took from
        its start. A review that is not complete yet is counted as such.
      </p>
      {stages.map((s) => (
        <section key={s.key} aria-labelledby={`band-${s.key}`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`band-${s.key}`}>
            {s.title}
          </h2>
          <p className="govuk-body">Target: {s.target}.</p>
          <BarChart id={`chart-${s.key}`} title={`${s.title}: number of cases in each band`} counts={report.counts[s.key]} />
          <TableRegion caption={`${s.title}: cases in each band (the chart as a table)`}>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Band</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Cases</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {timelinessBands.map((b) => (
                <tr className="govuk-table__row" key={b}>
                  <th scope="row" className="govuk-table__header">{BAND_LABELS[b]}</th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{report.counts[s.key][b] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        </section>
      ))}
      <h2 className="govuk-heading-m">Each case</h2>
      {report.rows.length === 0 ? (
        <p className="govuk-body">There are no cases yet.</p>
      ) : (
        <TableRegion caption="Each case, oldest referral first">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Case</th>
              <th scope="col" className="govuk-table__header">Referral to decision</th>
              <th scope="col" className="govuk-table__header">Decision to completion</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {report.rows.map((r) => (
              <tr className="govuk-table__row" key={r.reference}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/cases/${encodeURIComponent(r.reference)}`}>
                    {r.reference}
                  </Link>
                </th>
                <td className="govuk-table__cell">{stageWords(r.decision)}</td>
                <td className="govuk-table__cell">{r.completion ? stageWords(r.completion) : 'No review'}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </>
  );
}

function stageWords(s: { band: TimelinessBand; days?: number; targetDate?: string }): string {
  const target = s.targetDate ? ` (target ${formatDate(s.targetDate)})` : '';
  if (s.band === 'not-yet') return `${BAND_LABELS[s.band]}${target}`;
  return `${BAND_LABELS[s.band]}: ${s.days === 1 ? '1 day' : `${s.days ?? 0} days`}${target}`;
}

/**
 * A horizontal bar chart as SVG: one bar per band, labelled with the band
 * and its count in text (so colour is never the only cue). A picture for
 * sighted readers; the table below it says the same for everyone.
 */
function BarChart({ id, title, counts }: { id: string; title: string; counts: Record<string, number> }) {
  const max = Math.max(1, ...timelinessBands.map((b) => counts[b] ?? 0));
  const rowHeight = 36;
  const labelWidth = 150;
  const barMax = 300;
  const height = timelinessBands.length * rowHeight + 8;
  const colours: Record<TimelinessBand, string> = {
    'on-time': '#00703c',
    'up-to-6-months': '#1d70b8',
    '6-to-12-months': '#f47738',
    'over-12-months': '#d4351c',
    'not-yet': '#505a5f',
  };
  return (
    <svg
      id={id}
      className="app-bar-chart"
      role="img"
      aria-labelledby={`${id}-title`}
      viewBox={`0 0 ${labelWidth + barMax + 60} ${height}`}
      width="100%"
      style={{ maxWidth: '560px', display: 'block', marginBottom: '20px' }}
    >
      <title id={`${id}-title`}>{`${title}: ${timelinessBands.map((b) => `${BAND_LABELS[b]} ${counts[b] ?? 0}`).join(', ')}`}</title>
      {timelinessBands.map((b, i) => {
        const n = counts[b] ?? 0;
        const y = i * rowHeight + 4;
        const w = Math.round((n / max) * barMax);
        return (
          <g key={b}>
            <text x={labelWidth - 8} y={y + 20} textAnchor="end" fontSize="15" fill="#0b0c0c">
              {BAND_LABELS[b]}
            </text>
            <rect x={labelWidth} y={y + 4} width={Math.max(w, n > 0 ? 2 : 0)} height={rowHeight - 12} fill={colours[b]} />
            <text x={labelWidth + w + 6} y={y + 20} fontSize="15" fill="#0b0c0c">
              {n}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
