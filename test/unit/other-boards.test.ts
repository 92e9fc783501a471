import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { openReview, reviewDuties, type JointReview } from '../../functions/domain/review/review.js';
import { caseTasks } from '../../functions/domain/case/case-views.js';
import { makeReferral } from '../factories/referral.js';
import { finalDeciders } from '../../functions/schemas/review.js';

const FINAL_DECIDER = finalDeciders[0]!.value;

/** Paragraph 3.4: other Boards involved means the review opens at once a duty to decide with them how it is conducted. */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const decidedAt = new Date('2026-11-30T10:00:00Z'); // Monday
const ids = { uuid: () => 'u', secret: () => 's' };

function decided(otherAuthoritiesInvolved: 'yes' | 'no' | 'not-known', joint?: JointReview): CaseRecord {
  const involvement =
    otherAuthoritiesInvolved === 'yes'
      ? { otherAuthoritiesInvolved, otherAuthorities: 'Neighbouring LSCB', agenciesKnown: ['education' as const] }
      : { otherAuthoritiesInvolved, agenciesKnown: ['education' as const] };
  const base = buildCase(makeReferral({ involvement }), 'SCR-2026-0050', new Date('2026-11-02T10:00:00Z'), { board, calendar, ids }, { requestId: 'r' }).caseRecord;
  return { ...base, status: 'review-decided', version: 3, review: { ...openReview(decidedAt, board, calendar), ...(joint ? { joint } : {}) } };
}

const asked = (boards: JointReview['boards'], finalDecision?: JointReview['finalDecision']): JointReview => ({
  proposal: 'single-board',
  askedAt: '2026-12-01T10:00:00.000Z',
  askedBy: board.businessManager.email,
  deadline: { ...openReview(decidedAt, board, calendar).panelDeadline },
  boards,
  ...(finalDecision ? { finalDecision } : {}),
});
const board1 = { board: 'Neighbouring LSCB', chairName: 'N', chairEmail: 'n@example.org' };
const board2 = { board: 'County LSCB', chairName: 'C', chairEmail: 'c@example.org' };
const now = new Date('2026-12-03T12:00:00Z');
const duty = (c: CaseRecord, at = now) => reviewDuties(c, board, calendar, at).find((d) => d.id === 'other-boards');

describe('deciding with the other Boards how the review is conducted (3.4)', () => {
  it.each([
    { involved: 'yes' as const, opens: true },
    { involved: 'no' as const, opens: false },
    { involved: 'not-known' as const, opens: false },
  ])('other Boards involved "$involved": the duty opens at the decision: $opens', ({ involved, opens }) => {
    // Act
    const d = duty(decided(involved));
    // Assess
    expect(d !== undefined).toBe(opens);
    if (d) {
      expect(d).toMatchObject({ ownerRole: 'business-manager', owner: board.businessManager, task: { openedAt: decidedAt.toISOString(), deadline: { dueDate: '2026-12-14' } } });
      expect(d.task.doneAt).toBeUndefined();
      expect(caseTasks(decided(involved), { board, calendar }, now).map((t) => t.id)).toContain('other-boards');
    }
  });

  it.each([
    { name: 'not asked yet: open', joint: undefined, doneAt: undefined },
    { name: 'asked, waiting for answers: open', joint: asked([{ ...board1, answer: 'agree', answeredAt: '2026-12-02T10:00:00.000Z' }, board2]), doneAt: undefined },
    {
      name: 'every Board agreed: met at the last answer',
      joint: asked([
        { ...board1, answer: 'agree', answeredAt: '2026-12-02T10:00:00.000Z' },
        { ...board2, answer: 'agree', answeredAt: '2026-12-03T09:00:00.000Z' },
      ]),
      doneAt: '2026-12-03T09:00:00.000Z',
    },
    { name: 'a Board disagreed, referred (3.5): still open', joint: asked([{ ...board1, answer: 'disagree', answeredAt: '2026-12-02T10:00:00.000Z' }, board2]), doneAt: undefined },
    {
      name: 'referred, and the final decision recorded: met then',
      joint: asked([{ ...board1, answer: 'disagree', answeredAt: '2026-12-02T10:00:00.000Z' }, board2], {
        outcome: 'single-board',
        decidedBy: FINAL_DECIDER,
        decidedOn: '2026-12-03',
        recordedBy: 'bm@example.org',
        recordedAt: '2026-12-03T11:00:00.000Z',
      }),
      doneAt: '2026-12-03T11:00:00.000Z',
    },
  ])('$name', ({ joint, doneAt }) => {
    // Act
    const d = duty(decided('yes', joint));
    // Assess
    expect(d?.task.doneAt).toBe(doneAt);
  });
});
