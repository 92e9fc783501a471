import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { commissionAuthor, declareAuthorIndependence, emptyOverview } from '../../functions/domain/report/overview-author.js';
import { overviewEmail, owedOverviewEmails, sendOwedOverviewEmails } from '../../functions/domain/report/overview-emails.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const now = new Date('2026-12-01T10:00:00Z');
const REF = 'SCR-2026-0001';
const commissioned = commissionAuthor(emptyOverview(REF), { authorName: 'Olive Overview', authorEmail: 'olive@overview.example.org' }, 'u1', now, 'bm@example.org');

describe('the email the overview report owes (11.2)', () => {
  it('the commissioned author, until they declare; nobody before or after', () => {
    expect(owedOverviewEmails(undefined)).toEqual([]);
    expect(owedOverviewEmails(emptyOverview(REF))).toEqual([]);
    expect(owedOverviewEmails(commissioned)).toEqual([{ kind: 'overview-author-commissioned', recipientRole: 'overview:author:olive@overview.example.org', to: 'olive@overview.example.org' }]);
    const declared = declareAuthorIndependence(commissioned, 'olive@overview.example.org', { bodies: [], professionals: true }, [], now).record;
    expect(owedOverviewEmails(declared)).toEqual([]);
  });

  it('carries the reference, what is needed and a link to the page: never the author’s name', () => {
    const content = overviewEmail(REF, board, 'https://scr.example.org');

    expect(content.subject).toBe(`You are asked to write the overview report: serious case review ${REF}`);
    expect(content.text).toContain('declare that you are independent');
    expect(content.text).toContain(`https://scr.example.org/cases/${REF}/report/author`);
    expect(content.text).toContain('Opening the link changes nothing');
    expect(`${content.subject}${content.text}${content.html}`).not.toMatch(/Olive/);
  });

  it('goes once, whatever sweeps follow', async () => {
    const mailer = new MemoryMailer();
    const deps = { store: new MemoryStore() as never, mailer, clock: new FakeClock(now.toISOString()), ids: cryptoIds, board, appBaseUrl: 'https://scr.example.org' };

    await sendOwedOverviewEmails(deps, REF, commissioned);
    await sendOwedOverviewEmails(deps, REF, commissioned);
    const settled = await sendOwedOverviewEmails(deps, REF, commissioned, new Set(['overview-author-commissioned overview:author:olive@overview.example.org']));

    expect(mailer.sent.map((m) => m.to[0])).toEqual(['olive@overview.example.org']);
    expect(settled).toEqual([]);
  });
});
