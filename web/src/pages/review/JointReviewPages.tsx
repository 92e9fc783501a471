import { useEffect, useRef, useState, type FormEvent } from 'react';
import * as z from 'zod';
import {
  finalDeciders,
  jointFinalDecisionSchema,
  jointReviewOptions,
  jointReviewStartSchema,
} from '../../../../functions/schemas/review.js';
import { fieldId } from '../../../../functions/schemas/errors.js';
import type { RouteProps } from '../../App.js';
import { useApiGet } from '../../api/client.js';
import { SubmitButton } from '../../components/Buttons.js';
import { CharacterCount } from '../../components/CharacterCount.js';
import { Checkboxes } from '../../components/Checkboxes.js';
import { DateInput } from '../../components/DateInput.js';
import { ErrorMessage, formGroupClass } from '../../components/fields.js';
import { Main } from '../../components/Layout.js';
import { useTitle } from '../../components/Page.js';
import { Radios } from '../../components/Radios.js';
import { TextInput } from '../../components/TextInput.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { casePath, check, EMPTY_DATE, optional, Paragraphs, readDate, Row, type DecidedCase, type ReviewPart, reviewPath } from './form-kit.js';
import { BackToCase, ReviewPage, useReviewForm } from './review-form.js';

/**
 * Joint reviews (paras 3.4, 3.5): when other authorities are involved, the
 * Chair tells the other Boards' chairs and together they agree whether the
 * review is a single Board review with limited input from the others, or a
 * joint review with an expanded panel. Each chair answers from an emailed
 * link; if they cannot agree (or do not answer), the Chief Executives
 * and/or Ofsted decide, and the business manager records that here.
 */

type JointReview = NonNullable<ReviewPart['jointReview']>;

const STATE_LABELS: Record<JointReview['state'], string> = {
  asking: 'Waiting for the other Boards’ chairs to answer',
  agreed: 'Every Board agreed',
  referred: 'Referred for a final decision (paragraph 3.5)',
  decided: 'Final decision recorded',
};

/** Where the joint review stands: the proposal, each Board's answer, and any final decision. */
function JointReviewSummary({ joint }: { joint: JointReview }) {
  return (
    <>
      <dl className="govuk-summary-list govuk-!-margin-bottom-6">
        <Row label="Proposal">{joint.proposalLabel}</Row>
        <Row label="Asked">{formatDateTime(joint.askedAt)}</Row>
        <Row label="Answers needed by">{formatDate(joint.dueDate)}</Row>
        <Row label="Where it stands">{STATE_LABELS[joint.state]}</Row>
        {joint.referral ? (
          <Row label="Why it was referred">
            {joint.referral.reason === 'disagreement' ? 'The chairs did not agree' : 'Not every chair answered in time'} (
            {formatDateTime(joint.referral.at)})
          </Row>
        ) : null}
      </dl>
      <div className="app-table-wrapper">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Other Boards’ answers</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Board</th>
              <th scope="col" className="govuk-table__header">Chair</th>
              <th scope="col" className="govuk-table__header">Answer</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {joint.boards.map((b) => (
              <tr className="govuk-table__row" key={b.board}>
                <th scope="row" className="govuk-table__header">{b.board}</th>
                <td className="govuk-table__cell">{b.chairName}</td>
                <td className="govuk-table__cell">
                  {b.answer ? (
                    <>
                      {b.answer === 'agree' ? 'Agrees' : 'Does not agree'}
                      {b.answeredAt ? `, ${formatDateTime(b.answeredAt)}` : ''}
                      {b.comment ? <Paragraphs text={b.comment} /> : null}
                    </>
                  ) : (
                    'No answer yet'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {joint.finalDecision ? (
        <>
          <h2 className="govuk-heading-m">Final decision</h2>
          <dl className="govuk-summary-list govuk-!-margin-bottom-6">
            <Row label="Decision">{joint.finalDecision.outcomeLabel}</Row>
            <Row label="Decided by">{joint.finalDecision.decidedByLabel}</Row>
            <Row label="Date decided">{formatDate(joint.finalDecision.decidedOn)}</Row>
            {joint.finalDecision.notes ? (
              <Row label="Notes">
                <Paragraphs text={joint.finalDecision.notes} />
              </Row>
            ) : null}
            <Row label="Recorded">
              {formatDateTime(joint.finalDecision.recordedAt)} by {joint.finalDecision.recordedBy}
            </Row>
          </dl>
        </>
      ) : null}
    </>
  );
}

// ---- 3.4: asking the other Boards ----------------------------------------------

/** Only the Board names are needed; the business manager may read the Board configuration. */
const otherBoardsSchema = z.object({ otherBoardChairs: z.array(z.object({ board: z.string(), name: z.string() })).default([]) });

const START_ORDER = ['boards', 'proposal'];

export function JointReviewPage(props: RouteProps) {
  const heading = 'Joint review with other Boards';
  return <ReviewPage {...props} heading={heading} render={(detail) => <JointReview detail={detail} heading={heading} />} />;
}

function JointReview({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const joint = detail.review.jointReview;
  if (joint) return <JointReviewStatus detail={detail} joint={joint} heading={heading} />;
  return <JointReviewStart detail={detail} heading={heading} />;
}

function JointReviewStatus({ detail, joint, heading }: { detail: DecidedCase; joint: JointReview; heading: string }) {
  useTitle(heading);
  return (
    <Main backTo={reviewPath(detail.reference)}>
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">The other Boards’ chairs have been asked how the review should be conducted (paragraph 3.4).</p>
      <JointReviewSummary joint={joint} />
      {joint.state === 'referred' ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${casePath(detail.reference)}/review/joint/final-decision`}>
            Record the final decision
          </Link>
        </p>
      ) : null}
      <BackToCase reference={detail.reference} />
    </Main>
  );
}

function JointReviewStart({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const config = useApiGet('staff', '/api/board-config', otherBoardsSchema);
  const configured = config.state.kind === 'ok' ? [...new Set(config.state.data.otherBoardChairs.map((c) => c.board))] : [];
  const [chosen, setChosen] = useState<string[]>([]);
  const [typed, setTyped] = useState<{ id: number; name: string }[]>([{ id: 1, name: '' }]);
  const [proposal, setProposal] = useState('');
  const form = useReviewForm(detail.reference, heading, START_ORDER);
  const focusAfter = useRef<string | null>(null);
  const nextId = useRef(2);
  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  // Board names from the Board configuration; typed in only if it could not be read.
  const fromConfig = configured.length > 0;
  const waiting = config.state.kind === 'loading';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (waiting) return;
    const boards = fromConfig ? chosen : typed.map((t) => t.name.trim()).filter(Boolean);
    const checked = check(jointReviewStartSchema, { boards, proposal: proposal || undefined }, START_ORDER);
    if (!checked.ok) return form.show(checked.errors);
    form.send('joint', 'POST', checked.data, {
      kind: 'success',
      heading: 'The other Boards’ chairs have been asked',
      text: 'Each is emailed a link to agree or disagree with how the review is to be conducted.',
    });
  };

  const boardsError = form.errorFor('boards');
  return (
    <Main backTo={reviewPath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        When other authorities are involved, the Board chair tells the chair of each other Board concerned.
        Together they agree whether the review is conducted by this Board with limited input from the others, or jointly
        (paragraph 3.4). Each chair is emailed a link to answer. If they cannot agree, the Chief Executives and/or Ofsted
        make the final decision (paragraph 3.5).
      </p>
      {waiting ? (
        <p className="govuk-body" role="status">
          Loading the other Boards…
        </p>
      ) : config.state.kind === 'ok' && !fromConfig ? (
        <>
          <div className="govuk-inset-text">
            No other Boards are listed in the Board configuration. Add each other Board and its chair’s name and email
            address there first: the chairs are emailed from it.
          </div>
          <p className="govuk-body">
            <Link className="govuk-link" to="/admin/board-config">
              Go to the Board configuration
            </Link>
          </p>
        </>
      ) : (
        <form noValidate onSubmit={onSubmit}>
          {fromConfig ? (
            <Checkboxes
              name="boards"
              legend="Which other Boards are involved?"
              legendSize="m"
              hint="Select all that apply. Their chairs are listed in the Board configuration."
              items={configured.map((b) => ({ value: b, label: b }))}
              values={chosen}
              onChange={setChosen}
              error={boardsError}
            />
          ) : (
            <div className={formGroupClass(boardsError)}>
              <fieldset className="govuk-fieldset" aria-describedby={['boards-hint', boardsError ? 'boards-error' : ''].filter(Boolean).join(' ')}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Which other Boards are involved?</legend>
                <div className="govuk-hint" id="boards-hint">
                  Give each Board’s name as it appears in the Board configuration, which holds their chair’s email address.
                </div>
                <ErrorMessage id={boardsError ? 'boards-error' : undefined} text={boardsError} />
                {typed.map((t, i) => (
                  <div key={t.id} className="app-fieldset-group">
                    <TextInput
                      name={i === 0 ? 'boards' : `boards.${i}`}
                      label={`Board ${i + 1}`}
                      value={t.name}
                      onChange={(name) => setTyped((list) => list.map((x) => (x.id === t.id ? { ...x, name } : x)))}
                      autoComplete="off"
                    />
                    {typed.length > 1 ? (
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary"
                        onClick={() => {
                          focusAfter.current = 'add-board';
                          setTyped((list) => list.filter((x) => x.id !== t.id));
                        }}
                      >
                        Remove<span className="govuk-visually-hidden"> Board {i + 1}</span>
                      </button>
                    ) : null}
                  </div>
                ))}
                <button
                  type="button"
                  id="add-board"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => {
                    focusAfter.current = fieldId(`boards.${typed.length}`);
                    setTyped((list) => [...list, { id: nextId.current++, name: '' }]);
                  }}
                >
                  Add another Board
                </button>
              </fieldset>
            </div>
          )}
          <Radios
            name="proposal"
            legend="How should the review be conducted?"
            legendSize="m"
            hint="This is what the other Boards’ chairs are asked to agree to."
            items={jointReviewOptions}
            value={proposal}
            onChange={setProposal}
            error={form.errorFor('proposal')}
          />
          <SubmitButton pending={form.pending} pendingText="Asking the other Boards’ chairs">
            Ask the other Boards’ chairs
          </SubmitButton>
        </form>
      )}
    </Main>
  );
}

// ---- 3.5: the final decision when the chairs cannot agree -----------------------

const DECISION_ORDER = ['outcome', 'decidedBy', 'decidedOn', 'notes'];

export function JointFinalDecisionPage(props: RouteProps) {
  const heading = 'Record the final decision on a joint review';
  return <ReviewPage {...props} heading={heading} render={(detail) => <JointFinalDecisionForm detail={detail} heading={heading} />} />;
}

function JointFinalDecisionForm({ detail, heading }: { detail: DecidedCase; heading: string }) {
  const joint = detail.review.jointReview;
  const [outcome, setOutcome] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  const [decidedOn, setDecidedOn] = useState(EMPTY_DATE);
  const [notes, setNotes] = useState('');
  const form = useReviewForm(detail.reference, heading, DECISION_ORDER);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const on = readDate('decidedOn', decidedOn, 'Date decided');
    const checked = check(
      jointFinalDecisionSchema,
      { outcome: outcome || undefined, decidedBy: decidedBy || undefined, decidedOn: on.value, notes: optional(notes) },
      DECISION_ORDER,
      [on.error],
    );
    if (!checked.ok) return form.show(checked.errors);
    form.send('joint/final-decision', 'POST', checked.data, { kind: 'success', heading: 'Final decision on the joint review recorded' });
  };

  return (
    <Main backTo={reviewPath(detail.reference)}>
      {form.summary}
      <span className="govuk-caption-l">Case {detail.reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        When the Boards’ chairs cannot agree how the review is conducted, the Chief Executives and/or Ofsted make the
        final decision (paragraph 3.5). Record it here once it is made.
      </p>
      {joint ? (
        <JointReviewSummary joint={joint} />
      ) : (
        <p className="govuk-body">The other Boards have not been asked about a joint review on this case.</p>
      )}
      {joint?.state !== 'referred' ? (
        <>
          {joint && !joint.finalDecision ? (
            <p className="govuk-body">A final decision is recorded only once the chairs have not agreed, or not answered in time.</p>
          ) : null}
          <BackToCase reference={detail.reference} />
        </>
      ) : (
        <form noValidate onSubmit={onSubmit}>
          <Radios
            name="outcome"
            legend="What was decided?"
            legendSize="m"
            items={jointReviewOptions}
            value={outcome}
            onChange={setOutcome}
            error={form.errorFor('outcome')}
          />
          <Radios
            name="decidedBy"
            legend="Who made the final decision?"
            items={finalDeciders}
            value={decidedBy}
            onChange={setDecidedBy}
            error={form.errorFor('decidedBy')}
          />
          <DateInput
            name="decidedOn"
            legend="Date decided"
            hint="For example, 27 3 2027"
            value={decidedOn}
            onChange={setDecidedOn}
            error={form.errorFor('decidedOn')}
          />
          <CharacterCount
            name="notes"
            label="Notes (optional)"
            hint="For example, the reasons given for the decision"
            value={notes}
            onChange={setNotes}
            error={form.errorFor('notes')}
            maxLength={2000}
            rows={4}
          />
          <SubmitButton pending={form.pending} pendingText="Recording the final decision">
            Record final decision
          </SubmitButton>
        </form>
      )}
    </Main>
  );
}
