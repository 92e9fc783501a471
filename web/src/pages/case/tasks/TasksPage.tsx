import { taskListSchema } from '../../../../../functions/schemas/api.js';
import { useApiGet } from '../../../api/client.js';
import { Main } from '../../../components/Layout.js';
import { LoadProblem } from '../../../components/LoadProblem.js';
import { useTitle } from '../../../components/Page.js';
import { DeadlineTag } from '../../../components/Tag.js';
import { formatDate } from '../../../format.js';
import { Link } from '../../../router.js';
import { StaffOnly } from '../../../staff/StaffOnly.js';
import { MyActions } from '../../actions/MyActions.js';
import { MyContributions } from '../../contribution/MyContributions.js';

/** An in-app link from the API, or the case page when it is not one. */
export const caseHref = (reference: string, href?: string): string =>
  href && href.startsWith('/') && !href.startsWith('//') ? href : `/cases/${encodeURIComponent(reference)}`;

const ORDER = { overdue: 0, 'due-soon': 1, 'on-track': 2, done: 3 } as const;

/** "My tasks": what is waiting for me, by when, most urgent first. */
export function TasksPage() {
  return <StaffOnly>{() => <Tasks />}</StaffOnly>;
}

function Tasks() {
  const heading = 'My tasks';
  useTitle(heading);
  const { state } = useApiGet('staff', '/api/tasks', taskListSchema);
  const tasks =
    state.kind === 'ok'
      ? [...state.data.tasks].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.dueAt.localeCompare(b.dueAt))
      : [];
  return (
    <Main wide>
      <h1 className="govuk-heading-l">{heading}</h1>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading your tasks…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="your tasks" />
      ) : tasks.length === 0 ? (
        <p className="govuk-body">You have no tasks at the moment.</p>
      ) : (
        <div className="app-table-wrapper">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {tasks.length === 1 ? '1 task' : `${tasks.length} tasks`}, most urgent first
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Case</th>
                <th scope="col" className="govuk-table__header">What is needed</th>
                <th scope="col" className="govuk-table__header">Due</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {tasks.map((task) => (
                <tr className="govuk-table__row" key={`${task.reference}-${task.label}-${task.dueAt}`}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={caseHref(task.reference, task.href)}>
                      {task.reference}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">{task.label}</td>
                  <td className="govuk-table__cell">{formatDate(task.dueDate)}</td>
                  <td className="govuk-table__cell">
                    <DeadlineTag status={task.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MyContributions />
      <MyActions />
    </Main>
  );
}
