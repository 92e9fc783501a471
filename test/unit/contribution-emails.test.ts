import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { contributionEmail, owedContributionEmails, sendOwedContributionEmails } from '../../functions/domain/contributions/contribution-emails.js';
import { commissionContribution, declareIndependence, nameAuthor, submitContribution } from '../../functions/domain/contributions/contributions.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const calendar = englandAndWalesCalendar();
const now = new Date('2026-12-01T10:00:00Z');
const REF = 'SCR-2026-0001';
const asked = commissionContribution(
  { kind: 'imr', organisation: 'Northshire Police', seniorOfficerName: 'Sam Senior', seniorOfficerEmail: 'so@police.example.org' },
  { id: 'c1', reference: REF, now, by: 'bm', profile: board.procedureProfile, calendar, completionDate: '2027-03-30', existing: 0 },
);
const named = nameAuthor(asked, { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: 'author@police.example.org' }, now);
const submitted = submitContribution(declareIndependence(named, { notDirectlyConcerned: true, notLineManager: true }, now), now);

describe('the emails contributions owe', () => {
  it('the senior officer when asked, the author when named, the senior officer on each submission', () => {
    expect(owedContributionEmails([asked]).map((e) => [e.kind, e.to])).toEqual([['contribution-requested', 'so@police.example.org']]);
    expect(owedContributionEmails([named]).map((e) => [e.kind, e.to])).toEqual([
      ['contribution-requested', 'so@police.example.org'],
      ['contribution-author-named', 'author@police.example.org'],
    ]);
    expect(owedContributionEmails([submitted]).map((e) => e.kind)).toEqual(['contribution-requested', 'contribution-submitted']);
  });

  it('carry the reference, what is needed, by when and a link to the page: no names of the organisation or people', () => {
    for (const e of owedContributionEmails([named, submitted])) {
      const content = contributionEmail(e, REF, board, 'https://scr.example.org');
      expect(content.subject).toContain(REF);
      expect(content.text).toContain(`https://scr.example.org/cases/${REF}/contributions`);
      expect(`${content.subject}${content.text}${content.html}`).not.toMatch(/Northshire|Sam Senior|Ann Author/);
    }
    expect(contributionEmail(owedContributionEmails([asked])[0]!, REF, board, 'https://x').text).toContain('due by Friday 15 January 2027');
  });

  it('each goes once, whatever sweeps follow', async () => {
    const store = new MemoryStore();
    const mailer = new MemoryMailer();
    const deps = { store: store as never, mailer, clock: new FakeClock(now.toISOString()), ids: cryptoIds, board, appBaseUrl: 'https://scr.example.org' };
    await sendOwedContributionEmails(deps, REF, [asked]);
    await sendOwedContributionEmails(deps, REF, [named]);
    await sendOwedContributionEmails(deps, REF, [named]);
    expect(mailer.sent.map((m) => m.to[0])).toEqual(['so@police.example.org', 'author@police.example.org']);
    // What the caller knows is settled is not even claimed again.
    const results = await sendOwedContributionEmails(deps, REF, [named], new Set(['contribution-requested contribution:c1:senior-officer']));
    expect(results.map((r) => r.outcome)).toEqual(['already-sent']);
  });
});
