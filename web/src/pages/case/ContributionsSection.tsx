import { useState, type FormEvent, type ReactNode } from 'react';
import type * as z from 'zod';
import {
  commissionContributionSchema,
  contributionKinds,
  contributionListSchema,
  independenceSchema,
  nameAuthorSchema,
  returnContributionSchema,
  type ContributionView,
} from '../../../../functions/schemas/contributions.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, type Notice } from '../../components/NotificationBanner.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { Radios } from '../../components/Radios.js';
import { TableRegion } from '../../components/TableRegion.js';
import { Textarea } from '../../components/Textarea.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import { InviteHint } from './InviteHint.js';
import { Link } from '../../router.js';

/**
 * The review's contributions (paras 9.1-9.6, 10.1-10.2, 10.6): what each
 * person may see of them (the API decides: whole when theirs or submitted,
 * otherwise who was asked, status and due date), asking for one (business
 * manager), and the step that is the caller's to take on each: name the
 * author (senior officer), declare independence and submit (author),
 * accept the findings or return it with reasons (senior officer).
 */
export function ContributionsSection({ reference, roles, onErrors }: { reference: string; roles: readonly string[]; onErrors: (has: boolean) => void }) {
  const path = `/api/cases/${encodeURIComponent(reference)}/contributions`;
  const { state, reload } = useApiGet('staff', path, contributionListSchema);
  const [notice, setNotice] = useState<Notice | null>(null);
  const done = (heading: string) => {
    onErrors(false);
    setNotice({ kind: 'success', heading });
    reload();
  };
  if (state.kind === 'loading') {
    return (
      <p className="govuk-body" role="status">
        Loading the contributions…
      </p>
    );
  }
  if (state.kind !== 'ok') {
    if (state.kind === 'conflict') return <p className="govuk-body">Contributions are asked for once the review has started.</p>;
    return <LoadProblem state={state} what="the contributions" />;
  }
  const list = state.data.contributions;
  return (
    <>
      {notice ? <NotificationBanner notice={notice} /> : null}
      <p className="govuk-body">
        Each organisation involved contributes an individual management review or another report (paragraphs 9.1 to 9.6). Its senior officer names the
        author and accepts the findings (paragraphs 10.1 and 10.6).
      </p>
      {list.length === 0 ? (
        <p className="govuk-body">No contributions have been asked for yet.</p>
      ) : (
        <TableRegion caption="Contributions asked for">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Organisation</th>
              <th scope="col" className="govuk-table__header">Kind</th>
              <th scope="col" className="govuk-table__header">Senior officer</th>
              <th scope="col" className="govuk-table__header">Author</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Due</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {list.map((c) => (
              <tr className="govuk-table__row" key={c.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/cases/${encodeURIComponent(reference)}/contributions/${encodeURIComponent(c.id)}`}>
                    {c.organisation}
                    <span className="govuk-visually-hidden">: {c.kindLabel.toLowerCase()}</span>
                  </Link>
                </td>
                <td className="govuk-table__cell">{c.description ? `${c.kindLabel}: ${c.description}` : c.kindLabel}</td>
                <td className="govuk-table__cell">{c.seniorOfficer.name}</td>
                <td className="govuk-table__cell">{c.author ? `${c.author.name}, ${c.author.jobTitle}` : 'Not named yet'}</td>
                <td className="govuk-table__cell">
                  {c.statusLabel}
                  {c.acceptedAt ? ` (${formatDateTime(c.acceptedAt)}, ${c.acceptedBy ?? ''})` : ''}
                </td>
                <td className="govuk-table__cell">
                  {formatDate(c.dueDate)}
                  {c.overdue ? (
                    <>
                      {' '}
                      <strong className="govuk-tag govuk-tag--red">Overdue</strong>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {list
        .filter((c) => c.mayDo.some((a) => a !== 'changeDueDate' && a !== 'recordCourtAgreement'))
        .map((c) => (
          <YourStep key={c.id} path={`${path}/${c.id}`} contribution={c} onDone={done} onErrors={onErrors} />
        ))}
      {roles.includes('business-manager') ? <CommissionForm path={path} onDone={done} onErrors={onErrors} /> : null}
    </>
  );
}

// ---------------------------------------------------------------- one form

type Post = { path: string; body?: unknown; method?: 'POST' | 'PUT' };

/** A small form: errors in a summary and on each field, a problem that is no field's in a problem summary. */
function useForm(prefix: string, onErrors: (has: boolean) => void) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const show = (list: FieldError[], text: string | null = null) => {
    setErrors(list);
    setProblem(text);
    setFocusKey((k) => k + 1);
    onErrors(list.length > 0 || text !== null);
  };
  const errorOf = (field: string) => errors.find((e) => e.name === `${prefix}.${field}`)?.text;
  /** Checks with the shared schema, then sends; the server's field errors are named under this form's prefix. */
  function submit<S extends z.ZodType>(schema: S | undefined, values: unknown, post: (data: z.infer<S> | undefined) => Post, onOk: () => void) {
    let data: z.infer<S> | undefined;
    if (schema) {
      const parsed = schema.safeParse(values);
      if (!parsed.success) return show(toFieldErrors(parsed.error, [prefix]));
      data = parsed.data;
    }
    const { path, body, method = 'POST' } = post(data);
    void run(async () => {
      const result = await apiRequest('staff', path, { method, ...(body !== undefined ? { body } : {}) });
      if (result.kind === 'ok') {
        show([]);
        onOk();
      } else if (result.kind === 'invalid') {
        show(result.errors.map((e) => ({ ...e, name: `${prefix}.${e.name}`, href: `#${prefix}-${e.name}` })));
      } else if (result.kind === 'conflict' || result.kind === 'forbidden') {
        show([], result.message ?? 'This cannot be done now. Reload the page to see the contribution as it is.');
      } else if (result.kind !== 'signed-out') {
        show([], 'Sorry, there is a problem with the service. Try again later');
      }
    });
  }
  const summary = (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
    </>
  );
  return { errorOf, submit, summary, pending, show };
}

function FormBlock({ id, heading, onSubmit, children }: { id: string; heading: string; onSubmit: (e: FormEvent<HTMLFormElement>) => void; children: ReactNode }) {
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={`${id}-heading`} className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {heading}
      </h2>
      {children}
    </form>
  );
}

// ---------------------------------------------------------------- asking for one (9.1, 10.1)

function CommissionForm({ path, onDone, onErrors }: { path: string; onDone: (heading: string) => void; onErrors: (has: boolean) => void }) {
  const f = useForm('commission', onErrors);
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    f.submit(
      commissionContributionSchema,
      { kind: kind || undefined, ...(description.trim() ? { description } : {}), organisation, seniorOfficerName: name, seniorOfficerEmail: email },
      (data) => ({ path, body: data }),
      () => {
        const asked = organisation.trim();
        setKind('');
        setDescription('');
        setOrganisation('');
        setName('');
        setEmail('');
        onDone(`A contribution was asked for from ${asked}`);
      },
    );
  };
  return (
    <FormBlock id="commission" heading="Ask for a contribution" onSubmit={onSubmit}>
      {f.summary}
      <Radios
        name="commission.kind"
        legend="What is asked for"
        legendSize="s"
        items={contributionKinds.map((k) => ({ value: k.value, label: k.label, hint: `Paragraph ${k.paragraph}` }))}
        value={kind}
        onChange={setKind}
        error={f.errorOf('kind')}
      />
      <TextInput
        name="commission.description"
        label="Description (needed for another report)"
        hint="For example, GP report or Housing tenancy report"
        value={description}
        onChange={setDescription}
        error={f.errorOf('description')}
      />
      <TextInput name="commission.organisation" label="Organisation" value={organisation} onChange={setOrganisation} error={f.errorOf('organisation')} />
      <TextInput name="commission.seniorOfficerName" label="Senior officer’s full name" value={name} onChange={setName} error={f.errorOf('seniorOfficerName')} autoComplete="off" />
      <TextInput
        name="commission.seniorOfficerEmail"
        label="Senior officer’s email address"
        hint="They name the author and accept the findings, signed in with this address"
        type="email"
        value={email}
        onChange={setEmail}
        error={f.errorOf('seniorOfficerEmail')}
        autoComplete="off"
        spellCheck={false}
      />
      <InviteHint error={f.errorOf('seniorOfficerEmail')} id="commission-invite" />
      <SubmitButton pending={f.pending} pendingText="Asking for the contribution">
        Ask for the contribution
      </SubmitButton>
    </FormBlock>
  );
}

// ---------------------------------------------------------------- the caller's step on one contribution

type FormProps = { onErrors: (has: boolean) => void };

function YourStep({ path, contribution: c, onDone, onErrors }: { path: string; contribution: ContributionView; onDone: (heading: string) => void } & FormProps) {
  const what = `${c.organisation}: ${c.kindLabel.toLowerCase()}`;
  if (c.mayDo.includes('nameAuthor')) return <NameAuthorForm path={path} what={what} declined={c.declinedAuthors.length > 0} onDone={onDone} onErrors={onErrors} />;
  if (c.mayDo.includes('declareIndependence')) return <IndependenceForm path={path} what={what} onDone={onDone} onErrors={onErrors} />;
  if (c.mayDo.includes('submit')) return <SubmitForm path={path} what={what} contribution={c} onDone={onDone} onErrors={onErrors} />;
  if (c.mayDo.includes('return')) return <AcceptOrReturnForm path={path} what={what} canAccept={c.mayDo.includes('accept')} onDone={onDone} onErrors={onErrors} />;
  return null;
}

function NameAuthorForm({ path, what, declined, onDone, onErrors }: { path: string; what: string; declined: boolean; onDone: (h: string) => void } & FormProps) {
  const f = useForm('author', onErrors);
  const [name, setName] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [email, setEmail] = useState('');
  return (
    <FormBlock
      id={`author-${path.split('/').at(-1)}`}
      heading={`Name the author – ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        f.submit(nameAuthorSchema, { authorName: name, authorJobTitle: jobTitle, authorEmail: email }, (data) => ({ path: `${path}/author`, body: data }), () =>
          onDone('The author was named. They are asked to declare their independence'),
        );
      }}
    >
      {f.summary}
      {declined ? <p className="govuk-body">The author you named could not declare independence (paragraph 10.2). Name someone else.</p> : null}
      <p className="govuk-body">
        The author must not have been directly concerned with the child or family, nor be the immediate line manager of the practitioners involved (paragraph 10.2).
      </p>
      <TextInput name="author.authorName" label="Author’s full name" value={name} onChange={setName} error={f.errorOf('authorName')} autoComplete="off" />
      <TextInput name="author.authorJobTitle" label="Author’s job title" value={jobTitle} onChange={setJobTitle} error={f.errorOf('authorJobTitle')} />
      <TextInput
        name="author.authorEmail"
        label="Author’s email address"
        type="email"
        value={email}
        onChange={setEmail}
        error={f.errorOf('authorEmail')}
        autoComplete="off"
        spellCheck={false}
      />
      <SubmitButton pending={f.pending} pendingText="Naming the author">
        Name the author
      </SubmitButton>
    </FormBlock>
  );
}

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function IndependenceForm({ path, what, onDone, onErrors }: { path: string; what: string; onDone: (h: string) => void } & FormProps) {
  const f = useForm('independence', onErrors);
  const [concerned, setConcerned] = useState('');
  const [manager, setManager] = useState('');
  const asBool = (v: string) => (v === '' ? undefined : v === 'no');
  return (
    <FormBlock
      id={`independence-${path.split('/').at(-1)}`}
      heading={`Declare your independence – ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        f.submit(
          independenceSchema,
          { notDirectlyConcerned: asBool(concerned), notLineManager: asBool(manager) },
          (data) => ({ path: `${path}/independence`, body: data }),
          () =>
            onDone(
              concerned === 'no' && manager === 'no'
                ? 'You declared your independence. You can now write the contribution'
                : 'You are not independent of the case. The senior officer is asked to name another author',
            ),
        );
      }}
    >
      {f.summary}
      <Radios
        name="independence.notDirectlyConcerned"
        legend="Have you been directly concerned with the child or family?"
        legendSize="s"
        items={YES_NO}
        value={concerned}
        onChange={setConcerned}
        error={f.errorOf('notDirectlyConcerned')}
        inline
      />
      <Radios
        name="independence.notLineManager"
        legend="Are you the immediate line manager of any practitioner involved?"
        legendSize="s"
        items={YES_NO}
        value={manager}
        onChange={setManager}
        error={f.errorOf('notLineManager')}
        inline
      />
      <SubmitButton pending={f.pending} pendingText="Sending your declaration">
        Send declaration
      </SubmitButton>
    </FormBlock>
  );
}

function SubmitForm({ path, what, contribution: c, onDone, onErrors }: { path: string; what: string; contribution: ContributionView; onDone: (h: string) => void } & FormProps) {
  const f = useForm('submit', onErrors);
  const lastReturn = c.returns.at(-1);
  return (
    <FormBlock
      id={`submit-${c.id}`}
      heading={`Submit – ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        f.submit(undefined, undefined, () => ({ path: `${path}/submit` }), () => onDone('The contribution was submitted to the senior officer'));
      }}
    >
      {f.summary}
      {lastReturn ? (
        <div className="govuk-inset-text">
          Returned on {formatDateTime(lastReturn.at)}: {lastReturn.reasons}
        </div>
      ) : null}
      <p className="govuk-body">The senior officer, {c.seniorOfficer.name}, will accept the findings or return it to you with reasons.</p>
      <SubmitButton pending={f.pending} pendingText="Submitting">
        Submit to the senior officer
      </SubmitButton>
    </FormBlock>
  );
}

function AcceptOrReturnForm({ path, what, canAccept, onDone, onErrors }: { path: string; what: string; canAccept: boolean; onDone: (h: string) => void } & FormProps) {
  const f = useForm('return', onErrors);
  const [choice, setChoice] = useState('');
  const [reasons, setReasons] = useState('');
  return (
    <FormBlock
      id={`accept-${path.split('/').at(-1)}`}
      heading={`Accept the findings or return – ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (choice === 'accept') {
          f.submit(undefined, undefined, () => ({ path: `${path}/accept` }), () => onDone('You accepted the findings'));
        } else if (choice === 'return') {
          f.submit(returnContributionSchema, { reasons }, (data) => ({ path: `${path}/return`, body: data }), () => onDone('The contribution was returned to its author'));
        } else {
          f.show([{ name: 'return.choice', href: '#return-choice', text: 'Select whether to accept the findings or return it' }]);
        }
      }}
    >
      {f.summary}
      {!canAccept ? <p className="govuk-body">The findings can be accepted once the court’s prior agreement is recorded (paragraph 9.6).</p> : null}
      <Radios
        name="return.choice"
        legend="What do you want to do?"
        legendSize="s"
        items={[
          ...(canAccept ? [{ value: 'accept', label: 'Accept the findings (paragraph 10.6)' }] : []),
          {
            value: 'return',
            label: 'Return it to the author',
            conditional: <Textarea name="return.reasons" label="Why it is returned" value={reasons} onChange={setReasons} error={f.errorOf('reasons')} />,
          },
        ]}
        value={choice}
        onChange={setChoice}
        error={f.errorOf('choice')}
      />
      <SubmitButton pending={f.pending} pendingText="Sending">
        Continue
      </SubmitButton>
    </FormBlock>
  );
}
