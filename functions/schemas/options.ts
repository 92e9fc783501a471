/**
 * Answer options shared by the referral form, the API schema and the
 * criteria engine. Each option has a stable value (stored) and the label
 * a person sees. Paragraph numbers refer to the 2008 procedure.
 */
export interface Option<V extends string = string> {
  readonly value: V;
  readonly label: string;
  readonly hint?: string;
}

const options = <const V extends string>(list: readonly Option<V>[]) => list;

export const agencyTypes = options([
  { value: 'childrens-social-care', label: "Children's social care" },
  { value: 'education', label: 'Education (school, college or early years)' },
  { value: 'health', label: 'Health (NHS trust, GP, health visiting, CAMHS)' },
  { value: 'police', label: 'Police' },
  { value: 'probation', label: 'Probation or youth offending' },
  { value: 'housing', label: 'Housing' },
  { value: 'adult-services', label: 'Adult social care or mental health' },
  { value: 'voluntary-sector', label: 'Voluntary or community sector' },
  { value: 'other', label: 'Other' },
] as const);

export const genders = options([
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Another gender identity' },
  { value: 'not-known', label: 'Not known' },
] as const);

export const yesNoNotKnown = options([
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
] as const);

export const yesNo = options([
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const);

export const childProtectionStatuses = options([
  { value: 'current', label: 'Yes, currently subject to a child protection plan or on the register' },
  { value: 'previous', label: 'Yes, in the past' },
  { value: 'never', label: 'No, never' },
  { value: 'not-known', label: 'Not known' },
] as const);

/** What happened: the circumstances of paras 3.1 and 3.3 (first list). */
export const incidentTypes = options([
  { value: 'death', label: 'The child died (including suicide)', hint: 'Paragraphs 3.1 and 3.2' },
  {
    value: 'life-threatening-injury',
    label: 'Potentially life-threatening injury, or serious and permanent impairment of health or development',
    hint: 'Paragraph 3.3',
  },
  { value: 'serious-sexual-abuse', label: 'Particularly serious sexual abuse', hint: 'Paragraph 3.3' },
  {
    value: 'parent-murdered',
    label: "The child's parent has been murdered and a homicide review is being started",
    hint: 'Paragraph 3.3',
  },
  {
    value: 'killed-by-parent-mental-illness',
    label: 'The child was killed by a parent with a mental illness',
    hint: 'Paragraph 3.3',
  },
  { value: 'other', label: 'None of these', hint: 'Other serious harm or concern' },
] as const);

export const abuseOrNeglectOptions = options([
  { value: 'known', label: 'Yes, abuse or neglect is known to be a factor' },
  { value: 'suspected', label: 'Yes, abuse or neglect is suspected to be a factor' },
  { value: 'no', label: 'No, abuse or neglect is not known or suspected' },
] as const);

/** The second list of para 3.3: several of these may justify a review. */
export const furtherCriteria = options([
  {
    value: 'risk-unrecognised',
    label:
      'There was clear evidence of a risk of significant harm to the child that was not recognised, not shared with others or not acted on properly',
  },
  {
    value: 'institutional-abuse',
    label: 'The child was abused in an institutional setting, such as a school, nursery, children’s home or youth offender institution',
  },
  { value: 'abused-while-looked-after', label: 'The child was abused while being looked after by the local authority' },
  { value: 'suicide-or-runaway', label: 'The child committed suicide or died while absent, having run away from home' },
  {
    value: 'concerns-not-taken-seriously',
    label: 'An agency or professional considers its concerns were not taken seriously enough, or acted on properly, by another',
  },
  {
    value: 'procedural-failings',
    label: 'There may be failings in the local operation of safeguarding procedures that go beyond this case',
  },
  { value: 'child-protection-plan', label: 'The child was or had been subject to a child protection plan or on the register' },
  { value: 'implications-for-agencies', label: 'The case appears to have implications for a range of agencies or professionals' },
  {
    value: 'protocols-need-change',
    label: 'The Board may need to change its protocols or procedures, or make them better promoted, understood or acted on',
  },
] as const);

export const agenciesKnownOptions = options([
  { value: 'childrens-social-care', label: "Children's social care" },
  { value: 'education', label: 'Education' },
  { value: 'health', label: 'Health' },
  { value: 'gp', label: 'GP' },
  { value: 'police', label: 'Police' },
  { value: 'probation', label: 'Probation or youth offending' },
  { value: 'housing', label: 'Housing' },
  { value: 'adult-services', label: 'Adult social care or mental health' },
  { value: 'voluntary-sector', label: 'Voluntary or community sector' },
  { value: 'other', label: 'Other' },
] as const);

type Values<T extends readonly Option[]> = T[number]['value'];
export const valuesOf = <T extends readonly Option[]>(list: T) =>
  list.map((o) => o.value) as unknown as [Values<T>, ...Values<T>[]];
export const labelOf = (list: readonly Option[], value: string | undefined): string =>
  list.find((o) => o.value === value)?.label ?? '';
