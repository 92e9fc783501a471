import { useEffect, useRef, useState, type FormEvent } from 'react';
import * as z from 'zod';
import { boardConfigSchema, procedureProfileSchema, type BoardConfig } from '../../../../../functions/config/board.js';
import { fieldId, toFieldErrors, type FieldError } from '../../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet } from '../../../api/client.js';
import { SubmitButton, usePending } from '../../../components/Buttons.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { LoadProblem } from '../../../components/LoadProblem.js';
import { NotificationBanner, type Notice } from '../../../components/NotificationBanner.js';
import { useTitle } from '../../../components/Page.js';
import { ProblemSummary } from '../../../components/ProblemSummary.js';
import { Textarea } from '../../../components/Textarea.js';
import { TextInput } from '../../../components/TextInput.js';
import { StaffOnly } from '../../../staff/StaffOnly.js';

/**
 * Board configuration: the Board's own settings, who holds each office,
 * other Boards' chairs, the Chief Executives a joint-review question is
 * referred to (3.5), who is told when a deadline is missed, the domains
 * referrers may use, and the procedure profile's timescales. The whole
 * object goes back with PUT; anything this page does not edit is sent back
 * as it came.
 */

const OFFICES = [
  ['subCommitteeChair', 'Chair of the Strategic and Serious Case Review sub-committee'],
  ['boardChair', 'Board chair'],
  ['boardViceChair', 'Vice-chair of the Board'],
  ['businessManager', 'Business manager'],
  ['ofstedNationalBusinessUnit', 'Ofsted National Business Unit'],
  ['strategicHealthAuthority', 'Strategic Health Authority'],
  ['childrensServicesAdviser', 'Children’s Services Adviser'],
] as const;
type OfficeKey = (typeof OFFICES)[number][0];

const PROFILE_FIELDS = [
  ['recommendationDueWorkingDays', 'Working days for the sub-committee to recommend', 'After the referral is received (local practice)'],
  ['decisionDueCalendarMonths', 'Calendar months for the Board chair to decide', 'After the case comes to their attention (paragraph 8.2)'],
  ['recordsSecuredWorkingDays', 'Working days for agencies to secure their records', 'Paragraphs 8.3 and 10.3'],
  ['reviewCompletionCalendarMonths', 'Calendar months to complete a review', 'After the decision to hold one (paragraph 8.4)'],
  ['escalationRepeatWorkingDays', 'Working days between repeated escalations', 'After a deadline is missed'],
  [
    'shareFindingsCalendarMonths',
    'Calendar months to share the findings of an individual management or partnership review',
    'With the sub-committee (paragraphs 5.1 and 5.2)',
  ],
  ['severalCriteriaThreshold', 'How many further criteria count as “several”', 'Paragraph 3.3, second list'],
  [
    'nbuConfirmationWorkingDays',
    'Working days for the sub-committee chair to confirm Ofsted’s National Business Unit was notified',
    'After the decision to hold a review (paragraph 6.2)',
  ],
  ['panelConvenedWorkingDays', 'Working days to convene the review panel and start the review', 'After the decision to hold one (paragraphs 4.3 to 4.6)'],
  [
    'jointReviewAnswerWorkingDays',
    'Working days for other Boards’ chairs to answer on a joint review',
    'And again for the final decision if they do not agree (paragraphs 3.4 and 3.5)',
  ],
] as const;
type ProfileKey = (typeof PROFILE_FIELDS)[number][0];
const REMINDERS = 'reminderWorkingDaysBefore';

const BOARD_FIELDS = [
  ['name', 'Board name', undefined],
  ['referencePrefix', 'Reference prefix', 'Used at the start of case references, for example SCR-2026-0001. 2 to 6 capital letters'],
  ['emailFrom', 'Address emails are sent from', 'The service’s emails come from this address'],
  ['replyTo', 'Reply-to address (optional)', 'Where replies to the service’s emails go, for example the business support team'],
] as const;
type BoardKey = (typeof BOARD_FIELDS)[number][0];

const RECOMMENDATION_OVERDUE = 'escalation.recommendationOverdue';
const DECISION_OVERDUE = 'escalation.decisionOverdue';
const REVIEW_OVERDUE = 'escalation.reviewOverdue';
const CHIEF_EXECUTIVES = 'chiefExecutives';
/** As many as boardConfigSchema allows (chiefExecutives: max 20). */
const MAX_CHIEF_EXECUTIVES = 20;
const DOMAINS = 'allowedReferrerDomains';
const emailSchema = boardConfigSchema.shape.escalation.shape.recommendationOverdue.element;
const domainSchema = boardConfigSchema.shape.allowedReferrerDomains.element;

interface Person {
  id: number;
  name: string;
  email: string;
}
interface OtherChair extends Person {
  board: string;
}
interface Tier {
  id: number;
  emails: string;
}
interface FormState {
  board: Record<BoardKey, string>;
  offices: Record<OfficeKey, { name: string; email: string }>;
  members: Person[];
  otherChairs: OtherChair[];
  chiefExecutives: Person[];
  profile: Record<ProfileKey, string>;
  reminders: string;
  recommendationOverdue: string;
  decisionOverdue: Tier[];
  /** Empty: no tiers of the Board's own, so the platform's default applies. */
  reviewOverdue: Tier[];
  domains: string;
}

let nextId = 1;

function toForm(config: BoardConfig): FormState {
  return {
    board: Object.fromEntries(BOARD_FIELDS.map(([key]) => [key, config.board[key] ?? ''])) as FormState['board'],
    offices: Object.fromEntries(OFFICES.map(([key]) => [key, { name: config[key].name, email: config[key].email }])) as FormState['offices'],
    members: config.subCommitteeMembers.map((p) => ({ id: nextId++, name: p.name, email: p.email })),
    otherChairs: config.otherBoardChairs.map((p) => ({ id: nextId++, name: p.name, email: p.email, board: p.board })),
    chiefExecutives: config.chiefExecutives.map((p) => ({ id: nextId++, name: p.name, email: p.email })),
    profile: Object.fromEntries(PROFILE_FIELDS.map(([key]) => [key, String(config.procedureProfile[key])])) as FormState['profile'],
    reminders: config.procedureProfile.reminderWorkingDaysBefore.join(', '),
    recommendationOverdue: config.escalation.recommendationOverdue.join('\n'),
    decisionOverdue: config.escalation.decisionOverdue.map((tier) => ({ id: nextId++, emails: tier.join('\n') })),
    reviewOverdue: (config.escalation.reviewOverdue ?? []).map((tier) => ({ id: nextId++, emails: tier.join('\n') })),
    domains: config.allowedReferrerDomains.join('\n'),
  };
}

/** Typed text as a number when it is one; otherwise the text, for the schema to refuse. */
const numberOrText = (text: string): number | string => (/^\s*\d+\s*$/.test(text) ? Number(text) : text.trim());

/** One item a line (commas, semicolons and spaces also separate), blanks dropped. */
const items = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

function fromForm(original: BoardConfig, form: FormState): unknown {
  const person = ({ name, email }: { name: string; email: string }) => ({ name: name.trim(), email: email.trim() });
  const reminders = form.reminders.trim() === '' ? [] : form.reminders.split(/[\s,]+/).filter(Boolean).map(numberOrText);
  const replyTo = form.board.replyTo.trim();
  return {
    ...original,
    board: {
      ...original.board,
      name: form.board.name.trim(),
      referencePrefix: form.board.referencePrefix.trim(),
      emailFrom: form.board.emailFrom.trim(),
      replyTo: replyTo === '' ? undefined : replyTo,
    },
    ...Object.fromEntries(OFFICES.map(([key]) => [key, person(form.offices[key])])),
    subCommitteeMembers: form.members.map(person),
    otherBoardChairs: form.otherChairs.map((c) => ({ ...person(c), board: c.board.trim() })),
    chiefExecutives: form.chiefExecutives.map(person),
    escalation: {
      ...original.escalation,
      recommendationOverdue: items(form.recommendationOverdue),
      decisionOverdue: form.decisionOverdue.map((tier) => items(tier.emails)),
      // No tiers: leave it out, and the platform's default applies.
      reviewOverdue: form.reviewOverdue.length === 0 ? undefined : form.reviewOverdue.map((tier) => items(tier.emails)),
    },
    // Domains are not case-sensitive: keep them in lower case, as the schema expects.
    allowedReferrerDomains: items(form.domains.toLowerCase()).map((d) => d.replace(/^@/, '')),
    procedureProfile: {
      ...original.procedureProfile,
      ...Object.fromEntries(PROFILE_FIELDS.map(([key]) => [key, numberOrText(form.profile[key])])),
      [REMINDERS]: reminders,
    },
  };
}

/** What each field is called in messages, by its dotted name. */
function describe(name: string): string {
  const parts = name.split('.');
  const office = OFFICES.find(([key]) => key === parts[0]);
  if (office) return `the ${office[1]}`;
  if (parts[0] === 'subCommitteeMembers') return `sub-committee member ${Number(parts[1]) + 1}`;
  if (parts[0] === 'otherBoardChairs') return `other Board chair ${Number(parts[1]) + 1}`;
  if (parts[0] === CHIEF_EXECUTIVES) return `Chief Executive ${Number(parts[1]) + 1}`;
  return name;
}

/** The GOV.UK message for a field the Board config schema refused. */
function messageFor(name: string, form: FormState, fallback: string): string {
  const parts = name.split('.');
  const last = parts[parts.length - 1];
  const firstBad = (text: string, ok: (item: string) => boolean) => items(text).find((item) => !ok(item));
  const isEmail = (item: string) => emailSchema.safeParse(item).success;
  if (parts[0] === 'board') {
    if (last === 'name') return 'Enter the Board’s name, in 200 characters or fewer';
    if (last === 'referencePrefix') return 'Reference prefix must be 2 to 6 capital letters, like SCR';
    if (last === 'emailFrom') return 'Enter the address emails are sent from in the correct format, like name@example.gov.uk';
    if (last === 'replyTo') return 'Enter the reply-to address in the correct format, like name@example.gov.uk, or leave it blank';
  }
  const tierList = parts[0] === 'escalation' && parts.length === 3 ? parts[1] : undefined;
  const tiers = tierList === 'decisionOverdue' ? form.decisionOverdue : tierList === 'reviewOverdue' ? form.reviewOverdue : undefined;
  if (name === RECOMMENDATION_OVERDUE || tiers) {
    const tier = Number(parts[2]) + 1;
    const text = tiers ? (tiers[tier - 1]?.emails ?? '') : form.recommendationOverdue;
    const who = !tiers
      ? 'to tell when a recommendation is overdue'
      : tierList === 'reviewOverdue'
        ? `for review escalation tier ${tier}`
        : `for escalation tier ${tier}`;
    const bad = firstBad(text, isEmail);
    if (bad === undefined) return `Enter at least one email address ${who}`;
    return (
      `“${bad}” is not an email address: enter each email address ${who} in the correct format, ` +
      'like name@example.gov.uk, one on each line'
    );
  }
  if (name === DECISION_OVERDUE) return 'Add at least one escalation tier for an overdue decision';
  if (name === REVIEW_OVERDUE) return 'Add at least one escalation tier for a review’s missed deadlines, or use the default';
  if (name === CHIEF_EXECUTIVES) return `List ${MAX_CHIEF_EXECUTIVES} Chief Executives or fewer`;
  if (name === DOMAINS) {
    const bad = firstBad(form.domains.toLowerCase(), (d) => domainSchema.safeParse(d.replace(/^@/, '')).success);
    if (bad === undefined) return 'Enter at least one email domain referrers may use';
    return `“${bad}” is not an email domain: enter each domain like example.gov.uk, one on each line`;
  }
  if (parts[0] === 'procedureProfile') {
    const schema = procedureProfileSchema.shape;
    if (last === REMINDERS) {
      const element = schema.reminderWorkingDaysBefore.element;
      return `Reminders must be up to 5 whole numbers of working days from ${element.minValue} to ${element.maxValue}, separated by commas`;
    }
    const field = PROFILE_FIELDS.find(([key]) => key === last);
    if (field) {
      const rule = schema[field[0]];
      const number = (rule instanceof z.ZodDefault ? rule.unwrap() : rule) as z.ZodNumber;
      if (form.profile[field[0]].trim() === '') return `Enter the ${field[1].toLowerCase()}`;
      return `${field[1]} must be a whole number from ${number.minValue} to ${number.maxValue}`;
    }
  }
  const who = describe(name);
  if (last === 'name') return `Enter the name of ${who}, in 100 characters or fewer`;
  if (last === 'email') return `Enter the email address of ${who} in the correct format, like name@example.gov.uk`;
  if (last === 'board') return `Enter which Board ${who} chairs`;
  return `${name}: ${fallback}`;
}

/** The field names in the order the page shows them: the error summary follows it. */
function fieldOrder(form: FormState): string[] {
  return [
    ...BOARD_FIELDS.map(([key]) => `board.${key}`),
    ...OFFICES.flatMap(([key]) => [`${key}.name`, `${key}.email`]),
    ...form.members.flatMap((_, i) => [`subCommitteeMembers.${i}.name`, `subCommitteeMembers.${i}.email`]),
    ...form.otherChairs.flatMap((_, i) => [`otherBoardChairs.${i}.board`, `otherBoardChairs.${i}.name`, `otherBoardChairs.${i}.email`]),
    CHIEF_EXECUTIVES,
    ...form.chiefExecutives.flatMap((_, i) => [`${CHIEF_EXECUTIVES}.${i}.name`, `${CHIEF_EXECUTIVES}.${i}.email`]),
    RECOMMENDATION_OVERDUE,
    DECISION_OVERDUE,
    ...form.decisionOverdue.map((_, i) => `${DECISION_OVERDUE}.${i}`),
    REVIEW_OVERDUE,
    ...form.reviewOverdue.map((_, i) => `${REVIEW_OVERDUE}.${i}`),
    DOMAINS,
    ...PROFILE_FIELDS.map(([key]) => `procedureProfile.${key}`),
    `procedureProfile.${REMINDERS}`,
  ];
}

/**
 * Validates with the shared boardConfigSchema. List items keep their
 * index in the field name (toFieldErrors folds numeric path parts into
 * the list, which suits checkboxes, not a list of people).
 */
function validate(original: BoardConfig, form: FormState): { ok: true; config: BoardConfig } | { ok: false; errors: FieldError[] } {
  const parsed = boardConfigSchema.safeParse(fromForm(original, form));
  if (parsed.success) return { ok: true, config: parsed.data };
  const indexed = new z.ZodError(
    parsed.error.issues.map((issue) => {
      // A bad item in a list typed into one field (reminders, emails,
      // domains) is about that field; a tier keeps its number.
      const path = issue.path.map(String);
      const name = path.join('.');
      for (const [field, keep] of [
        [`procedureProfile.${REMINDERS}`, 2],
        [RECOMMENDATION_OVERDUE, 2],
        [DECISION_OVERDUE, 3],
        [REVIEW_OVERDUE, 3],
        [DOMAINS, 1],
      ] as const) {
        if (name.startsWith(`${field}.`)) return { ...issue, path: path.slice(0, keep) };
      }
      return { ...issue, path };
    }),
  );
  const order = fieldOrder(form);
  const rank = (e: FieldError) => {
    const i = order.indexOf(e.name);
    return i === -1 ? order.length : i;
  };
  const errors = toFieldErrors(indexed)
    .map((e) => ({ ...e, text: messageFor(e.name, form, e.text) }))
    .sort((a, b) => rank(a) - rank(b));
  return { ok: false, errors };
}

export function BoardConfigPage() {
  return <StaffOnly roles={['business-manager']}>{() => <BoardConfigLoader />}</StaffOnly>;
}

function BoardConfigLoader() {
  const heading = 'Board configuration';
  const { state, reload } = useApiGet('staff', '/api/board-config', boardConfigSchema);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [version, setVersion] = useState(0);
  if (state.kind === 'ok') {
    return (
      <BoardConfigForm
        key={version}
        heading={heading}
        original={state.data}
        notice={notice}
        onSaved={() => {
          setNotice({ kind: 'success', heading: 'Board configuration saved', text: 'New cases and deadlines use it from now on.' });
          setVersion((v) => v + 1);
          reload();
        }}
      />
    );
  }
  return (
    <Main>
      <TitleOnly heading={heading} />
      <h1 className="govuk-heading-l">{heading}</h1>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading the Board configuration…
        </p>
      ) : (
        <LoadProblem state={state} what="the Board configuration" />
      )}
    </Main>
  );
}

function TitleOnly({ heading }: { heading: string }) {
  useTitle(heading);
  return null;
}

function BoardConfigForm({
  heading,
  original,
  notice,
  onSaved,
}: {
  heading: string;
  original: BoardConfig;
  notice?: Notice;
  onSaved: () => void;
}) {
  const [form, setForm] = useState<FormState>(() => toForm(original));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const focusAfter = useRef<string | null>(null);
  useTitle(heading, errors.length > 0 || problem !== null);

  // After adding or removing a person, put focus somewhere sensible.
  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const errorFor = (name: string) => errors.find((e) => e.name === name)?.text;
  const show = (list: FieldError[], text: string | null = null) => {
    setErrors(list);
    setProblem(text);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = validate(original, form);
    if (!checked.ok) return show(checked.errors);
    void run(async () => {
      const result = await apiRequest('staff', '/api/board-config', { method: 'PUT', body: checked.config });
      if (result.kind === 'ok') {
        setErrors([]);
        setProblem(null);
        onSaved();
      } else if (result.kind === 'invalid') show(result.errors);
      else if (result.kind === 'forbidden') show([], 'Only the business manager can change the Board configuration');
      else if (result.kind !== 'signed-out') show([], 'Sorry, there is a problem with the service. Your changes have not been saved. Try again later');
    });
  };

  const setOffice = (key: OfficeKey, patch: Partial<{ name: string; email: string }>) =>
    setForm((f) => ({ ...f, offices: { ...f.offices, [key]: { ...f.offices[key], ...patch } } }));
  const setMember = (id: number, patch: Partial<Person>) =>
    setForm((f) => ({ ...f, members: f.members.map((m) => (m.id === id ? { ...m, ...patch } : m)) }));
  const setChair = (id: number, patch: Partial<OtherChair>) =>
    setForm((f) => ({ ...f, otherChairs: f.otherChairs.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
  const setChiefExecutive = (id: number, patch: Partial<Person>) =>
    setForm((f) => ({ ...f, chiefExecutives: f.chiefExecutives.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
  const setTier = (id: number, emails: string) =>
    setForm((f) => ({ ...f, decisionOverdue: f.decisionOverdue.map((t) => (t.id === id ? { ...t, emails } : t)) }));
  const setReviewTier = (id: number, emails: string) =>
    setForm((f) => ({ ...f, reviewOverdue: f.reviewOverdue.map((t) => (t.id === id ? { ...t, emails } : t)) }));
  const emailsHint = 'One email address on each line';

  return (
    <Main>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      {notice && errors.length === 0 && !problem ? <NotificationBanner notice={notice} /> : null}
      <span className="govuk-caption-l">{original.board.name}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        Who holds each office decides who is emailed about new cases, reminders and escalations. Changes apply from when
        you save them.
      </p>
      <form noValidate onSubmit={onSubmit}>
        <h2 className="govuk-heading-m">The Board</h2>
        {BOARD_FIELDS.map(([key, label, hint]) => (
          <TextInput
            key={key}
            name={`board.${key}`}
            label={label}
            hint={hint}
            value={form.board[key]}
            onChange={(value) => setForm((f) => ({ ...f, board: { ...f.board, [key]: value } }))}
            error={errorFor(`board.${key}`)}
            type={key === 'emailFrom' || key === 'replyTo' ? 'email' : 'text'}
            autoComplete="off"
            spellCheck={false}
            widthClass={key === 'referencePrefix' ? 'govuk-input--width-5' : undefined}
          />
        ))}

        <h2 className="govuk-heading-m">People</h2>
        {OFFICES.map(([key, label]) => (
          <fieldset className="govuk-fieldset app-fieldset-group" key={key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
            <TextInput
              name={`${key}.name`}
              label="Name"
              value={form.offices[key].name}
              onChange={(name) => setOffice(key, { name })}
              error={errorFor(`${key}.name`)}
              autoComplete="off"
              spellCheck={false}
            />
            <TextInput
              name={`${key}.email`}
              label="Email address"
              type="email"
              value={form.offices[key].email}
              onChange={(email) => setOffice(key, { email })}
              error={errorFor(`${key}.email`)}
              autoComplete="off"
              spellCheck={false}
            />
          </fieldset>
        ))}

        <h2 className="govuk-heading-m">Sub-committee members</h2>
        {form.members.length === 0 ? <p className="govuk-body">No members listed.</p> : null}
        {form.members.map((m, i) => (
          <fieldset className="govuk-fieldset app-fieldset-group" key={m.id}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Sub-committee member {i + 1}</legend>
            <TextInput
              name={`subCommitteeMembers.${i}.name`}
              label="Name"
              value={m.name}
              onChange={(name) => setMember(m.id, { name })}
              error={errorFor(`subCommitteeMembers.${i}.name`)}
              autoComplete="off"
              spellCheck={false}
            />
            <TextInput
              name={`subCommitteeMembers.${i}.email`}
              label="Email address"
              type="email"
              value={m.email}
              onChange={(email) => setMember(m.id, { email })}
              error={errorFor(`subCommitteeMembers.${i}.email`)}
              autoComplete="off"
              spellCheck={false}
            />
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                focusAfter.current = 'add-member';
                setForm((f) => ({ ...f, members: f.members.filter((x) => x.id !== m.id) }));
              }}
            >
              Remove<span className="govuk-visually-hidden"> sub-committee member {i + 1}</span>
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          id="add-member"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            focusAfter.current = fieldId(`subCommitteeMembers.${form.members.length}.name`);
            setForm((f) => ({ ...f, members: [...f.members, { id: nextId++, name: '', email: '' }] }));
          }}
        >
          Add a sub-committee member
        </button>

        <h2 className="govuk-heading-m">Other Boards’ chairs</h2>
        <p className="govuk-body">Told when a case involves their Board’s area.</p>
        {form.otherChairs.length === 0 ? <p className="govuk-body">No other Boards listed.</p> : null}
        {form.otherChairs.map((c, i) => (
          <fieldset className="govuk-fieldset app-fieldset-group" key={c.id}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Other Board chair {i + 1}</legend>
            <TextInput
              name={`otherBoardChairs.${i}.board`}
              label="Board"
              hint="For example, Example City Local Safeguarding Children Board"
              value={c.board}
              onChange={(board) => setChair(c.id, { board })}
              error={errorFor(`otherBoardChairs.${i}.board`)}
              autoComplete="off"
            />
            <TextInput
              name={`otherBoardChairs.${i}.name`}
              label="Chair’s name"
              value={c.name}
              onChange={(name) => setChair(c.id, { name })}
              error={errorFor(`otherBoardChairs.${i}.name`)}
              autoComplete="off"
              spellCheck={false}
            />
            <TextInput
              name={`otherBoardChairs.${i}.email`}
              label="Chair’s email address"
              type="email"
              value={c.email}
              onChange={(email) => setChair(c.id, { email })}
              error={errorFor(`otherBoardChairs.${i}.email`)}
              autoComplete="off"
              spellCheck={false}
            />
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                focusAfter.current = 'add-other-chair';
                setForm((f) => ({ ...f, otherChairs: f.otherChairs.filter((x) => x.id !== c.id) }));
              }}
            >
              Remove<span className="govuk-visually-hidden"> other Board chair {i + 1}</span>
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          id="add-other-chair"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            focusAfter.current = fieldId(`otherBoardChairs.${form.otherChairs.length}.board`);
            setForm((f) => ({ ...f, otherChairs: [...f.otherChairs, { id: nextId++, name: '', email: '', board: '' }] }));
          }}
        >
          Add another Board’s chair
        </button>

        <h2 className="govuk-heading-m">Chief Executives</h2>
        <p className="govuk-body">
          Told when the Board chairs cannot agree on a joint review and the question is referred to the Chief Executives
          (paragraph 3.5).
        </p>
        <div
          id={fieldId(CHIEF_EXECUTIVES)}
          tabIndex={-1}
          className={errorFor(CHIEF_EXECUTIVES) ? 'govuk-form-group govuk-form-group--error' : undefined}
        >
          {errorFor(CHIEF_EXECUTIVES) ? (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errorFor(CHIEF_EXECUTIVES)}
            </p>
          ) : null}
          {form.chiefExecutives.length === 0 ? <p className="govuk-body">No Chief Executives listed.</p> : null}
          {form.chiefExecutives.map((c, i) => (
            <fieldset className="govuk-fieldset app-fieldset-group" key={c.id}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Chief Executive {i + 1}</legend>
              <TextInput
                name={`${CHIEF_EXECUTIVES}.${i}.name`}
                label="Name"
                value={c.name}
                onChange={(name) => setChiefExecutive(c.id, { name })}
                error={errorFor(`${CHIEF_EXECUTIVES}.${i}.name`)}
                autoComplete="off"
                spellCheck={false}
              />
              <TextInput
                name={`${CHIEF_EXECUTIVES}.${i}.email`}
                label="Email address"
                type="email"
                value={c.email}
                onChange={(email) => setChiefExecutive(c.id, { email })}
                error={errorFor(`${CHIEF_EXECUTIVES}.${i}.email`)}
                autoComplete="off"
                spellCheck={false}
              />
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => {
                  focusAfter.current = 'add-chief-executive';
                  setForm((f) => ({ ...f, chiefExecutives: f.chiefExecutives.filter((x) => x.id !== c.id) }));
                }}
              >
                Remove<span className="govuk-visually-hidden"> Chief Executive {i + 1}</span>
              </button>
            </fieldset>
          ))}
        </div>
        {form.chiefExecutives.length < MAX_CHIEF_EXECUTIVES ? (
          <button
            type="button"
            id="add-chief-executive"
            className="govuk-button govuk-button--secondary"
            onClick={() => {
              focusAfter.current = fieldId(`${CHIEF_EXECUTIVES}.${form.chiefExecutives.length}.name`);
              setForm((f) => ({ ...f, chiefExecutives: [...f.chiefExecutives, { id: nextId++, name: '', email: '' }] }));
            }}
          >
            Add a Chief Executive
          </button>
        ) : (
          <p className="govuk-body">You can list up to {MAX_CHIEF_EXECUTIVES} Chief Executives.</p>
        )}

        <h2 className="govuk-heading-m">Escalations</h2>
        <p className="govuk-body">Who is emailed when a deadline is missed.</p>
        <Textarea
          name={RECOMMENDATION_OVERDUE}
          label="When the sub-committee’s recommendation is overdue"
          hint={emailsHint}
          value={form.recommendationOverdue}
          onChange={(recommendationOverdue) => setForm((f) => ({ ...f, recommendationOverdue }))}
          error={errorFor(RECOMMENDATION_OVERDUE)}
          autoComplete="off"
          spellCheck={false}
        />
        <h3 className="govuk-heading-s">When the Board chair’s decision is overdue</h3>
        <div
          id={fieldId(DECISION_OVERDUE)}
          tabIndex={-1}
          className={errorFor(DECISION_OVERDUE) ? 'govuk-form-group govuk-form-group--error' : undefined}
        >
          <p className="govuk-body">
            Tiers are told in order: tier 1 first, then the next tier each time the decision is still overdue.
          </p>
          {errorFor(DECISION_OVERDUE) ? (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errorFor(DECISION_OVERDUE)}
            </p>
          ) : null}
          {form.decisionOverdue.map((t, i) => (
            <fieldset className="govuk-fieldset app-fieldset-group" key={t.id}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Escalation tier {i + 1}</legend>
              <Textarea
                name={`${DECISION_OVERDUE}.${i}`}
                label={`Email addresses for tier ${i + 1}`}
                hint={emailsHint}
                value={t.emails}
                onChange={(emails) => setTier(t.id, emails)}
                error={errorFor(`${DECISION_OVERDUE}.${i}`)}
                rows={3}
                autoComplete="off"
                spellCheck={false}
              />
              {form.decisionOverdue.length > 1 ? (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => {
                    focusAfter.current = 'add-tier';
                    setForm((f) => ({ ...f, decisionOverdue: f.decisionOverdue.filter((x) => x.id !== t.id) }));
                  }}
                >
                  Remove<span className="govuk-visually-hidden"> escalation tier {i + 1}</span>
                </button>
              ) : null}
            </fieldset>
          ))}
        </div>
        <button
          type="button"
          id="add-tier"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            focusAfter.current = fieldId(`${DECISION_OVERDUE}.${form.decisionOverdue.length}`);
            setForm((f) => ({ ...f, decisionOverdue: [...f.decisionOverdue, { id: nextId++, emails: '' }] }));
          }}
        >
          Add an escalation tier
        </button>

        <h3 className="govuk-heading-s">When a review’s own deadline is missed</h3>
        <div
          id={fieldId(REVIEW_OVERDUE)}
          tabIndex={-1}
          className={errorFor(REVIEW_OVERDUE) ? 'govuk-form-group govuk-form-group--error' : undefined}
        >
          <p className="govuk-body">
            Completing the review, convening the panel, agencies securing their records, and confirming Ofsted’s National
            Business Unit was notified (paragraph 6.2). Tiers are told in order: tier 1 first, then the next tier each
            time the deadline is still missed.
          </p>
          <div className="govuk-hint" id={`${fieldId(REVIEW_OVERDUE)}-hint`}>
            Without tiers of your own, the service tells the business manager and the chair of the sub-committee first,
            then the Board chair, then the Children’s Services Adviser.
          </div>
          {errorFor(REVIEW_OVERDUE) ? (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errorFor(REVIEW_OVERDUE)}
            </p>
          ) : null}
          {form.reviewOverdue.length === 0 ? (
            <p className="govuk-body">No tiers set: the service uses the default.</p>
          ) : null}
          {form.reviewOverdue.map((t, i) => (
            <fieldset className="govuk-fieldset app-fieldset-group" key={t.id}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Review escalation tier {i + 1}</legend>
              <Textarea
                name={`${REVIEW_OVERDUE}.${i}`}
                label={`Email addresses for review tier ${i + 1}`}
                hint={emailsHint}
                value={t.emails}
                onChange={(emails) => setReviewTier(t.id, emails)}
                error={errorFor(`${REVIEW_OVERDUE}.${i}`)}
                rows={3}
                autoComplete="off"
                spellCheck={false}
              />
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => {
                  focusAfter.current = 'add-review-tier';
                  setForm((f) => ({ ...f, reviewOverdue: f.reviewOverdue.filter((x) => x.id !== t.id) }));
                }}
              >
                Remove<span className="govuk-visually-hidden"> review escalation tier {i + 1}</span>
              </button>
            </fieldset>
          ))}
        </div>
        <div className="govuk-button-group">
          <button
            type="button"
            id="add-review-tier"
            className="govuk-button govuk-button--secondary"
            aria-describedby={`${fieldId(REVIEW_OVERDUE)}-hint`}
            onClick={() => {
              focusAfter.current = fieldId(`${REVIEW_OVERDUE}.${form.reviewOverdue.length}`);
              setForm((f) => ({ ...f, reviewOverdue: [...f.reviewOverdue, { id: nextId++, emails: '' }] }));
            }}
          >
            {form.reviewOverdue.length === 0 ? 'Set review escalation tiers' : 'Add a review escalation tier'}
          </button>
          {form.reviewOverdue.length > 0 ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              aria-describedby={`${fieldId(REVIEW_OVERDUE)}-hint`}
              onClick={() => {
                focusAfter.current = 'add-review-tier';
                setForm((f) => ({ ...f, reviewOverdue: [] }));
              }}
            >
              Use the default tiers instead
            </button>
          ) : null}
        </div>

        <h2 className="govuk-heading-m">Referrers</h2>
        <Textarea
          name={DOMAINS}
          label="Email domains referrers may use"
          hint="One domain on each line, for example example.gov.uk. A referrer’s email address must end with one of these"
          value={form.domains}
          onChange={(domains) => setForm((f) => ({ ...f, domains }))}
          error={errorFor(DOMAINS)}
          autoComplete="off"
          spellCheck={false}
        />

        <h2 className="govuk-heading-m">Procedure timescales</h2>
        <p className="govuk-body">
          Profile <strong>{original.procedureProfile.id}</strong>. Deadlines already set on a case keep the rule they were
          made with.
        </p>
        {PROFILE_FIELDS.map(([key, label, hint]) => (
          <TextInput
            key={key}
            name={`procedureProfile.${key}`}
            label={label}
            hint={hint}
            value={form.profile[key]}
            onChange={(value) => setForm((f) => ({ ...f, profile: { ...f.profile, [key]: value } }))}
            error={errorFor(`procedureProfile.${key}`)}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            widthClass="govuk-input--width-3"
          />
        ))}
        <TextInput
          name={`procedureProfile.${REMINDERS}`}
          label="Reminders, in working days before a deadline"
          hint="Up to 5 numbers separated by commas, for example 5, 1"
          value={form.reminders}
          onChange={(reminders) => setForm((f) => ({ ...f, reminders }))}
          error={errorFor(`procedureProfile.${REMINDERS}`)}
          autoComplete="off"
          spellCheck={false}
          widthClass="govuk-input--width-10"
        />

        <SubmitButton pending={pending} pendingText="Saving the Board configuration">
          Save Board configuration
        </SubmitButton>
      </form>
    </Main>
  );
}
