import { myActionsSchema } from '../../../../functions/schemas/actions.js';
import { useApiGet } from '../../api/client.js';
import { TableRegion } from '../../components/TableRegion.js';
import { formatDate } from '../../format.js';
import { Link } from '../../router.js';
import { actionPlanPagePath, StandingTag } from './ActionPlanSection.js';

/**
 * "Your actions" on My tasks: the open actions of review action plans the
 * signed-in person owns (they need not be on the case), soonest due first,
 * each linking to the plan where they record progress. Nothing when none.
 */
export function MyActions() {
  const { state } = useApiGet('staff', '/api/my-actions', myActionsSchema);
  if (state.kind !== 'ok' || state.data.actions.length === 0) return null;
  const actions = state.data.actions;
  return (
    <section aria-labelledby="your-actions" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="your-actions">
        Your actions
      </h2>
      <p className="govuk-body">Actions of review action plans that you own. Record their progress and attach evidence on the action plan.</p>
      <TableRegion caption={actions.length === 1 ? '1 open action, soonest due first' : `${actions.length} open actions, soonest due first`}>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Case</th>
            <th scope="col" className="govuk-table__header">Action</th>
            <th scope="col" className="govuk-table__header">Due by</th>
            <th scope="col" className="govuk-table__header">Standing</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {actions.map((a) => (
            <tr className="govuk-table__row" key={`${a.reference}-${a.actionId}`}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={actionPlanPagePath(a.reference)}>
                  {a.reference}
                  <span className="govuk-visually-hidden">, action {a.number}</span>
                </Link>
              </th>
              <td className="govuk-table__cell">
                Action {a.number}: {a.organisation}
              </td>
              <td className="govuk-table__cell">{formatDate(a.dueDate)}</td>
              <td className="govuk-table__cell">
                <StandingTag standing={a.standing} />
              </td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </section>
  );
}
