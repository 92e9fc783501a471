import { describe, expect, it } from 'vitest';
import type { ChronologyRow } from '../../functions/domain/contributions/chronology.js';
import type { Contribution } from '../../functions/domain/contributions/contributions.js';
import type { ChronologyGroup } from '../../functions/domain/report/integrated-chronology.js';
import { overviewForExport } from '../../functions/domain/report/overview-export.js';

/** What an export of the overview report draws from its facts: the integrated chronology and the genogram (Appendix B). */
const row = (id: string, date: string, what: string, extra: Partial<ChronologyRow> = {}): ChronologyRow => ({
  id,
  position: 0,
  date,
  dateUncertain: false,
  role: 'Health visitor',
  organisation: 'Org',
  whatHappened: what,
  childSeen: 'no',
  wishesSought: 'no',
  wishesExpressed: 'no',
  wishesRecorded: 'no',
  sourceRecord: 'Case file',
  ...extra,
});
const contribution = (id: string, organisation: string, status: Contribution['status']) => ({ id, organisation, status }) as Contribution;

function stores(genogram: { people: unknown[]; relationships: unknown[] } | undefined, groups: ChronologyGroup[] = []) {
  const contributions = [contribution('c1', 'Northshire Police', 'accepted'), contribution('c2', 'Northshire NHS Trust', 'accepted'), contribution('c3', 'Draft School', 'in-progress' as never)];
  const rows: Record<string, ChronologyRow[]> = {
    c1: [row('r1', '2026-05-04', 'Police attended the home.', { time: '21:30', childSeen: 'yes' })],
    c2: [row('r2', '2026-05', 'GP appointment missed.', { decisionOrAction: 'Letter sent' }), row('r3', '2026-03-02', 'Health visitor visit.')],
    c3: [row('r4', '2026-04-01', 'A draft must never appear.')],
  };
  return {
    overview: { listChronologyGroups: async () => groups, getGenogram: async () => ({ version: 1, ...(genogram ? { content: genogram } : {}) }) as never },
    contributions: { listContributions: async () => contributions, listChronology: async (_ref: string, id: string) => rows[id] ?? [] },
  };
}

describe('the overview report export’s facts', () => {
  it('the accepted contributions’ rows merged in date order, attributed, with decisions and sources; never a draft’s', async () => {
    const out = await overviewForExport(stores(undefined), 'SCR-2026-0042');
    expect(out.chronology?.map((r) => [r.when, r.organisation, r.what.split('\n')[0]])).toEqual([
      ['2 March 2026', 'Northshire NHS Trust', 'Health visitor visit.'],
      // A month sorts before the days within it (the chronology module's rule).
      ['May 2026 (approximate)', 'Northshire NHS Trust', 'GP appointment missed.'],
      ['4 May 2026 21:30', 'Northshire Police', 'Police attended the home.'],
    ]);
    expect(out.chronology?.[2]).toMatchObject({ childSeen: true });
    expect(out.chronology?.[1]?.what).toBe('GP appointment missed.\nDecision or action: Letter sent\nSource: Case file');
    expect(JSON.stringify(out)).not.toContain('A draft must never appear');
    expect(out.genogramSvg).toBeUndefined();
  });

  it('the genogram drawn and listed when people are recorded', async () => {
    const genogram = {
      people: [
        { id: 'm', name: 'Mother', relationship: 'Mother', gender: 'female', inHousehold: true, subjectChild: false },
        { id: 'f', name: 'Father', relationship: 'Father', gender: 'male', inHousehold: false, subjectChild: false },
        { id: 'c', name: 'Child A', relationship: 'Subject child', gender: 'female', bornYear: 2024, inHousehold: true, subjectChild: true },
      ],
      relationships: [
        { id: 'p', kind: 'separated', from: 'm', to: 'f' },
        { id: 'a', kind: 'parent-child', from: 'm', to: 'c' },
        { id: 'b', kind: 'parent-child', from: 'f', to: 'c' },
      ],
    };
    const out = await overviewForExport(stores(genogram), 'SCR-2026-0042');
    expect(out.genogramSvg).toMatch(/^<svg[\s\S]*Child A[\s\S]*<\/svg>$/);
    expect(out.genogramText?.join('\n')).toMatch(/Child A/);
    expect(out.genogramText?.length).toBeGreaterThanOrEqual(3);
  });
});
