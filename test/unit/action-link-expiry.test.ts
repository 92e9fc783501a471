import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { act, describeAction, type StageDeps } from '../../functions/domain/decision/stage-actions.js';
import { actionLinkExpiry } from '../../functions/domain/access/action-links.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds, hashSecret } from '../../functions/ports/ids.js';
import type { Caller } from '../../functions/ports/identity.js';
import { MemoryStore } from '../fakes/memory.js';
import { makeReferral } from '../factories/referral.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const calendar = englandAndWalesCalendar();
const chair: Caller = {
  userId: 'u-sub',
  email: board.subCommitteeChair.email,
  pool: 'staff',
  roles: ['sub-committee-chair'],
  sessionId: 's',
  authTime: 0,
} as Caller;
const meta = { requestId: 'r' };

let store: MemoryStore;
let clock: FakeClock;
let deps: StageDeps;
const secret = 'a'.repeat(43);

beforeEach(async () => {
  store = new MemoryStore();
  clock = new FakeClock('2026-11-26T10:00:00Z');
  const { caseRecord } = buildCase(makeReferral(), 'SCR-2026-0001', clock.now(), { board, calendar, ids: cryptoIds }, { requestId: 'r' });
  store.cases.set(caseRecord.reference, caseRecord);
  await store.putLink({
    tokenHash: await hashSecret(secret),
    reference: 'SCR-2026-0001',
    action: 'recommend',
    intendedEmail: board.subCommitteeChair.email.toLowerCase(),
    forStatus: 'awaiting-recommendation',
    createdAt: clock.now().toISOString(),
    expiresAt: actionLinkExpiry(clock.now(), board.procedureProfile),
  });
  deps = { store: store as never, clock, ids: cryptoIds, board, calendar };
});

describe('an action link with an absolute expiry (actionLinkExpiryDays)', () => {
  it('is open until it expires, then the page says when it expired', async () => {
    clock.set('2026-12-24T09:59:59Z');
    expect(await describeAction(deps, secret, chair, meta)).toMatchObject({ state: 'open' });
    clock.set('2026-12-24T10:00:00Z');
    const expired = await describeAction(deps, secret, chair, meta);
    expect(expired).toMatchObject({ state: 'expired', expiredOn: 'Thursday 24 December 2026' });
  });

  it('acts on nothing once expired, and says so', async () => {
    clock.set('2026-12-25T10:00:00Z');
    await expect(act(deps, secret, { outcome: 'no-review', rationale: 'x', criteriaApplied: [] }, chair, meta)).rejects.toMatchObject({
      name: 'ConflictError',
      message: "This link expired on Thursday 24 December 2026. Nothing was changed. A reminder email brings a new link, or ask the Board’s business manager.",
    });
    expect(store.cases.get('SCR-2026-0001')?.status).toBe('awaiting-recommendation');
  });
});
