import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { mayOnCase } from '../../functions/domain/access/access.js';
import { roleFromContributions } from '../../functions/domain/access/contribution-access.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { requireRole } from '../../functions/domain/case/case-views.js';
import type { AuditEvent, CaseRecord } from '../../functions/domain/case/case.js';
import { commission, listContributions, nameContributionAuthor, type ContributionDeps } from '../../functions/domain/contributions/contribution-actions.js';
import { commissionContribution, declareIndependence, nameAuthor, type Contribution } from '../../functions/domain/contributions/contributions.js';
import { NotFoundError, ValidationError } from '../../functions/domain/errors.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { openReview } from '../../functions/domain/review/review.js';
import { FakeClock } from '../../functions/ports/clock.js';
import type { ContributionStore } from '../../functions/ports/contribution-store.js';
import type { Caller, StaffUser } from '../../functions/ports/identity.js';
import { makeReferral } from '../factories/referral.js';

/**
 * Access granted from a contribution (10.1, 10.2): its senior officer and its
 * author are on the case without being added by hand; they must have a staff
 * account before they are asked.
 */
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const calendar = englandAndWalesCalendar();
const REF = 'SCR-2026-0009';
const meta = { requestId: 'r' };
const SO = 'so@police.example.org';
const AUTHOR = 'ann@police.example.org';
const DECLINED = 'dan@police.example.org';
const HEALTH_SO = 'hana@nhs.example.org';
const staff = (email: string, roles: Caller['roles'] = []): Caller => ({ userId: `u-${email}`, email, pool: 'staff', roles, sessionId: 's', authTime: 0 });
const account = (email: string, enabled = true): StaffUser => ({ userId: `u-${email}`, email, name: email, role: 'senior-officer', enabled, status: 'CONFIRMED', createdAt: '' });

function setUp() {
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  const base = buildCase(makeReferral(), REF, new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, meta).caseRecord;
  const caseRecord: CaseRecord = { ...base, status: 'review-decided', review: openReview(new Date('2026-11-30T10:00:00Z'), board, calendar) };
  const ask = (id: string, organisation: string, email: string, kind: Contribution['kind'] = 'imr') =>
    commissionContribution(
      { kind, organisation, seniorOfficerName: 'Senior', seniorOfficerEmail: email },
      { id, reference: REF, now: clock.now(), by: 'bm', profile: board.procedureProfile, calendar, completionDate: '2027-03-30', existing: 0 },
    );
  const now = clock.now();
  // The police IMR: Dan declined (10.2), Ann named and independent. The health report: no author yet.
  const declined = declareIndependence(nameAuthor(ask('c1', 'Northshire Police', SO), { authorName: 'Dan', authorJobTitle: 'DS', authorEmail: DECLINED }, now), { notDirectlyConcerned: false, notLineManager: true }, now);
  const police = declareIndependence(nameAuthor(declined, { authorName: 'Ann', authorJobTitle: 'DI', authorEmail: AUTHOR }, now), { notDirectlyConcerned: true, notLineManager: true }, now);
  const held = new Map<string, Contribution>([
    ['c1', police],
    ['c2', ask('c2', 'Northshire NHS Trust', HEALTH_SO, 'independent-professional')],
  ]);
  const security: AuditEvent[] = [];
  const audit: AuditEvent[] = [];
  const store = {
    getCase: async (ref: string) => (ref === REF ? structuredClone(caseRecord) : undefined),
    getMember: async () => undefined,
    recordSecurityEvent: async (e: AuditEvent) => security.push(e),
    appendAudit: async (e: AuditEvent) => void audit.push(e),
  };
  const contributions = {
    listContributions: async () => [...held.values()].map((c) => structuredClone(c)),
    getContribution: async (_r: string, id: string) => structuredClone(held.get(id)),
    putContribution: async (c: Contribution, expected: number | undefined, e: AuditEvent) => {
      if (expected !== undefined && held.get(c.id)?.version !== expected) return false;
      held.set(c.id, structuredClone(c));
      audit.push(e);
      return true;
    },
  } as unknown as ContributionStore;
  let n = 0;
  const deps = { store: store as never, contributions, clock, ids: { uuid: () => `id-${++n}`, secret: () => 's' }, board, calendar, terms: { getTermsOfReference: async () => ({ versions: [] }) } as unknown as ContributionDeps['terms'] };
  return { deps, held, security, audit, caseRecord };
}

describe('a case role from the contributions', () => {
  it.each([
    [SO, 'senior-officer'],
    [SO.toUpperCase(), 'senior-officer'],
    [HEALTH_SO, 'senior-officer'],
    [AUTHOR, 'agency-contributor'],
    // An author who declared they are not independent is named no longer.
    [DECLINED, undefined],
    ['nobody@example.org', undefined],
  ] as const)('%s -> %s', (email, role) => {
    const { held } = setUp();
    expect(roleFromContributions(email, [...held.values()])).toBe(role);
  });

  it('lets the senior officer and the author open the case (role from the contribution); anyone else, a declined author included, gets the 404 and a security event', async () => {
    const { deps, security } = setUp();
    expect((await requireRole(deps, REF, staff(SO, ['senior-officer']), 'case.read', meta)).role).toBe('senior-officer');
    expect((await requireRole(deps, REF, staff(AUTHOR, ['agency-contributor']), 'case.read', meta)).role).toBe('agency-contributor');
    // A derived role allows what the same role added by hand allows, no more.
    expect(mayOnCase('agency-contributor', 'members.add')).toBe(false);
    await expect(requireRole(deps, REF, staff(AUTHOR, ['agency-contributor']), 'members.add', meta)).rejects.toBeInstanceOf(NotFoundError);
    await expect(requireRole(deps, REF, staff(DECLINED, ['agency-contributor']), 'case.read', meta)).rejects.toBeInstanceOf(NotFoundError);
    await expect(requireRole(deps, REF, staff('nobody@example.org', ['senior-officer']), 'case.read', meta)).rejects.toBeInstanceOf(NotFoundError);
    expect(security).toHaveLength(3);
    // Without the contributions (a route that does not read them) nothing is granted.
    await expect(requireRole({ ...deps, contributions: undefined }, REF, staff(SO), 'case.read', meta)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('still shows each only what their contribution allows: an author their own, a senior officer their organisation’s, nobody another organisation’s draft', async () => {
    const { deps } = setUp();
    const seen = async (email: string) => (await listContributions(deps as ContributionDeps, REF, staff(email), meta)).contributions.map((c) => c.id);
    expect(await seen(SO)).toEqual(['c1']);
    expect(await seen(AUTHOR)).toEqual(['c1']);
    expect(await seen(HEALTH_SO)).toEqual(['c2']);
  });
});

describe('only people who can sign in are asked', () => {
  const body = { kind: 'imr', organisation: 'Northshire Council', seniorOfficerName: 'Cara', seniorOfficerEmail: 'Cara@Council.example.org' };

  it('commissioning with an address that has no staff account is refused, saying to invite them; a disabled one, to enable it; nothing is written', async () => {
    const { deps, held } = setUp();
    const bm = staff('bm@example.org', ['business-manager']);
    const none = { ...deps, users: { list: async () => [account(SO)] } } as ContributionDeps;
    await expect(commission(none, REF, body, bm, meta)).rejects.toMatchObject({
      errors: [{ name: 'seniorOfficerEmail', href: '#seniorOfficerEmail', text: 'Invite cara@council.example.org as an agency senior officer on the Users page first, then ask again' }],
    });
    const disabled = { ...deps, users: { list: async () => [account('cara@council.example.org', false)] } } as ContributionDeps;
    await expect(commission(disabled, REF, body, bm, meta)).rejects.toMatchObject({ errors: [{ text: expect.stringMatching(/^The account for cara@council.example.org is disabled/) }] });
    expect(held.size).toBe(2);
    const ok = { ...deps, users: { list: async () => [account('CARA@council.example.org')] } } as ContributionDeps;
    await commission(ok, REF, body, bm, meta);
    expect(held.size).toBe(3);
  });

  it('naming an author without an account on the Contributions page is refused: the senior officer is told to ask the business manager', async () => {
    const { deps, held } = setUp();
    const withUsers = { ...deps, users: { list: async () => [account(HEALTH_SO)] } } as ContributionDeps;
    await expect(nameContributionAuthor(withUsers, REF, 'c2', { authorName: 'Gina', authorJobTitle: 'GP', authorEmail: 'gina@gp.example.org' }, staff(HEALTH_SO), meta)).rejects.toMatchObject({
      errors: [{ name: 'authorEmail', text: 'Ask the Board’s business manager to invite gina@gp.example.org, then name them again' }],
    });
    expect(held.get('c2')!.status).toBe('awaiting-author');
    await expect(nameContributionAuthor(withUsers, REF, 'c2', { authorName: 'Gina', authorJobTitle: 'GP', authorEmail: HEALTH_SO }, staff(HEALTH_SO), meta)).resolves.toMatchObject({ status: 'awaiting-declaration' });
  });

  it('the refusal is a validation error (a 400 with the GOV.UK error summary), not a 409', async () => {
    const { deps } = setUp();
    const none = { ...deps, users: { list: async () => [] } } as ContributionDeps;
    await expect(commission(none, REF, body, staff('bm@example.org', ['business-manager']), meta)).rejects.toBeInstanceOf(ValidationError);
  });
});
