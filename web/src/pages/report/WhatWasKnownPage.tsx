import { useState, type FormEvent } from 'react';
import { toFieldErrors } from '../../../../functions/schemas/errors.js';
import { saveWhatWasKnownSchema, whatWasKnownViewSchema, type WhatWasKnown } from '../../../../functions/schemas/overview.js';
import type { RouteProps } from '../../App.js';
import { apiRequest, useApiGet } from '../../api/client.js';
import { SubmitButton, usePending } from '../../components/Buttons.js';
import { NotificationBanner, type Notice } from '../../components/NotificationBanner.js';
import { Textarea } from '../../components/Textarea.js';
import { formatDateTime } from '../../format.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { NotLoaded, ReportFrame, ReportHeading, useProblems } from './report-kit.js';
import { overviewApiPath } from './report-pages.js';

const HEADING = 'What was known';
const PARTS: { key: keyof WhatWasKnown; label: string }[] = [
  { key: 'parentsAndCarers', label: 'What the agencies knew about the parents and carers' },
  { key: 'perpetrator', label: 'What the agencies knew about any perpetrator' },
  { key: 'homeCircumstances', label: 'What the agencies knew about the home circumstances' },
];

/** "What was known" (Appendix B, the facts): a summary in three parts, saved over the version read. */
export function WhatWasKnownPage({ params }: RouteProps) {
  const reference = params.reference ?? '';
  return <StaffOnly>{() => <Known reference={reference} />}</StaffOnly>;
}

function Known({ reference }: { reference: string }) {
  const path = `${overviewApiPath(reference)}/what-was-known`;
  const { state, reload } = useApiGet('staff', path, whatWasKnownViewSchema);
  const [notice, setNotice] = useState<Notice | null>(null);
  const problems = useProblems();
  const [pending, run] = usePending();
  const [draft, setDraft] = useState<WhatWasKnown | null>(null);
  if (state.kind !== 'ok') return <NotLoaded reference={reference} heading={HEADING} state={state} what="what was known" />;
  const view = state.data;
  const content = draft ?? view.content;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = saveWhatWasKnownSchema.safeParse({ expectedVersion: view.version, content });
    if (!parsed.success) return problems.show(toFieldErrors(parsed.error));
    void run(async () => {
      const result = await apiRequest('staff', path, { method: 'PUT', body: parsed.data });
      if (result.kind === 'ok') {
        problems.show([]);
        setDraft(null);
        setNotice({ kind: 'success', heading: 'What was known is saved' });
        reload();
      } else if (result.kind === 'invalid') problems.show(result.errors);
      // Nothing typed is lost: the text stays in the form.
      else if (result.kind !== 'signed-out') problems.show([], ('message' in result && result.message) || 'Sorry, there is a problem with the service. Nothing was saved: try again later.');
    });
  };
  return (
    <ReportFrame reference={reference} heading={HEADING} errors={problems.any}>
      {problems.summary}
      {notice && !problems.any ? <NotificationBanner notice={notice} /> : null}
      <ReportHeading reference={reference} heading={HEADING} />
      {view.savedAt ? <p className="govuk-body">Last saved on {formatDateTime(view.savedAt)}.</p> : null}
      {view.canEdit ? (
        <form noValidate onSubmit={onSubmit}>
          {PARTS.map((p) => (
            <Textarea
              key={p.key}
              name={`content.${p.key}`}
              label={p.label}
              rows={8}
              value={content[p.key]}
              onChange={(v) => setDraft({ ...content, [p.key]: v })}
              error={problems.errorFor(`content.${p.key}`)}
            />
          ))}
          <SubmitButton pending={pending} pendingText="Saving what was known">
            Save
          </SubmitButton>
        </form>
      ) : (
        PARTS.map((p) => (
          <section key={p.key}>
            <h2 className="govuk-heading-m">{p.label}</h2>
            <p className="govuk-body app-pre-wrap">{view.content[p.key] || 'Not written yet.'}</p>
          </section>
        ))
      )}
    </ReportFrame>
  );
}
