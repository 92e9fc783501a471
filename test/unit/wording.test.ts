import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import { watchedDeadlines } from '../../functions/domain/alerts/deadline-check.js';
import { workingDaysDeadline } from '../../functions/domain/calendar/deadlines.js';
import { alertEmail, deliveryFailedEmail, planNotification, type EmailContent } from '../../functions/domain/email/emails.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { reviewEmail } from '../../functions/domain/review/review-emails.js';
import { openReview, owedEmails } from '../../functions/domain/review/review.js';
import { makeReferral } from '../factories/referral.js';

/**
 * One style for the service's words, checked in every email template and in
 * every page's headings and labels: "paragraph 4.1" (never "para"), curly
 * apostrophes, dates as "Tuesday 15 December 2026", people by role with the
 * article, the sub-committee by the procedure's name, Ofsted's form called
 * that, and no internals (raw rules, library names, stray "Paragraph" blocks).
 */

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';

/** Each forbidden form, with the rule it breaks. */
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bparas?\b\.?/i, 'write "paragraph", not "para"'],
  [/[A-Za-z}]'[A-Za-z]/, 'use a curly apostrophe (’)'],
  [/(?<!Strategic and )Serious Case Review [Ss]ub-[Cc]ommittee/, 'call it the Strategic and Serious Case Review sub-committee'],
  [/Chair of the Board|Board Chair\b/, 'call them the Board chair'],
  [/Ofsted notification form/i, 'call it Ofsted’s form'],
  [new RegExp(`(?<!${WEEKDAY} )\\b\\d{1,2} ${MONTH} \\d{4}`), 'write dates as "Tuesday 15 December 2026"'],
  [/\b\d{4}-\d{2}-\d{2}\b/, 'no ISO dates in words people read'],
  [/\bRule:|Procedure profile|\(Europe\/London\)|end of day/, 'no raw rule strings'],
  [/^Paragraph$|Procedure paragraph/m, 'no stray "Paragraph" block'],
  [/@aws-sdk|aws-ses|nodemailer|powertools|\bzod\b|\bvite\b|\bv?\d+\.\d+\.\d+\b/i, 'no library names or versions'],
];

/** The rules a piece of text breaks, with the words that break them. */
function breaches(text: string): string[] {
  return FORBIDDEN.flatMap(([re, rule]) => {
    const m = re.exec(text);
    return m ? [`${rule}: “${m[0]}” in “${text.slice(Math.max(0, m.index - 40), m.index + 40)}”`] : [];
  });
}

// ---------------------------------------------------------------- every email, rendered from fixtures

// People's names are data, not wording: the example file's placeholders ("Board Chair") are replaced by names.
const example = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const board = {
  ...example,
  subCommitteeChair: { ...example.subCommitteeChair, name: 'Robin Ash' },
  boardChair: { ...example.boardChair, name: 'Sam Birch' },
  businessManager: { ...example.businessManager, name: 'Lee Cedar' },
  otherBoardChairs: example.otherBoardChairs.map((o, i) => ({ ...o, name: `Kim Elm ${i + 1}` })),
};
const calendar = englandAndWalesCalendar();
const url = 'https://scr.example.org';
const received = new Date('2026-11-26T10:00:00Z');
const { caseRecord: referred } = buildCase(makeReferral(), 'SCR-2026-0042', received, {
  board,
  calendar,
  ids: { uuid: () => '00000000-0000-4000-8000-000000000000', secret: () => 'not-used' },
}, { requestId: 'r1' });

const decidedAt = new Date('2026-12-01T10:00:00Z');
const review = openReview(decidedAt, board, calendar);
const otherBoard = board.otherBoardChairs[0];
const decided: CaseRecord = {
  ...referred,
  status: 'review-decided',
  recommendation: { outcome: 'serious-case-review', rationale: 'r', criteriaApplied: ['3.1'], byUserId: 'u1', byEmail: board.subCommitteeChair.email, at: decidedAt.toISOString() },
  decision: {
    outcome: 'serious-case-review',
    reasons: 'r',
    departsFrom: { fromRecommendation: false, fromMandatoryCriteria: false },
    byUserId: 'u2',
    byEmail: board.boardChair.email,
    at: decidedAt.toISOString(),
  },
  review: {
    ...review,
    records: [
      {
        id: 'rec1',
        agency: 'Example Health Trust',
        contactName: 'Morgan Records',
        contactEmail: 'records@example.org',
        requestedAt: decidedAt.toISOString(),
        requestedBy: board.businessManager.email,
        deadline: workingDaysDeadline(decidedAt, 2, calendar, 'test'),
      },
    ],
    ...(otherBoard
      ? {
          joint: {
            proposal: 'joint-review' as const,
            askedAt: decidedAt.toISOString(),
            askedBy: board.businessManager.email,
            deadline: workingDaysDeadline(new Date('2026-10-01T10:00:00Z'), 2, calendar, 'test'),
            boards: [{ board: otherBoard.board, chairName: otherBoard.name, chairEmail: otherBoard.email, answer: 'disagree' as const, answeredAt: decidedAt.toISOString() }],
          },
        }
      : {}),
  } as CaseRecord['review'],
} as CaseRecord;

function everyEmail(): [string, EmailContent][] {
  const out: [string, EmailContent][] = [];
  for (const kind of ['referral-received', 'recommendation-recorded', 'decision-recorded'] as const) {
    for (const e of planNotification(kind, decided, board, url, { 'sub-committee-chair': `${url}/act#s`, 'board-chair': `${url}/act#b` })) {
      out.push([`${kind} to ${e.recipientRole}`, e.content]);
    }
  }
  for (const w of [...watchedDeadlines(referred, board), ...watchedDeadlines(decided, board, calendar, decidedAt)]) {
    const base = { taskId: w.task.id, at: w.task.deadline.dueAt };
    out.push([`reminder for ${w.task.id}`, alertEmail({ ...base, key: `${w.task.id}:r`, kind: 'reminder', workingDaysBefore: 5 }, decided, w, board, url, { now: new Date(base.at), calendar })]);
    out.push([`escalation for ${w.task.id}`, alertEmail({ ...base, key: `${w.task.id}:e`, kind: 'escalation', escalationNumber: 2, recipients: [] }, decided, w, board, url, { now: new Date(base.at), calendar })]);
  }
  // Asking the other Boards (3.4), then the question referred after a disagreement (3.5).
  const asking = { ...decided, review: { ...decided.review!, joint: decided.review!.joint && { ...decided.review!.joint, deadline: workingDaysDeadline(decidedAt, 10, calendar, 'test'), boards: decided.review!.joint.boards.map(({ board: b, chairName, chairEmail }) => ({ board: b, chairName, chairEmail })) } } } as CaseRecord;
  const owed = [...owedEmails(asking, board, decidedAt).filter((o) => o.kind === 'joint-review-asked'), ...owedEmails(decided, board, new Date('2026-12-20T10:00:00Z'))];
  for (const o of owed) out.push([`${o.kind} to ${o.recipientRole}`, reviewEmail(o, decided, board, url, o.link ? `${url}/act#x` : undefined)]);
  for (const role of ['referrer', 'sub-committee-chair', 'ofsted-nbu#2', 'board:Other', 'agency:rec1', 'to:x@example.org']) {
    out.push([`delivery failed (${role})`, deliveryFailedEmail({ reference: decided.reference, kind: 'statutory-notification', recipientRole: role }, board, url)]);
  }
  return out;
}

describe('every email template', () => {
  const emails = everyEmail();

  it('renders every kind of email from the fixtures', () => {
    const kinds = new Set(emails.map(([name]) => name.split(' ')[0]));
    for (const kind of ['referral-received', 'recommendation-recorded', 'decision-recorded', 'reminder', 'escalation', 'statutory-notification', 'records-requested', 'joint-review-asked', 'joint-review-referred', 'delivery']) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it.each(emails.map(([name, content]) => [name, content] as const))('%s reads in the house style', (_name, content) => {
    // Links carry addresses and dates in ISO form on purpose: check the words only.
    const words = `${content.subject}\n${content.text}`.replace(/https?:\/\/\S+/g, 'LINK').replace(/\S+@\S+\.\S+/g, 'ADDRESS');
    expect(breaches(words)).toEqual([]);
  });

  it('catches each forbidden form (the check itself can fail)', () => {
    for (const bad of [
      'See para 4.1',
      "the sub-committee's recommendation",
      'the Serious Case Review sub-committee',
      'the Chair of the Board',
      'the Ofsted notification form',
      'due by 15 December 2026',
      'Rule: 1 calendar month from 2026-11-26',
      'Paragraph\n\nProcedure paragraph 6.1.',
      'Sent by aws-ses-v2-local 2.10.2',
    ]) {
      expect(breaches(bad), bad).not.toEqual([]);
    }
    expect(breaches('Due by Tuesday 15 December 2026, as paragraph 4.1 says. The Board chair’s decision.')).toEqual([]);
  });
});

// ---------------------------------------------------------------- every page heading and label

/** Every .tsx file under web/src, and the wording helpers the pages read. */
function pageSources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.tsx') ? [path] : [];
    });
  return [...walk('web/src'), 'functions/domain/email/wording.ts', 'functions/domain/case/timeline-words.ts', 'functions/domain/case/what-needs-doing.ts'];
}

/**
 * The words of a source file: string literals, template literals and JSX
 * text, without comments. Code (identifiers, class names, paths) is left
 * out so only what people read is checked.
 */
function wordsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const literals = [...code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const jsxText = [...code.matchAll(/>([^<>{}]*[A-Za-z][^<>{}]*)</g)].map((m) => m[1] ?? '');
  // Addresses, paths, class names and CSS are not words people read.
  return [...literals, ...jsxText].filter((t) => /[A-Za-z]{2,}/.test(t) && /\s/.test(t.trim()) && !/^[a-z-]+( [a-z-]+)*$/.test(t.trim()));
}

describe('every page heading and label', () => {
  it('finds the words in JSX text and string literals (the check itself can fail)', () => {
    const source = [
      '// para 9.9 in a comment is not read',
      'const heading = "The Chair of the Board decides";',
      '<p className="govuk-body">See para 4.1 for the sub-committee\'s part</p>',
      '<TextInput label={`Due ${x} by 15 December 2026`} />',
    ].join('\n');
    const found = wordsOf(source).flatMap(breaches);
    expect(found.some((f) => f.includes('Chair of the Board'))).toBe(true);
    expect(found.some((f) => f.includes('para 4.1'))).toBe(true);
    expect(found.some((f) => f.includes('15 December 2026'))).toBe(true);
    expect(found.some((f) => f.includes('9.9'))).toBe(false);
  });

  it.each(pageSources())('%s reads in the house style', (file) => {
    const found = wordsOf(readFileSync(file, 'utf8')).flatMap(breaches);
    expect(found).toEqual([]);
  });
});
