import type { DateParts } from '../../../../../functions/schemas/dates.js';
import { datePartsToIso } from '../../../../../functions/schemas/dates.js';
import {
  abuseOrNeglectOptions,
  agenciesKnownOptions,
  agencyTypes,
  childProtectionStatuses,
  furtherCriteria,
  genders,
  incidentTypes,
  labelOf,
  yesNo,
  yesNoNotKnown,
} from '../../../../../functions/schemas/options.js';
import type { ReferralSection } from '../../../../../functions/schemas/referral.js';
import type { Answers } from '../../../form/answers.js';

/** One row of the summary list: what was asked, what was answered. */
export interface SummaryRow {
  key: string;
  /** Lines of the answer; an empty list reads "Not answered". */
  value: string[];
}

export interface SummarySection {
  section: ReferralSection;
  heading: string;
  rows: SummaryRow[];
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "5 March 2012" for a real date; otherwise what was typed, so a mistake is visible. */
export function formatDate(parts: DateParts): string {
  const result = datePartsToIso(parts, 'Date');
  if ('iso' in result) {
    const [y, m, d] = result.iso.split('-').map(Number) as [number, number, number];
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  return [parts.day, parts.month, parts.year].map((p) => p.trim()).filter(Boolean).join(' / ');
}

const line = (text: string): string[] => (text.trim() ? [text.trim()] : []);
const lines = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** The answers as check your answers shows them, page by page. */
export function summarise(a: Answers): SummarySection[] {
  const child = a.child;
  const dateOfBirthRows: SummaryRow[] =
    child.dateOfBirthKnown === 'yes'
      ? [{ key: 'Date of birth', value: line(formatDate(child.dateOfBirth)) }]
      : child.dateOfBirthKnown === 'no'
        ? [{ key: 'Approximate age', value: line(child.approximateAge ? `${child.approximateAge.trim()} years` : '') }]
        : [{ key: 'Date of birth', value: [] }];

  return [
    {
      section: 'referrer',
      heading: 'Your details',
      rows: [
        { key: 'Full name', value: line(a.referrer.fullName) },
        { key: 'Job title or role', value: line(a.referrer.role) },
        { key: 'Organisation', value: line(a.referrer.organisation) },
        { key: 'Type of agency', value: line(labelOf(agencyTypes, a.referrer.agencyType)) },
        { key: 'Work email address', value: line(a.referrer.email) },
        { key: 'Phone number', value: line(a.referrer.phone) },
      ],
    },
    {
      section: 'child',
      heading: 'About the child',
      rows: [
        { key: 'First names', value: line(child.firstNames) },
        { key: 'Last name', value: line(child.lastName) },
        { key: 'Other names', value: child.otherNames.trim() ? [child.otherNames.trim()] : ['None given'] },
        { key: 'Date of birth known', value: line(labelOf(yesNo, child.dateOfBirthKnown)) },
        ...dateOfBirthRows,
        { key: 'Gender', value: line(labelOf(genders, child.gender)) },
        { key: 'Ethnicity', value: line(child.ethnicity) },
        { key: 'Home local authority', value: line(child.homeLocalAuthority) },
        { key: 'Looked after by a local authority', value: line(labelOf(yesNoNotKnown, child.lookedAfter)) },
        { key: 'Child protection plan', value: line(labelOf(childProtectionStatuses, child.childProtectionStatus)) },
      ],
    },
    {
      section: 'incident',
      heading: 'What happened',
      rows: [
        { key: 'What happened', value: line(labelOf(incidentTypes, a.incident.type)) },
        { key: 'When it happened', value: line(formatDate(a.incident.date)) },
        { key: 'Account of what happened', value: lines(a.incident.summary) },
      ],
    },
    {
      section: 'concerns',
      heading: 'Concerns',
      rows: [
        { key: 'Abuse or neglect', value: line(labelOf(abuseOrNeglectOptions, a.concerns.abuseOrNeglect)) },
        { key: 'Concerns about how agencies worked together', value: line(labelOf(yesNo, a.concerns.interAgencyConcerns)) },
        ...(a.concerns.interAgencyConcerns === 'yes'
          ? [{ key: 'The concerns', value: lines(a.concerns.interAgencyConcernsDetail) }]
          : []),
      ],
    },
    {
      section: 'furtherCriteria',
      heading: 'Further criteria',
      rows: [
        {
          key: 'Criteria that apply',
          value: a.furtherCriteria.none
            ? ['None of these']
            : a.furtherCriteria.met.map((v) => labelOf(furtherCriteria, v)),
        },
      ],
    },
    {
      section: 'otherChildren',
      heading: 'Other children',
      rows: [
        { key: 'Other children at risk', value: line(labelOf(yesNoNotKnown, a.otherChildren.atRisk)) },
        ...(a.otherChildren.atRisk && a.otherChildren.atRisk !== 'no'
          ? [{ key: 'What has been done', value: lines(a.otherChildren.actionTaken) }]
          : []),
      ],
    },
    {
      section: 'involvement',
      heading: 'Agencies involved',
      rows: [
        {
          key: 'Other local authorities or Boards involved',
          value: line(labelOf(yesNoNotKnown, a.involvement.otherAuthoritiesInvolved)),
        },
        ...(a.involvement.otherAuthoritiesInvolved === 'yes'
          ? [{ key: 'Which authorities or Boards', value: lines(a.involvement.otherAuthorities) }]
          : []),
        { key: 'Agencies known', value: a.involvement.agenciesKnown.map((v) => labelOf(agenciesKnownOptions, v)) },
        ...(a.involvement.agenciesKnown.includes('other')
          ? [{ key: 'Other agencies', value: lines(a.involvement.agenciesKnownOther) }]
          : []),
      ],
    },
  ];
}
