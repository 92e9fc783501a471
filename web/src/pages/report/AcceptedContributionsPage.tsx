import type { ReactNode } from 'react';
import { analysisQuestions, imrSections } from '../../../../functions/schemas/imr.js';
import { acceptedContributionsSchema } from '../../../../functions/schemas/overview.js';
import type { RouteProps } from '../../App.js';
import { useApiGet } from '../../api/client.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { NotLoaded, ReportFrame, ReportHeading } from './report-kit.js';
import { overviewApiPath, reportPagePath } from './report-pages.js';

const HEADING = 'Accepted contributions';

/**
 * Every accepted contribution of the review with its IMR sections, as the
 * overview author reads them (11.2): only those whose findings the senior
 * officer accepted (10.6). Their chronologies are merged on the integrated
 * chronology page.
 */
export function AcceptedContributionsPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <Accepted reference={reference} />}</StaffOnly>;
}

function Accepted({ reference }: { reference: string }) {
  const { state } = useApiGet('staff', `${overviewApiPath(reference)}/contributions`, acceptedContributionsSchema);
  if (state.kind !== 'ok') return <NotLoaded reference={reference} heading={HEADING} state={state} what="the accepted contributions" />;
  const list = state.data.contributions;
  return (
    <ReportFrame reference={reference} heading={HEADING}>
      <ReportHeading reference={reference} heading={HEADING} />
      {list.length === 0 ? (
        <p className="govuk-body">No contribution has been accepted yet.</p>
      ) : (
        <p className="govuk-body">
          {list.length === 1 ? '1 contribution is' : `${list.length} contributions are`} accepted. Their chronologies are merged in the{' '}
          <Link className="govuk-link" to={reportPagePath(reference, 'chronology')}>
            integrated chronology
          </Link>
          .
        </p>
      )}
      {list.map((c) => (
        <section key={c.id} className="govuk-!-margin-bottom-8" aria-labelledby={`c-${c.id}`}>
          <h2 className="govuk-heading-m" id={`c-${c.id}`}>
            {c.organisation}: {c.kindLabel}
          </h2>
          <p className="govuk-body">
            {c.acceptedAt ? `Findings accepted on ${formatDateTime(c.acceptedAt)}. ` : ''}
            {c.chronologyRows} chronology {c.chronologyRows === 1 ? 'row' : 'rows'}.
          </p>
          {c.sections.length === 0 ? <p className="govuk-body">No sections were written (a report other than an IMR).</p> : null}
          {c.sections.map((s) => (
            <Section key={s.section} section={s.section} content={s.content} />
          ))}
        </section>
      ))}
    </ReportFrame>
  );
}

const Para = ({ children }: { children: ReactNode }) => <p className="govuk-body app-pre-wrap">{children}</p>;

function Section({ section, content }: { section: string; content: Record<string, unknown> }) {
  if (section === 'analysis') {
    const parsed = imrSections.analysis.safeParse(content);
    if (!parsed.success) return null;
    return (
      <>
        <h3 className="govuk-heading-s">Analysis of involvement</h3>
        {analysisQuestions.map((q, i) => (
          <div key={i}>
            <p className="govuk-body govuk-!-font-weight-bold">{q}</p>
            <Para>{parsed.data.answers[i]}</Para>
          </div>
        ))}
        {parsed.data.caseSpecific.map((q, i) => (
          <div key={`cs-${i}`}>
            <p className="govuk-body govuk-!-font-weight-bold">{q.question}</p>
            <Para>{q.answer}</Para>
          </div>
        ))}
      </>
    );
  }
  if (section === 'learning') {
    const parsed = imrSections.learning.safeParse(content);
    if (!parsed.success) return null;
    const parts: [string, string][] = [
      ['Good practice', parsed.data.goodPractice],
      ['Ways of working', parsed.data.waysOfWorking],
      ['Training', parsed.data.training],
      ['Management and supervision', parsed.data.managementAndSupervision],
      ['Working in partnership', parsed.data.partnershipWorking],
      ['Resources', parsed.data.resources],
    ];
    return (
      <>
        <h3 className="govuk-heading-s">What we learn from this case</h3>
        <dl className="govuk-summary-list">
          {parts.map(([k, v]) => (
            <div className="govuk-summary-list__row" key={k}>
              <dt className="govuk-summary-list__key">{k}</dt>
              <dd className="govuk-summary-list__value app-pre-wrap">{v}</dd>
            </div>
          ))}
        </dl>
      </>
    );
  }
  if (section === 'recommendations') {
    const parsed = imrSections.recommendations.safeParse(content);
    if (!parsed.success) return null;
    return (
      <>
        <h3 className="govuk-heading-s">Recommendations</h3>
        {parsed.data.items.length === 0 ? <p className="govuk-body">None.</p> : null}
        <ol className="govuk-list govuk-list--number">
          {parsed.data.items.map((r, i) => (
            <li key={i}>
              {r.action} By {r.byWhom}, by {formatDate(r.byWhen)}. Outcome expected: {r.outcome}. How it will be evaluated: {r.evaluation}
            </li>
          ))}
        </ol>
      </>
    );
  }
  if (section === 'interviews') {
    const parsed = imrSections.interviews.safeParse(content);
    if (!parsed.success) return null;
    return (
      <>
        <h3 className="govuk-heading-s">Interviews</h3>
        {parsed.data.items.length === 0 ? <p className="govuk-body">None recorded.</p> : null}
        <ul className="govuk-list govuk-list--bullet">
          {parsed.data.items.map((r, i) => (
            <li key={i}>
              {r.interviewee} ({r.role}), interviewed by {r.interviewedBy} on {formatDate(r.heldOn)}
              {r.sharedOn ? `; record shared on ${formatDate(r.sharedOn)}` : ''}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return null;
}
