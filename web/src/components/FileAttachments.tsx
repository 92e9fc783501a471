import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FieldError } from '../../../functions/schemas/errors.js';
import { toFieldErrors } from '../../../functions/schemas/errors.js';
import {
  downloadGrantSchema,
  fileListSchema,
  formatFileSize,
  uploadGrantSchema,
  uploadRequestSchema,
  fileViewSchema,
  type FileView,
} from '../../../functions/schemas/files.js';
import { apiRequest, useApiGet } from '../api/client.js';
import { formatDateTime } from '../format.js';
import { SubmitButton, usePending } from './Buttons.js';
import { ErrorSummary } from './ErrorSummary.js';
import { NotificationBanner, type Notice } from './NotificationBanner.js';
import { TableRegion } from './TableRegion.js';

/**
 * Files attached to one owner on a case (the case itself, a contribution):
 * the list with a download button each, and, for those who may, the GOV.UK
 * file upload pattern. An upload is three requests: ask the API (it checks
 * name, type and size with the same schema as here and answers a presigned
 * URL), PUT the bytes straight to S3, then ask the API to confirm (it checks
 * what arrived and refuses and deletes anything else). Errors go in the
 * error summary and next to the field, as on every form.
 */
export function FileAttachments({
  reference,
  ownerKind,
  ownerId,
  heading = 'Attached files',
  onErrors,
  onNotFound,
}: {
  reference: string;
  ownerKind: string;
  ownerId: string;
  heading?: string;
  /** Told whether the form shows errors (for the page title's "Error:"). */
  onErrors?: (hasErrors: boolean) => void;
  /** The owner does not exist for this person (not on the case): the page shows "Page not found". */
  onNotFound?: () => void;
}) {
  const base = `/api/cases/${encodeURIComponent(reference)}/files/${encodeURIComponent(ownerKind)}/${encodeURIComponent(ownerId)}`;
  const { state, reload } = useApiGet('staff', base, fileListSchema);
  const inputId = 'file';
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);

  useEffect(() => onErrors?.(errors.length > 0), [errors, onErrors]);
  useEffect(() => {
    if (state.kind === 'not-found') onNotFound?.();
  }, [state.kind, onNotFound]);

  const fail = (text: string) => {
    setErrors([{ name: 'file', href: `#${inputId}`, text }]);
    setNotice(undefined);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    const request = { fileName: file?.name ?? '', contentType: file?.type ?? '', size: file?.size ?? 0 };
    const parsed = uploadRequestSchema.safeParse(request);
    if (!parsed.success || !file) {
      setErrors(parsed.success ? [{ name: 'file', href: `#${inputId}`, text: 'Select a file' }] : toFieldErrors(parsed.error));
      setFocusKey((k) => k + 1);
      return;
    }
    void run(async () => {
      const asked = await apiRequest('staff', base, { method: 'POST', body: parsed.data, schema: uploadGrantSchema });
      if (asked.kind === 'invalid') return void (setErrors(asked.errors), setFocusKey((k) => k + 1));
      if (asked.kind !== 'ok') return asked.kind === 'signed-out' ? undefined : fail(asked.kind === 'forbidden' ? 'You cannot attach files here' : 'The file could not be uploaded. Try again');
      const { upload, file: pendingFile } = asked.data;
      let put: Response | undefined;
      try {
        put = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: file });
      } catch {
        put = undefined;
      }
      if (!put?.ok) return fail('The file could not be uploaded. Try again');
      const confirmed = await apiRequest('staff', `${base}/${pendingFile.fileId}/confirm`, { method: 'POST', schema: fileViewSchema });
      if (confirmed.kind === 'invalid') return void (setErrors(confirmed.errors), setFocusKey((k) => k + 1));
      if (confirmed.kind !== 'ok') return confirmed.kind === 'signed-out' ? undefined : fail('The file could not be uploaded. Try again');
      if (input.current) input.current.value = '';
      setErrors([]);
      setNotice({ kind: 'success', heading: `${confirmed.data.fileName} has been attached` });
      setFocusKey((k) => k + 1);
      reload();
    });
  };

  const download = (f: FileView) => {
    void run(async () => {
      const grant = await apiRequest('staff', `${base}/${f.fileId}/download`, { method: 'POST', schema: downloadGrantSchema });
      if (grant.kind !== 'ok') {
        if (grant.kind !== 'signed-out') setDownloadProblem(`${f.fileName} could not be downloaded. Try again`);
        return;
      }
      setDownloadProblem(null);
      // The URL answers with Content-Disposition: attachment, so the page stays where it is.
      window.location.assign(grant.data.url);
    });
  };

  const error = errors.find((e) => e.name === 'file')?.text;
  const stored = state.kind === 'ok' ? state.data.files.filter((f) => f.status === 'stored') : [];

  return (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {notice && errors.length === 0 ? <NotificationBanner notice={notice} /> : null}
      <h2 className="govuk-heading-m">{heading}</h2>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading the files…
        </p>
      ) : state.kind !== 'ok' ? (
        <p className="govuk-body">The files could not be loaded. Try again later.</p>
      ) : (
        <>
          {downloadProblem ? (
            <p className="govuk-error-message" role="alert">
              <span className="govuk-visually-hidden">Error:</span> {downloadProblem}
            </p>
          ) : null}
          {stored.length === 0 ? (
            <p className="govuk-body">No files have been attached yet.</p>
          ) : (
            <TableRegion caption={heading} captionClass="govuk-table__caption govuk-visually-hidden">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    File
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Size
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Attached
                  </th>
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {stored.map((f) => (
                  <tr className="govuk-table__row" key={f.fileId}>
                    <td className="govuk-table__cell">{f.fileName}</td>
                    <td className="govuk-table__cell">{formatFileSize(f.size)}</td>
                    <td className="govuk-table__cell">
                      {formatDateTime(f.storedAt ?? f.uploadedAt)} by {f.uploadedBy}
                    </td>
                    <td className="govuk-table__cell">
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => download(f)}>
                        Download<span className="govuk-visually-hidden"> {f.fileName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableRegion>
          )}
          {state.data.mayUpload ? (
            <form noValidate onSubmit={onSubmit}>
              <div className={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
                <label className="govuk-label govuk-label--s" htmlFor={inputId}>
                  Upload a file
                </label>
                <div className="govuk-hint" id={hintId}>
                  A Word document (DOCX), PDF, OpenDocument text (ODT), rich text (RTF) or plain text (TXT) file, smaller than{' '}
                  {formatFileSize(state.data.maxBytes)}
                </div>
                {error ? (
                  <p className="govuk-error-message" id={`${inputId}-error`}>
                    <span className="govuk-visually-hidden">Error:</span> {error}
                  </p>
                ) : null}
                <input
                  className={error ? 'govuk-file-upload govuk-file-upload--error' : 'govuk-file-upload'}
                  id={inputId}
                  name="file"
                  type="file"
                  accept={state.data.accept}
                  ref={input}
                  aria-describedby={error ? `${hintId} ${inputId}-error` : hintId}
                  // Checked when the form is sent, never while choosing: focus stays where the person put it.
                  onChange={() => setErrors([])}
                />
              </div>
              <SubmitButton pending={pending} pendingText="Uploading the file">
                Upload file
              </SubmitButton>
            </form>
          ) : null}
        </>
      )}
    </>
  );
}
