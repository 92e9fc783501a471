import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { openReview, type ReviewRecord } from '../../functions/domain/review/review.js';
import { alertRecipients, checkAlerts, withOwnerFirst } from '../../functions/domain/alerts/alerts.js';
import { watchedDeadlines } from '../../functions/domain/alerts/deadline-check.js';
import { contributorAccountProblem } from '../../functions/domain/review/review-actions.js';
import { makeReferral } from '../factories/referral.js';

/**
 * The owner of every duty is reminded before it is due and told when it is
 * overdue, alongside the people it escalates to (issue 13).
 */
const calendar = englandAndWalesCalendar();
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const receivedAt = new Date('2026-11-02T10:00:00Z');
const decidedAt = new Date('2026-11-30T10:00:00Z'); // Monday
const received = buildCase(makeReferral(), 'SCR-2026-0007', receivedAt, { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' }).caseRecord;

function decided(): CaseRecord {
  const review: ReviewRecord = {
    ...openReview(decidedAt, board, calendar),
    records: [
      {
        id: 'rec1',
        agency: 'Example Police',
        contactName: 'Records Senior Manager',
        contactEmail: 'records@police.example.org',
        requestedAt: decidedAt.toISOString(),
        requestedBy: board.businessManager.email,
        deadline: openReview(decidedAt, board, calendar).nbuConfirmation.deadline,
      },
    ],
    joint: {
      proposal: 'single-board',
      askedAt: decidedAt.toISOString(),
      askedBy: board.businessManager.email,
      deadline: openReview(decidedAt, board, calendar).panelDeadline,
      boards: [{ board: 'Neighbouring LSCB', chairName: 'Neighbouring Board Chair', chairEmail: 'chair@neighbouring-lscb.example.org' }],
    },
  };
  return { ...received, status: 'review-decided', version: 3, review };
}

/** Every moment at which one of the task's alerts can fall due, from its opening to long after the deadline. */
function everyAlert(c: CaseRecord, id: string, now: Date) {
  const w = watchedDeadlines(c, board, calendar, now).find((x) => x.task.id === id)!;
  const sent = new Set<string>();
  const alerts = [];
  let at = new Date(Date.parse(w.task.openedAt) + 1);
  for (let i = 0; i < 12; i++) {
    const check = checkAlerts(w.task, board.procedureProfile, calendar, at, sent);
    for (const a of check.due) {
      sent.add(a.key);
      alerts.push({ kind: a.kind, number: a.escalationNumber, to: alertRecipients(a, w.owner.email) });
    }
    if (!check.nextAt) break;
    at = new Date(check.nextAt);
  }
  return { owner: w.owner.email, alerts };
}

describe('withOwnerFirst', () => {
  it.each([
    { name: 'adds the owner ahead of the first tier', owner: 'o@x.org', tiers: [['a@x.org'], ['b@x.org']], expected: [['o@x.org', 'a@x.org'], ['b@x.org']] },
    { name: 'makes a first tier when there is none', owner: 'o@x.org', tiers: [], expected: [['o@x.org']] },
    { name: 'moves an owner already in a later tier to the first', owner: 'O@x.org', tiers: [['a@x.org'], ['o@x.org', 'b@x.org']], expected: [['O@x.org', 'a@x.org'], ['b@x.org']] },
    { name: 'does not repeat an owner already in the first tier', owner: 'o@x.org', tiers: [['a@x.org', 'O@X.org']], expected: [['o@x.org', 'a@x.org']] },
  ])('$name', ({ owner, tiers, expected }) => {
    // Act
    const result = withOwnerFirst(owner, tiers);
    // Assess
    expect(result).toEqual(expected);
  });
});

describe('every duty reminds its owner and tells them first when it is overdue', () => {
  // Prepare: the decision stage (recommendation, decision) and the review stage (every duty, records and a joint question).
  const rows = [
    { stage: 'decision', id: 'recommendation', owner: board.subCommitteeChair.email, c: () => received, now: receivedAt },
    { stage: 'decision', id: 'decision', owner: board.boardChair.email, c: () => received, now: receivedAt },
    { stage: 'review', id: 'completion', owner: board.businessManager.email, c: decided, now: decidedAt },
    { stage: 'review', id: 'ofsted-form', owner: board.businessManager.email, c: decided, now: decidedAt },
    { stage: 'review', id: 'nbu-confirmation', owner: board.subCommitteeChair.email, c: decided, now: decidedAt },
    { stage: 'review', id: 'panel', owner: board.businessManager.email, c: decided, now: decidedAt },
    { stage: 'review', id: 'records:rec1', owner: 'records@police.example.org', c: decided, now: decidedAt },
    { stage: 'review', id: 'joint:Neighbouring LSCB', owner: 'chair@neighbouring-lscb.example.org', c: decided, now: decidedAt },
  ];

  it.each(rows)('$stage stage, $id: reminders go to $owner before it is due', ({ id, owner, c, now }) => {
    // Act
    const { alerts } = everyAlert(c(), id, now);
    // Assess
    const reminders = alerts.filter((a) => a.kind === 'reminder');
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((r) => r.to.length === 1 && r.to[0] === owner)).toBe(true);
  });

  // 3.1 is due the next working day: opened after 09:00, its reminder moments have passed, so it is told only when overdue.
  const escalating = [
    ...rows,
    { stage: 'decision', id: 'other-children', owner: board.businessManager.email, c: () => received, now: receivedAt },
    { stage: 'review', id: 'other-children', owner: board.businessManager.email, c: decided, now: decidedAt },
  ];

  it.each(escalating)('$stage stage, $id: every escalation goes to $owner first, alongside the people it escalates to', ({ id, owner, c, now }) => {
    // Act
    const { alerts } = everyAlert(c(), id, now);
    // Assess
    const escalations = alerts.filter((a) => a.kind === 'escalation');
    expect(escalations.map((e) => e.number)).toContain(1);
    for (const e of escalations) {
      expect(e.to[0]).toBe(owner);
      expect(e.to.length).toBeGreaterThan(1);
      expect(new Set(e.to.map((t) => t.toLowerCase())).size).toBe(e.to.length);
    }
  });
});

describe('a records request goes only to someone who can sign in (invite or refuse)', () => {
  const accounts = [
    { email: 'records@health.example.org', enabled: true },
    { email: 'left@police.example.org', enabled: false },
  ];
  it.each([
    { name: 'an enabled account: allowed', email: 'records@health.example.org', expected: undefined },
    { name: 'the same address in other capitals and spaces: allowed', email: ' Records@Health.example.org ', expected: undefined },
    {
      name: 'no account: refused, saying how to invite them',
      email: 'nobody@probation.example.org',
      expected: { name: 'contactEmail', href: '#contactEmail', text: 'Invite nobody@probation.example.org as an agency contributor on the Users page first, then ask again' },
    },
    {
      name: 'a disabled account: refused, saying to enable it',
      email: 'left@police.example.org',
      expected: { name: 'contactEmail', href: '#contactEmail', text: 'The account for left@police.example.org is disabled. Enable it on the Users page first, then ask again' },
    },
  ])('$name', ({ email, expected }) => {
    // Act
    const problem = contributorAccountProblem(email, accounts);
    // Assess
    expect(problem).toEqual(expected);
  });
});
