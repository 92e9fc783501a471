import { useCallback, useState } from 'react';
import type { RouteProps } from '../../../App.js';
import { FileAttachments } from '../../../components/FileAttachments.js';
import { Main } from '../../../components/Layout.js';
import { useTitle } from '../../../components/Page.js';
import { StaffNotFound, StaffOnly } from '../../../staff/StaffOnly.js';

/**
 * The case's own files (owner kind `case`): documents the business manager
 * attaches to the case as a whole; everyone who may read the case may
 * download them. Contributions attach theirs with the same component.
 */
export function CaseFilesPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <CaseFiles reference={reference} />}</StaffOnly>;
}

function CaseFiles({ reference }: { reference: string }) {
  const heading = 'Case files';
  const [hasErrors, setHasErrors] = useState(false);
  const [notFound, setNotFound] = useState(false);
  const onNotFound = useCallback(() => setNotFound(true), []);
  useTitle(`${heading} – ${reference}`, hasErrors);
  if (notFound) return <StaffNotFound />;
  return (
    <Main backTo={`/cases/${encodeURIComponent(reference)}`}>
      <span className="govuk-caption-l">{reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">Documents about the case as a whole. Each download is recorded on the case’s timeline.</p>
      <FileAttachments reference={reference} ownerKind="case" ownerId={reference} heading="Files" onErrors={setHasErrors} onNotFound={onNotFound} />
    </Main>
  );
}
