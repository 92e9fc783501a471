import { useState, type FormEvent } from 'react';
import { isoToDateParts, type DateParts } from '../../../../functions/schemas/dates.js';
import { genderOptions, notificationReasons, ofstedFormSchema } from '../../../../functions/schemas/review.js';
import type { RouteProps } from '../../App.js';
import { SubmitButton } from '../../components/Buttons.js';
import { DateInput } from '../../components/DateInput.js';
import { Main } from '../../components/Layout.js';
import { Radios } from '../../components/Radios.js';
import { Textarea } from '../../components/Textarea.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { casePath, check, optional, readDate, type DecidedCase, reviewPath } from './form-kit.js';
import { ReviewPage, useReviewForm } from './review-form.js';

/**
 * Ofsted's notification form (para 6.1): the Local Authority tells Ofsted's
 * National Business Unit of every case that becomes the subject of a
 * serious case review. The form is held here; the emails to the statutory
 * recipients only say it is ready and link to it. Prefilled from the
 * referral the first time, from what was saved after that.
 */

const ORDER = [
  'notifyingAuthority',
  'notifierName',
  'notifierRole',
  'notifierPhone',
  'notifiedOn',
  'reason',
  'childFirstNames',
  'childLastName',
  'childOtherNames',
  'childDateOfBirth',
  'childAge',
  'childGender',
  'lookedAfter',
  'parents',
  'siblings',
  'familyNote',
  'linkedCases',
];

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

interface FormState {
  notifyingAuthority: string;
  notifierName: string;
  notifierRole: string;
  notifierPhone: string;
  notifiedOn: DateParts;
  reason: string;
  lookedAfter: string;
  childFirstNames: string;
  childLastName: string;
  childOtherNames: string;
  childDateOfBirth: DateParts;
  childAge: string;
  childGender: string;
  parents: string;
  siblings: string;
  familyNote: string;
  linkedCases: string;
}
type TextKey = { [K in keyof FormState]: FormState[K] extends string ? K : never }[keyof FormState];

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const pick = <T extends string>(v: unknown, allowed: readonly { value: T }[]): string =>
  typeof v === 'string' && allowed.some((a) => a.value === v) ? v : '';

/** What the form starts with: the saved form if there is one, otherwise what the referral says about the child. */
function initial(detail: DecidedCase): FormState {
  const saved = detail.review.ofstedForm;
  if (saved) {
    return {
      notifyingAuthority: str(saved.notifyingAuthority),
      notifierName: str(saved.notifierName),
      notifierRole: str(saved.notifierRole),
      notifierPhone: str(saved.notifierPhone),
      notifiedOn: isoToDateParts(str(saved.notifiedOn)),
      reason: pick(saved.reason, notificationReasons),
      lookedAfter: saved.lookedAfter === true ? 'yes' : saved.lookedAfter === false ? 'no' : '',
      childFirstNames: str(saved.childFirstNames),
      childLastName: str(saved.childLastName),
      childOtherNames: str(saved.childOtherNames),
      childDateOfBirth: isoToDateParts(str(saved.childDateOfBirth)),
      childAge: str(saved.childAge),
      childGender: pick(saved.childGender, genderOptions),
      parents: str(saved.parents),
      siblings: str(saved.siblings),
      familyNote: str(saved.familyNote),
      linkedCases: str(saved.linkedCases),
    };
  }
  const child = (detail.referral.child ?? {}) as Record<string, unknown>;
  return {
    notifyingAuthority: '',
    notifierName: '',
    notifierRole: '',
    notifierPhone: '',
    notifiedOn: { day: '', month: '', year: '' },
    // The Chair has decided: the review is confirmed.
    reason: 'review-confirmed',
    lookedAfter: child.lookedAfter === 'yes' ? 'yes' : child.lookedAfter === 'no' ? 'no' : '',
    childFirstNames: str(child.firstNames),
    childLastName: str(child.lastName),
    childOtherNames: str(child.otherNames),
    childDateOfBirth: isoToDateParts(str(child.dateOfBirth)),
    childAge: child.dateOfBirth ? '' : str(child.approximateAge),
    childGender: pick(child.gender, genderOptions),
    parents: '',
    siblings: '',
    familyNote: '',
    linkedCases: '',
  };
}

/** Typed age as a number when it is one; otherwise the text, for the schema to refuse. */
const age = (text: string): number | string | undefined => {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
};

export function OfstedFormPage(props: RouteProps) {
  const heading = 'Ofsted’s form';
  return <ReviewPage {...props} heading={heading} render={(detail) => <OfstedForm detail={detail} heading={heading} />} />;
}

function OfstedForm({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const [f, setF] = useState<FormState>(() => initial(detail));
  const form = useReviewForm(detail.reference, heading, ORDER);
  const set = <K extends keyof FormState>(key: K) => (value: FormState[K]) => setF((s) => ({ ...s, [key]: value }));
  const saved = detail.review.ofstedForm !== undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const notifiedOn = readDate('notifiedOn', f.notifiedOn, 'Date of notification');
    const dob = readDate('childDateOfBirth', f.childDateOfBirth, 'Date of birth', true);
    const childAge = age(f.childAge);
    // The schema checks this last, once everything else is right; say it with the rest.
    const neither =
      !dob.error && dob.value === undefined && childAge === undefined
        ? { name: 'childDateOfBirth', href: '#childDateOfBirth', text: 'Enter the child’s date of birth or their age' }
        : undefined;
    const checked = check(
      ofstedFormSchema,
      {
        notifyingAuthority: f.notifyingAuthority,
        notifierName: f.notifierName,
        notifierRole: f.notifierRole,
        notifierPhone: f.notifierPhone,
        notifiedOn: notifiedOn.value,
        reason: f.reason || undefined,
        lookedAfter: f.lookedAfter === '' ? undefined : f.lookedAfter === 'yes',
        childFirstNames: f.childFirstNames,
        childLastName: f.childLastName,
        childOtherNames: optional(f.childOtherNames),
        childDateOfBirth: dob.value,
        childAge,
        childGender: f.childGender || undefined,
        parents: f.parents,
        siblings: optional(f.siblings),
        familyNote: optional(f.familyNote),
        linkedCases: optional(f.linkedCases),
      },
      ORDER,
      [notifiedOn.error, dob.error ?? neither],
    );
    if (!checked.ok) return form.show(checked.errors);
    form.send('ofsted-form', 'PUT', checked.data, {
      kind: 'success',
      heading: 'Ofsted’s form saved',
      text: 'The statutory recipients can read it when they sign in.',
    });
  };

  const text = (key: TextKey, label: string, extra: Partial<Parameters<typeof TextInput>[0]> = {}) => (
    <TextInput
      name={key}
      label={label}
      value={f[key]}
      onChange={set(key)}
      error={form.errorFor(key)}
      autoComplete="off"
      spellCheck={false}
      {...extra}
    />
  );

  return (
    <Main backTo={reviewPath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        The Local Authority tells Ofsted’s National Business Unit of every case that becomes the subject of a serious
        case review (paragraph 6.1). The form is kept here: the emails to Ofsted, the Strategic Health Authority and the
        Children’s Services Adviser do not contain it, they sign in to read it.
      </p>
      {saved ? (
        <p className="govuk-body">
          Last saved {detail.review.ofstedFormUpdatedAt ? formatDateTime(detail.review.ofstedFormUpdatedAt) : ''}.{' '}
          <Link className="govuk-link" to={`${casePath(detail.reference)}/notification`}>
            See the form as the recipients see it
          </Link>
        </p>
      ) : (
        <p className="govuk-body">Details of the child are filled in from the referral. Check them before you save.</p>
      )}
      <form noValidate onSubmit={onSubmit}>
        <h2 className="govuk-heading-m">The notification</h2>
        {text('notifyingAuthority', 'Notifying authority', { hint: 'The Local Authority making the notification' })}
        {text('notifierName', 'Notifier’s name', { autoComplete: 'name' })}
        {text('notifierRole', 'Notifier’s role', { autoComplete: 'organization-title', spellCheck: true })}
        {text('notifierPhone', 'Notifier’s phone number', {
          type: 'tel',
          autoComplete: 'tel',
          hint: 'For example, 01632 960 001',
          widthClass: 'govuk-input--width-20',
        })}
        <DateInput
          name="notifiedOn"
          legend="Date of notification"
          hint="For example, 27 3 2027"
          value={f.notifiedOn}
          onChange={set('notifiedOn')}
          error={form.errorFor('notifiedOn')}
        />
        <Radios
          name="reason"
          legend="Reason for the notification"
          items={notificationReasons}
          value={f.reason}
          onChange={set('reason')}
          error={form.errorFor('reason')}
        />

        <h2 className="govuk-heading-m">The child</h2>
        {text('childFirstNames', 'First names')}
        {text('childLastName', 'Last name')}
        {text('childOtherNames', 'Other names (optional)', { hint: 'Any other names the child is or was known by' })}
        <DateInput
          name="childDateOfBirth"
          legend="Date of birth"
          hint="For example, 27 3 2015. If it is not known, give their age instead"
          value={f.childDateOfBirth}
          onChange={set('childDateOfBirth')}
          error={form.errorFor('childDateOfBirth')}
        />
        {text('childAge', 'Age, if the date of birth is not known', {
          inputMode: 'numeric',
          widthClass: 'govuk-input--width-3',
          suffix: 'years',
        })}
        <Radios
          name="childGender"
          legend="Gender"
          items={genderOptions}
          value={f.childGender}
          onChange={set('childGender')}
          error={form.errorFor('childGender')}
        />
        <Radios
          name="lookedAfter"
          legend="Is or was the child looked after by a local authority?"
          items={YES_NO}
          value={f.lookedAfter}
          onChange={set('lookedAfter')}
          error={form.errorFor('lookedAfter')}
          inline
        />

        <h2 className="govuk-heading-m">The family</h2>
        <Textarea
          name="parents"
          label="Parents or carers"
          hint="One on each line: their name and relationship to the child"
          value={f.parents}
          onChange={set('parents')}
          error={form.errorFor('parents')}
          rows={3}
          spellCheck={false}
        />
        <Textarea
          name="siblings"
          label="Siblings and their ages (optional)"
          hint="One on each line"
          value={f.siblings}
          onChange={set('siblings')}
          error={form.errorFor('siblings')}
          rows={3}
          spellCheck={false}
        />
        <Textarea
          name="familyNote"
          label="Note about the family (optional)"
          value={f.familyNote}
          onChange={set('familyNote')}
          error={form.errorFor('familyNote')}
        />
        <Textarea
          name="linkedCases"
          label="Linked cases (optional)"
          hint="References of any related reviews or cases"
          value={f.linkedCases}
          onChange={set('linkedCases')}
          error={form.errorFor('linkedCases')}
          rows={2}
        />
        <SubmitButton pending={form.pending} pendingText="Saving the form">
          Save form
        </SubmitButton>
      </form>
    </Main>
  );
}
