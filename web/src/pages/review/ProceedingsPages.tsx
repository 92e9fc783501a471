import { useState, type FormEvent } from 'react';
import { earlyLessonSchema, proceedingKinds, proceedingSchema, publicationHoldSchema } from '../../../../functions/schemas/review.js';
import { TextInput } from '../../components/TextInput.js';
import type { RouteProps } from '../../App.js';
import { SubmitButton } from '../../components/Buttons.js';
import { CharacterCount } from '../../components/CharacterCount.js';
import { DateInput } from '../../components/DateInput.js';
import { Main } from '../../components/Layout.js';
import { Radios } from '../../components/Radios.js';
import { formatDate, formatDateTime } from '../../format.js';
import { check, EMPTY_DATE, optional, Paragraphs, readDate, Row, type DecidedCase, type ReviewPart, reviewPath } from './form-kit.js';
import { ReviewPage, useReviewForm } from './review-form.js';

/**
 * Parallel proceedings (paras 7.1, 8.6-8.8): a coroner's inquest, criminal
 * proceedings, other reviews the scope must take account of; and whether
 * publication waits for them. A review is not delayed as a matter of course
 * (8.7), and early lessons are still recorded and acted on (8.8).
 */

// ---- 7.1, 8.6: proceedings running alongside the review -------------------------

const PROCEEDING_ORDER = ['kind', 'details', 'startedOn'];

export function ProceedingPage(props: RouteProps) {
  const heading = 'Record parallel proceedings';
  return <ReviewPage {...props} heading={heading} render={(detail) => <ProceedingForm detail={detail} heading={heading} />} />;
}

function ProceedingForm({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const [kind, setKind] = useState('');
  const [details, setDetails] = useState('');
  const [startedOn, setStartedOn] = useState(EMPTY_DATE);
  const form = useReviewForm(detail.reference, heading, PROCEEDING_ORDER);
  const existing = detail.review.proceedings;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const started = readDate('startedOn', startedOn, 'Date they started', true);
    const checked = check(
      proceedingSchema,
      { kind: kind || undefined, details, startedOn: started.value },
      PROCEEDING_ORDER,
      [started.error],
    );
    if (!checked.ok) return form.show(checked.errors);
    const label = proceedingKinds.find((k) => k.value === checked.data.kind)?.label ?? 'Proceedings';
    form.send('proceedings', 'POST', checked.data, { kind: 'success', heading: `${label} added to the case` });
  };

  return (
    <Main backTo={reviewPath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        Record other investigations or proceedings about this case, so the review can take account of them: who to
        liaise with, how they affect timing and who contributes when (paragraphs 7.1 and 8.6).
      </p>
      <div className="govuk-inset-text">
        A serious case review is not delayed as a matter of course because of criminal proceedings, or a decision on
        whether to prosecute (paragraph 8.7).
      </div>
      {existing.length ? (
        <>
          <h2 className="govuk-heading-m">Already recorded</h2>
          <ProceedingList proceedings={existing} />
        </>
      ) : null}
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="kind"
          legend="What kind of proceedings?"
          legendSize="m"
          items={proceedingKinds}
          value={kind}
          onChange={setKind}
          error={form.errorFor('kind')}
        />
        <CharacterCount
          name="details"
          label="Who is conducting them, and any reference"
          hint="For example, the coroner’s office and the inquest reference, or the police force and the senior investigating officer"
          value={details}
          onChange={setDetails}
          error={form.errorFor('details')}
          maxLength={500}
          rows={3}
        />
        <DateInput
          name="startedOn"
          legend="Date they started (optional)"
          hint="For example, 27 3 2027"
          value={startedOn}
          onChange={setStartedOn}
          error={form.errorFor('startedOn')}
        />
        <SubmitButton pending={form.pending} pendingText="Adding the proceedings">
          Add proceedings
        </SubmitButton>
      </form>
    </Main>
  );
}

function ProceedingList({ proceedings }: { proceedings: ReviewPart['proceedings'] }) {
  return (
    <dl className="govuk-summary-list govuk-!-margin-bottom-9">
      {proceedings.map((p) => (
        <Row key={p.id} label={p.kindLabel}>
          <Paragraphs text={p.details} />
          <p className="govuk-hint govuk-!-margin-bottom-0">
            {p.startedOn ? `Started ${formatDate(p.startedOn)}. ` : ''}Recorded {formatDateTime(p.recordedAt)} by {p.recordedBy}
          </p>
        </Row>
      ))}
    </dl>
  );
}

// ---- 8.8: publication on hold ---------------------------------------------------

const HOLD_ORDER = ['hold', 'reason'];

export function PublicationHoldPage(props: RouteProps) {
  const heading = 'Publication hold';
  return <ReviewPage {...props} heading={heading} render={(detail) => <PublicationHoldForm detail={detail} heading={heading} />} />;
}

function PublicationHoldForm({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const current = detail.review.publicationHold;
  const [hold, setHold] = useState(current ? 'yes' : '');
  const [holdReason, setHoldReason] = useState(current?.reason ?? '');
  const [liftReason, setLiftReason] = useState('');
  const form = useReviewForm(detail.reference, heading, HOLD_ORDER);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body =
      hold === 'yes' ? { hold: true, reason: holdReason } : hold === 'no' ? { hold: false, reason: optional(liftReason) } : {};
    const checked = check(publicationHoldSchema, body, HOLD_ORDER);
    // With no answer the schema cannot tell which form it is: that is the radios' error.
    if (!checked.ok) {
      return form.show(checked.errors.map((e) => (e.name === 'body' ? { ...e, name: 'hold', href: '#hold' } : e)));
    }
    form.send('publication-hold', 'PUT', checked.data, {
      kind: 'success',
      heading: checked.data.hold ? 'Publication of the review is on hold' : current ? 'Publication of the review is no longer on hold' : 'Publication of the review is not on hold',
      text: checked.data.hold ? 'Early lessons are still recorded and acted on (paragraph 8.8).' : undefined,
    });
  };

  return (
    <Main backTo={reviewPath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        Sometimes a review cannot be completed or published until a coroner’s inquest or criminal proceedings have
        concluded (paragraph 8.8).
      </p>
      <div className="govuk-inset-text">
        A hold on publication does not stop the review. Early lessons learned are still recorded and acted on while
        publication waits (paragraph 8.8).
      </div>
      <dl className="govuk-summary-list govuk-!-margin-bottom-6">
        <Row label="Publication now">
          {current ? (
            <>
              <p className="govuk-body govuk-!-margin-bottom-1">
                <strong>On hold</strong> since {formatDateTime(current.setAt)}, set by {current.setBy}
              </p>
              <Paragraphs text={current.reason} />
            </>
          ) : (
            'Not on hold'
          )}
        </Row>
      </dl>
      <form noValidate onSubmit={onSubmit}>
        <Radios
          name="hold"
          legend="Is publication of the review on hold?"
          legendSize="m"
          items={[
            {
              value: 'yes',
              label: 'Yes, publication waits for other proceedings',
              conditional: (
                <CharacterCount
                  name="reason"
                  label="Why is publication on hold?"
                  hint="Name the proceedings it waits for, for example the coroner’s inquest or the criminal trial"
                  value={holdReason}
                  onChange={setHoldReason}
                  error={hold === 'yes' ? form.errorFor('reason') : undefined}
                  maxLength={1000}
                  rows={3}
                />
              ),
            },
            {
              value: 'no',
              label: current ? 'No, lift the hold' : 'No',
              conditional: current ? (
                <CharacterCount
                  name="reason"
                  label="Why is the hold lifted? (optional)"
                  value={liftReason}
                  onChange={setLiftReason}
                  error={hold === 'no' ? form.errorFor('reason') : undefined}
                  maxLength={1000}
                  rows={3}
                />
              ) : undefined,
            },
          ]}
          value={hold}
          onChange={setHold}
          error={form.errorFor('hold')}
        />
        <SubmitButton pending={form.pending} pendingText="Saving">
          Save
        </SubmitButton>
      </form>
    </Main>
  );
}

// ---- 8.1, 8.8: early lessons ----------------------------------------------------

const LESSON_ORDER = ['lesson', 'actionBy'];

export function EarlyLessonPage(props: RouteProps) {
  const heading = 'Record an early lesson';
  return <ReviewPage {...props} heading={heading} render={(detail) => <EarlyLessonForm detail={detail} heading={heading} />} />;
}

function EarlyLessonForm({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const [lesson, setLesson] = useState('');
  const [actionBy, setActionBy] = useState('');
  const form = useReviewForm(detail.reference, heading, LESSON_ORDER);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = check(earlyLessonSchema, { lesson, actionBy: optional(actionBy) }, LESSON_ORDER);
    if (!checked.ok) return form.show(checked.errors);
    form.send('early-lessons', 'POST', checked.data, { kind: 'success', heading: 'Early lesson recorded' });
  };

  return (
    <Main backTo={reviewPath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        Lessons should be learned and acted on as quickly as possible (paragraph 8.1). Even when the review cannot be
        completed or published until other proceedings end, early lessons are still put into practice (paragraph 8.8).
      </p>
      <form noValidate onSubmit={onSubmit}>
        <CharacterCount
          name="lesson"
          label="What is the lesson?"
          hint="Describe the change in practice. Do not include the names of the child or family."
          value={lesson}
          onChange={setLesson}
          error={form.errorFor('lesson')}
          maxLength={2000}
          rows={5}
        />
        <TextInput
          name="actionBy"
          label="Who is acting on it (optional)"
          hint="For example, an agency or a team"
          value={actionBy}
          onChange={setActionBy}
          error={form.errorFor('actionBy')}
          autoComplete="off"
        />
        <SubmitButton pending={form.pending} pendingText="Recording the lesson">
          Record the lesson
        </SubmitButton>
      </form>
    </Main>
  );
}
