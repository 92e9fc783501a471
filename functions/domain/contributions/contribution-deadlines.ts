import type { BoardConfig } from '../../config/board.js';
import type { Contribution } from './contributions.js';
import { kindLabel } from './contributions.js';
import type { WatchedDeadline } from '../alerts/alerts.js';

/**
 * A contribution's deadline as the workflow's check step watches it, through
 * the existing alerts machinery (alerts.ts): reminders go to whoever must
 * act now (the author once named, to declare independence and then to write
 * it; before that the senior officer, to name one); once late, escalation k goes to tiers 1..k, widening from that
 * person to the senior officer, then the sub-committee chair, then the Board
 * chair. Submitted (or accepted) is done; a return opens it again.
 */
export function contributionDeadline(c: Contribution, board: Pick<BoardConfig, 'subCommitteeChair' | 'boardChair'>): WatchedDeadline {
  // The named author owns it from the moment they are named: first to declare independence (10.2, from their link), then to write it.
  const authorActs = c.author && (c.status === 'awaiting-declaration' || c.status === 'in-progress' || c.status === 'returned');
  const owner = authorActs && c.author ? { name: c.author.name, email: c.author.email } : c.seniorOfficer;
  const done = c.status === 'submitted' || c.status === 'accepted';
  const setLater = c.due.from > c.commissionedAt;
  return {
    // Words only from the kind: never the organisation, the people or the case.
    what: `a contribution to the review (${kindLabel(c.kind).replace(/ \(.*\)$/, '').toLowerCase()})`,
    owner,
    task: {
      id: `contribution:${c.id}`,
      deadline: c.due,
      openedAt: c.commissionedAt,
      ...(setLater ? { deadlineSetAt: c.due.from } : {}),
      ...(done && c.submittedAt ? { doneAt: c.submittedAt } : {}),
      escalationTiers: [[owner.email], [c.seniorOfficer.email], [board.subCommitteeChair.email], [board.boardChair.email]],
    },
  };
}
