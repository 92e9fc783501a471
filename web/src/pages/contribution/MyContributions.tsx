import { myContributionsSchema } from '../../../../functions/schemas/my-contributions.js';
import { useApiGet } from '../../api/client.js';
import { TableRegion } from '../../components/TableRegion.js';
import { formatDate } from '../../format.js';
import { Link } from '../../router.js';
import { contributionPagePath } from './contribution-kit.js';

/**
 * "Your contributions" on My tasks: the contributions the signed-in person
 * acts on as senior officer or author (they need not be on the case's
 * people), what is needed from them next and by when, each linking to the
 * contribution's page. Reference, kind and organisation only: no names.
 * Nothing when they have none.
 */
export function MyContributions() {
  const { state } = useApiGet('staff', '/api/my-contributions', myContributionsSchema);
  if (state.kind !== 'ok' || state.data.contributions.length === 0) return null;
  const rows = state.data.contributions;
  const needed = rows.filter((r) => r.actionNeeded).length;
  return (
    <section aria-labelledby="your-contributions" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="your-contributions">
        Your contributions
      </h2>
      <p className="govuk-body">Contributions to reviews that you are the senior officer or the author of.</p>
      <TableRegion
        caption={`${rows.length === 1 ? '1 contribution' : `${rows.length} contributions`}, ${needed === 1 ? '1 needs' : `${needed} need`} something from you`}
      >
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Case</th>
            <th scope="col" className="govuk-table__header">Contribution</th>
            <th scope="col" className="govuk-table__header">What is needed from you</th>
            <th scope="col" className="govuk-table__header">Due by</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={`${r.reference}-${r.contributionId}`}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={contributionPagePath(r.reference, r.contributionId)}>
                  {r.reference}
                  <span className="govuk-visually-hidden">
                    , {r.organisation}: {r.kindLabel.toLowerCase()}
                  </span>
                </Link>
              </th>
              <td className="govuk-table__cell">
                {r.organisation}: {r.kindLabel.toLowerCase()}
                <br />
                <span className="govuk-body-s">{r.as.map((a) => (a === 'senior-officer' ? 'You are its senior officer' : 'You are its author')).join('; ')}</span>
              </td>
              <td className="govuk-table__cell">{r.actionNeeded ? <strong>{r.next}</strong> : r.next}</td>
              <td className="govuk-table__cell">
                {formatDate(r.dueDate)}
                {r.overdue ? (
                  <>
                    {' '}
                    <strong className="govuk-tag govuk-tag--red">Overdue</strong>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </section>
  );
}
