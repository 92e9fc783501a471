import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { planNotification } from '../../functions/domain/emails.js';
import { buildCase } from '../../functions/domain/intake.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { makeReferral } from '../factories/referral.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const referral = makeReferral({
  child: { firstNames: 'Zebedee', lastName: 'Quixotic', otherNames: 'Zeb', dateOfBirth: '2017-03-09', ethnicity: 'Distinctive' },
  incident: { summary: 'Unmistakable-account-text' },
  otherChildren: { atRisk: 'yes', actionTaken: 'Sibling-safeguarding-text' },
});
const { caseRecord } = buildCase(
  referral,
  'SCR-2026-0042',
  new Date('2026-11-26T10:00:00Z'),
  { board, calendar: englandAndWalesCalendar(), ids: { uuid: () => '00000000-0000-4000-8000-000000000000', secret: () => 'not-used' } },
  { requestId: 'r1' },
);

describe('referral-received emails', () => {
  const emails = planNotification('referral-received', caseRecord, board, 'https://scr.example.org');

  it('acknowledges the referrer, asks the sub-committee chair and tells the Board chair (8.2)', () => {
    expect(emails.map((e) => [e.recipientRole, e.to])).toEqual([
      ['referrer', 'alex.referrer@example.org'],
      ['sub-committee-chair', board.subCommitteeChair.email],
      ['board-chair', board.boardChair.email],
    ]);
    expect(emails[2]!.content.subject).toBe('Referral SCR-2026-0042 received: your decision is due by Saturday 26 December 2026');
  });

  it('carries the reference, what is needed, by when and a link', () => {
    const chair = emails[1]!.content;
    expect(chair.subject).toBe('Action needed by Thursday 10 December 2026: recommendation for referral SCR-2026-0042');
    expect(chair.text).toContain('https://scr.example.org/cases/SCR-2026-0042');
    expect(chair.text).toContain('Saturday 26 December 2026');
    expect(chair.html).toContain('href="https://scr.example.org/cases/SCR-2026-0042"');
  });

  it.each(['Zebedee', 'Quixotic', 'Zeb ', '2017-03-09', '9 March 2017', 'Distinctive', 'Unmistakable', 'Sibling-safeguarding', 'Example Borough'])(
    'never carries case details: %s',
    (secret) => {
      for (const e of emails) {
        expect(e.content.subject).not.toContain(secret);
        expect(e.content.text).not.toContain(secret);
        expect(e.content.html).not.toContain(secret);
      }
    },
  );
});
