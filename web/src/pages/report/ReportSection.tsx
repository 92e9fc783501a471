import { Link } from '../../router.js';
import { REPORT_PAGES, reportPagePath } from './report-pages.js';

/**
 * The case's Report page: the parts of the overview report (issue 11), each
 * on its own page. What each person may do there, the API decides.
 */
export function ReportSection({ reference }: { reference: string }) {
  return (
    <>
      <p className="govuk-body">
        The overview report brings together the contributions of every organisation involved (paragraphs 11.1 to 11.4 and Appendix B of the
        procedure). Its author is commissioned by the business manager and is independent of every body involved.
      </p>
      <ul className="govuk-list app-report-parts">
        {REPORT_PAGES.map((p) => (
          <li key={p.slug} className="govuk-!-margin-bottom-4">
            <Link className="govuk-link govuk-!-font-weight-bold" to={reportPagePath(reference, p.slug)}>
              {p.label}
            </Link>
            <p className="govuk-body govuk-!-margin-bottom-0">{p.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
