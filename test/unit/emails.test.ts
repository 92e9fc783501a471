import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { alertEmail, planNotification, timeToDeadline } from '../../functions/domain/email/emails.js';
import { watchedDeadlines } from '../../functions/domain/alerts/deadline-check.js';
import { checkAlerts } from '../../functions/domain/alerts/alerts.js';
import { actionLinkExpiry, linkExpired } from '../../functions/domain/access/action-links.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
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

describe('alert wording is computed when the email is sent', () => {
  const calendar = englandAndWalesCalendar();
  const watched = watchedDeadlines(caseRecord, board)[0]!; // the recommendation, due Thursday 10 December 2026
  const reminder = checkAlerts(watched.task, board.procedureProfile, calendar, new Date('2026-12-03T09:00:00Z'), new Set()).due[0]!;
  const at = (now: string) => alertEmail(reminder, caseRecord, watched, board, 'https://scr.example.org', { now: new Date(now), calendar }).text;

  it('counts the working days left at the moment of sending, not at planning', () => {
    expect(reminder.workingDaysBefore).toBe(5);
    expect(at('2026-12-03T09:00:00Z')).toContain('is due by Thursday 10 December 2026, 5 working days from now.');
    // The same planned reminder sent two days late says what is true then.
    expect(at('2026-12-07T10:00:00Z')).toContain('3 working days from now.');
    expect(at('2026-12-10T10:00:00Z')).toContain('is due by Thursday 10 December 2026, today.');
  });

  it('a reminder sent after the deadline says it has passed and by how long', () => {
    const late = at('2026-12-15T10:00:00Z');
    expect(late).toContain('was due by Thursday 10 December 2026, and the deadline passed 3 working days ago.');
    expect(late).not.toMatch(/from now/);
    expect(alertEmail(reminder, caseRecord, watched, board, 'https://x', { now: new Date('2026-12-15T10:00:00Z'), calendar }).subject).toMatch(
      /^Reminder: .* was due by/,
    );
  });

  it('counts across a weekend and bank holidays', () => {
    expect(timeToDeadline('2026-12-29T23:59:59Z', '2026-12-29', { now: new Date('2026-12-23T12:00:00Z'), calendar })).toEqual({
      passed: false,
      words: '2 working days from now', // 24th, (25th, 26th, 27th: holiday, Saturday, Sunday; 28th: substitute Boxing Day), 29th
    });
  });
});

describe('action link expiry', () => {
  it('expires actionLinkExpiryDays after it was made; links made before expiry existed do not expire by date', () => {
    expect(board.procedureProfile.actionLinkExpiryDays).toBe(28);
    const expiresAt = actionLinkExpiry(new Date('2026-12-01T10:00:00Z'), board.procedureProfile);
    expect(expiresAt).toBe('2026-12-29T10:00:00.000Z');
    expect(linkExpired({ expiresAt }, new Date('2026-12-29T09:59:59Z'))).toBe(false);
    expect(linkExpired({ expiresAt }, new Date('2026-12-29T10:00:00Z'))).toBe(true);
    expect(linkExpired({}, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(actionLinkExpiry(new Date('2026-12-01T10:00:00Z'), { actionLinkExpiryDays: 7 })).toBe('2026-12-08T10:00:00.000Z');
  });
});
