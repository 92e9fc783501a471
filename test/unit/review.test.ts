import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { jointState, openReview, owedEmails, panelBlockers, reviewDuties, type JointReview, type ReviewRecord } from '../../functions/domain/review/review.js';
import { reviewEmail } from '../../functions/domain/review/review-emails.js';
import { outboxEffects } from '../../functions/domain/case/outbox.js';
import { watchedDeadlines } from '../../functions/domain/alerts/deadline-check.js';
import { makeReferral } from '../factories/referral.js';

const calendar = englandAndWalesCalendar();
const board = parseBoardConfig({
  ...JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')),
  chiefExecutives: [{ name: 'Chief Executive', email: 'ce@example.org' }],
});
const decidedAt = new Date('2026-11-30T10:00:00Z'); // Monday
const referral = makeReferral({
  child: { firstNames: 'Zebedee', lastName: 'Quixotic', otherNames: 'Zeb', dateOfBirth: '2017-03-09', ethnicity: 'Distinctive' },
  incident: { summary: 'Unmistakable-account-text' },
});
const base = buildCase(referral, 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' }).caseRecord;

function decided(review: Partial<ReviewRecord> = {}): CaseRecord {
  return { ...base, status: 'review-decided', version: 3, review: { ...openReview(decidedAt, board, calendar), ...review } };
}

const joint = (overrides: Partial<JointReview> = {}): JointReview => ({
  proposal: 'single-board',
  askedAt: decidedAt.toISOString(),
  askedBy: 'bm@example.org',
  deadline: { ...openReview(decidedAt, board, calendar).panelDeadline, dueAt: '2026-12-14T23:59:59.999Z', dueDate: '2026-12-14' },
  boards: [
    { board: 'Neighbouring LSCB', chairName: 'N', chairEmail: 'n@example.org' },
    { board: 'County LSCB', chairName: 'C', chairEmail: 'c@example.org' },
  ],
  ...overrides,
});

describe('a review as it opens (8.4, 6.2, 4.3)', () => {
  const r = openReview(decidedAt, board, calendar);
  it('is due four calendar months after the decision, with the rule that made it', () => {
    expect(r.completion).toMatchObject({ dueDate: '2027-03-30', kind: 'calendar-months', amount: 4 });
    expect(r.completion.rule).toBe('4 calendar months from 2026-11-30 = 2027-03-30 end of day (Europe/London)');
  });
  it('asks for the 6.2 confirmation in 5 working days and the panel in 10', () => {
    expect(r.nbuConfirmation.deadline.dueDate).toBe('2026-12-07');
    expect(r.panelDeadline.dueDate).toBe('2026-12-14');
  });
  it('sends each statutory notification once to begin with', () => {
    expect(r.statutoryAttempts).toEqual({ 'ofsted-nbu': 1, 'strategic-health-authority': 1, 'childrens-services-adviser': 1 });
  });
});

describe('the panel (4.3-4.6)', () => {
  const member = (agency: 'social-care' | 'education' | 'health' | 'police', mandate = true) => ({
    id: agency,
    name: `Name ${agency}`,
    jobTitle: 'Head',
    organisation: 'Org',
    agency,
    email: `${agency}@example.org`,
    coOpted: false,
    addedAt: '',
    addedBy: '',
    ...(mandate ? { mandate: { confirmedBy: 'x', confirmedOn: '2026-12-01', mandate: true as const, experience: 'x', seniority: 'x', recordedBy: 'x', recordedAt: 'x' } } : {}),
  });
  it('names every missing agency', () => {
    expect(panelBlockers(openReview(decidedAt, board, calendar))).toEqual([
      'The review panel must include Children’s Services (social care), Children’s Services (education), Health and Police before the review can start (paragraph 4.3)',
    ]);
  });
  it('names Police alone when only Police is missing', () => {
    const r = { ...openReview(decidedAt, board, calendar), panel: [member('social-care'), member('education'), member('health')] };
    expect(panelBlockers(r)).toEqual(['The review panel must include Police before the review can start (paragraph 4.3)']);
  });
  it('needs each agency’s confirmation of mandate, experience and seniority (4.6)', () => {
    const r = { ...openReview(decidedAt, board, calendar), panel: [member('social-care'), member('education'), member('health'), member('police', false)] };
    expect(panelBlockers(r)).toEqual(['Record each agency’s confirmation of mandate, experience and seniority for Name police before the review can start (paragraph 4.6)']);
  });
});

describe('joint reviews (3.4, 3.5)', () => {
  const before = new Date('2026-12-10T10:00:00Z');
  const after = new Date('2026-12-15T00:00:01Z');
  it('asks until every Board answers; all agreeing is agreement', () => {
    expect(jointState(joint(), before)).toEqual({ state: 'asking' });
    const agreed = joint({ boards: joint().boards.map((b) => ({ ...b, answer: 'agree' as const, answeredAt: before.toISOString() })) });
    expect(jointState(agreed, after)).toEqual({ state: 'agreed' });
  });
  it('a disagreement refers the question at once, from the first disagreement', () => {
    const j = joint({ boards: [{ ...joint().boards[0]!, answer: 'disagree', answeredAt: '2026-12-02T10:00:00.000Z' }, joint().boards[1]!] });
    expect(jointState(j, before)).toEqual({ state: 'referred', referral: { reason: 'disagreement', at: '2026-12-02T10:00:00.000Z' } });
  });
  it('one agreeing and one silent at the deadline refers it for lack of an answer; a final decision closes it', () => {
    const j = joint({ boards: [{ ...joint().boards[0]!, answer: 'agree', answeredAt: before.toISOString() }, joint().boards[1]!] });
    expect(jointState(j, before).state).toBe('asking');
    expect(jointState(j, after)).toEqual({ state: 'referred', referral: { reason: 'no-answer', at: '2026-12-14T23:59:59.999Z' } });
    const final = { ...j, finalDecision: { outcome: 'joint-review' as const, decidedBy: 'ofsted' as const, decidedOn: '2026-12-16', recordedBy: 'bm', recordedAt: '2026-12-16T10:00:00Z' } };
    expect(jointState(final, after).state).toBe('decided');
  });
  it('on referral the answer tasks close and a final-decision task for the business manager opens', () => {
    const c = decided({ joint: joint({ boards: [{ ...joint().boards[0]!, answer: 'agree', answeredAt: before.toISOString() }, joint().boards[1]!] }) });
    const duties = reviewDuties(c, board, calendar, after);
    expect(duties.find((d) => d.id === 'joint:County LSCB')?.task.doneAt).toBe('2026-12-14T23:59:59.999Z');
    expect(duties.find((d) => d.id === 'joint-final-decision')).toMatchObject({ ownerRole: 'business-manager', task: { openedAt: '2026-12-14T23:59:59.999Z' } });
    expect(reviewDuties(c, board, calendar, before).some((d) => d.id === 'joint-final-decision')).toBe(false);
  });
});

describe('what the review owes', () => {
  it('the three statutory notifications, numbered by attempt', () => {
    const owed = owedEmails(decided({ statutoryAttempts: { 'ofsted-nbu': 2, 'strategic-health-authority': 1, 'childrens-services-adviser': 1 } }), board, decidedAt);
    expect(owed.map((o) => [o.recipientRole, o.to])).toEqual([
      ['ofsted-nbu#2', board.ofstedNationalBusinessUnit.email],
      ['strategic-health-authority#1', board.strategicHealthAuthority.email],
      ['childrens-services-adviser#1', board.childrensServicesAdviser.email],
    ]);
  });
  it('records requests not yet secured, and joint questions while open, each with a link', () => {
    const c = decided({
      joint: joint(),
      records: [
        { id: 'a', agency: 'Police', contactName: 'P', contactEmail: 'p@example.org', requestedAt: '', requestedBy: '', deadline: openReview(decidedAt, board, calendar).panelDeadline },
        { id: 'b', agency: 'Health', contactName: 'H', contactEmail: 'h@example.org', requestedAt: '', requestedBy: '', deadline: openReview(decidedAt, board, calendar).panelDeadline, recordedAt: 'x' },
      ],
    });
    const owed = owedEmails(c, board, new Date('2026-12-10T10:00:00Z')).filter((o) => o.kind !== 'statutory-notification');
    expect(owed).toEqual([
      { kind: 'records-requested', recipientRole: 'agency:a', to: 'p@example.org', link: { action: 'records-secured', recordsId: 'a' } },
      { kind: 'joint-review-asked', recipientRole: 'board:Neighbouring LSCB', to: 'n@example.org', link: { action: 'joint-answer', board: 'Neighbouring LSCB' } },
      { kind: 'joint-review-asked', recipientRole: 'board:County LSCB', to: 'c@example.org', link: { action: 'joint-answer', board: 'County LSCB' } },
    ]);
  });
  it('a referred question goes to the business manager, the Board chair and the Chief Executives', () => {
    const owed = owedEmails(decided({ joint: joint() }), board, new Date('2026-12-15T00:00:01Z')).filter((o) => o.kind === 'joint-review-referred');
    expect(owed.map((o) => o.to)).toEqual([board.businessManager.email, board.boardChair.email, 'ce@example.org']);
  });
  it('nothing once the case is not a review in progress', () => {
    expect(owedEmails({ ...decided(), status: 'no-review' }, board, decidedAt)).toEqual([]);
  });
});

describe('the review emails carry no case details', () => {
  const c = decided({
    joint: joint(),
    records: [{ id: 'a', agency: 'Police', contactName: 'P', contactEmail: 'p@example.org', requestedAt: '', requestedBy: '', deadline: openReview(decidedAt, board, calendar).panelDeadline }],
    ofstedForm: {
      notifyingAuthority: 'Example Borough Council',
      notifierName: 'Pat',
      notifierRole: 'BM',
      notifierPhone: '01632 960 100',
      notifiedOn: '2026-11-30',
      reason: 'review-confirmed',
      lookedAfter: false,
      childFirstNames: 'Zebedee',
      childLastName: 'Quixotic',
      childGender: 'not-known',
      childAge: 9,
      parents: 'Parent-Unmistakable',
    },
  });
  const owed = [...owedEmails(c, board, new Date('2026-12-10T10:00:00Z')), ...owedEmails(c, board, new Date('2026-12-15T10:00:00Z')).filter((o) => o.kind === 'joint-review-referred')];
  const emails = owed.map((o) => reviewEmail(o, c, board, 'https://scr.example.org', o.link ? 'https://scr.example.org/act#secret' : undefined));

  it('covers every kind', () => {
    expect(new Set(owed.map((o) => o.kind))).toEqual(new Set(['statutory-notification', 'records-requested', 'joint-review-asked', 'joint-review-referred']));
  });
  it.each(['Zebedee', 'Quixotic', 'Zeb ', '2017-03-09', 'Distinctive', 'Unmistakable', 'Example Borough'])('never carries %s', (secret) => {
    for (const e of emails) {
      expect(e.subject).not.toContain(secret);
      expect(e.text).not.toContain(secret);
      expect(e.html).not.toContain(secret);
    }
  });
  it('the statutory notification links to the record behind sign-in; a question and a records request link to their single-use action', () => {
    expect(emails[0]!.text).toContain('https://scr.example.org/cases/SCR-2026-0042/notification');
    const ask = emails[owed.findIndex((o) => o.kind === 'joint-review-asked')]!;
    expect(ask.text).toContain('https://scr.example.org/act#secret');
    expect(emails[owed.findIndex((o) => o.kind === 'records-requested')]!.text).toContain('Confirm the records are secured for SCR-2026-0042: https://scr.example.org/act#secret');
  });
});

describe('the outbox starts a review workflow per version of a decided case', () => {
  const image = (status: string, version: number) => ({ type: { S: 'case' }, sk: { S: 'CASE' }, reference: { S: 'SCR-2026-0042' }, status: { S: status }, version: { N: String(version) } });
  it('on the decision: the referrer is told, the decision workflow stops, the review workflow starts', () => {
    expect(outboxEffects('MODIFY', image('awaiting-decision', 2), image('review-decided', 3))).toEqual({
      reference: 'SCR-2026-0042',
      startDecisionWorkflow: false,
      notifications: ['decision-recorded'],
      stopDecisionWorkflow: true,
      reviewWorkflow: { start: 'SCR-2026-0042-review-v3' },
    });
  });
  it('on each later change: the previous execution stops and one for the new version starts', () => {
    expect(outboxEffects('MODIFY', image('review-decided', 3), image('review-decided', 4))?.reviewWorkflow).toEqual({
      start: 'SCR-2026-0042-review-v4',
      stop: 'SCR-2026-0042-review-v3',
    });
  });
  it('a redelivered record of the same version starts nothing', () => {
    expect(outboxEffects('MODIFY', image('review-decided', 4), image('review-decided', 4))).toBeUndefined();
  });
});

describe('the deadline check watches every duty of a review', () => {
  it('until the review is complete', () => {
    const c = decided();
    // The referral is mandatory (3.1), so the case's duty to confirm the other children were considered is watched too.
    expect(watchedDeadlines(c, board, calendar, decidedAt).map((w) => w.task.id)).toEqual(['completion', 'ofsted-form', 'nbu-confirmation', 'panel', 'other-children']);
    expect(watchedDeadlines({ ...c, review: { ...c.review!, completedAt: '2027-03-01T10:00:00Z' } }, board, calendar, decidedAt)).toEqual([]);
  });
});
