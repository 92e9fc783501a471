import { useState, type ReactNode } from 'react';
import type * as z from 'zod';
import { contributionViewSchema, type ContributionView } from '../../../../functions/schemas/contributions.js';
import { toFieldErrors, type FieldError } from '../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet, type ApiResult } from '../../api/client.js';
import { usePending } from '../../components/Buttons.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import type { Notice } from '../../components/NotificationBanner.js';
import { useTitle } from '../../components/Page.js';
import { ProblemSummary } from '../../components/ProblemSummary.js';
import { navigate } from '../../router.js';
import { StaffNotFound, StaffOnly } from '../../staff/StaffOnly.js';
import type { RouteProps } from '../../App.js';

/**
 * What the pages of one contribution share (`/cases/{ref}/contributions/{id}`
 * and its sub pages): the addresses, loading the contribution as the caller
 * may see it, and a form's errors (GOV.UK error summary, focused) with one
 * send at a time. A refused send keeps everything typed on the page.
 */

export const contributionPagePath = (reference: string, id: string, sub = '') =>
  `/cases/${encodeURIComponent(reference)}/contributions/${encodeURIComponent(id)}${sub ? `/${sub}` : ''}`;
export const contributionApiPath = (reference: string, id: string, sub = '') =>
  `/api/cases/${encodeURIComponent(reference)}/contributions/${encodeURIComponent(id)}${sub ? `/${sub}` : ''}`;
export const contributionsListPath = (reference: string) => `/cases/${encodeURIComponent(reference)}/contributions`;

/** "Northshire Police: individual management review" */
export const contributionName = (c: Pick<ContributionView, 'organisation' | 'kindLabel'>) => `${c.organisation}: ${c.kindLabel.toLowerCase()}`;

/** The route's reference and contribution id. */
export const idsOf = (params: RouteProps['params']) => ({ reference: params.reference ?? '', id: params.contributionId ?? '' });

/**
 * A staff page about one contribution: loads it (a contribution you may not
 * see is "Page not found", like a case you are not on) and hands it over.
 */
export function ContributionPageFrame({
  params,
  heading,
  children,
}: RouteProps & { heading: string; children: (c: ContributionView, ids: { reference: string; id: string }, reload: () => void) => ReactNode }) {
  const ids = idsOf(params);
  return (
    <StaffOnly>
      {() => (
        <WithContribution ids={ids} heading={heading}>
          {children}
        </WithContribution>
      )}
    </StaffOnly>
  );
}

function WithContribution({
  ids,
  heading,
  children,
}: {
  ids: { reference: string; id: string };
  heading: string;
  children: (c: ContributionView, ids: { reference: string; id: string }, reload: () => void) => ReactNode;
}) {
  const { state, reload } = useApiGet('staff', contributionApiPath(ids.reference, ids.id), contributionViewSchema);
  if (state.kind === 'not-found') return <StaffNotFound />;
  if (state.kind === 'ok') return <>{children(state.data, ids, reload)}</>;
  return (
    <Plain heading={heading} backTo={contributionsListPath(ids.reference)}>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading the contribution…
        </p>
      ) : (
        <LoadProblem state={state} what="this contribution" />
      )}
    </Plain>
  );
}

/** A page with only a title and some words (while loading, or when the page is not for you). */
export function Plain({ heading, backTo, children, showHeading = false }: { heading: string; backTo: string; children: ReactNode; showHeading?: boolean }) {
  useTitle(heading);
  return (
    <Main backTo={backTo}>
      {showHeading ? <h1 className="govuk-heading-l">{heading}</h1> : null}
      {children}
    </Main>
  );
}

/** A problem that is no field's, in this page's words. */
export interface Problem {
  title: string;
  text: string;
}

export type Refusal = Exclude<ApiResult<unknown>, { kind: 'ok' | 'signed-out' | 'invalid' }>;

/** The words for a refused send, unless the page has its own. */
export function problemOf(result: Refusal, nothing = 'Nothing was saved.'): Problem {
  switch (result.kind) {
    case 'conflict':
    case 'forbidden':
      return { title: 'There is a problem', text: result.message ?? `This cannot be done now. ${nothing}` };
    case 'not-found':
      return { title: 'There is a problem', text: `It could not be found: it may have been deleted. ${nothing}` };
    default:
      return { title: 'Sorry, there is a problem with the service', text: `${nothing} Try again later. What you entered is still on this page.` };
  }
}

/**
 * A form's state: its field errors and a problem that is not one field's,
 * shown in a summary that takes focus, and one send at a time. `send`
 * resolves to the body on success and to undefined otherwise (the errors
 * are then on the page and the form keeps what was typed).
 */
export function useFormState(heading: string, order: readonly string[] = []) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  useTitle(heading, errors.length > 0 || problem !== null);

  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  const show = (list: FieldError[], next: Problem | null = null) => {
    setErrors([...list].sort((a, b) => rank(a.name) - rank(b.name)));
    setProblem(next);
    setFocusKey((k) => k + 1);
  };
  const clear = () => {
    setErrors([]);
    setProblem(null);
  };

  /** Checks with a shared schema: the data, or undefined with the errors shown. */
  function check<S extends z.ZodType>(schema: S, values: unknown, prefix: (string | number)[] = []): z.infer<S> | undefined {
    const parsed = schema.safeParse(values);
    if (parsed.success) return parsed.data;
    show(toFieldErrors(parsed.error, prefix));
    return undefined;
  }

  /** Sends one request; on a refusal shows it (field errors under `prefix`), keeping the page as it is. */
  async function send<T = Record<string, unknown>>(
    path: string,
    method: 'POST' | 'PUT' | 'DELETE',
    body: unknown,
    words: (r: Refusal) => Problem = (r) => problemOf(r),
  ): Promise<T | undefined> {
    const outcome = await run(async () => {
      const result = await apiRequest<T>('staff', path, { method, ...(body !== undefined ? { body } : {}) });
      if (result.kind === 'ok') return { ok: true as const, data: result.data };
      if (result.kind === 'invalid') show(result.errors);
      else if (result.kind !== 'signed-out') show([], words(result));
      return { ok: false as const };
    });
    return outcome?.ok ? outcome.data : undefined;
  }

  const errorFor = (name: string) => errors.find((e) => e.name === name)?.text;
  const summary = (
    <>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title={problem.title} focusKey={focusKey}>
          <p className="govuk-body">{problem.text}</p>
        </ProblemSummary>
      ) : null}
    </>
  );
  return { errors, problem, errorFor, show, clear, check, send, pending, summary };
}

/** Back to the contribution's page with a success banner. */
export const doneTo = (path: string, heading: string, text?: string) =>
  navigate(path, { state: { notice: { kind: 'success', heading, ...(text ? { text } : {}) } satisfies Notice } });

/** "1 March 2025" for an ISO day. */
export { formatDate } from '../../format.js';
