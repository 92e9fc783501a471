import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import type { AuditEvent } from '../../functions/domain/case/case.js';
import { timelineSentence, timelineWords } from '../../functions/domain/case/timeline-words.js';
import { whatNeedsDoing, workingDaysSince, type OpenDutyInput } from '../../functions/domain/case/what-needs-doing.js';
import { emailPurpose, longDate, parseAlertKind, recipientInSentence } from '../../functions/domain/email/wording.js';

const calendar = englandAndWalesCalendar();

/** Every audit action, read from the union in case.ts: a new action fails here until it has words. */
function auditActions(): string[] {
  const source = readFileSync(new URL('../../functions/domain/case/case.ts', import.meta.url), 'utf8');
  const union = /\n {2}action:\n([\s\S]*?);\n/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/\|\s*'([a-z.-]+)'/g)].map((m) => m[1] ?? '');
}

describe('the timeline in people’s language', () => {
  it('has words for every audit action in case.ts', () => {
    const actions = auditActions();
    // Prepare: the union really was read (it has dozens of members).
    expect(actions.length).toBeGreaterThan(40);
    // Assess
    const missing = actions.filter((a) => !(a in timelineWords));
    expect(missing).toEqual([]);
    for (const action of actions) {
      const sentence = timelineSentence({ action: action as AuditEvent['action'], detail: {} });
      expect(sentence, action).toMatch(/^[A-Z]/);
      // No technical field names or raw keys in any sentence.
      expect(sentence, action).not.toMatch(/messageId|recipientRole|eventAt|undefined|\bpara\b|'/);
    }
  });

  it('says which email was delivered to whom and what it was for', () => {
    const e = { action: 'notification.delivered', detail: { notification: 'referral-received', recipientRole: 'board-chair', messageId: 'm-1', event: 'Delivery', eventAt: '2026-12-01T10:00:00Z' } } as const;
    expect(timelineSentence(e)).toBe('Email to the Board chair delivered (decision due)');
  });

  it('names a reminder and an escalation by its duty, and a statutory resend by its attempt', () => {
    expect(
      timelineSentence({
        action: 'notification.sent',
        detail: { notification: 'reminder', deadline: 'decision', dueDate: '2026-12-15', alert: 'decision:2026-12-15:reminder:5wd', recipient: 'chair@example.org', messageId: 'x' },
      }),
    ).toBe('Email to chair@example.org sent (reminder, 5 working days before the Board chair’s decision is due)');
    expect(
      timelineSentence({ action: 'notification.failed', detail: { notification: 'alert:records:ab12:2026-12-03:escalation:2', recipientRole: 'to:bm@example.org' } }),
    ).toBe('Email to bm@example.org not delivered (escalation 2: securing an agency’s records is overdue)');
    expect(timelineSentence({ action: 'notification.sent', detail: { notification: 'statutory-notification', recipientRole: 'ofsted-nbu#2' } })).toBe(
      'Email to Ofsted’s National Business Unit (attempt 2) sent (serious case review notification, paragraphs 6.1 to 6.4)',
    );
  });

  it('words a decision that departs from the guidance, and a late confirmation', () => {
    expect(
      timelineSentence({ action: 'decision.recorded', detail: { decision: 'no-review', departsFromRecommendation: true, departsFromGuidance: true, onTime: false } }),
    ).toBe('The Board chair decided: No review, departing from the recommendation, departing from the guidance, with reasons (paragraph 1.3), after its deadline');
    expect(timelineSentence({ action: 'review.nbu-confirmed', detail: { notifiedOn: '2026-12-15', onTime: true } })).toBe(
      'Confirmed that Ofsted’s National Business Unit was notified on Tuesday 15 December 2026 (paragraph 6.2)',
    );
  });
});

describe('wording helpers', () => {
  it('writes dates as "Tuesday 15 December 2026"', () => {
    expect(longDate('2026-12-15')).toBe('Tuesday 15 December 2026');
    expect(longDate('2027-02-28')).toBe('Sunday 28 February 2027');
  });

  it('reads alert keys whose task id has a colon', () => {
    expect(parseAlertKind('alert:joint:Other Board:2026-12-01:reminder:1wd')).toEqual({ kind: 'reminder', taskId: 'joint:Other Board', dueDate: '2026-12-01', workingDaysBefore: 1 });
    expect(parseAlertKind('alert:delivery-failed:referral-received:referrer')).toEqual({ kind: 'delivery-failed' });
    expect(parseAlertKind('referral-received')).toBeUndefined();
    expect(emailPurpose('alert:joint:Other Board:2026-12-01:reminder:1wd', 'to:x@example.org')).toBe(
      'reminder, 1 working day before Other Board’s answer on a joint review is due',
    );
  });

  it('names recipients by role with the article', () => {
    expect(recipientInSentence('sub-committee-chair')).toBe('the chair of the Strategic and Serious Case Review sub-committee');
    expect(recipientInSentence('board:Northshire LSCB')).toBe('the chair of Northshire LSCB');
    expect(recipientInSentence('childrens-services-adviser#1')).toBe('the Children’s Services Adviser');
  });
});

describe('what needs doing', () => {
  const duty = (over: Partial<OpenDutyInput>): OpenDutyInput => ({
    id: 'x',
    label: 'A duty',
    owner: 'the business manager',
    dueAt: '2026-12-11T23:59:59.999Z',
    dueDate: '2026-12-11',
    status: 'on-track',
    ...over,
  });

  it('counts working days overdue, skipping weekends and bank holidays', () => {
    // Due Friday 11 December 2026; Tuesday 15 December is 2 working days later.
    expect(workingDaysSince(calendar, '2026-12-11', new Date('2026-12-15T10:00:00Z'))).toBe(2);
    // The weekend after a Friday due date is not a working day.
    expect(workingDaysSince(calendar, '2026-12-11', new Date('2026-12-13T10:00:00Z'))).toBe(0);
    // Due Thursday 24 December; Christmas, Boxing Day (substitute Monday 28) are not working days: Tuesday 29 is 1.
    expect(workingDaysSince(calendar, '2026-12-24', new Date('2026-12-29T12:00:00Z'))).toBe(1);
  });

  it('leads with the soonest, leaves out what is done, and tags each', () => {
    const now = new Date('2026-12-15T10:00:00Z');
    const list = whatNeedsDoing(
      [
        duty({ id: 'later', dueAt: '2027-01-20T23:59:59.999Z', dueDate: '2027-01-20' }),
        duty({ id: 'done', status: 'done', dueAt: '2026-12-01T23:59:59.999Z', dueDate: '2026-12-01' }),
        duty({ id: 'late', status: 'overdue' }),
        duty({ id: 'soon', status: 'due-soon', dueAt: '2026-12-16T23:59:59.999Z', dueDate: '2026-12-16' }),
        duty({ id: 'late-by-one', status: 'overdue', dueAt: '2026-12-14T23:59:59.999Z', dueDate: '2026-12-14' }),
      ],
      calendar,
      now,
    );
    expect(list.map((d) => d.id)).toEqual(['late', 'late-by-one', 'soon', 'later']);
    expect(list.map((d) => d.tag.text)).toEqual(['Overdue by 2 working days', 'Overdue by 1 working day', 'Due soon', 'On track']);
    expect(list[0]?.tag.workingDaysOverdue).toBe(2);
  });
});
