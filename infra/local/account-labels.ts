import type { BoardConfig } from '../../functions/config/board.js';
import { roleLabels, type StaffRole } from '../../functions/domain/access/roles.js';

/**
 * What `npm start` says each seeded staff account is: the office, or for
 * the external readers which one (Ofsted's National Business Unit, the
 * Strategic Health Authority, the Children's Services Adviser, another
 * Board's chair), rather than one "External reader" label for all.
 */
export function seededAccountLabel(account: { email: string; role: StaffRole }, board: BoardConfig): string {
  const email = account.email.toLowerCase();
  const is = (p: { email: string }) => p.email.toLowerCase() === email;
  if (account.role === 'external-reader') {
    if (is(board.ofstedNationalBusinessUnit)) return 'Ofsted’s National Business Unit (external reader: reads the notification record, paragraph 6.1)';
    if (is(board.strategicHealthAuthority)) return 'The Strategic Health Authority (external reader: reads the notification record, paragraph 6.4)';
    if (is(board.childrensServicesAdviser)) return 'The Children’s Services Adviser (external reader: reads the notification record, agrees extensions, paragraphs 6.3 and 8.5)';
    const other = board.otherBoardChairs.find(is);
    if (other) return `Chair of ${other.board}, another Board (external reader: answers joint review questions, paragraph 3.4)`;
  }
  return roleLabels[account.role];
}
