import { useState, type FormEvent, type ReactNode } from 'react';
import type { DateParts } from '../../../../functions/schemas/dates.js';
import { agenciesKnownOptions, labelOf } from '../../../../functions/schemas/options.js';
import {
  mandateSchema,
  nbuConfirmationSchema,
  panelAgencies,
  panelMemberSchema,
  recordsRequestSchema,
  recordsSecuredSchema,
  type ReviewView,
} from '../../../../functions/schemas/review.js';
import type { RouteProps } from '../../App.js';
import { SubmitButton } from '../../components/Buttons.js';
import { CharacterCount } from '../../components/CharacterCount.js';
import { Checkboxes } from '../../components/Checkboxes.js';
import { DateInput } from '../../components/DateInput.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { useTitle } from '../../components/Page.js';
import { Radios } from '../../components/Radios.js';
import { DeliveryTag } from '../../components/Tag.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';
import {
  check,
  EMPTY_DATE,
  readDate,
  Row,
  useReviewSubmit,
  WithDecidedCase,
  type DecidedCase,
  type Problem,
  type Refusal,
  reviewPath,
} from './form-kit.js';

/**
 * The review's own pages (4.3-4.6, 6.2, 8.3, 10.3): add a panel member,
 * record an agency's confirmation of its representative, ask an agency to
 * secure its records and record that it did, and the sub-committee chair's
 * confirmation that Ofsted's National Business Unit was notified. Each
 * validates with the shared schema before posting (the server checks again)
 * and goes back to the case with a success banner.
 */

type PanelMember = ReviewView['panel']['members'][number];
type RecordsRequest = ReviewView['records'][number];

const DATE_HINT = 'For example, 27 3 2026';
const SERVICE_PROBLEM = 'Sorry, there is a problem with the service. Nothing has been saved. Try again later';

/** What a refused POST shows as one problem; `forbidden` is the page's own words for not being allowed. */
const problemOf =
  (forbidden: string) =>
  (result: Refusal): Problem => ({
    title: 'There is a problem',
    text:
      result.kind === 'forbidden'
        ? (result.message ?? forbidden)
        : result.kind === 'not-found'
          ? 'This case or its review could not be found. Nothing has been saved'
          : (result.message ?? SERVICE_PROBLEM),
  });

/** A review form's state (see `useReviewSubmit`), with these pages' words for a refused POST. */
const useReviewForm = (reference: string, heading: string, order: readonly string[], forbidden: string) =>
  useReviewSubmit(reference, heading, order, problemOf(forbidden));

/**
 * Loads the case (for its reference, what the caller may do and the panel
 * or records a page is about) and hands it to the page, or says why not.
 */
function WithReview({
  reference,
  heading,
  children,
}: {
  reference: string;
  heading: string;
  children: (review: ReviewView, detail: DecidedCase) => ReactNode;
}) {
  return (
    <WithDecidedCase
      reference={reference}
      heading={heading}
      otherwise={(state) => (
        <Plain reference={reference} heading={heading}>
          {state.kind === 'ok' ? (
            <p className="govuk-body">The Board chair has not decided to conduct a serious case review on this case.</p>
          ) : (
            <LoadProblem state={state} what="this case" />
          )}
        </Plain>
      )}
    >
      {(detail) => children(detail.review, detail)}
    </WithDecidedCase>
  );
}

/** A page without a form: no permission, already done, no review. */
function Plain({ reference, heading, children }: { reference: string; heading: string; children: ReactNode }) {
  useTitle(heading);
  return (
    <Main backTo={reviewPath(reference)}>
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {children}
      <p className="govuk-body">
        <Link className="govuk-link" to={reviewPath(reference)}>
          Go back to case {reference}
        </Link>
      </p>
    </Main>
  );
}

/** The frame of every review form: Back, error summary, caption, h1, the fields and one button. */
function FormPage({
  reference,
  heading,
  caption,
  form,
  onSubmit,
  submitText,
  pendingText,
  intro,
  children,
}: {
  reference: string;
  heading: string;
  caption?: string;
  form: ReturnType<typeof useReviewForm>;
  onSubmit: () => void;
  submitText: string;
  pendingText: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Main backTo={reviewPath(reference)}>
      {form.summary}
      <span className="govuk-caption-l">{caption ?? `Case ${reference}`}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {intro}
      <form noValidate onSubmit={submit}>
        {children}
        <div className="govuk-button-group">
          <SubmitButton pending={form.pending} pendingText={pendingText}>
            {submitText}
          </SubmitButton>
          <Link className="govuk-link" to={reviewPath(reference)}>
            Cancel
          </Link>
        </div>
      </form>
    </Main>
  );
}

// ---------------------------------------------------------------- add a panel member (4.3-4.5)

const PANEL_ORDER = ['name', 'jobTitle', 'organisation', 'email', 'agency', 'coOpted'] as const;
const AGENCY_ITEMS = panelAgencies.map((a) => ({ value: a.value, label: a.label, hint: a.required ? 'Required (paragraph 4.3)' : undefined }));
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const yesNo = (value: string): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** "Add a panel member": POST /api/cases/{reference}/review/panel with panelMemberSchema. */
export function PanelMemberPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const heading = 'Add a panel member';
  return (
    <StaffOnly>
      {() => (
        <WithReview reference={reference} heading={heading}>
          {(review) =>
            review.permissions.addPanelMembers ? (
              <PanelMemberForm reference={reference} heading={heading} review={review} />
            ) : (
              <Plain reference={reference} heading={heading}>
                <p className="govuk-body">Only the business manager or the chair of the Strategic and Serious Case Review sub-committee can add panel members.</p>
              </Plain>
            )
          }
        </WithReview>
      )}
    </StaffOnly>
  );
}

function PanelMemberForm({ reference, heading, review }: { reference: string; heading: string; review: ReviewView }) {
  const [fields, setFields] = useState({ name: '', jobTitle: '', organisation: '', email: '', agency: '', coOpted: '' });
  const form = useReviewForm(reference, heading, PANEL_ORDER, 'Only the business manager or the chair of the Strategic and Serious Case Review sub-committee can add panel members');
  const set = (key: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const missing = review.panel.missing.map((m) => m.label);

  const onSubmit = () => {
    const checked = check(
      panelMemberSchema,
      {
        name: fields.name,
        jobTitle: fields.jobTitle,
        organisation: fields.organisation,
        agency: fields.agency || undefined,
        email: fields.email,
        coOpted: yesNo(fields.coOpted),
      },
      PANEL_ORDER,
    );
    if (!checked.ok) return form.show(checked.errors);
    form.send('panel', 'POST', checked.data, {
      kind: 'success',
      heading: `${checked.data.name} has been added to the review panel`,
      text: 'Record their agency’s confirmation of their mandate, experience and seniority (paragraph 4.6).',
    });
  };

  return (
    <FormPage
      reference={reference}
      heading={heading}
      form={form}
      onSubmit={onSubmit}
      submitText="Add to the panel"
      pendingText="Adding them to the panel"
      intro={
        <>
          <p className="govuk-body">
            The sub-committee conducting the review must include representatives of Children’s Services (social care and
            education), Health and Police (paragraph 4.3). Co-opt anyone else whose field the case touches (paragraph 4.5).
          </p>
          {missing.length ? (
            <div className="govuk-inset-text">
              The panel still needs someone from: {missing.join('; ')}.
            </div>
          ) : null}
        </>
      }
    >
      <TextInput name="name" label="Full name" value={fields.name} onChange={set('name')} error={form.errorFor('name')} autoComplete="off" spellCheck={false} />
      <TextInput name="jobTitle" label="Job title" value={fields.jobTitle} onChange={set('jobTitle')} error={form.errorFor('jobTitle')} autoComplete="off" />
      <TextInput
        name="organisation"
        label="Organisation"
        hint="For example, Example City Council Children’s Services"
        value={fields.organisation}
        onChange={set('organisation')}
        error={form.errorFor('organisation')}
        autoComplete="off"
      />
      <TextInput
        name="email"
        label="Email address"
        type="email"
        value={fields.email}
        onChange={set('email')}
        error={form.errorFor('email')}
        autoComplete="off"
        spellCheck={false}
      />
      <Radios
        name="agency"
        legend="Which agency or field do they represent?"
        legendSize="m"
        items={AGENCY_ITEMS}
        value={fields.agency}
        onChange={set('agency')}
        error={form.errorFor('agency')}
      />
      <Radios
        name="coOpted"
        legend="Are they co-opted for this review?"
        legendSize="m"
        hint="A co-opted member joins the sub-committee for this review only (paragraph 4.5)"
        items={YES_NO}
        value={fields.coOpted}
        onChange={set('coOpted')}
        error={form.errorFor('coOpted')}
        inline
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------- the agency confirms its representative (4.6)

const MANDATE_ORDER = ['mandate', 'experience', 'seniority', 'confirmedBy', 'confirmedOn'] as const;
const MANDATE_ITEMS = [{ value: 'true', label: 'They have an explicit mandate to represent their organisation' }];

/** "Record the agency’s confirmation": POST …/review/panel/{memberId}/mandate with mandateSchema. */
export function MandatePage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const memberId = params.memberId ?? '';
  const heading = 'Record the agency’s confirmation';
  return (
    <StaffOnly>
      {() => (
        <WithReview reference={reference} heading={heading}>
          {(review) => {
            const member = review.panel.members.find((m) => m.id === memberId);
            if (!member) return <StaffNotFound />;
            if (!member.mandate && !review.permissions.manage) {
              return (
                <Plain reference={reference} heading={heading}>
                  <p className="govuk-body">Only the business manager can record an agency’s confirmation.</p>
                </Plain>
              );
            }
            if (member.mandate) {
              return (
                <Plain reference={reference} heading={heading}>
                  <p className="govuk-body">
                    {member.organisation} confirmed {member.name}’s mandate, experience and seniority on {formatDate(member.mandate.confirmedOn)}{' '}
                    ({member.mandate.confirmedBy}). It was recorded by {member.mandate.recordedBy} on {formatDateTime(member.mandate.recordedAt)}.
                  </p>
                </Plain>
              );
            }
            return <MandateForm reference={reference} heading={heading} member={member} />;
          }}
        </WithReview>
      )}
    </StaffOnly>
  );
}

function MandateForm({ reference, heading, member }: { reference: string; heading: string; member: PanelMember }) {
  const [fields, setFields] = useState({ mandate: [] as string[], experience: '', seniority: '', confirmedBy: '' });
  const [confirmedOn, setConfirmedOn] = useState<DateParts>(EMPTY_DATE);
  const form = useReviewForm(reference, heading, MANDATE_ORDER, 'Only the business manager can record an agency’s confirmation');
  const set = (key: 'experience' | 'seniority' | 'confirmedBy') => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  const onSubmit = () => {
    const on = readDate('confirmedOn', confirmedOn, 'Date confirmed');
    const checked = check(
      mandateSchema,
      {
        confirmedBy: fields.confirmedBy,
        mandate: fields.mandate.includes('true'),
        experience: fields.experience,
        seniority: fields.seniority,
        confirmedOn: on.value,
      },
      MANDATE_ORDER,
      [on.error],
    );
    if (!checked.ok) return form.show(checked.errors);
    form.send(`panel/${encodeURIComponent(member.id)}/mandate`, 'POST', checked.data, {
      kind: 'success',
      heading: `${member.organisation}’s confirmation for ${member.name} has been recorded`,
    });
  };

  return (
    <FormPage
      reference={reference}
      heading={heading}
      caption={`${member.name}, ${member.agencyLabel}`}
      form={form}
      onSubmit={onSubmit}
      submitText="Record confirmation"
      pendingText="Recording the confirmation"
      intro={
        <p className="govuk-body">
          {member.organisation} confirms that {member.name} ({member.jobTitle}) can represent it on the review panel, as
          paragraph 4.6 asks of each agency.
        </p>
      }
    >
      <Checkboxes
        name="mandate"
        legend="Mandate"
        legendSize="m"
        hint="They can represent their organisation’s views, policies and practice"
        items={MANDATE_ITEMS}
        values={fields.mandate}
        onChange={(mandate) => setFields((f) => ({ ...f, mandate }))}
        error={form.errorFor('mandate')}
      />
      <CharacterCount
        name="experience"
        label="Their experience and knowledge of the field"
        hint="Enough to inform the panel’s debate on this case"
        value={fields.experience}
        onChange={set('experience')}
        error={form.errorFor('experience')}
        maxLength={1000}
      />
      <TextInput
        name="seniority"
        label="Their seniority"
        hint="Senior enough to make sure the review’s recommendations are acted on in their agency, for example Head of Service"
        value={fields.seniority}
        onChange={set('seniority')}
        error={form.errorFor('seniority')}
        autoComplete="off"
      />
      <TextInput
        name="confirmedBy"
        label="Name of the person at the agency who confirmed it"
        value={fields.confirmedBy}
        onChange={set('confirmedBy')}
        error={form.errorFor('confirmedBy')}
        autoComplete="off"
        spellCheck={false}
      />
      <DateInput
        name="confirmedOn"
        legend="Date confirmed"
        legendSize="s"
        hint={DATE_HINT}
        value={confirmedOn}
        onChange={setConfirmedOn}
        error={form.errorFor('confirmedOn')}
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------- records secured (8.3, 10.3)

const RECORDS_ORDER = ['agency', 'contactName', 'contactEmail'] as const;

/** "Ask an agency to secure its records": POST …/review/records with recordsRequestSchema. */
export function RecordsRequestPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const heading = 'Ask an agency to secure its records';
  return (
    <StaffOnly>
      {() => (
        <WithReview reference={reference} heading={heading}>
          {(review, detail) =>
            review.permissions.manage ? (
              <RecordsRequestForm reference={reference} heading={heading} known={agenciesNamed(detail)} asked={review.records.map((r) => r.agency)} />
            ) : (
              <Plain reference={reference} heading={heading}>
                <p className="govuk-body">Only the business manager can ask agencies to secure their records.</p>
              </Plain>
            )
          }
        </WithReview>
      )}
    </StaffOnly>
  );
}

/** The agencies the referral said knew the child or family (its "other agencies" answers), in words. */
function agenciesNamed(detail: DecidedCase): string[] {
  const involvement = (detail.referral as { involvement?: { agenciesKnown?: unknown; agenciesKnownOther?: unknown } }).involvement;
  const known = Array.isArray(involvement?.agenciesKnown) ? (involvement.agenciesKnown as string[]) : [];
  const named = known.filter((v) => v !== 'other').map((v) => labelOf(agenciesKnownOptions, v));
  if (typeof involvement?.agenciesKnownOther === 'string' && involvement.agenciesKnownOther.trim()) named.push(involvement.agenciesKnownOther.trim());
  return named;
}

function RecordsRequestForm({ reference, heading, known, asked }: { reference: string; heading: string; known: string[]; asked: string[] }) {
  const [fields, setFields] = useState({ agency: '', contactName: '', contactEmail: '' });
  const form = useReviewForm(reference, heading, RECORDS_ORDER, 'Only the business manager can ask agencies to secure their records');
  const set = (key: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  const onSubmit = () => {
    const checked = check(recordsRequestSchema, fields, RECORDS_ORDER);
    if (!checked.ok) return form.show(checked.errors);
    form.send('records', 'POST', checked.data, {
      kind: 'success',
      heading: `We’ve asked ${checked.data.agency} to secure its records`,
      text: `We’ve emailed ${checked.data.contactName}.`,
    });
  };

  return (
    <FormPage
      reference={reference}
      heading={heading}
      form={form}
      onSubmit={onSubmit}
      submitText="Send the request"
      pendingText="Sending the request"
      intro={
        <>
          <p className="govuk-body">
            A senior manager in each agency involved must secure the agency’s records about the child at once, so nothing is
            lost or changed (paragraphs 8.3 and 10.3). We’ll email them the request and when it is due.
          </p>
          {known.length ? (
            <div className="govuk-inset-text">
              <p className="govuk-body">The referral said these agencies knew the child or family:</p>
              <ul className="govuk-list govuk-list--bullet">
                {known.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
              {asked.length ? <p className="govuk-body govuk-!-margin-bottom-0">Already asked: {asked.join(', ')}.</p> : null}
            </div>
          ) : null}
        </>
      }
    >
      <TextInput
        name="agency"
        label="Agency"
        hint="For example, Example City Primary Care Trust"
        value={fields.agency}
        onChange={set('agency')}
        error={form.errorFor('agency')}
        autoComplete="off"
      />
      <TextInput
        name="contactName"
        label="Name of the senior manager"
        value={fields.contactName}
        onChange={set('contactName')}
        error={form.errorFor('contactName')}
        autoComplete="off"
        spellCheck={false}
      />
      <TextInput
        name="contactEmail"
        label="Senior manager’s email address"
        type="email"
        value={fields.contactEmail}
        onChange={set('contactEmail')}
        error={form.errorFor('contactEmail')}
        autoComplete="off"
        spellCheck={false}
      />
      {/^(Invite|The account for) /.test(form.errorFor('contactEmail') ?? '') ? (
        // Refused because the address has no account (or a disabled one): say where to fix it, then they ask again.
        <p className="govuk-body" id="contactEmail-invite">
          <Link className="govuk-link" to="/admin/users/invite">
            Invite them on the Users page
          </Link>
        </p>
      ) : null}
    </FormPage>
  );
}

const SECURED_ORDER = ['securedBy', 'securedOn'] as const;

/** "Record records secured": POST …/review/records/{recordsId}/secured with recordsSecuredSchema. */
export function RecordsSecuredPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const recordsId = params.recordsId ?? '';
  const heading = 'Record that the records are secured';
  return (
    <StaffOnly>
      {() => (
        <WithReview reference={reference} heading={heading}>
          {(review) => {
            const records = review.records.find((r) => r.id === recordsId);
            if (!records) return <StaffNotFound />;
            if (records.securedOn) {
              return (
                <Plain reference={reference} heading={heading}>
                  <p className="govuk-body">
                    {records.agency}’s records were secured{records.securedBy ? ` by ${records.securedBy}` : ''} on {formatDate(records.securedOn)}.
                  </p>
                </Plain>
              );
            }
            if (!review.permissions.manage) {
              return (
                <Plain reference={reference} heading={heading}>
                  <p className="govuk-body">Only the business manager can record that records are secured.</p>
                </Plain>
              );
            }
            return <RecordsSecuredForm reference={reference} heading={heading} records={records} />;
          }}
        </WithReview>
      )}
    </StaffOnly>
  );
}

function RecordsSecuredForm({ reference, heading, records }: { reference: string; heading: string; records: RecordsRequest }) {
  const [securedBy, setSecuredBy] = useState(records.contactName);
  const [securedOn, setSecuredOn] = useState<DateParts>(EMPTY_DATE);
  const form = useReviewForm(reference, heading, SECURED_ORDER, 'Only the business manager can record that records are secured');

  const onSubmit = () => {
    const on = readDate('securedOn', securedOn, 'Date secured');
    const checked = check(recordsSecuredSchema, { securedBy, securedOn: on.value }, SECURED_ORDER, [on.error]);
    if (!checked.ok) return form.show(checked.errors);
    form.send(`records/${encodeURIComponent(records.id)}/secured`, 'POST', checked.data, {
      kind: 'success',
      heading: `${records.agency}’s records are recorded as secured`,
    });
  };

  return (
    <FormPage
      reference={reference}
      heading={heading}
      caption={records.agency}
      form={form}
      onSubmit={onSubmit}
      submitText="Record records secured"
      pendingText="Recording that the records are secured"
      intro={
        <p className="govuk-body">
          {records.contactName} was asked on {formatDate(records.requestedAt)} to secure {records.agency}’s records by{' '}
          {formatDate(records.dueDate)} (paragraphs 8.3 and 10.3).
        </p>
      }
    >
      <TextInput
        name="securedBy"
        label="Name of the senior manager who secured the records"
        value={securedBy}
        onChange={setSecuredBy}
        error={form.errorFor('securedBy')}
        autoComplete="off"
        spellCheck={false}
      />
      <DateInput
        name="securedOn"
        legend="Date secured"
        legendSize="s"
        hint={DATE_HINT}
        value={securedOn}
        onChange={setSecuredOn}
        error={form.errorFor('securedOn')}
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------- the NBU was notified (6.2)

const NBU_ORDER = ['notifiedOn'] as const;

/** "Confirm the National Business Unit was notified": POST …/review/nbu-confirmation (sub-committee chair). */
export function NbuConfirmationPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const heading = 'Confirm the National Business Unit was notified';
  return (
    <StaffOnly>
      {() => (
        <WithReview reference={reference} heading={heading}>
          {(review) => {
            const c = review.nbuConfirmation;
            if (c.confirmedAt) {
              return (
                <Plain reference={reference} heading={heading}>
                  <p className="govuk-body">
                    {c.confirmedBy ?? 'The chair of the Strategic and Serious Case Review sub-committee'} confirmed on {formatDateTime(c.confirmedAt)} that the National
                    Business Unit was notified{c.notifiedOn ? ` on ${formatDate(c.notifiedOn)}` : ''}.
                  </p>
                </Plain>
              );
            }
            if (!review.permissions.confirmNbu) {
              return (
                <Plain reference={reference} heading={heading}>
                  <p className="govuk-body">Only the chair of the Strategic and Serious Case Review sub-committee can confirm this for the Board (paragraph 6.2).</p>
                </Plain>
              );
            }
            return <NbuConfirmationForm reference={reference} heading={heading} review={review} />;
          }}
        </WithReview>
      )}
    </StaffOnly>
  );
}

function NbuConfirmationForm({ reference, heading, review }: { reference: string; heading: string; review: ReviewView }) {
  const [notifiedOn, setNotifiedOn] = useState<DateParts>(EMPTY_DATE);
  const form = useReviewForm(reference, heading, NBU_ORDER, 'Only the chair of the Strategic and Serious Case Review sub-committee can confirm this');
  const email = review.statutoryNotifications.find((n) => n.recipient === 'ofsted-nbu');
  const label = 'Date the National Business Unit was notified';

  const onSubmit = () => {
    const on = readDate('notifiedOn', notifiedOn, label);
    const checked = check(nbuConfirmationSchema, { notifiedOn: on.value }, NBU_ORDER, [on.error]);
    if (!checked.ok) return form.show(checked.errors);
    form.send('nbu-confirmation', 'POST', checked.data, {
      kind: 'success',
      heading: 'You have confirmed the National Business Unit was notified',
      text: 'The Board can see your confirmation on this case (paragraph 6.2).',
    });
  };

  return (
    <FormPage
      reference={reference}
      heading={heading}
      form={form}
      onSubmit={onSubmit}
      submitText="Confirm"
      pendingText="Recording your confirmation"
      intro={
        <>
          <p className="govuk-body">
            As chair of the Strategic and Serious Case Review sub-committee you confirm for the Board that Ofsted’s National Business Unit has been notified of
            this serious case review (paragraph 6.2). Due by {formatDate(review.nbuConfirmation.dueDate)}.
          </p>
          {email ? (
            <dl className="govuk-summary-list">
              <Row label="Our email to the National Business Unit">
                {email.status === 'not-sent' ? 'Not sent yet' : <DeliveryTag status={email.status} />}
                {email.at ? ` ${formatDateTime(email.at)}` : ''}
              </Row>
            </dl>
          ) : null}
        </>
      }
    >
      <DateInput name="notifiedOn" legend={label} legendSize="m" hint={DATE_HINT} value={notifiedOn} onChange={setNotifiedOn} error={form.errorFor('notifiedOn')} />
    </FormPage>
  );
}
