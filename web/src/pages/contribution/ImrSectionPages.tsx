import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  analysisQuestions,
  imrSectionViewSchema,
  imrSections,
  imrViewSchema,
  saveImrSectionSchema,
  type ImrSectionContent,
  type ImrSectionName,
} from '../../../../functions/schemas/imr.js';
import type { ContributionView } from '../../../../functions/schemas/contributions.js';
import { datePartsToIso, isoToDateParts, type DateParts } from '../../../../functions/schemas/dates.js';
import type { FieldError } from '../../../../functions/schemas/errors.js';
import type { RouteProps } from '../../App.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton } from '../../components/Buttons.js';
import { DateInput } from '../../components/DateInput.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { NotificationBanner, type Notice } from '../../components/NotificationBanner.js';
import { Textarea } from '../../components/Textarea.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime, formatTime } from '../../format.js';
import { Link } from '../../router.js';
import { ContributionPageFrame, contributionApiPath, contributionName, contributionPagePath, Plain, useFormState } from './contribution-kit.js';

/**
 * The IMR's sections after the chronology (Appendix A, 10.13, 10.14), a page
 * each. Each is saved on its own, conditional on the version the author
 * read: "Save and come back later" keeps the work and stays on the page; a
 * save that someone else's came before is refused with a clear message and
 * the text typed stays in the boxes, to copy before reloading. Whoever may
 * read the contribution (and is not its author writing it) reads the
 * section instead.
 */

const TITLES: Record<ImrSectionName, string> = {
  analysis: 'Analysis of involvement',
  learning: 'What do we learn from this case?',
  recommendations: 'Recommendations for action',
  interviews: 'Interview records',
};

type Saved<S extends ImrSectionName> = { content: ImrSectionContent<S>; version: number; updatedAt: string; updatedBy: string } | undefined;

function SectionPage<S extends ImrSectionName>({
  props,
  section,
  children,
}: {
  props: RouteProps;
  section: S;
  children: (args: { c: ContributionView; reference: string; saved: Saved<S>; writing: boolean }) => ReactNode;
}) {
  return (
    <ContributionPageFrame {...props} heading={TITLES[section]}>
      {(c, ids) => <SectionLoader c={c} reference={ids.reference} section={section} render={children} />}
    </ContributionPageFrame>
  );
}

function SectionLoader<S extends ImrSectionName>({
  c,
  reference,
  section,
  render,
}: {
  c: ContributionView;
  reference: string;
  section: S;
  render: (args: { c: ContributionView; reference: string; saved: Saved<S>; writing: boolean }) => ReactNode;
}) {
  const { state } = useApiGet('staff', contributionApiPath(reference, c.id, 'imr'), imrViewSchema);
  const back = contributionPagePath(reference, c.id);
  if (state.kind !== 'ok') {
    return (
      <Plain heading={TITLES[section]} backTo={back} showHeading={state.kind !== 'loading'}>
        {state.kind === 'loading' ? (
          <p className="govuk-body" role="status">
            Loading the review…
          </p>
        ) : state.kind === 'not-found' ? (
          <p className="govuk-body">You can read it once it is submitted to its senior officer.</p>
        ) : (
          <LoadProblem state={state} what="the review" />
        )}
      </Plain>
    );
  }
  const found = state.data.sections.find((s) => s.section === section);
  const saved = found ? ({ ...found, content: imrSections[section].parse(found.content) } as unknown as Saved<S>) : undefined;
  return <>{render({ c, reference, saved, writing: c.mayDo.includes('submit') })}</>;
}

/** What a section's form holds now: content to save, or the problems that stop it (date boxes not a date). */
type Draft = { content: unknown } | { errors: FieldError[] };

/** How long after the last key press a section saves itself. */
const AUTOSAVE_AFTER_MS = 2500;
const AUTOSAVE_CONFLICT = 'Not saved: someone else changed this section — copy your text and reload';
/** The status for a refused save: someone else's save came first, or (the server says why) it cannot be changed now. */
const conflictStatus = (message?: string) => (message && !message.startsWith('Someone else') ? `Not saved: ${message} Copy your text.` : AUTOSAVE_CONFLICT);
const AUTOSAVE_INVALID = 'Not saved: something here needs changing first. Select “Save and come back later” to see what.';

/**
 * A section's form: the version it was read at, the explicit save (kept on
 * the page with a banner), the words for a conflict, and autosave: the
 * section saves itself a few seconds after the author stops typing and when
 * they leave a field, conditional on the version like any save, and says so
 * in a polite live region ("Saved at 2:32pm"). Saves go one at a time, so an
 * autosave and "Save and come back later" never race each other for the
 * version. Nothing typed is ever replaced: after a conflict autosave stops
 * and the text stays in the boxes to copy.
 *
 * @param draft the form's content now (or what stops it being saved)
 * @param key changes whenever anything typed changes (the form's state, serialised)
 */
function useSectionSave<S extends ImrSectionName>(reference: string, c: ContributionView, section: S, saved: Saved<S>, order: readonly string[], draft: Draft, key: string) {
  const f = useFormState(`${TITLES[section]} – ${c.organisation}`, order);
  const version = useRef<number | undefined>(saved?.version);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [status, setStatus] = useState('');
  const latest = useRef({ draft, key });
  latest.current = { draft, key };
  // What the server holds, as the form's state: nothing to save until it differs.
  const savedKey = useRef(key);
  const conflicted = useRef(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const path = contributionApiPath(reference, c.id, `imr/${section}`);
  const bodyOf = (content: unknown) => ({ content, ...(version.current ? { expectedVersion: version.current } : {}) });
  const savedNow = (data: unknown, sentKey: string) => {
    const view = imrSectionViewSchema.safeParse(data);
    if (view.success) {
      version.current = view.data.version;
      setStatus(`Saved at ${formatTime(view.data.updatedAt)}`);
    }
    savedKey.current = sentKey;
  };
  const enqueue = (job: () => Promise<void>) => {
    queue.current = queue.current.then(job, job);
    return queue.current;
  };

  const autosave = () =>
    enqueue(async () => {
      const { draft: now, key: nowKey } = latest.current;
      if (conflicted.current || nowKey === savedKey.current) return;
      if ('errors' in now) return setStatus(AUTOSAVE_INVALID);
      const checked = saveImrSectionSchema(section).safeParse(bodyOf(now.content));
      if (!checked.success) return setStatus(AUTOSAVE_INVALID);
      const r = await apiRequest('staff', path, { method: 'PUT', body: checked.data });
      if (r.kind === 'ok') return savedNow(r.data, nowKey);
      if (r.kind === 'conflict') {
        conflicted.current = true;
        return setStatus(conflictStatus(r.message));
      }
      if (r.kind === 'invalid') return setStatus(AUTOSAVE_INVALID);
      if (r.kind === 'signed-out') return setStatus('Not saved: you are signed out. Copy your text, sign in again and reload.');
      setStatus('Not saved: the service could not be reached. Your text is still here: it is tried again when you next type, or select “Save and come back later”.');
    });

  // A few seconds after the last change, save: each change restarts the wait.
  useEffect(() => {
    if (key === savedKey.current || conflicted.current) return;
    const timer = window.setTimeout(() => void autosave(), AUTOSAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
    // The wait restarts on each change of what is typed only (autosave reads the latest through refs).
  }, [key]);

  /** "Save and come back later": the same save, with its errors shown in the summary. */
  const save = () => {
    setNotice(null);
    const { draft: now, key: nowKey } = latest.current;
    if ('errors' in now) return f.show(now.errors);
    void enqueue(async () => {
      const checked = f.check(saveImrSectionSchema(section), bodyOf(now.content));
      if (!checked) return;
      const data = await f.send(path, 'PUT', checked, (r) => {
        // A save that cannot succeed now: autosave stops trying it too.
        if (r.kind === 'conflict') {
          conflicted.current = true;
          setStatus(conflictStatus(r.message));
        }
        return r.kind === 'conflict'
          ? {
              title: 'Your changes were not saved',
              text: `${r.message ?? 'Someone else saved this section since you opened it.'} Your text is still in the boxes below: copy what you need, then reload the page to see their version.`,
            }
          : r.kind === 'forbidden'
            ? { title: 'There is a problem', text: r.message ?? 'Only the author writes it. Nothing was saved.' }
            : { title: 'Sorry, there is a problem with the service', text: 'Nothing was saved. Try again later. Your text is still in the boxes below.' };
      });
      if (!data) return;
      savedNow(data, nowKey);
      f.clear();
      setNotice({ kind: 'success', heading: 'Saved', text: 'You can come back to it later. Nothing is sent to anyone until you submit the review.' });
      window.scrollTo(0, 0);
    });
  };
  // The server names fields under `content`.
  const errorFor = (name: string) => f.errorFor(`content.${name}`);
  /** Leaving a field saves at once (a blur inside the form bubbles here). */
  const onLeaveField = () => void autosave();
  return { f, save, errorFor, notice, status, onLeaveField };
}

function Frame({
  c,
  reference,
  section,
  saved,
  f,
  notice,
  status,
  onLeaveField,
  onSubmit,
  children,
}: {
  c: ContributionView;
  reference: string;
  section: ImrSectionName;
  saved: { updatedAt: string; updatedBy: string } | undefined;
  f: ReturnType<typeof useFormState>;
  notice: Notice | null;
  /** What autosave last did ("Saved at 2:32pm"), announced politely. */
  status: string;
  onLeaveField: () => void;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const back = contributionPagePath(reference, c.id);
  return (
    <Main backTo={back}>
      {f.summary}
      {notice && !f.errors.length && !f.problem ? <NotificationBanner notice={notice} /> : null}
      <span className="govuk-caption-l">{contributionName(c)}</span>
      <h1 className="govuk-heading-l">{TITLES[section]}</h1>
      {saved ? <p className="govuk-body-s">Last saved {formatDateTime(saved.updatedAt)} by {saved.updatedBy}.</p> : null}
      <p className="govuk-body-s govuk-!-font-weight-bold" id="autosave-status" aria-live="polite">
        {status}
      </p>
      <p className="govuk-body-s">This page saves your work a few seconds after you stop typing and when you leave a box.</p>
      <form noValidate onSubmit={onSubmit} onBlur={onLeaveField}>
        {children}
        <div className="govuk-button-group">
          <SubmitButton pending={f.pending} pendingText="Saving">
            Save and come back later
          </SubmitButton>
          <Link className="govuk-link" to={back}>
            Back to the contribution
          </Link>
        </div>
      </form>
    </Main>
  );
}

/** A section read by someone other than its author writing it. */
function ReadOnly({ c, reference, section, saved, children }: { c: ContributionView; reference: string; section: ImrSectionName; saved: unknown; children: ReactNode }) {
  return (
    <Plain heading={`${TITLES[section]} – ${c.organisation}`} backTo={contributionPagePath(reference, c.id)}>
      <span className="govuk-caption-l">{contributionName(c)}</span>
      <h1 className="govuk-heading-l">{TITLES[section]}</h1>
      {saved ? children : <p className="govuk-body">Nothing has been written here.</p>}
    </Plain>
  );
}

function Answer({ text }: { text: string | undefined }) {
  return text?.trim() ? <p className="govuk-body app-pre-line">{text}</p> : <p className="govuk-body govuk-hint">Not answered</p>;
}

// ---------------------------------------------------------------- analysis of involvement

export function ImrAnalysisPage(props: RouteProps) {
  return (
    <SectionPage props={props} section="analysis">
      {(a) => (a.writing ? <AnalysisForm {...a} /> : <AnalysisRead {...a} />)}
    </SectionPage>
  );
}

function AnalysisRead({ c, reference, saved }: { c: ContributionView; reference: string; saved: Saved<'analysis'> }) {
  return (
    <ReadOnly c={c} reference={reference} section="analysis" saved={saved}>
      {analysisQuestions.map((q, i) => (
        <div key={i}>
          <h2 className="govuk-heading-s">
            {i + 1}. {q}
          </h2>
          <Answer text={saved?.content.answers[i]} />
        </div>
      ))}
      {saved?.content.caseSpecific.map((q, i) => (
        <div key={`c${i}`}>
          <h2 className="govuk-heading-s">{q.question}</h2>
          <Answer text={q.answer} />
        </div>
      ))}
    </ReadOnly>
  );
}

function AnalysisForm({ c, reference, saved }: { c: ContributionView; reference: string; saved: Saved<'analysis'> }) {
  const order = [...analysisQuestions.map((_, i) => `content.answers.${i}`)];
  const [answers, setAnswers] = useState<string[]>(saved?.content.answers ?? analysisQuestions.map(() => ''));
  const [extra, setExtra] = useState<{ question: string; answer: string }[]>(saved?.content.caseSpecific ?? []);
  const content = { answers, caseSpecific: extra };
  const { f, save, errorFor, notice, status, onLeaveField } = useSectionSave(reference, c, 'analysis', saved, order, { content }, JSON.stringify(content));
  return (
    <Frame
      c={c}
      reference={reference}
      section="analysis"
      saved={saved}
      f={f}
      notice={notice}
      status={status}
      onLeaveField={onLeaveField}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="govuk-body">Answer each of the nine questions of Appendix A. You can save and come back to unanswered ones; all nine are needed to submit.</p>
      {analysisQuestions.map((q, i) => (
        <Textarea
          key={i}
          name={`content.answers.${i}`}
          label={`${i + 1}. ${q}`}
          value={answers[i] ?? ''}
          onChange={(value) => setAnswers((old) => old.map((x, j) => (j === i ? value : x)))}
          error={errorFor(`answers.${i}`)}
          rows={6}
        />
      ))}
      <h2 className="govuk-heading-m">Case-specific questions (paragraph 10.13)</h2>
      <p className="govuk-body">Questions the panel added for this case, each with your answer.</p>
      {extra.map((q, i) => (
        <fieldset className="govuk-fieldset app-repeat" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Case-specific question {i + 1}</legend>
          <TextInput
            name={`content.caseSpecific.${i}.question`}
            label="Question"
            value={q.question}
            onChange={(value) => setExtra((old) => old.map((x, j) => (j === i ? { ...x, question: value } : x)))}
            error={errorFor(`caseSpecific.${i}.question`)}
          />
          <Textarea
            name={`content.caseSpecific.${i}.answer`}
            label="Answer"
            value={q.answer}
            onChange={(value) => setExtra((old) => old.map((x, j) => (j === i ? { ...x, answer: value } : x)))}
            error={errorFor(`caseSpecific.${i}.answer`)}
          />
          <p className="govuk-body">
            <button type="button" className="app-link-button govuk-link" onClick={() => setExtra((old) => old.filter((_, j) => j !== i))}>
              Remove case-specific question {i + 1}
            </button>
          </p>
        </fieldset>
      ))}
      <p className="govuk-body">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setExtra((old) => [...old, { question: '', answer: '' }])}>
          Add a case-specific question
        </button>
      </p>
    </Frame>
  );
}

// ---------------------------------------------------------------- what do we learn

const LEARNING_FIELDS = [
  { key: 'goodPractice', label: 'Good practice' },
  { key: 'waysOfWorking', label: 'Improvements: implications for ways of working' },
  { key: 'training', label: 'Improvements: training (single and inter-agency)' },
  { key: 'managementAndSupervision', label: 'Improvements: management and supervision' },
  { key: 'partnershipWorking', label: 'Improvements: working in partnership with other organisations' },
  { key: 'resources', label: 'Improvements: resources' },
] as const;

type Learning = ImrSectionContent<'learning'>;

export function ImrLearningPage(props: RouteProps) {
  return (
    <SectionPage props={props} section="learning">
      {(a) =>
        a.writing ? (
          <LearningForm {...a} />
        ) : (
          <ReadOnly c={a.c} reference={a.reference} section="learning" saved={a.saved}>
            {LEARNING_FIELDS.map((x) => (
              <div key={x.key}>
                <h2 className="govuk-heading-s">{x.label}</h2>
                <Answer text={a.saved?.content[x.key]} />
              </div>
            ))}
          </ReadOnly>
        )
      }
    </SectionPage>
  );
}

function LearningForm({ c, reference, saved }: { c: ContributionView; reference: string; saved: Saved<'learning'> }) {
  const [v, setV] = useState<Learning>(
    saved?.content ?? { goodPractice: '', waysOfWorking: '', training: '', managementAndSupervision: '', partnershipWorking: '', resources: '' },
  );
  const { f, save, errorFor, notice, status, onLeaveField } = useSectionSave(
    reference,
    c,
    'learning',
    saved,
    LEARNING_FIELDS.map((x) => `content.${x.key}`),
    { content: v },
    JSON.stringify(v),
  );
  return (
    <Frame
      c={c}
      reference={reference}
      section="learning"
      saved={saved}
      f={f}
      notice={notice}
      status={status}
      onLeaveField={onLeaveField}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {LEARNING_FIELDS.map((x) => (
        <Textarea key={x.key} name={`content.${x.key}`} label={x.label} value={v[x.key]} onChange={(value) => setV((old) => ({ ...old, [x.key]: value }))} error={errorFor(x.key)} />
      ))}
    </Frame>
  );
}

// ---------------------------------------------------------------- recommendations for action

type Recommendation = { action: string; byWhom: string; byWhen: DateParts; outcome: string; evaluation: string };
const emptyRecommendation = (): Recommendation => ({ action: '', byWhom: '', byWhen: { day: '', month: '', year: '' }, outcome: '', evaluation: '' });

export function ImrRecommendationsPage(props: RouteProps) {
  return (
    <SectionPage props={props} section="recommendations">
      {(a) =>
        a.writing ? (
          <RecommendationsForm {...a} />
        ) : (
          <ReadOnly c={a.c} reference={a.reference} section="recommendations" saved={a.saved}>
            {a.saved?.content.items.length ? null : <p className="govuk-body">No recommendations.</p>}
            {a.saved?.content.items.map((r, i) => (
              <dl className="govuk-summary-list" key={i}>
                <Line label={`Recommendation ${i + 1}`}>{r.action}</Line>
                <Line label="By whom">{r.byWhom}</Line>
                <Line label="By when">{formatDate(r.byWhen)}</Line>
                <Line label="Outcome expected">{r.outcome}</Line>
                <Line label="How it will be evaluated">{r.evaluation}</Line>
              </dl>
            ))}
          </ReadOnly>
        )
      }
    </SectionPage>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value app-pre-line">{children}</dd>
    </div>
  );
}

/** Date boxes to the ISO day, with the boxes' own error (it wins over the schema's for that field). */
function readDates<T>(items: T[], get: (t: T) => DateParts, name: (i: number) => string, label: string, optional: boolean) {
  const errors: FieldError[] = [];
  const values = items.map((t, i) => {
    const parts = get(t);
    if (optional && !parts.day.trim() && !parts.month.trim() && !parts.year.trim()) return undefined;
    const r = datePartsToIso(parts, label);
    if ('iso' in r) return r.iso;
    errors.push({ name: name(i), href: `#${name(i).replace(/\./g, '-')}`, text: r.error });
    return '';
  });
  return { values, errors };
}

function RecommendationsForm({ c, reference, saved }: { c: ContributionView; reference: string; saved: Saved<'recommendations'> }) {
  const [items, setItems] = useState<Recommendation[]>(
    saved?.content.items.map((r) => ({ ...r, byWhen: isoToDateParts(r.byWhen) })) ?? [emptyRecommendation()],
  );
  const dates = readDates(items, (r) => r.byWhen, (i) => `content.items.${i}.byWhen`, 'Date it is due by', false);
  const draft: Draft = dates.errors.length
    ? { errors: dates.errors }
    : { content: { items: items.map((r, i) => ({ action: r.action, byWhom: r.byWhom, byWhen: dates.values[i], outcome: r.outcome, evaluation: r.evaluation })) } };
  const { f, save, errorFor, notice, status, onLeaveField } = useSectionSave(reference, c, 'recommendations', saved, [], draft, JSON.stringify(items));
  const set = (i: number, change: Partial<Recommendation>) => setItems((old) => old.map((x, j) => (j === i ? { ...x, ...change } : x)));
  return (
    <Frame
      c={c}
      reference={reference}
      section="recommendations"
      saved={saved}
      f={f}
      notice={notice}
      status={status}
      onLeaveField={onLeaveField}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="govuk-body">For each recommendation: what is to be done, by whom and by when, the outcome expected, and how it will be evaluated.</p>
      {items.map((r, i) => (
        <fieldset className="govuk-fieldset app-repeat" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Recommendation {i + 1}</legend>
          <Textarea name={`content.items.${i}.action`} label="What is to be done" value={r.action} onChange={(value) => set(i, { action: value })} error={errorFor(`items.${i}.action`)} rows={3} />
          <TextInput name={`content.items.${i}.byWhom`} label="By whom" value={r.byWhom} onChange={(value) => set(i, { byWhom: value })} error={errorFor(`items.${i}.byWhom`)} />
          <DateInput name={`content.items.${i}.byWhen`} legend="By when" legendSize="s" hint="For example, 31 3 2027" value={r.byWhen} onChange={(value) => set(i, { byWhen: value })} error={errorFor(`items.${i}.byWhen`)} />
          <Textarea name={`content.items.${i}.outcome`} label="Outcome expected" value={r.outcome} onChange={(value) => set(i, { outcome: value })} error={errorFor(`items.${i}.outcome`)} rows={3} />
          <Textarea name={`content.items.${i}.evaluation`} label="How it will be evaluated" value={r.evaluation} onChange={(value) => set(i, { evaluation: value })} error={errorFor(`items.${i}.evaluation`)} rows={3} />
          <p className="govuk-body">
            <button type="button" className="app-link-button govuk-link" onClick={() => setItems((old) => old.filter((_, j) => j !== i))}>
              Remove recommendation {i + 1}
            </button>
          </p>
        </fieldset>
      ))}
      <p className="govuk-body">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setItems((old) => [...old, emptyRecommendation()])}>
          Add {items.length ? 'another' : 'a'} recommendation
        </button>
      </p>
    </Frame>
  );
}

// ---------------------------------------------------------------- interview records (10.14)

type Interview = { interviewee: string; role: string; heldOn: DateParts; interviewedBy: string; sharedOn: DateParts };
const emptyInterview = (): Interview => ({ interviewee: '', role: '', heldOn: { day: '', month: '', year: '' }, interviewedBy: '', sharedOn: { day: '', month: '', year: '' } });

export function ImrInterviewsPage(props: RouteProps) {
  return (
    <SectionPage props={props} section="interviews">
      {(a) =>
        a.writing ? (
          <InterviewsForm {...a} />
        ) : (
          <ReadOnly c={a.c} reference={a.reference} section="interviews" saved={a.saved}>
            {a.saved?.content.items.length ? null : <p className="govuk-body">No interviews recorded.</p>}
            {a.saved?.content.items.map((r, i) => (
              <dl className="govuk-summary-list" key={i}>
                <Line label={`Interview ${i + 1}`}>
                  {r.interviewee}, {r.role}
                </Line>
                <Line label="Held on">{formatDate(r.heldOn)}</Line>
                <Line label="Interviewed by">{r.interviewedBy}</Line>
                <Line label="Record shared with the interviewee">{r.sharedOn ? formatDate(r.sharedOn) : 'Not yet'}</Line>
              </dl>
            ))}
          </ReadOnly>
        )
      }
    </SectionPage>
  );
}

function InterviewsForm({ c, reference, saved }: { c: ContributionView; reference: string; saved: Saved<'interviews'> }) {
  const [items, setItems] = useState<Interview[]>(
    saved?.content.items.map((r) => ({ ...r, heldOn: isoToDateParts(r.heldOn), sharedOn: isoToDateParts(r.sharedOn) })) ?? [],
  );
  const held = readDates(items, (r) => r.heldOn, (i) => `content.items.${i}.heldOn`, 'Date of the interview', false);
  const shared = readDates(items, (r) => r.sharedOn, (i) => `content.items.${i}.sharedOn`, 'Date the record was shared', true);
  const draft: Draft =
    held.errors.length || shared.errors.length
      ? { errors: [...held.errors, ...shared.errors] }
      : {
          content: {
            items: items.map((r, i) => ({
              interviewee: r.interviewee,
              role: r.role,
              heldOn: held.values[i],
              interviewedBy: r.interviewedBy,
              ...(shared.values[i] ? { sharedOn: shared.values[i] } : {}),
            })),
          },
        };
  const { f, save, errorFor, notice, status, onLeaveField } = useSectionSave(reference, c, 'interviews', saved, [], draft, JSON.stringify(items));
  const set = (i: number, change: Partial<Interview>) => setItems((old) => old.map((x, j) => (j === i ? { ...x, ...change } : x)));
  return (
    <Frame
      c={c}
      reference={reference}
      section="interviews"
      saved={saved}
      f={f}
      notice={notice}
      status={status}
      onLeaveField={onLeaveField}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="govuk-body">
        Record each interview, and the date its written record was shared with the person interviewed (paragraph 10.14). The review cannot be submitted while a
        record is not shared.
      </p>
      {items.length === 0 ? <p className="govuk-body">No interviews recorded.</p> : null}
      {items.map((r, i) => (
        <fieldset className="govuk-fieldset app-repeat" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Interview {i + 1}</legend>
          <TextInput name={`content.items.${i}.interviewee`} label="Who was interviewed" value={r.interviewee} onChange={(value) => set(i, { interviewee: value })} error={errorFor(`items.${i}.interviewee`)} />
          <TextInput name={`content.items.${i}.role`} label="Their role" value={r.role} onChange={(value) => set(i, { role: value })} error={errorFor(`items.${i}.role`)} />
          <DateInput name={`content.items.${i}.heldOn`} legend="Date of the interview" legendSize="s" value={r.heldOn} onChange={(value) => set(i, { heldOn: value })} error={errorFor(`items.${i}.heldOn`)} />
          <TextInput name={`content.items.${i}.interviewedBy`} label="Who interviewed them" value={r.interviewedBy} onChange={(value) => set(i, { interviewedBy: value })} error={errorFor(`items.${i}.interviewedBy`)} />
          <DateInput
            name={`content.items.${i}.sharedOn`}
            legend="Date the record was shared with them"
            legendSize="s"
            hint="Leave blank until it is shared"
            value={r.sharedOn}
            onChange={(value) => set(i, { sharedOn: value })}
            error={errorFor(`items.${i}.sharedOn`)}
          />
          <p className="govuk-body">
            <button type="button" className="app-link-button govuk-link" onClick={() => setItems((old) => old.filter((_, j) => j !== i))}>
              Remove interview {i + 1}
            </button>
          </p>
        </fieldset>
      ))}
      <p className="govuk-body">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setItems((old) => [...old, emptyInterview()])}>
          Add {items.length ? 'another' : 'an'} interview
        </button>
      </p>
    </Frame>
  );
}
