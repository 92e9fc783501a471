import * as z from 'zod';
import { boardWideRoles, type StaffRole } from '../../../../functions/domain/access/roles.js';
import { genderOptions, notificationReasons } from '../../../../functions/schemas/review.js';
import type { RouteProps } from '../../App.js';
import { useApiGet } from '../../api/client.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { useTitle } from '../../components/Page.js';
import { formatDate, formatDateTime } from '../../format.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';
import { caseApiPath, Paragraphs, reviewPath, Row } from './form-kit.js';

/**
 * The statutory notification as recorded (paras 6.1, 6.3, 6.4): read-only,
 * for Board staff and for the recipients themselves (Ofsted's National
 * Business Unit, the Strategic Health Authority, the Children's Services
 * Adviser), who sign in from the email that says it is ready. The email
 * carries none of it.
 */

/** `StatutoryNotificationView`; the form is read field by field, so an odd value shows as given rather than hiding the rest. */
const notificationSchema = z.object({
  reference: z.string(),
  boardName: z.string(),
  decidedAt: z.string(),
  form: z.record(z.string(), z.unknown()).optional(),
  updatedAt: z.string().optional(),
});

const labelOf = (list: readonly { value: string; label: string }[], value: unknown) =>
  list.find((o) => o.value === value)?.label ?? (typeof value === 'string' ? value : '');
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

export function StatutoryNotificationPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return (
    <StaffOnly>
      {(session) => (
        // A recipient who is not on the case has no case page to go back to.
        <Notification reference={reference} backTo={session.roles.some((r) => boardWideRoles.includes(r as StaffRole)) ? reviewPath(reference) : '/tasks'} />
      )}
    </StaffOnly>
  );
}

function Notification({ reference, backTo }: { reference: string; backTo: string }) {
  const heading = 'Serious case review notification';
  const { state } = useApiGet('staff', `${caseApiPath(reference)}/statutory-notification`, notificationSchema);
  useTitle(state.kind === 'not-found' ? 'Page not found' : heading);
  if (state.kind === 'not-found') return <StaffNotFound />;
  if (state.kind === 'loading') {
    return (
      <Main backTo={backTo}>
        <p className="govuk-body" role="status">
          Loading the notification…
        </p>
      </Main>
    );
  }
  return (
    <Main backTo={backTo}>
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {state.kind !== 'ok' ? <LoadProblem state={state} what="this notification" /> : <Details view={state.data} />}
    </Main>
  );
}

function Details({ view }: { view: z.infer<typeof notificationSchema> }) {
  const f = view.form;
  return (
    <>
      <p className="govuk-body">
        The {view.boardName} decided on {formatDate(view.decidedAt)} to conduct a serious case review of this case. The
        Local Authority notifies Ofsted’s National Business Unit with the form below (paragraph 6.1); the Strategic
        Health Authority (paragraph 6.4) and the Children’s Services Adviser (paragraph 6.3) are told too.
      </p>
      {!f ? (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-font-weight-bold">The notification form has not been completed yet.</p>
          <p className="govuk-body">
            The Board’s business manager completes it. Come back to this page later to read it.
          </p>
        </div>
      ) : (
        <>
          {view.updatedAt ? <p className="govuk-body">Last updated {formatDateTime(view.updatedAt)}.</p> : null}
          <h2 className="govuk-heading-m">The notification</h2>
          <dl className="govuk-summary-list govuk-!-margin-bottom-9">
            <Row label="Notifying authority">{text(f.notifyingAuthority)}</Row>
            <Row label="Notifier">
              {text(f.notifierName)}
              {f.notifierRole ? `, ${text(f.notifierRole)}` : ''}
            </Row>
            <Row label="Notifier’s phone number">{text(f.notifierPhone)}</Row>
            <Row label="Date of notification">{f.notifiedOn ? formatDate(text(f.notifiedOn)) : ''}</Row>
            <Row label="Reason">{labelOf(notificationReasons, f.reason)}</Row>
          </dl>
          <h2 className="govuk-heading-m">The child</h2>
          <dl className="govuk-summary-list govuk-!-margin-bottom-9">
            <Row label="Name">
              {text(f.childFirstNames)} {text(f.childLastName)}
            </Row>
            {f.childOtherNames ? <Row label="Other names">{text(f.childOtherNames)}</Row> : null}
            {f.childDateOfBirth ? <Row label="Date of birth">{formatDate(text(f.childDateOfBirth))}</Row> : null}
            {f.childAge !== undefined ? <Row label="Age">{text(f.childAge)} years</Row> : null}
            <Row label="Gender">{labelOf(genderOptions, f.childGender)}</Row>
            <Row label="Looked after by a local authority">{f.lookedAfter === true ? 'Yes' : f.lookedAfter === false ? 'No' : ''}</Row>
          </dl>
          <h2 className="govuk-heading-m">The family</h2>
          <dl className="govuk-summary-list govuk-!-margin-bottom-9">
            <Row label="Parents or carers">
              <Paragraphs text={text(f.parents)} />
            </Row>
            <Row label="Siblings">{f.siblings ? <Paragraphs text={text(f.siblings)} /> : 'None given'}</Row>
            <Row label="Note about the family">{f.familyNote ? <Paragraphs text={text(f.familyNote)} /> : 'None given'}</Row>
            <Row label="Linked cases">{f.linkedCases ? <Paragraphs text={text(f.linkedCases)} /> : 'None given'}</Row>
          </dl>
        </>
      )}
    </>
  );
}
