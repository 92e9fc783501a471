import { describe, expect, it } from 'vitest';
import {
  genogramSvg,
  genogramText,
  layoutGenogram,
  overlaps,
  unionsOf,
  type GenogramInput,
  type GenogramPerson,
  type GenogramRelationship,
} from '../../functions/domain/report/genogram.js';

const person = (id: string, extra: Partial<GenogramPerson> = {}): GenogramPerson => ({
  id,
  name: `Person ${id}`,
  relationship: 'Relative',
  gender: 'unknown',
  inHousehold: false,
  subjectChild: false,
  ...extra,
});
let rid = 0;
const rel = (kind: GenogramRelationship['kind'], from: string, to: string): GenogramRelationship => ({ id: `r${rid++}`, kind, from, to });

/** A household of eight and the family round it (the e2e's family too). */
export function householdOfEight(): GenogramInput {
  return {
    people: [
      person('mgm', { name: 'Grandmother', relationship: 'Maternal grandmother', gender: 'female', bornYear: 1960, inHousehold: true }),
      person('mgf', { name: 'Grandfather', relationship: 'Maternal grandfather', gender: 'male', bornYear: 1958, diedYear: 2019 }),
      person('mum', { name: 'Mother', relationship: 'Mother', gender: 'female', bornYear: 1990, inHousehold: true }),
      person('dad', { name: 'Father', relationship: 'Father', gender: 'male', bornYear: 1988 }),
      person('step', { name: 'Stepfather', relationship: "Mother's partner", gender: 'male', bornYear: 1985, inHousehold: true }),
      person('child', { name: 'Child A', relationship: 'Subject child', gender: 'female', bornYear: 2020, inHousehold: true, subjectChild: true }),
      person('sib1', { name: 'Sibling B', relationship: 'Brother', gender: 'male', bornYear: 2015, inHousehold: true }),
      person('sib2', { name: 'Sibling C', relationship: 'Half-sister', gender: 'female', bornYear: 2023, inHousehold: true }),
      person('sib3', { name: 'Sibling D', relationship: 'Half-sibling', gender: 'unknown', bornYear: 2025, inHousehold: true }),
      person('uncle', { name: 'Uncle', relationship: 'Maternal uncle', gender: 'male', bornYear: 1993, inHousehold: true }),
    ],
    relationships: [
      rel('partnership', 'mgm', 'mgf'),
      rel('parent-child', 'mgm', 'mum'),
      rel('parent-child', 'mgf', 'mum'),
      rel('parent-child', 'mgm', 'uncle'),
      rel('parent-child', 'mgf', 'uncle'),
      rel('separated', 'mum', 'dad'),
      rel('parent-child', 'mum', 'child'),
      rel('parent-child', 'dad', 'child'),
      rel('parent-child', 'mum', 'sib1'),
      rel('parent-child', 'dad', 'sib1'),
      rel('partnership', 'mum', 'step'),
      rel('parent-child', 'mum', 'sib2'),
      rel('parent-child', 'step', 'sib2'),
      rel('parent-child', 'mum', 'sib3'),
      rel('parent-child', 'step', 'sib3'),
    ],
  };
}

/**
 * An invented family of `size` people over four generations: couples, their
 * children, some of whom have partners and children, single parents, some
 * dead, some in the household. Deterministic for a size.
 */
function family(size: number): GenogramInput {
  const people: GenogramPerson[] = [];
  const relationships: GenogramRelationship[] = [];
  const genders = ['female', 'male', 'unknown'] as const;
  let next = 0;
  const add = (generation: number) => {
    const id = `p${next++}`;
    people.push(person(id, { gender: genders[next % 3]!, bornYear: 1940 + generation * 25 + (next % 7), inHousehold: generation >= 2 && next % 2 === 0, ...(next % 9 === 0 ? { diedYear: 2020 } : {}) }));
    return id;
  };
  let couples: [string, string | undefined][] = [[add(0), add(0)], [add(0), add(0)]];
  relationships.push(rel('partnership', couples[0]![0], couples[0]![1]!), rel('separated', couples[1]![0], couples[1]![1]!));
  let generation = 1;
  while (people.length < size) {
    const nextCouples: [string, string | undefined][] = [];
    for (const [a, b] of couples) {
      const children = 1 + ((next + generation) % 3);
      for (let c = 0; c < children && people.length < size; c++) {
        const child = add(generation);
        relationships.push(rel('parent-child', a, child));
        if (b) relationships.push(rel('parent-child', b, child));
        if (people.length < size && c % 2 === 0) {
          const partner = add(generation);
          relationships.push(rel(c % 4 === 0 ? 'partnership' : 'separated', child, partner));
          nextCouples.push([child, partner]);
        } else if (c % 3 === 1) {
          nextCouples.push([child, undefined]); // a single parent
        }
      }
    }
    if (people.length >= size) break;
    couples = nextCouples.length ? nextCouples : [[add(generation), undefined]];
    generation++;
  }
  people[people.length - 1]!.subjectChild = true;
  return { people, relationships };
}

describe('layoutGenogram', () => {
  it.each([10, 15, 20, 25, 30, 35, 40])('lays out %i people with no symbol or box overlapping another, children below parents', async (size) => {
    // Prepare
    const input = family(size);
    expect(input.people).toHaveLength(size);

    // Act
    const drawing = await layoutGenogram(input);

    // Assess: every pair of people, symbols and whole boxes (symbol and words)
    expect(drawing.people).toHaveLength(size);
    for (let i = 0; i < drawing.people.length; i++) {
      for (let j = i + 1; j < drawing.people.length; j++) {
        const a = drawing.people[i]!;
        const b = drawing.people[j]!;
        expect(overlaps(a.symbol, b.symbol), `${a.person.id} and ${b.person.id}`).toBe(false);
        expect(overlaps(a.box, b.box), `${a.person.id} and ${b.person.id}`).toBe(false);
      }
    }
    const at = new Map(drawing.people.map((p) => [p.person.id, p.box]));
    for (const r of input.relationships.filter((x) => x.kind === 'parent-child')) {
      expect(at.get(r.to)!.y, `${r.to} below ${r.from}`).toBeGreaterThan(at.get(r.from)!.y + at.get(r.from)!.height);
    }
    for (const p of drawing.people) {
      expect(p.box.x + p.box.width).toBeLessThanOrEqual(drawing.width);
      expect(p.box.y + p.box.height).toBeLessThanOrEqual(drawing.height);
    }
  });

  it('puts partners side by side in one generation, and the household inside its boundary', async () => {
    const input = householdOfEight();

    const drawing = await layoutGenogram(input);

    const at = new Map(drawing.people.map((p) => [p.person.id, p]));
    expect(at.get('mum')!.box.y).toBe(at.get('dad')!.box.y);
    expect(at.get('mum')!.box.y).toBe(at.get('step')!.box.y);
    expect(at.get('mgm')!.box.y).toBe(at.get('mgf')!.box.y);
    const centre = (p: { symbol: { x: number; y: number; width: number; height: number } }) => ({ x: p.symbol.x + p.symbol.width / 2, y: p.symbol.y + p.symbol.height / 2 });
    const inside = (pt: { x: number; y: number }) => drawing.household.some((poly) => pointInPolygon(pt, poly));
    for (const p of drawing.people) expect(inside(centre(p)), p.person.id).toBe(p.person.inHousehold);
  });
});

function pointInPolygon(pt: { x: number; y: number }, poly: { x: number; y: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > pt.y !== b.y > pt.y && pt.x < ((b.x - a.x) * (pt.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

describe('unionsOf', () => {
  it('makes one union per couple and per single parent, children under their own parents', () => {
    const unions = unionsOf(householdOfEight());

    const byPartners = (ids: string[]) => unions.find((u) => [...u.partners].sort().join() === [...ids].sort().join());
    expect(byPartners(['mum', 'dad'])).toMatchObject({ kind: 'separated', children: ['child', 'sib1'] });
    expect(byPartners(['mum', 'step'])).toMatchObject({ kind: 'partnership', children: ['sib2', 'sib3'] });
    expect(byPartners(['mgm', 'mgf'])).toMatchObject({ kind: 'partnership', children: ['mum', 'uncle'] });
    expect(unions).toHaveLength(3);
    expect(unionsOf({ people: [person('a'), person('b')], relationships: [rel('parent-child', 'a', 'b')] })).toEqual([
      { id: 'u:a', kind: 'single', partners: ['a'], children: ['b'] },
    ]);
  });
});

describe('genogramSvg', () => {
  it('draws each gender’s symbol, a cross for a death, the subject child doubled, separation strokes, the household, a title and description', async () => {
    const drawing = await layoutGenogram(householdOfEight());

    const svg = genogramSvg(drawing, { title: 'Genogram of the family of SCR-2026-0001' });

    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="genogram-title genogram-desc"/);
    expect(svg).toContain('<title id="genogram-title">Genogram of the family of SCR-2026-0001</title>');
    expect(svg).toContain('<desc id="genogram-desc">Genogram of 10 people.');
    expect(svg.match(/<g class="genogram-symbol" [^>]*><rect /g)).toHaveLength(5); // grandfather, father, stepfather, uncle, brother
    expect(svg.match(/<g class="genogram-symbol" [^>]*><circle /g)).toHaveLength(4); // grandmother, mother, child, half-sister
    expect(svg.match(/<g class="genogram-symbol" [^>]*><polygon /g)).toHaveLength(1); // the half-sibling of gender not known
    expect(svg.match(/genogram-subject/g)).toHaveLength(1);
    expect(svg.match(/class="genogram-death"/g)).toHaveLength(1);
    expect(svg.match(/class="genogram-household"/g)!.length).toBeGreaterThanOrEqual(1);
    // Three couples: each a path; the separated one has its two strokes as one more path.
    expect(svg.match(/<path class="genogram-line" [^>]*d=/g)).toHaveLength(4);
    // No <style> element: the page's Content Security Policy allows no inline styles.
    expect(svg).not.toContain('<style');
    expect(svg).toContain('<title>Child A (the subject child): Subject child; female; born 2020; lives in the household</title>');
  });

  it('escapes what people typed', async () => {
    const drawing = await layoutGenogram({ people: [person('a', { name: '<script>&"', subjectChild: true })], relationships: [] });

    const svg = genogramSvg(drawing, { title: 'A & B' });

    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&amp;&quot;');
    expect(svg).toContain('A &amp; B');
  });
});

describe('genogramText', () => {
  it('lists every person and every relationship in words', () => {
    const input = householdOfEight();

    const text = genogramText(input);

    expect(text).toHaveLength(input.people.length + input.relationships.length);
    expect(text).toContain('Grandfather: Maternal grandfather; male; born 1958, died 2019; does not live in the household');
    expect(text).toContain('Sibling D: Half-sibling; gender not known; born 2025; lives in the household');
    expect(text).toContain('Child A (the subject child): Subject child; female; born 2020; lives in the household');
    expect(text).toContain('Grandmother and Grandfather are partners');
    expect(text).toContain('Mother and Father were partners and have separated');
    expect(text).toContain('Mother is a parent of Child A');
  });
});
