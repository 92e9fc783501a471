/**
 * The genogram of the overview report (procedure Appendix B, "The facts"):
 * the family, extended family and household members the overview author
 * records, drawn with the standard symbols. Pure: no AWS, no React. The page
 * (web/src/pages/report) and the exported report draw the same drawing.
 *
 * - `layoutGenogram(input)` places everyone with a graph library (ELK's
 *   layered algorithm, generations top to bottom): nothing is hand-placed.
 *   Each couple (or single parent) is a small "union" node between the
 *   parents' generation and their children's, so partners sit side by side
 *   and children below them.
 * - `genogramSvg(drawing)` draws it: square male, circle female, diamond
 *   unknown; a cross over someone who died; a line joining partners, with two
 *   strokes across it when they separated; a line down to a bar over their
 *   children; a dashed boundary round the household; the subject child with
 *   a double outline. With `<title>` and `<desc>`.
 * - `genogramText(input)` is the text alternative: every person and every
 *   relationship in words.
 */

export type GenogramGender = 'female' | 'male' | 'unknown';
export type GenogramRelationshipKind = 'parent-child' | 'partnership' | 'separated';

export interface GenogramPerson {
  id: string;
  /** How the report names them: a name, a role or an agreed pseudonym. */
  name: string;
  /** Their relationship to the subject child: "Mother", "Maternal grandmother"... */
  relationship: string;
  gender: GenogramGender;
  bornYear?: number;
  diedYear?: number;
  /** Lives in the child's household. */
  inHousehold: boolean;
  /** The child the review is about (exactly one). */
  subjectChild: boolean;
}

export interface GenogramRelationship {
  id: string;
  kind: GenogramRelationshipKind;
  /** For parent-child, the parent. */
  from: string;
  /** For parent-child, the child. */
  to: string;
}

export interface GenogramInput {
  people: GenogramPerson[];
  relationships: GenogramRelationship[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedPerson {
  person: GenogramPerson;
  /** The whole node: symbol and its words beside it. */
  box: Box;
  /** The symbol alone (square, circle or diamond). */
  symbol: Box;
}

/** A couple, or a single parent, and their children, joined below the parents. */
export interface PlacedUnion {
  id: string;
  /** 'parents' when two people share a child but no partnership is recorded; 'single' for one parent. */
  kind: 'partnership' | 'separated' | 'parents' | 'single';
  partners: string[];
  children: string[];
  /** Where the library placed the union. */
  x: number;
  y: number;
  /** Where the partnership line runs: `y`, moved up or down a little when another couple's line would run over it. */
  lineY: number;
}

export interface GenogramDrawing {
  width: number;
  height: number;
  people: PlacedPerson[];
  unions: PlacedUnion[];
  /** The household boundary: one closed outline (points) per run of household members the layout kept together. */
  household: { x: number; y: number }[][];
}

export const PERSON_WIDTH = 180;
export const PERSON_HEIGHT = 44;
export const SYMBOL_SIZE = 36;
const SYMBOL_INSET = 4;
const UNION_SIZE = 8;
const HOUSEHOLD_PAD = 8;

const genderWords: Record<GenogramGender, string> = { female: 'female', male: 'male', unknown: 'gender not known' };

interface Union {
  id: string;
  kind: PlacedUnion['kind'];
  partners: string[];
  children: string[];
}

/** Couples (and single parents) with their children, from the relationships. */
export function unionsOf(input: GenogramInput): Union[] {
  const unions = new Map<string, Union>();
  const keyOf = (ids: string[]) => [...ids].sort().join('+');
  for (const r of input.relationships) {
    if (r.kind === 'parent-child') continue;
    const key = keyOf([r.from, r.to]);
    const existing = unions.get(key);
    // A couple recorded as both together and separated: separated wins (the later state).
    if (!existing || r.kind === 'separated') unions.set(key, { id: `u:${key}`, kind: r.kind, partners: [r.from, r.to], children: existing?.children ?? [] });
  }
  const parentsOf = new Map<string, string[]>();
  for (const r of input.relationships) {
    if (r.kind === 'parent-child') parentsOf.set(r.to, [...(parentsOf.get(r.to) ?? []), r.from]);
  }
  for (const person of input.people) {
    const parents = [...new Set(parentsOf.get(person.id) ?? [])];
    if (parents.length === 0) continue;
    const key = keyOf(parents);
    let union = unions.get(key);
    if (!union) {
      union = { id: `u:${key}`, kind: parents.length === 1 ? 'single' : 'parents', partners: parents, children: [] };
      unions.set(key, union);
    }
    union.children.push(person.id);
  }
  return [...unions.values()];
}

interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkNode[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
  layoutOptions?: Record<string, string>;
}

/**
 * Lays the genogram out with ELK (layered, top to bottom). Household members
 * are given first so that, within a generation, the layout keeps them
 * together where it can (ELK's model order); the boundary is drawn round
 * each run it kept together.
 */
export async function layoutGenogram(input: GenogramInput): Promise<GenogramDrawing> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const people = [...input.people].sort((a, b) => Number(b.inHousehold) - Number(a.inHousehold));
  const unions = unionsOf(input);
  const graph: ElkNode = {
    id: 'genogram',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '30',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.padding': '[top=24,left=24,bottom=24,right=24]',
    },
    children: [
      ...people.map((p) => ({ id: p.id, width: PERSON_WIDTH, height: PERSON_HEIGHT })),
      ...unions.map((u) => ({ id: u.id, width: UNION_SIZE, height: UNION_SIZE })),
    ],
    edges: unions.flatMap((u) => [
      ...u.partners.map((p) => ({ id: `${p}>${u.id}`, sources: [p], targets: [u.id] })),
      ...u.children.map((c) => ({ id: `${u.id}>${c}`, sources: [u.id], targets: [c] })),
    ]),
  };
  const laid = (await elk.layout(graph as Parameters<typeof elk.layout>[0])) as ElkNode;
  const at = new Map((laid.children ?? []).map((n) => [n.id, n] as const));
  const placed: PlacedPerson[] = people.map((person) => {
    const n = at.get(person.id)!;
    const box = { x: n.x ?? 0, y: n.y ?? 0, width: PERSON_WIDTH, height: PERSON_HEIGHT };
    return { person, box, symbol: { x: box.x + SYMBOL_INSET, y: box.y + (PERSON_HEIGHT - SYMBOL_SIZE) / 2, width: SYMBOL_SIZE, height: SYMBOL_SIZE } };
  });
  const centreX = new Map(placed.map((p) => [p.person.id, p.symbol.x + p.symbol.width / 2] as const));
  const placedUnions = inLanes(
    unions.map((u) => {
      const n = at.get(u.id)!;
      const xs = u.partners.map((id) => centreX.get(id) ?? 0);
      return { ...u, x: (n.x ?? 0) + UNION_SIZE / 2, y: (n.y ?? 0) + UNION_SIZE / 2, from: Math.min(...xs), to: Math.max(...xs) };
    }),
  );
  return {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    people: placed,
    unions: placedUnions,
    household: householdOutlines(placed),
  };
}

const LANE_GAP = 7;

/**
 * Couples whose partnership lines would run over each other (one person with
 * two partners, both lines in the same gap) get lines a few pixels apart.
 */
function inLanes(unions: (Omit<PlacedUnion, 'lineY'> & { from: number; to: number })[]): PlacedUnion[] {
  const lineY = new Map<string, number>();
  const byY = new Map<number, typeof unions>();
  for (const u of unions) byY.set(Math.round(u.y), [...(byY.get(Math.round(u.y)) ?? []), u]);
  for (const group of byY.values()) {
    const lanes: number[] = []; // each lane's rightmost end
    const laneOf = new Map<string, number>();
    for (const u of [...group].sort((a, b) => a.from - b.from || a.to - b.to)) {
      let lane = lanes.findIndex((end) => end < u.from - 4);
      if (lane === -1) lane = lanes.push(u.to) - 1;
      else lanes[lane] = u.to;
      laneOf.set(u.id, lane);
    }
    for (const u of group) lineY.set(u.id, u.y + (laneOf.get(u.id)! - (lanes.length - 1) / 2) * LANE_GAP);
  }
  return unions.map(({ from: _from, to: _to, ...u }) => ({ ...u, lineY: lineY.get(u.id)! }));
}

/**
 * The household boundary: the household members of each generation (row)
 * in runs not broken by someone outside the household; runs of consecutive
 * generations, where each generation has exactly one, are joined into one
 * outline stepping between them in the gap between rows (where no one is
 * drawn), just below the upper row. Every other run is an outline of its own.
 */
export function householdOutlines(people: readonly PlacedPerson[]): { x: number; y: number }[][] {
  const rows = new Map<number, PlacedPerson[]>();
  for (const p of people) rows.set(Math.round(p.box.y), [...(rows.get(Math.round(p.box.y)) ?? []), p]);
  const ys = [...rows.keys()].sort((a, b) => a - b);
  type Run = { left: number; right: number; top: number; bottom: number };
  const runsByRow: Run[][] = ys.map((y) => {
    const row = rows.get(y)!.sort((a, b) => a.box.x - b.box.x);
    const runs: Run[] = [];
    let current: PlacedPerson[] = [];
    const close = () => {
      if (current.length) {
        runs.push({
          left: current[0]!.box.x - HOUSEHOLD_PAD,
          right: current.at(-1)!.box.x + current.at(-1)!.box.width + HOUSEHOLD_PAD,
          top: y - HOUSEHOLD_PAD,
          bottom: y + PERSON_HEIGHT + HOUSEHOLD_PAD,
        });
      }
      current = [];
    };
    for (const p of row) {
      if (p.person.inHousehold) current.push(p);
      else close();
    }
    close();
    return runs;
  });
  const outlines: { x: number; y: number }[][] = [];
  let chain: Run[] = [];
  const flush = () => {
    if (chain.length) outlines.push(stepOutline(chain));
    chain = [];
  };
  runsByRow.forEach((runs, i) => {
    if (runs.length === 1 && chain.length && runsByRow[i - 1]?.length === 1) {
      chain.push(runs[0]!);
      return;
    }
    flush();
    if (runs.length === 1) chain = [runs[0]!];
    else for (const r of runs) outlines.push(stepOutline([r]));
  });
  flush();
  return outlines;
}

/** One closed outline round stacked runs (top to bottom), stepping half-way between rows. */
function stepOutline(runs: { left: number; right: number; top: number; bottom: number }[]): { x: number; y: number }[] {
  const right: { x: number; y: number }[] = [];
  const left: { x: number; y: number }[] = [];
  runs.forEach((r, i) => {
    // Step just below the row above, clear of the partnership lines and sibling bars in the gap.
    const top = i === 0 ? r.top : runs[i - 1]!.bottom;
    const bottom = r.bottom;
    right.push({ x: r.right, y: top }, { x: r.right, y: bottom });
    left.push({ x: r.left, y: top }, { x: r.left, y: bottom });
  });
  return [...right, ...left.reverse()];
}

/** True when two boxes overlap (touching edges do not). */
export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const n = (v: number) => String(Math.round(v * 10) / 10);

/*
 * Presentation attributes, not a <style> element: the page's Content
 * Security Policy allows no inline styles, and Word and PDF exports read
 * attributes more reliably than CSS.
 */
const INK = '#0b0c0c';
const STROKE = `stroke="${INK}" stroke-width="2"`;
const SYMBOL_ATTRS = `fill="#ffffff" ${STROKE}`;
const LINE_ATTRS = `fill="none" ${STROKE}`;

/** "born 1990", "born 1950, died 2020", "died 2020", or nothing. */
export function lifeYears(p: Pick<GenogramPerson, 'bornYear' | 'diedYear'>): string {
  const parts = [p.bornYear !== undefined ? `born ${p.bornYear}` : '', p.diedYear !== undefined ? `died ${p.diedYear}` : ''].filter(Boolean);
  return parts.join(', ');
}

function symbolSvg(p: PlacedPerson): string {
  const { x, y, width: w, height: h } = p.symbol;
  const cx = x + w / 2;
  const cy = y + h / 2;
  const shape = (inset: number) => {
    if (p.person.gender === 'male') return `<rect x="${n(x + inset)}" y="${n(y + inset)}" width="${n(w - 2 * inset)}" height="${n(h - 2 * inset)}"/>`;
    if (p.person.gender === 'female') return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(w / 2 - inset)}"/>`;
    const r = w / 2 - inset;
    return `<polygon points="${n(cx)},${n(cy - r)} ${n(cx + r)},${n(cy)} ${n(cx)},${n(cy + r)} ${n(cx - r)},${n(cy)}"/>`;
  };
  const parts = [`<g class="genogram-symbol" ${SYMBOL_ATTRS}>${shape(0)}</g>`];
  if (p.person.subjectChild) parts.push(`<g class="genogram-symbol genogram-subject" ${SYMBOL_ATTRS}>${shape(5)}</g>`);
  if (p.person.diedYear !== undefined) {
    parts.push(`<path class="genogram-death" ${STROKE} d="M${n(x)} ${n(y)}L${n(x + w)} ${n(y + h)}M${n(x + w)} ${n(y)}L${n(x)} ${n(y + h)}"/>`);
  }
  return parts.join('');
}

/** The drawing as SVG: standard symbols and lines, with a title and a description. */
export function genogramSvg(drawing: GenogramDrawing, options: { title?: string; idPrefix?: string } = {}): string {
  const prefix = options.idPrefix ?? 'genogram';
  const title = options.title ?? 'Genogram';
  const byId = new Map(drawing.people.map((p) => [p.person.id, p] as const));
  const household = drawing.people.filter((p) => p.person.inHousehold).length;
  const desc =
    `Genogram of ${drawing.people.length} people. Squares are male, circles female, diamonds of gender not known; ` +
    'a cross marks someone who has died; the double outline marks the subject child; a line joins partners, two short strokes across it mark a separation; ' +
    `children hang below their parents; the dashed outline surrounds the ${household} members of the household. The text alternative lists every person and relationship.`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="genogram" role="img" aria-labelledby="${prefix}-title ${prefix}-desc" viewBox="0 0 ${drawing.width} ${drawing.height}" width="${drawing.width}" height="${drawing.height}" font-family="Arial, sans-serif" font-size="12">`,
    `<title id="${prefix}-title">${escapeXml(title)}</title>`,
    `<desc id="${prefix}-desc">${escapeXml(desc)}</desc>`,
  );
  for (const outline of drawing.household) {
    out.push(`<polygon class="genogram-household" fill="none" stroke="#505a5f" stroke-width="2" stroke-dasharray="8 4" points="${outline.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}"><title>Household</title></polygon>`);
  }
  for (const u of drawing.unions) {
    const parents = u.partners.map((id) => byId.get(id)).filter((p): p is PlacedPerson => p !== undefined);
    if (!parents.length) continue;
    const xs = parents.map((p) => p.symbol.x + p.symbol.width / 2);
    const minX = Math.min(...xs);
    const maxX = Math.max(...xs);
    // Two parents with no partnership recorded: a dotted line.
    const lineAttrs = u.kind === 'parents' ? `class="genogram-line genogram-line-parents" ${LINE_ATTRS} stroke-dasharray="2 3"` : `class="genogram-line" ${LINE_ATTRS}`;
    const d: string[] = [];
    for (const p of parents) d.push(`M${n(p.symbol.x + p.symbol.width / 2)} ${n(p.symbol.y + p.symbol.height)}V${n(u.lineY)}`);
    if (parents.length > 1) d.push(`M${n(minX)} ${n(u.lineY)}H${n(maxX)}`);
    // Children hang from the middle of the partnership line (from the parent, for a single parent).
    const dropX = parents.length > 1 ? Math.min(maxX, Math.max(minX, u.x)) : minX;
    const children = u.children.map((id) => byId.get(id)).filter((p): p is PlacedPerson => p !== undefined);
    if (children.length) {
      const childTop = Math.min(...children.map((c) => c.symbol.y));
      const barY = (u.y + UNION_SIZE + childTop) / 2;
      const cxs = children.map((c) => c.symbol.x + c.symbol.width / 2);
      d.push(`M${n(dropX)} ${n(u.lineY)}V${n(barY)}`);
      d.push(`M${n(Math.min(dropX, ...cxs))} ${n(barY)}H${n(Math.max(dropX, ...cxs))}`);
      for (const c of children) d.push(`M${n(c.symbol.x + c.symbol.width / 2)} ${n(barY)}V${n(c.symbol.y)}`);
    }
    out.push(`<path ${lineAttrs} d="${d.join('')}"/>`);
    if (u.kind === 'separated' && parents.length > 1) {
      const mx = (minX + maxX) / 2 + (dropX === (minX + maxX) / 2 ? 12 : 0);
      out.push(`<path class="genogram-line" ${LINE_ATTRS} d="M${n(mx - 7)} ${n(u.lineY + 7)}L${n(mx - 1)} ${n(u.lineY - 7)}M${n(mx + 1)} ${n(u.lineY + 7)}L${n(mx + 7)} ${n(u.lineY - 7)}"/>`);
    }
  }
  for (const p of drawing.people) {
    const tx = p.symbol.x + p.symbol.width + 6;
    const lines = [
      `<text class="genogram-name" font-weight="bold" x="${n(tx)}" y="${n(p.box.y + 13)}">${escapeXml(clip(p.person.name, 22))}</text>`,
      `<text x="${n(tx)}" y="${n(p.box.y + 27)}">${escapeXml(clip(p.person.relationship, 24))}</text>`,
    ];
    const years = [p.person.bornYear !== undefined ? `b. ${p.person.bornYear}` : '', p.person.diedYear !== undefined ? `d. ${p.person.diedYear}` : ''].filter(Boolean).join(' ');
    if (years) lines.push(`<text x="${n(tx)}" y="${n(p.box.y + 41)}">${years}</text>`);
    out.push(`<g class="genogram-person"><title>${escapeXml(personWords(p.person))}</title>${symbolSvg(p)}${lines.join('')}</g>`);
  }
  out.push('</svg>');
  return out.join('');
}

function personWords(p: GenogramPerson): string {
  const facts = [genderWords[p.gender], lifeYears(p), p.inHousehold ? 'lives in the household' : 'does not live in the household'].filter(Boolean);
  return `${p.name}${p.subjectChild ? ' (the subject child)' : ''}: ${p.relationship}; ${facts.join('; ')}`;
}

/**
 * The text alternative: one line per person (name, relationship to the
 * subject child, gender, born and died years, household), then one per
 * relationship, in the order they were recorded.
 */
export function genogramText(input: GenogramInput): string[] {
  const nameOf = new Map(input.people.map((p) => [p.id, p.name] as const));
  const people = input.people.map(personWords);
  const relationships = input.relationships.map((r) => {
    const a = nameOf.get(r.from) ?? 'Someone not listed';
    const b = nameOf.get(r.to) ?? 'someone not listed';
    if (r.kind === 'parent-child') return `${a} is a parent of ${b}`;
    if (r.kind === 'partnership') return `${a} and ${b} are partners`;
    return `${a} and ${b} were partners and have separated`;
  });
  return [...people, ...relationships];
}
