import type { TaskState } from '../../../../functions/schemas/review.js';

/** Words first, colour second: how a duty of the review stands. */
const TAGS: Record<TaskState, { label: string; colour: string }> = {
  'on-track': { label: 'On track', colour: 'govuk-tag--blue' },
  'due-soon': { label: 'Due soon', colour: 'govuk-tag--yellow' },
  overdue: { label: 'Overdue', colour: 'govuk-tag--red' },
  done: { label: 'Done', colour: 'govuk-tag--green' },
};

export function TaskTag({ status }: { status: TaskState }) {
  const tag = TAGS[status];
  return <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>;
}
