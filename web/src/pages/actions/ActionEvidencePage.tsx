import { useCallback, useState } from 'react';
import type { RouteProps } from '../../App.js';
import { FileAttachments } from '../../components/FileAttachments.js';
import { Main } from '../../components/Layout.js';
import { useTitle } from '../../components/Page.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';

/** The address of an action's evidence page. */
export const actionEvidencePath = (reference: string, actionId: string) =>
  `/cases/${encodeURIComponent(reference)}/action-plan/${encodeURIComponent(actionId)}/evidence`;

/**
 * An action's evidence (owner kind `action`): files its owner (or the
 * business manager) attaches to show what was done; everyone who reads the
 * action plan may download them. Each download is on the case's timeline.
 */
export function ActionEvidencePage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  const actionId = params.actionId ?? '';
  return <StaffOnly>{() => <Evidence reference={reference} actionId={actionId} />}</StaffOnly>;
}

function Evidence({ reference, actionId }: { reference: string; actionId: string }) {
  const heading = 'Evidence for an action';
  const [hasErrors, setHasErrors] = useState(false);
  const [notFound, setNotFound] = useState(false);
  const onNotFound = useCallback(() => setNotFound(true), []);
  useTitle(`${heading} – ${reference}`, hasErrors);
  if (notFound) return <StaffNotFound />;
  return (
    <Main backTo={`/cases/${encodeURIComponent(reference)}/action-plan`}>
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">Documents that show what was done: a training record, an audit, a revised procedure. Do not attach anything that names the child or family.</p>
      <FileAttachments reference={reference} ownerKind="action" ownerId={actionId} heading="Evidence" onErrors={setHasErrors} onNotFound={onNotFound} />
    </Main>
  );
}
