import { outcomeLabels, type CriteriaOutcome } from '../../../../../functions/domain/intake/criteria.js';
import { caseListSchema } from '../../../../../functions/schemas/api.js';
import { useApiGet } from '../../../api/client.js';
import { Main } from '../../../components/Layout.js';
import { LoadProblem } from '../../../components/LoadProblem.js';
import { useTitle } from '../../../components/Page.js';
import { DeadlineTag } from '../../../components/Tag.js';
import { formatDate } from '../../../format.js';
import { Link, useLocation } from '../../../router.js';
import { StaffOnly } from '../../../staff/StaffOnly.js';
import { caseHref } from '../tasks/TasksPage.js';

export const outcomeLabel = (outcome: string): string => outcomeLabels[outcome as CriteriaOutcome] ?? outcome;

/** "Cases": every case I am on, with the next deadline. */
export function CasesPage() {
  return <StaffOnly>{() => <Cases />}</StaffOnly>;
}

function Cases() {
  const heading = 'Cases';
  useTitle(heading);
  // A page of cases, newest first; "Next page" carries the API's cursor in the address.
  const cursor = new URLSearchParams(useLocation().search).get('cursor');
  const { state } = useApiGet('staff', cursor ? `/api/cases?cursor=${encodeURIComponent(cursor)}` : '/api/cases', caseListSchema);
  return (
    <Main wide>
      <h1 className="govuk-heading-l">{heading}</h1>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading cases…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="the cases" />
      ) : state.data.cases.length === 0 ? (
        cursor ? (
          <p className="govuk-body">
            There are no more cases. <Link className="govuk-link" to="/cases">Go to the first page</Link>
          </p>
        ) : (
          <p className="govuk-body">You are not on any cases yet.</p>
        )
      ) : (
        <div className="app-table-wrapper">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Cases you are on</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Received</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">Criteria outcome</th>
                <th scope="col" className="govuk-table__header">Next deadline</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {state.data.cases.map((c) => (
                <tr className="govuk-table__row" key={c.reference}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={caseHref(c.reference)}>
                      {c.reference}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">{formatDate(c.receivedAt)}</td>
                  <td className="govuk-table__cell">{c.statusLabel}</td>
                  <td className="govuk-table__cell">{outcomeLabel(c.criteriaOutcome)}</td>
                  <td className="govuk-table__cell">
                    {c.nextDeadline ? (
                      <>
                        {c.nextDeadline.label}, {formatDate(c.nextDeadline.dueDate)}{' '}
                        <DeadlineTag status={c.nextDeadline.status} />
                      </>
                    ) : (
                      'None'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.data.nextCursor || cursor ? (
            <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of cases">
              {cursor ? (
                <div className="govuk-pagination__prev">
                  <Link className="govuk-link govuk-pagination__link" to="/cases">
                    <span className="govuk-pagination__link-title">First page</span>
                  </Link>
                </div>
              ) : null}
              {state.data.nextCursor ? (
                <div className="govuk-pagination__next">
                  <Link className="govuk-link govuk-pagination__link" to={`/cases?cursor=${encodeURIComponent(state.data.nextCursor)}`} rel="next">
                    <span className="govuk-pagination__link-title">Next page</span>
                  </Link>
                </div>
              ) : null}
            </nav>
          ) : null}
        </div>
      )}
    </Main>
  );
}
