import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoardConfig } from '../../functions/config/board.js';
import { seededAccountLabel } from '../../infra/local/account-labels.js';

const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));

describe('npm start names each seeded account', () => {
  it('tells the external readers apart', () => {
    const labels = [board.ofstedNationalBusinessUnit, board.strategicHealthAuthority, board.childrensServicesAdviser, ...board.otherBoardChairs].map((p) =>
      seededAccountLabel({ email: p.email.toUpperCase(), role: 'external-reader' }, board),
    );
    expect(labels[0]).toMatch(/^Ofsted’s National Business Unit/);
    expect(labels[1]).toMatch(/^The Strategic Health Authority/);
    expect(labels[2]).toMatch(/^The Children’s Services Adviser/);
    expect(labels[3]).toMatch(/^Chair of Neighbouring LSCB, another Board/);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('names the Board’s offices by their role', () => {
    expect(seededAccountLabel({ email: board.boardChair.email, role: 'board-chair' }, board)).toBe('Board chair');
    expect(seededAccountLabel({ email: 'someone@example.org', role: 'external-reader' }, board)).toMatch(/^External reader/);
  });
});
