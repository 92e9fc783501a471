import { describe, expect, it } from 'vitest';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import {
  acceptContribution,
  accessOf,
  changeDueDate,
  commissionContribution,
  ContributionRuleError,
  declareIndependence,
  isOverdue,
  mayDo,
  nameAuthor,
  recordCourtAgreement,
  recordDebrief,
  recordFollowUp,
  returnContribution,
  submitContribution,
  type Contribution,
  type Viewer,
} from '../../functions/domain/contributions/contributions.js';
import { commissionContributionSchema, independenceSchema } from '../../functions/schemas/contributions.js';

const calendar = englandAndWalesCalendar();
const now = new Date('2026-12-01T10:00:00Z'); // Tuesday
const ctx = (over: Partial<Parameters<typeof commissionContribution>[1]> = {}) => ({
  id: 'c1',
  reference: 'SCR-2026-0001',
  now,
  by: 'bm@example.org',
  profile: { id: 'scr-2008', contributionDueWorkingDays: 30 },
  calendar,
  completionDate: '2027-03-30',
  existing: 0,
  ...over,
});
const input = { kind: 'imr' as const, organisation: 'Northshire Police', seniorOfficerName: 'Sam Senior', seniorOfficerEmail: 'sam@police.example.org' };
const commissioned = (over: Partial<Parameters<typeof commissionContribution>[1]> = {}, i = {}) => commissionContribution({ ...input, ...i }, ctx(over));
const author = { authorName: 'Ann Author', authorJobTitle: 'Detective Inspector', authorEmail: 'Ann@Police.example.org' };
const yes = { notDirectlyConcerned: true, notLineManager: true };

function inProgress(i = {}): Contribution {
  return declareIndependence(nameAuthor(commissioned({}, i), author, now), yes, now);
}

describe('commissioning a contribution (9.1, 10.1)', () => {
  it('is due contributionDueWorkingDays working days later, skipping Christmas and New Year bank holidays', () => {
    const c = commissioned();
    // From Tue 1 Dec 2026: 2-24 Dec are 17 working days; 25 Dec and 28 Dec (Boxing Day's substitute) are holidays;
    // 29-31 Dec make 20; 1 Jan is a holiday; 4-8 Jan make 25 and 11-15 Jan 30.
    expect(c.due.kind).toBe('working-days');
    expect(c.due.amount).toBe(30);
    expect(c.due.dueDate).toBe('2027-01-15');
    expect(c.status).toBe('awaiting-author');
    expect(c.seniorOfficer.email).toBe('sam@police.example.org');
    expect(c.version).toBe(1);
  });

  it('a different profile setting gives a different date', () => {
    expect(commissioned({ profile: { id: 'p', contributionDueWorkingDays: 5 } }).due.dueDate).toBe('2026-12-08');
  });

  it('never falls after the review’s completion date: the default is cut back to it', () => {
    const c = commissioned({ completionDate: '2026-12-20' });
    expect(c.due.dueDate).toBe('2026-12-20');
    expect(c.due.kind).toBe('agreed-date');
  });

  it('a chosen due date after the completion date, or in the past, is refused', () => {
    expect(() => commissioned({}, { dueDate: '2027-03-31' })).toThrow(/on or before the review’s completion date, 2027-03-30/);
    expect(() => commissioned({}, { dueDate: '2026-11-30' })).toThrow(/today or in the future/);
    expect(commissioned({}, { dueDate: '2027-03-30' }).due.dueDate).toBe('2027-03-30');
  });

  it('the shared schema names the senior officer and wants a description for "other"', () => {
    const r = commissionContributionSchema.safeParse({ kind: 'other', organisation: 'Housing', seniorOfficerName: 'X', seniorOfficerEmail: 'bad' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['seniorOfficerEmail', 'description']));
    expect(commissionContributionSchema.safeParse({ ...input, kind: 'ppo' }).success).toBe(true);
  });

  it('refuses past the limit', () => {
    expect(() => commissioned({ existing: 100 })).toThrow(ContributionRuleError);
  });
});

describe('due date per contribution', () => {
  it('can be moved, never after the completion date, and records why', () => {
    const c = changeDueDate(commissioned(), { dueDate: '2027-02-01', reason: 'Records late' }, now, '2027-03-30');
    expect(c.due.dueDate).toBe('2027-02-01');
    expect(c.due.authority).toContain('Records late');
    expect(c.version).toBe(2);
    expect(() => changeDueDate(c, { dueDate: '2027-04-01', reason: 'x' }, now, '2027-03-30')).toThrow(/completion date/);
  });
});

describe('author and independence (10.1, 10.2)', () => {
  it('the senior officer names the author, who declares independence', () => {
    const named = nameAuthor(commissioned(), author, now);
    expect(named.status).toBe('awaiting-declaration');
    expect(named.author?.email).toBe('ann@police.example.org');
    expect(() => nameAuthor(named, author, now)).toThrow(/already named/);
    const ok = declareIndependence(named, yes, now);
    expect(ok.status).toBe('in-progress');
    expect(ok.independenceDeclaredAt).toBe(now.toISOString());
  });

  it.each([
    [{ notDirectlyConcerned: false, notLineManager: true }],
    [{ notDirectlyConcerned: true, notLineManager: false }],
  ])('a "no" (%o) blocks the author and goes back to the senior officer, who cannot name them again', (answers) => {
    const declined = declareIndependence(nameAuthor(commissioned(), author, now), answers, now);
    expect(declined.status).toBe('awaiting-author');
    expect(declined.author).toBeUndefined();
    expect(declined.declinedAuthors).toEqual([{ email: 'ann@police.example.org', declaredAt: now.toISOString() }]);
    expect(() => nameAuthor(declined, { ...author, authorEmail: 'ANN@police.example.org' }, now)).toThrow(/not independent/);
    expect(nameAuthor(declined, { ...author, authorEmail: 'bob@police.example.org' }, now).status).toBe('awaiting-declaration');
  });

  it('the declaration needs both answers', () => {
    expect(independenceSchema.safeParse({ notDirectlyConcerned: true }).success).toBe(false);
  });

  it('no declaration before an author is named', () => {
    expect(() => declareIndependence(commissioned(), yes, now)).toThrow(ContributionRuleError);
  });
});

describe('submission and acceptance (10.6)', () => {
  it('submit, return with reasons, resubmit, accept: who and when recorded', () => {
    const later = new Date('2026-12-10T09:00:00Z');
    const s1 = submitContribution(inProgress(), now);
    expect(s1.status).toBe('submitted');
    const r = returnContribution(s1, { reasons: 'Analysis missing' }, later, 'sam@police.example.org');
    expect(r.status).toBe('returned');
    expect(r.returns).toEqual([{ at: later.toISOString(), by: 'sam@police.example.org', reasons: 'Analysis missing' }]);
    expect(() => acceptContribution(r, later, 'sam')).toThrow(/Only a submitted/);
    const s2 = submitContribution(r, later);
    const a = acceptContribution(s2, later, 'sam@police.example.org');
    expect(a).toMatchObject({ status: 'accepted', acceptedAt: later.toISOString(), acceptedBy: 'sam@police.example.org' });
    expect(() => submitContribution(a, later)).toThrow(/already submitted/);
  });

  it('cannot submit before independence is declared, or while something blocks it', () => {
    expect(() => submitContribution(commissioned(), now)).toThrow(/declared independence/);
    expect(() => submitContribution(inProgress(), now, ['An interview record is not yet shared with the interviewee'])).toThrow(/interview record/);
  });

  it('a children’s guardian’s contribution cannot be accepted until the court’s prior agreement is recorded (9.6)', () => {
    const s = submitContribution(inProgress({ kind: 'childrens-guardian' }), now);
    expect(() => acceptContribution(s, now, 'sam')).toThrow(/court’s prior agreement/);
    const agreed = recordCourtAgreement(s, { court: 'Family Court at Northshire', agreedOn: '2026-11-20' }, now, 'bm@example.org');
    expect(acceptContribution(agreed, now, 'sam').status).toBe('accepted');
    expect(() => recordCourtAgreement(inProgress(), { court: 'x', agreedOn: '2026-11-20' }, now, 'bm')).toThrow(/Only a children’s guardian/);
    expect(() => recordCourtAgreement(s, { court: 'x', agreedOn: '2026-12-02' }, now, 'bm')).toThrow(/today or in the past/);
  });

  it('is overdue past its due instant until submitted', () => {
    const c = commissioned();
    const after = new Date(new Date(c.due.dueAt).getTime() + 1000);
    expect(isOverdue(c, new Date(c.due.dueAt))).toBe(false);
    expect(isOverdue(c, after)).toBe(true);
    expect(isOverdue(submitContribution(inProgress(), now), after)).toBe(false);
  });
});

describe('feedback, debrief and follow-up (10.7, 10.8)', () => {
  it('a debrief once the findings are accepted, then a follow-up on or after it', () => {
    const later = new Date('2026-12-20T10:00:00Z');
    const submitted = submitContribution(inProgress(), now);
    expect(() => recordDebrief(submitted, { heldOn: '2026-12-02' }, later, 'so')).toThrow(/once the findings are accepted/);
    const accepted = acceptContribution(submitted, new Date('2026-12-05T10:00:00Z'), 'so');
    expect(() => recordFollowUp(accepted, { heldOn: '2026-12-10' }, later, 'so')).toThrow(/after the feedback and debrief/);
    expect(() => recordDebrief(accepted, { heldOn: '2026-12-04' }, later, 'so')).toThrow(/on or after the findings were accepted/);
    expect(() => recordDebrief(accepted, { heldOn: '2026-12-21' }, later, 'so')).toThrow(/today or in the past/);
    const debriefed = recordDebrief(accepted, { heldOn: '2026-12-10' }, later, 'so@police.example.org');
    expect(debriefed.debrief).toEqual({ heldOn: '2026-12-10', recordedAt: later.toISOString(), recordedBy: 'so@police.example.org' });
    expect(mayDo(debriefed, { email: 'sam@police.example.org', onPanel: false })).toEqual(['recordFollowUp']);
    expect(() => recordFollowUp(debriefed, { heldOn: '2026-12-09' }, later, 'so')).toThrow(/on or after the debrief/);
    expect(recordFollowUp(debriefed, { heldOn: '2026-12-18' }, later, 'bm').followUp?.heldOn).toBe('2026-12-18');
  });
});

describe('who sees what', () => {
  const police = inProgress();
  const policeSubmitted = submitContribution(inProgress(), now);
  const healthCommissioned = commissioned({}, { organisation: 'Northshire NHS Trust', seniorOfficerEmail: 'hana@nhs.example.org' });
  const health = { ...declareIndependence(nameAuthor(healthCommissioned, { ...author, authorEmail: 'hal@nhs.example.org' }, now), yes, now), id: 'c2' };
  const policeOther = { ...commissioned({}, { kind: 'other', description: 'Custody records', seniorOfficerEmail: 'deputy@police.example.org' }), id: 'c3' };
  const all = [police, health, policeOther];
  const v = (email: string, role?: Viewer['role'], onPanel = false): Viewer => ({ email, ...(role ? { role } : {}), onPanel });

  it('an author sees only their own contribution', () => {
    expect(accessOf(police, v('ann@police.example.org', 'agency-contributor'), all)).toBe('content');
    expect(accessOf(health, v('ann@police.example.org', 'agency-contributor'), all)).toBe('none');
  });

  it('a named author who has not declared sees only what is asked of them', () => {
    const named = nameAuthor(commissioned(), author, now);
    expect(accessOf(named, v('ann@police.example.org'), [named])).toBe('tracking');
  });

  it('a senior officer sees their organisation’s, including another officer’s of the same organisation, never another’s draft', () => {
    expect(accessOf(police, v('sam@police.example.org', 'senior-officer'), all)).toBe('content');
    expect(accessOf(policeOther, v('sam@police.example.org', 'senior-officer'), all)).toBe('content');
    expect(accessOf(health, v('sam@police.example.org', 'senior-officer'), all)).toBe('none');
  });

  it('panel, sub-committee chair, business manager and auditor see the content only once submitted; the offices track drafts', () => {
    for (const viewer of [v('bm@x', 'business-manager'), v('chair@x', 'sub-committee-chair'), v('aud@x', 'auditor'), v('p@x', 'sub-committee-member', true)]) {
      expect(accessOf(policeSubmitted, viewer, all)).toBe('content');
      expect(accessOf(police, viewer, all)).toBe('tracking');
    }
    expect(accessOf(policeSubmitted, v('bc@x', 'board-chair'), all)).toBe('tracking');
    // A sub-committee member not on this review's panel, an external reader: nothing.
    expect(accessOf(policeSubmitted, v('m@x', 'sub-committee-member'), all)).toBe('none');
    expect(accessOf(policeSubmitted, v('ofsted@x', 'external-reader'), all)).toBe('none');
  });

  it('what each may do', () => {
    const named = nameAuthor(commissioned(), author, now);
    expect(mayDo(commissioned(), v('sam@police.example.org'))).toEqual(['nameAuthor']);
    expect(mayDo(named, v('ann@police.example.org'))).toEqual(['declareIndependence']);
    expect(mayDo(police, v('ann@police.example.org'))).toEqual(['submit']);
    expect(mayDo(policeSubmitted, v('sam@police.example.org'))).toEqual(['return', 'accept']);
    expect(mayDo(policeSubmitted, v('bm@x', 'business-manager'))).toEqual(['changeDueDate']);
    const guardian = submitContribution(inProgress({ kind: 'childrens-guardian' }), now);
    expect(mayDo(guardian, v('sam@police.example.org'))).toEqual(['return']);
  });
});
