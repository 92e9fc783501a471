import type { ChronologyEntry, RecordedAnswer } from './chronology.js';

/**
 * The columns of a chronology file, in template order. The import finds them
 * by heading, tolerantly (case, spaces, punctuation, "child's", a bracketed
 * hint like "(yes, no or not recorded)"); `aliases` are other headings
 * agencies use for the same thing.
 */
export type ChronologyColumnKey = Exclude<keyof ChronologyEntry, 'dateUncertain'>;

export interface ChronologyColumn {
  key: ChronologyColumnKey;
  heading: string;
  required: boolean;
  aliases: readonly string[];
  /** How the column is described in messages: "Row 7: enter {what}". */
  kind: 'date' | 'time' | 'text' | 'answer';
}

export const chronologyColumns: readonly ChronologyColumn[] = [
  { key: 'date', heading: 'Date', required: true, kind: 'date', aliases: ['date of event', 'event date', 'date of contact', 'date of involvement'] },
  { key: 'time', heading: 'Time', required: false, kind: 'time', aliases: ['time of event'] },
  { key: 'role', heading: 'Practitioner role', required: true, kind: 'text', aliases: ['role', 'practitioners role', 'role of practitioner', 'job role', 'job title', 'who role', 'who practitioner role'] },
  { key: 'organisation', heading: 'Organisation', required: true, kind: 'text', aliases: ['organization', 'agency', 'practitioners organisation', 'who organisation'] },
  { key: 'whatHappened', heading: 'What happened', required: true, kind: 'text', aliases: ['event', 'events', 'details of event', 'details of involvement', 'description', 'what happened event'] },
  {
    key: 'decisionOrAction',
    heading: 'Decision or action taken',
    required: false,
    kind: 'text',
    aliases: ['decision action taken', 'decision or action', 'decision action', 'action taken', 'decision taken', 'actions taken', 'outcome', 'action'],
  },
  { key: 'childSeen', heading: 'Child seen', required: true, kind: 'answer', aliases: ['seen', 'child seen yes no'] },
  { key: 'wishesSought', heading: "Child's wishes and feelings sought", required: true, kind: 'answer', aliases: ['wishes and feelings sought', 'wishes feelings sought'] },
  { key: 'wishesExpressed', heading: "Child's wishes and feelings expressed", required: true, kind: 'answer', aliases: ['wishes and feelings expressed', 'wishes feelings expressed'] },
  { key: 'wishesRecorded', heading: "Child's wishes and feelings recorded", required: true, kind: 'answer', aliases: ['wishes and feelings recorded', 'wishes feelings recorded'] },
  { key: 'sourceRecord', heading: 'Source record', required: true, kind: 'text', aliases: ['source', 'source of information', 'record', 'source document', 'reference'] },
];

/** How a column is named inside a row's message: "Row 7: enter whether the child was seen". */
export const answerQuestions: Record<'childSeen' | 'wishesSought' | 'wishesExpressed' | 'wishesRecorded', string> = {
  childSeen: 'whether the child was seen',
  wishesSought: "whether the child's wishes and feelings were sought",
  wishesExpressed: "whether the child's wishes and feelings were expressed",
  wishesRecorded: "whether the child's wishes and feelings were recorded",
};

/** Answer words in files, after lower-casing and dropping punctuation. */
const ANSWER_WORDS: Record<string, RecordedAnswer> = {
  yes: 'yes',
  y: 'yes',
  true: 'yes',
  no: 'no',
  n: 'no',
  false: 'no',
  'not recorded': 'not-recorded',
  notrecorded: 'not-recorded',
  'not-recorded': 'not-recorded',
  unrecorded: 'not-recorded',
  nr: 'not-recorded',
  'not known': 'not-recorded',
  unknown: 'not-recorded',
};

/** Reads "Yes", "N", "Not recorded" and the like; undefined when it is none of them. */
export function readAnswer(text: string): RecordedAnswer | undefined {
  const s = text.toLowerCase().replace(/[^a-z -]/g, '').replace(/\s+/g, ' ').trim();
  return ANSWER_WORDS[s];
}

/** The label an answer is written with in files: "Yes", "No", "Not recorded". */
export const answerLabel = (a: RecordedAnswer): string => (a === 'yes' ? 'Yes' : a === 'no' ? 'No' : 'Not recorded');

const LEADING = /^(?:the|was|were|childs|child s|child)\s+/;

/** A heading reduced for matching: lower case, no punctuation or brackets, no leading "the"/"child's". */
export function normaliseHeading(text: string): string {
  let s = text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[’‘']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (let before = ''; before !== s; ) {
    before = s;
    s = s.replace(LEADING, '');
  }
  return s;
}

const HEADING_INDEX = new Map<string, ChronologyColumnKey>();
for (const column of chronologyColumns) {
  for (const name of [column.heading, ...column.aliases]) HEADING_INDEX.set(normaliseHeading(name), column.key);
}

/** The column a heading names, if any. */
export const columnForHeading = (text: string): ChronologyColumnKey | undefined => HEADING_INDEX.get(normaliseHeading(text));

/**
 * The one example row in each template: invented and marked as such. The
 * import refuses it by name ("delete the example row") so it is never
 * imported by accident.
 */
export const TEMPLATE_EXAMPLE = {
  date: '14/05/2026',
  time: '10:30',
  role: 'Health visitor',
  organisation: 'Example Community Health Trust (fictional)',
  whatHappened: 'EXAMPLE ONLY, a fictional entry: planned home visit; the parent said the child was asleep and the visit was rearranged. Delete this row.',
  decisionOrAction: 'Visit rearranged for the following week; GP informed.',
  childSeen: 'No',
  wishesSought: 'No',
  wishesExpressed: 'Not recorded',
  wishesRecorded: 'No',
  sourceRecord: 'Example health visiting record, entry 1 (fictional)',
} as const satisfies Record<ChronologyColumnKey, string>;
