import { describe, expect, it } from 'vitest';
import { mayOnBoard, mayOnCase, roleOnCase } from '../../functions/domain/access/access.js';
import { staffRoles, type Role } from '../../functions/domain/access/roles.js';
import { isAllowedReferrerEmail } from '../../functions/domain/intake/referrer-domains.js';
import { timelineCsv } from '../../functions/domain/case/case-views.js';
import type { Caller } from '../../functions/ports/identity.js';

const staff = (role: Role): Caller => ({ userId: `u-${role}`, email: `${role}@example.org`, pool: 'staff', roles: [role], sessionId: 's', authTime: 0 });
const referrer: Caller = { userId: 'u-ref', email: 'ref@nhs.net', pool: 'referrer', roles: ['referrer'], sessionId: 's', authTime: 0 };

describe('role on a case (deny by default)', () => {
  it.each([
    ['business-manager', undefined, 'business-manager'],
    ['sub-committee-chair', undefined, 'sub-committee-chair'],
    ['board-chair', undefined, 'board-chair'],
    ['auditor', undefined, 'auditor'],
    ['sub-committee-member', undefined, undefined],
    ['agency-contributor', undefined, undefined],
    ['senior-officer', undefined, undefined],
    ['overview-author', undefined, undefined],
    ['external-reader', undefined, undefined],
    ['agency-contributor', 'agency-contributor', 'agency-contributor'],
    ['external-reader', 'external-reader', 'external-reader'],
  ] as const)('%s with membership %s -> %s', (group, membership, expected) => {
    expect(roleOnCase(staff(group), membership)).toBe(expected);
  });

  it('a referrer is on their own referral only', () => {
    expect(roleOnCase(referrer, 'referrer')).toBe('referrer');
    expect(roleOnCase(referrer, undefined)).toBeUndefined();
    // A referrer-pool token can never claim a staff role, whatever a membership says.
    expect(roleOnCase(referrer, 'business-manager')).toBeUndefined();
  });

  it('a staff token cannot act as a referrer through a referrer membership', () => {
    expect(roleOnCase(staff('agency-contributor'), 'referrer')).toBeUndefined();
  });
});

describe('what each role may do on a case', () => {
  const table: [Role, string[]][] = [
    ['business-manager', ['case.read', 'case.readSummary', 'timeline.read', 'members.add']],
    ['sub-committee-chair', ['case.read', 'case.readSummary', 'members.add']],
    ['sub-committee-member', ['case.read', 'case.readSummary']],
    ['board-chair', ['case.read', 'case.readSummary']],
    ['agency-contributor', ['case.read', 'case.readSummary']],
    ['senior-officer', ['case.read', 'case.readSummary']],
    ['overview-author', ['case.read', 'case.readSummary']],
    ['external-reader', ['case.readSummary']],
    ['auditor', ['case.read', 'case.readSummary', 'timeline.read']],
    ['referrer', ['referral.status']],
  ];
  const all = ['case.read', 'case.readSummary', 'timeline.read', 'members.add', 'referral.status'] as const;
  it.each(table)('%s', (role, allowed) => {
    expect(all.filter((a) => mayOnCase(role, a))).toEqual(allowed);
  });
  it('no role means nothing', () => {
    expect(all.some((a) => mayOnCase(undefined, a))).toBe(false);
  });
  it('only the business manager manages users and configuration', () => {
    for (const r of staffRoles) {
      expect(mayOnBoard(staff(r), 'users.manage')).toBe(r === 'business-manager');
      expect(mayOnBoard(staff(r), 'config.manage')).toBe(r === 'business-manager');
    }
    expect(mayOnBoard(referrer, 'cases.list')).toBe(false);
  });
});

describe('allowed referrer domains', () => {
  const allowed = ['nhs.net', 'nhs.uk', 'police.uk', 'gov.uk'];
  it.each([
    ['a.b@nhs.net', true],
    ['a@trust.nhs.uk', true],
    ['A@Met.Police.UK', true],
    ['a@evilnhs.uk', false],
    ['a@nhs.net.evil.com', false],
    ['a@gmail.com', false],
    ['not-an-email', false],
  ])('%s -> %s', (email, ok) => {
    expect(isAllowedReferrerEmail(email, allowed)).toBe(ok);
  });
});

describe('timeline CSV', () => {
  it('quotes, and neutralises spreadsheet formulas', () => {
    const csv = timelineCsv([{ at: '2026-11-26T10:00:00.000Z', action: 'case.viewed', description: 'Viewed, "twice"', actor: '=cmd|x', actorRole: 'auditor' }]);
    expect(csv.split('\r\n')[1]).toBe(`2026-11-26T10:00:00.000Z,case.viewed,"Viewed, ""twice""",'=cmd|x,auditor,,`);
  });
});
