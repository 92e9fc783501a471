import { useEffect, useState, type FormEvent } from 'react';
import { genogramSvg, genogramText, layoutGenogram, lifeYears } from '../../../../functions/domain/report/genogram.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import {
  genogramContentSchema,
  genogramGenders,
  genogramPersonSchema,
  genogramRelationshipKinds,
  genogramViewSchema,
  savedSchema,
  type GenogramContent,
} from '../../../../functions/schemas/overview.js';
import type { RouteProps } from '../../App.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { Checkboxes } from '../../components/Checkboxes.js';
import { NotificationBanner, type Notice } from '../../components/NotificationBanner.js';
import { Radios } from '../../components/Radios.js';
import { TableRegion } from '../../components/TableRegion.js';
import { TextInput } from '../../components/TextInput.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { NotLoaded, ReportFrame, ReportHeading, useProblems, type Problems } from './report-kit.js';
import { overviewApiPath } from './report-pages.js';

const HEADING = 'Genogram';
type Person = GenogramContent['people'][number];
type Relationship = GenogramContent['relationships'][number];

/**
 * The genogram (Appendix B, "The facts"): the overview author records the
 * family, extended family and household members and how they are related;
 * the page draws the genogram (laid out by a graph library) with its text
 * alternative. Each change is saved at once, over the version read.
 */
export function GenogramPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <Genogram reference={reference} />}</StaffOnly>;
}

function Genogram({ reference }: { reference: string }) {
  const { state } = useApiGet('staff', `${overviewApiPath(reference)}/genogram`, genogramViewSchema);
  // What this page last saved (the server's answer gives the new version), so the next change goes over it at once.
  const [saved, setSaved] = useState<{ genogram: GenogramContent; version: number } | null>(null);
  // The person being changed, if any: the form below shows their details.
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const problems = useProblems();
  const [pending, run] = usePending();
  if (state.kind !== 'ok') return <NotLoaded reference={reference} heading={HEADING} state={state} what="the genogram" />;
  const view = state.data;
  const g = saved?.genogram ?? view.genogram;
  const version = saved?.version ?? view.version;

  /** Saves the whole genogram as changed; false when refused (the errors are shown). */
  const save = async (next: GenogramContent, heading: string, fieldFor: (e: FieldError) => FieldError = (e) => e): Promise<boolean> => {
    const parsed = genogramContentSchema.safeParse(next);
    if (!parsed.success) {
      problems.show(toFieldErrors(parsed.error).map(fieldFor));
      return false;
    }
    const result = await run(() => apiRequest('staff', `${overviewApiPath(reference)}/genogram`, { method: 'PUT', body: { expectedVersion: version, genogram: parsed.data }, schema: savedSchema }));
    if (!result) return false;
    if (result.kind === 'ok') {
      problems.show([]);
      setSaved({ genogram: parsed.data, version: result.data.version });
      setNotice({ kind: 'success', heading });
      return true;
    }
    if (result.kind === 'invalid') problems.show(result.errors.map((e) => fieldFor({ ...e, name: e.name.replace(/^genogram\./, '') })));
    else if (result.kind !== 'signed-out') problems.show([], ('message' in result && result.message) || 'Sorry, there is a problem with the service. Nothing was saved: try again later.');
    return false;
  };
  const nameOf = (id: string) => g.people.find((p) => p.id === id)?.name ?? 'Someone';

  return (
    <ReportFrame reference={reference} heading={HEADING} errors={problems.any} wide>
      {problems.summary}
      {notice && !problems.any ? <NotificationBanner notice={notice} /> : null}
      <ReportHeading reference={reference} heading={HEADING} />
      <Drawing genogram={g} reference={reference} />
      <h2 className="govuk-heading-m">Text alternative</h2>
      {g.people.length ? (
        <ul className="govuk-list govuk-list--bullet" id="genogram-text">
          {genogramText(g).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No one is recorded yet.</p>
      )}
      {view.canEdit ? (
        <div className="app-no-print">
          <h2 className="govuk-heading-m">People</h2>
          {g.people.length ? (
            <TableRegion caption="People in the genogram">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  {['Name', 'Relationship to the child', 'Gender', 'Years', 'Household', 'Action'].map((h) => (
                    <th scope="col" className="govuk-table__header" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {g.people.map((p) => (
                  <tr className="govuk-table__row" key={p.id}>
                    <td className="govuk-table__cell">
                      {p.name}
                      {p.subjectChild ? ' (subject child)' : ''}
                    </td>
                    <td className="govuk-table__cell">{p.relationship}</td>
                    <td className="govuk-table__cell">{genogramGenders.find((x) => x.value === p.gender)?.label}</td>
                    <td className="govuk-table__cell">{lifeYears(p) || 'Not known'}</td>
                    <td className="govuk-table__cell">{p.inHousehold ? 'Lives in the household' : 'Lives elsewhere'}</td>
                    <td className="govuk-table__cell">
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1 govuk-!-margin-right-1"
                        onClick={() => {
                          setEditing(p.id);
                          window.setTimeout(() => document.getElementById('name')?.focus(), 0);
                        }}
                      >
                        Change<span className="govuk-visually-hidden"> {p.name}</span>
                      </button>
                      <button
                        type="button"
                        className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                        onClick={() =>
                          void save(
                            { people: g.people.filter((x) => x.id !== p.id), relationships: g.relationships.filter((r) => r.from !== p.id && r.to !== p.id) },
                            `${p.name} removed from the genogram`,
                          )
                        }
                      >
                        Remove<span className="govuk-visually-hidden"> {p.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableRegion>
          ) : null}
          <PersonForm
            key={editing ?? 'new'}
            editing={g.people.find((p) => p.id === editing)}
            problems={problems}
            pending={pending}
            onCancel={() => setEditing(null)}
            onAdd={async (p) => {
              const changing = g.people.some((x) => x.id === p.id);
              const ok = await save(
                { ...g, people: changing ? g.people.map((x) => (x.id === p.id ? p : x)) : [...g.people, p] },
                changing ? `${p.name}’s details changed` : `${p.name} added to the genogram`,
              );
              if (ok && changing) setEditing(null);
              return ok;
            }}
          />
          <h2 className="govuk-heading-m">Relationships</h2>
          {g.relationships.length ? (
            <ul className="govuk-list">
              {g.relationships.map((r) => (
                <li key={r.id}>
                  {relationshipWords(r, nameOf)}{' '}
                  <button
                    type="button"
                    className="app-link-button govuk-link"
                    onClick={() => void save({ ...g, relationships: g.relationships.filter((x) => x.id !== r.id) }, 'Relationship removed')}
                  >
                    Remove<span className="govuk-visually-hidden"> the relationship: {relationshipWords(r, nameOf)}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No relationship is recorded yet.</p>
          )}
          {g.people.length >= 2 ? (
            <RelationshipForm
              people={g.people}
              problems={problems}
              pending={pending}
              onAdd={(r) =>
                save({ ...g, relationships: [...g.relationships, r] }, `Relationship added: ${relationshipWords(r, nameOf)}`, (e) =>
                  e.name.startsWith('relationships') ? { ...e, name: 'to', href: '#to' } : e,
                )
              }
            />
          ) : null}
        </div>
      ) : null}
    </ReportFrame>
  );
}

function relationshipWords(r: Relationship, nameOf: (id: string) => string): string {
  if (r.kind === 'parent-child') return `${nameOf(r.from)} is a parent of ${nameOf(r.to)}`;
  if (r.kind === 'partnership') return `${nameOf(r.from)} and ${nameOf(r.to)} are partners`;
  return `${nameOf(r.from)} and ${nameOf(r.to)} were partners and have separated`;
}

/** The drawing, laid out in the browser by the same function the exported report uses. */
function Drawing({ genogram, reference }: { genogram: GenogramContent; reference: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    if (!genogram.people.length) {
      setSvg(null);
      return;
    }
    layoutGenogram(genogram)
      .then((drawing) => {
        if (live) setSvg(genogramSvg(drawing, { title: `Genogram of the family in case ${reference}` }));
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, [genogram, reference]);
  if (!genogram.people.length) return <p className="govuk-body">Add the family and household members below: the genogram is drawn from them.</p>;
  if (failed) return <p className="govuk-body">Sorry, the genogram could not be drawn. The text alternative below lists everyone and every relationship.</p>;
  if (!svg) {
    return (
      <p className="govuk-body" role="status">
        Drawing the genogram…
      </p>
    );
  }
  // The SVG is made by genogramSvg, which escapes every text it draws.
  return <figure className="app-genogram govuk-!-margin-0 govuk-!-margin-bottom-6" role="group" aria-label="Genogram drawing" tabIndex={0} dangerouslySetInnerHTML={{ __html: svg }} />;
}

const newId = () => `p-${crypto.randomUUID().slice(0, 8)}`;
const yearOf = (s: string) => (s.trim() ? Number(s.trim()) : undefined);

function PersonForm({
  editing,
  problems,
  pending,
  onAdd,
  onCancel,
}: {
  editing?: Person;
  problems: Problems;
  pending: boolean;
  onAdd: (p: Person) => Promise<boolean>;
  onCancel: () => void;
}) {
  const empty = { name: '', relationship: '', gender: '', bornYear: '', diedYear: '', inHousehold: '', subjectChild: [] as string[] };
  const [f, setF] = useState(
    editing
      ? {
          name: editing.name,
          relationship: editing.relationship,
          gender: editing.gender,
          bornYear: editing.bornYear === undefined ? '' : String(editing.bornYear),
          diedYear: editing.diedYear === undefined ? '' : String(editing.diedYear),
          inHousehold: editing.inHousehold ? 'yes' : 'no',
          subjectChild: editing.subjectChild ? ['yes'] : [],
        }
      : empty,
  );
  const set = <K extends keyof typeof f>(k: K) => (v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const person = {
      id: editing?.id ?? newId(),
      name: f.name,
      relationship: f.relationship,
      gender: f.gender || undefined,
      bornYear: yearOf(f.bornYear),
      diedYear: yearOf(f.diedYear),
      inHousehold: f.inHousehold === '' ? undefined : f.inHousehold === 'yes',
      subjectChild: f.subjectChild.includes('yes'),
    };
    const parsed = genogramPersonSchema.safeParse(person);
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error));
    // Cleared once saved; kept as typed when refused, so nothing is lost.
    void onAdd(parsed.data).then((ok) => ok && setF(empty));
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="add-person-heading">
      <h3 className="govuk-heading-s" id="add-person-heading">
        {editing ? `Change ${editing.name}’s details` : 'Add a person'}
      </h3>
      <TextInput name="name" label="Name" hint="As the report names them: a name, or an agreed pseudonym" value={f.name} onChange={set('name')} error={problems.errorFor('name')} autoComplete="off" />
      <TextInput
        name="relationship"
        label="Relationship to the subject child"
        hint="For example, mother, maternal grandmother, mother’s partner"
        value={f.relationship}
        onChange={set('relationship')}
        error={problems.errorFor('relationship')}
        autoComplete="off"
      />
      <Radios name="gender" legend="Gender" legendSize="s" items={genogramGenders} value={f.gender} onChange={set('gender')} error={problems.errorFor('gender')} inline />
      <TextInput name="bornYear" label="Year born (optional)" value={f.bornYear} onChange={set('bornYear')} error={problems.errorFor('bornYear')} inputMode="numeric" widthClass="govuk-input--width-4" />
      <TextInput
        name="diedYear"
        label="Year died (optional)"
        hint="Leave blank if they are alive"
        value={f.diedYear}
        onChange={set('diedYear')}
        error={problems.errorFor('diedYear')}
        inputMode="numeric"
        widthClass="govuk-input--width-4"
      />
      <Radios
        name="inHousehold"
        legend="Do they live in the child’s household?"
        legendSize="s"
        items={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
        value={f.inHousehold}
        onChange={set('inHousehold')}
        error={problems.errorFor('inHousehold')}
        inline
      />
      <Checkboxes name="subjectChild" legend="The subject child" legendSize="s" items={[{ value: 'yes', label: 'This is the child the review is about' }]} values={f.subjectChild} onChange={set('subjectChild')} error={problems.errorFor('subjectChild')} small />
      <div className="govuk-button-group">
        <SubmitButton pending={pending} pendingText={editing ? 'Saving the changes' : 'Adding the person'} className="govuk-button govuk-button--secondary">
          {editing ? 'Save changes' : 'Add person'}
        </SubmitButton>
        {editing ? (
          <button type="button" className="app-link-button govuk-link" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Select({ name, label, value, onChange, options, error }: { name: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; error?: string }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      {error ? (
        <p id={`${name}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select className={`govuk-select${error ? ' govuk-select--error' : ''}`} id={name} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={error ? `${name}-error` : undefined}>
        <option value="">Select a person</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function RelationshipForm({ people, problems, pending, onAdd }: { people: Person[]; problems: Problems; pending: boolean; onAdd: (r: Relationship) => Promise<boolean> }) {
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const options = people.map((p) => ({ value: p.id, label: `${p.name} (${p.relationship})` }));
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors: FieldError[] = [];
    if (!kind) errors.push({ name: 'kind', href: '#kind', text: 'Select the kind of relationship' });
    if (!from) errors.push({ name: 'from', href: '#from', text: kind === 'parent-child' ? 'Select the parent' : 'Select the first person' });
    if (!to) errors.push({ name: 'to', href: '#to', text: kind === 'parent-child' ? 'Select the child' : 'Select the second person' });
    else if (to === from) errors.push({ name: 'to', href: '#to', text: 'Select two different people' });
    if (errors.length) return problems.show(errors);
    void onAdd({ id: newId(), kind: kind as Relationship['kind'], from, to }).then((ok) => {
      if (!ok) return;
      setKind('');
      setFrom('');
      setTo('');
    });
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="add-relationship-heading">
      <h3 className="govuk-heading-s" id="add-relationship-heading">
        Add a relationship
      </h3>
      <Radios name="kind" legend="Kind of relationship" legendSize="s" items={genogramRelationshipKinds} value={kind} onChange={setKind} error={problems.errorFor('kind')} />
      <Select name="from" label={kind === 'parent-child' ? 'Parent' : 'First person'} value={from} onChange={setFrom} options={options} error={problems.errorFor('from')} />
      <Select name="to" label={kind === 'parent-child' ? 'Child' : 'Second person'} value={to} onChange={setTo} options={options} error={problems.errorFor('to')} />
      <SubmitButton pending={pending} pendingText="Adding the relationship" className="govuk-button govuk-button--secondary">
        Add relationship
      </SubmitButton>
    </form>
  );
}
