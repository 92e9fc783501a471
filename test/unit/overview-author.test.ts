import { describe, expect, it } from 'vitest';
import { mayOnOverview, readableForOverview, type OverviewAction } from '../../functions/domain/access/overview-access.js';
import { roleOnCase } from '../../functions/domain/access/access.js';
import type { Role } from '../../functions/domain/access/roles.js';
import {
  authorAccountProblem,
  bodiesInvolved,
  commissionAuthor,
  declareAuthorIndependence,
  emptyOverview,
  OverviewRuleError,
} from '../../functions/domain/report/overview-author.js';
import type { Caller } from '../../functions/ports/identity.js';

const now = new Date('2026-06-01T10:00:00Z');
const input = { authorName: 'Alex Author', authorEmail: 'alex.author@example.org' };

describe('overview author rules (11.2)', () => {
  it('commissions a named person, waiting for their declaration', () => {
    const record = commissionAuthor(emptyOverview('SCR-2026-0001'), input, 'user-alex', now, 'bm@example.org');

    expect(record).toEqual({
      reference: 'SCR-2026-0001',
      declined: [],
      version: 1,
      author: { name: 'Alex Author', email: 'alex.author@example.org', userId: 'user-alex', status: 'awaiting-declaration', commissionedAt: now.toISOString(), commissionedBy: 'bm@example.org' },
    });
  });

  it('refuses a second commission while one stands', () => {
    const record = commissionAuthor(emptyOverview('R'), input, 'u', now, 'bm');

    expect(() => commissionAuthor(record, { ...input, authorEmail: 'other@example.org' }, 'u2', now, 'bm')).toThrow(OverviewRuleError);
  });

  it('makes the author independent when they are independent of every body and the professionals', () => {
    const record = commissionAuthor(emptyOverview('R'), input, 'u', now, 'bm');
    const bodies = ['Police', 'Community health'];

    const outcome = declareAuthorIndependence(
      record,
      'Alex.Author@example.org',
      { bodies: [{ body: 'police', independent: true }, { body: 'Community health', independent: true }], professionals: true },
      bodies,
      now,
    );

    expect(outcome.independent).toBe(true);
    expect(outcome.record.author).toMatchObject({ status: 'independent', declaredAt: now.toISOString(), declaredBodies: bodies });
    expect(outcome.record.version).toBe(2);
  });

  it.each([
    ['a body', [{ body: 'Police', independent: false }, { body: 'Community health', independent: true }], true],
    ['the professionals', [{ body: 'Police', independent: true }, { body: 'Community health', independent: true }], false],
  ])('a "no" for %s ends the commission, records them as declined, and they cannot be commissioned again', (_what, answers, professionals) => {
    const record = commissionAuthor(emptyOverview('R'), input, 'u', now, 'bm');

    const outcome = declareAuthorIndependence(record, input.authorEmail, { bodies: answers, professionals }, ['Police', 'Community health'], now);

    expect(outcome.independent).toBe(false);
    expect(outcome.record.author).toBeUndefined();
    expect(outcome.record.declined).toEqual([{ email: input.authorEmail, declaredAt: now.toISOString() }]);
    expect(() => commissionAuthor(outcome.record, input, 'u', now, 'bm')).toThrow('This person declared they are not independent of the review: commission someone else');
    // Someone else can be commissioned
    expect(commissionAuthor(outcome.record, { ...input, authorEmail: 'sam@example.org' }, 'u2', now, 'bm').author?.email).toBe('sam@example.org');
  });

  it('needs an answer for every body involved, and only the author declares, once', () => {
    const record = commissionAuthor(emptyOverview('R'), input, 'u', now, 'bm');
    const bodies = ['Police', 'Community health'];

    expect(() => declareAuthorIndependence(record, input.authorEmail, { bodies: [{ body: 'Police', independent: true }], professionals: true }, bodies, now)).toThrow(
      'Select whether you are independent of Community health',
    );
    expect(() => declareAuthorIndependence(record, 'someone@example.org', { bodies: [], professionals: true }, [], now)).toThrow('You are not the overview author of this review');
    const done = declareAuthorIndependence(record, input.authorEmail, { bodies: [], professionals: true }, [], now).record;
    expect(() => declareAuthorIndependence(done, input.authorEmail, { bodies: [], professionals: true }, [], now)).toThrow('You have already declared your independence');
  });

  it('lists every body involved once, in the order first met', () => {
    expect(bodiesInvolved(['Police', ' Community health', 'police', '', 'Primary school', 'Community Health'])).toEqual(['Police', 'Community health', 'Primary school']);
  });

  it.each([
    [[], 'Invite alex.author@example.org as an independent overview author on the Users page first, then commission the report'],
    [[{ email: 'Alex.Author@example.org', enabled: false, role: 'overview-author' as const }], 'The account for alex.author@example.org is disabled. Enable it on the Users page first, then commission the report'],
    [
      [{ email: 'alex.author@example.org', enabled: true, role: 'business-manager' as const }],
      "alex.author@example.org is the business manager: the overview author must be independent of the Board's offices",
    ],
  ])('refuses an address without a usable, independent staff account (%#)', (accounts, text) => {
    expect(authorAccountProblem(input.authorEmail, accounts)).toEqual({ name: 'authorEmail', href: '#authorEmail', text });
  });

  it('accepts an enabled account that holds no office', () => {
    expect(authorAccountProblem(input.authorEmail, [{ email: 'alex.author@example.org', enabled: true, role: 'overview-author' }])).toBeUndefined();
  });
});

describe('who may do what with the overview (access rules)', () => {
  const author = (status: 'awaiting-declaration' | 'independent') => ({ email: 'alex.author@example.org', status });
  const actions: OverviewAction[] = ['commission', 'declare', 'readFacts', 'editFacts'];
  const allowed = (role: Role | undefined, email: string, a: ReturnType<typeof author> | undefined) => actions.filter((x) => mayOnOverview(role, email, a, x));

  it.each<[string, Role | undefined, string, ReturnType<typeof author> | undefined, OverviewAction[]]>([
    ['business manager', 'business-manager', 'bm@example.org', undefined, ['commission', 'readFacts', 'editFacts']],
    ['sub-committee chair', 'sub-committee-chair', 'c@example.org', author('independent'), ['readFacts']],
    ['Board chair', 'board-chair', 'b@example.org', author('independent'), ['readFacts']],
    ['panel member', 'sub-committee-member', 'p@example.org', author('independent'), ['readFacts']],
    ['auditor', 'auditor', 'a@example.org', author('independent'), ['readFacts']],
    ['author before declaring', 'overview-author', 'Alex.Author@example.org', author('awaiting-declaration'), ['declare']],
    ['author once independent', 'overview-author', 'alex.author@example.org', author('independent'), ['readFacts', 'editFacts']],
    ['another overview author on the case', 'overview-author', 'other@example.org', author('independent'), []],
    ['an overview author with none commissioned', 'overview-author', 'alex.author@example.org', undefined, []],
    ['agency contributor', 'agency-contributor', 'x@example.org', author('independent'), []],
    ['senior officer', 'senior-officer', 'x@example.org', author('independent'), []],
    ['external reader', 'external-reader', 'x@example.org', author('independent'), []],
    ['not on the case', undefined, 'alex.author@example.org', author('independent'), []],
  ])('%s', (_who, role, email, a, expected) => {
    expect(allowed(role, email, a)).toEqual(expected);
  });

  it('gives the author of one case no role on another case (nothing else of other cases)', () => {
    const caller: Caller = { userId: 'u', email: 'alex.author@example.org', pool: 'staff', roles: ['overview-author'], sessionId: 's', authTime: 0 };

    // On the case they were commissioned for they are a member; on any other case they are not.
    expect(roleOnCase(caller, 'overview-author')).toBe('overview-author');
    expect(roleOnCase(caller, undefined)).toBeUndefined();
    expect(mayOnOverview(roleOnCase(caller, undefined), caller.email, author('independent'), 'readFacts')).toBe(false);
  });

  it('lets the overview read accepted contributions only', () => {
    const list = ['awaiting-author', 'awaiting-declaration', 'in-progress', 'submitted', 'returned', 'accepted'].map((status, i) => ({ id: `c${i}`, status }));

    expect(readableForOverview(list).map((c) => c.status)).toEqual(['accepted']);
  });
});
