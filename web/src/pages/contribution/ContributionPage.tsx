import { useCallback, useState, type FormEvent } from 'react';
import type { ContributionView } from '../../../../functions/schemas/contributions.js';
import { imrViewSchema, type ImrSectionName } from '../../../../functions/schemas/imr.js';
import type { RouteProps } from '../../App.js';
import { useApiGet } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { SubmitButton } from '../../components/Buttons.js';
import { FileAttachments } from '../../components/FileAttachments.js';
import { Main } from '../../components/Layout.js';
import { NotificationBanner, noticeFrom } from '../../components/NotificationBanner.js';
import { formatDate, formatDateTime } from '../../format.js';
import { Link, useLocation } from '../../router.js';
import {
  ContributionPageFrame,
  contributionApiPath,
  contributionName,
  contributionPagePath,
  contributionsListPath,
  doneTo,
  useFormState,
} from './contribution-kit.js';

/**
 * One contribution (`/cases/{ref}/contributions/{id}`): what it is and where
 * it stands, the steps that are the caller's (change the due date, record the
 * court's agreement, the debrief and the follow-up), the IMR's parts
 * (Appendix A) with where each stands, its files, and the author's submit.
 * The API decides what each person sees: whoever may not read the
 * contribution's content sees only who was asked, its status and due date.
 */
export function ContributionPage(props: RouteProps) {
  return (
    <ContributionPageFrame {...props} heading="Contribution">
      {(c, ids, reload) => <Contribution c={c} reference={ids.reference} reload={reload} />}
    </ContributionPageFrame>
  );
}

/** The IMR's parts, in Appendix A's order, with the sub page of each. */
export const IMR_PARTS: readonly { slug: string; section?: ImrSectionName; label: string }[] = [
  { slug: 'chronology', label: 'Chronology of involvement' },
  { slug: 'analysis', section: 'analysis', label: 'Analysis of involvement' },
  { slug: 'learning', section: 'learning', label: 'What do we learn from this case?' },
  { slug: 'recommendations', section: 'recommendations', label: 'Recommendations for action' },
  { slug: 'interviews', section: 'interviews', label: 'Interview records' },
];

function Contribution({ c, reference, reload }: { c: ContributionView; reference: string; reload: () => void }) {
  const heading = contributionName(c);
  const location = useLocation();
  const notice = noticeFrom(location.state);
  const session = useSession('staff');
  const [filesHidden, setFilesHidden] = useState(false);
  const onFilesNotFound = useCallback(() => setFilesHidden(true), []);
  const [fileErrors, setFileErrors] = useState(false);
  const f = useFormState(heading);
  const page = (sub: string) => contributionPagePath(reference, c.id, sub);
  const mayDisciplinary = session?.roles.includes('business-manager') || session?.email.toLowerCase() === c.seniorOfficer.email;
  const writing = c.mayDo.includes('submit');

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void f.send(contributionApiPath(reference, c.id, 'submit'), 'POST', undefined).then((done) => {
      if (done) {
        doneTo(contributionPagePath(reference, c.id), 'Submitted to the senior officer', `${c.seniorOfficer.name} will accept the findings or return it to you with reasons.`);
        reload();
      }
    });
  };

  return (
    <Main backTo={contributionsListPath(reference)} wide>
      {f.summary}
      {!f.errors.length && !f.problem && !fileErrors && notice ? <NotificationBanner notice={notice} /> : null}
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <dl className="govuk-summary-list">
        <Item label="Kind">{c.description ? `${c.kindLabel}: ${c.description}` : c.kindLabel}</Item>
        <Item label="Senior officer">{c.seniorOfficer.name}</Item>
        <Item label="Author">{c.author ? `${c.author.name}, ${c.author.jobTitle}` : 'Not named yet'}</Item>
        <Item label="Status">
          {c.statusLabel}
          {c.acceptedAt ? ` on ${formatDateTime(c.acceptedAt)} by ${c.acceptedBy ?? ''}` : ''}
        </Item>
        <Item label="Due" action={c.mayDo.includes('changeDueDate') ? { to: page('due-date'), text: 'Change', hidden: 'the due date' } : undefined}>
          {formatDate(c.dueDate)}
          {c.overdue ? (
            <>
              {' '}
              <strong className="govuk-tag govuk-tag--red">Overdue</strong>
            </>
          ) : null}
        </Item>
        {c.kind === 'childrens-guardian' ? (
          <Item
            label="Court’s prior agreement (paragraph 9.6)"
            action={c.mayDo.includes('recordCourtAgreement') ? { to: page('court-agreement'), text: c.courtAgreement ? 'Change' : 'Record', hidden: 'the court’s agreement' } : undefined}
          >
            {c.courtAgreement ? `${c.courtAgreement.court}, agreed on ${formatDate(c.courtAgreement.agreedOn)}` : 'Not recorded: the findings cannot be accepted until it is'}
          </Item>
        ) : null}
        {c.status === 'accepted' ? (
          <>
            <Item
              label="Staff feedback and debrief (paragraph 10.7)"
              action={c.mayDo.includes('recordDebrief') ? { to: page('debrief'), text: 'Record', hidden: 'the debrief' } : undefined}
            >
              {c.debrief ? `Held on ${formatDate(c.debrief.heldOn)}` : 'Not recorded yet'}
            </Item>
            <Item
              label="Follow-up session (paragraph 10.8)"
              action={c.mayDo.includes('recordFollowUp') ? { to: page('follow-up'), text: 'Record', hidden: 'the follow-up session' } : undefined}
            >
              {c.followUp ? `Held on ${formatDate(c.followUp.heldOn)}` : 'Not recorded yet'}
            </Item>
          </>
        ) : null}
      </dl>
      {c.returns.length > 0 && (c.status === 'returned' || writing) ? (
        <div className="govuk-inset-text">
          Returned on {formatDateTime(c.returns.at(-1)!.at)}: {c.returns.at(-1)!.reasons}
        </div>
      ) : null}
      {c.kind === 'imr' ? (
        c.readsContent ? (
          <ImrParts reference={reference} c={c} writing={writing} />
        ) : (
          <>
            <h2 className="govuk-heading-m">Individual management review</h2>
            <p className="govuk-body">You can read it once it is submitted to its senior officer.</p>
          </>
        )
      ) : null}
      {writing ? (
        <form noValidate onSubmit={submit} aria-labelledby="submit-heading">
          <h2 className="govuk-heading-m" id="submit-heading">
            Submit
          </h2>
          <p className="govuk-body">
            When every part is done, submit it to the senior officer, {c.seniorOfficer.name}. An individual management review needs an answer to each of the
            nine questions, and each interview record shared with the interviewee (paragraph 10.14).
          </p>
          <SubmitButton pending={f.pending} pendingText="Submitting">
            Submit to the senior officer
          </SubmitButton>
        </form>
      ) : null}
      {c.mayDo.includes('return') ? (
        <div className="govuk-inset-text">
          It is submitted to you.{' '}
          <Link className="govuk-link" to={contributionsListPath(reference)}>
            Accept the findings or return it
          </Link>{' '}
          on the review’s contributions page (paragraph 10.6).
        </div>
      ) : null}
      {filesHidden || !c.readsContent ? null : (
        <FileAttachments reference={reference} ownerKind="contribution" ownerId={c.id} heading="Attached files" onErrors={setFileErrors} onNotFound={onFilesNotFound} />
      )}
      {mayDisciplinary ? (
        <>
          <h2 className="govuk-heading-m">Disciplinary matters</h2>
          <p className="govuk-body">
            Kept apart from the contribution and never part of it or any export of it (paragraphs 10.9 and 10.10).{' '}
            <Link className="govuk-link" to={page('disciplinary')}>
              Disciplinary matters for this contribution
            </Link>
          </p>
        </>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={contributionsListPath(reference)}>
          All contributions to this review
        </Link>
      </p>
    </Main>
  );
}

function Item({ label, children, action }: { label: string; children: React.ReactNode; action?: { to: string; text: string; hidden: string } | undefined }) {
  return (
    <div className={`govuk-summary-list__row${action ? '' : ' govuk-summary-list__row--no-actions'}`}>
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
      {action ? (
        <dd className="govuk-summary-list__actions">
          <Link className="govuk-link" to={action.to}>
            {action.text}
            <span className="govuk-visually-hidden"> {action.hidden}</span>
          </Link>
        </dd>
      ) : null}
    </div>
  );
}

/** Appendix A's parts with where each stands; the author writes them, whoever may read the contribution reads them. */
function ImrParts({ reference, c, writing }: { reference: string; c: ContributionView; writing: boolean }) {
  const { state } = useApiGet('staff', contributionApiPath(reference, c.id, 'imr'), imrViewSchema);
  if (state.kind === 'loading') {
    return (
      <p className="govuk-body" role="status">
        Loading the review…
      </p>
    );
  }
  if (state.kind === 'not-found') {
    return (
      <>
        <h2 className="govuk-heading-m">Individual management review</h2>
        <p className="govuk-body">You can read it once it is submitted to its senior officer.</p>
      </>
    );
  }
  if (state.kind !== 'ok') return <p className="govuk-body">The review could not be loaded. Try again later.</p>;
  const saved = new Map(state.data.sections.map((s) => [s.section, s]));
  return (
    <>
      <h2 className="govuk-heading-m">Individual management review</h2>
      <p className="govuk-body">
        {writing ? 'Each part is saved on its own: you can come back to any of them later.' : 'Appendix A of the procedure: read each part.'}
      </p>
      <ul className="govuk-task-list">
        {IMR_PARTS.map((part) => {
          const s = part.section ? saved.get(part.section) : undefined;
          const status = part.section ? (s ? `Saved ${formatDateTime(s.updatedAt)}` : 'Not started') : 'Rows listed on its page';
          return (
            <li className="govuk-task-list__item govuk-task-list__item--with-link" key={part.slug}>
              <div className="govuk-task-list__name-and-hint">
                <Link className="govuk-link govuk-task-list__link" to={contributionPagePath(reference, c.id, part.slug)} aria-describedby={`part-${part.slug}-status`}>
                  {part.label}
                </Link>
              </div>
              <div className="govuk-task-list__status" id={`part-${part.slug}-status`}>
                {status}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
