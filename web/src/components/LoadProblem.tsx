import type { LoadState } from '../api/client.js';

/** What a page says when its data could not be loaded (a 401 has already gone to sign-in). */
export function LoadProblem({ state, what }: { state: LoadState<unknown>; what: string }) {
  if (state.kind === 'loading' || state.kind === 'ok' || state.kind === 'signed-out') return null;
  if (state.kind === 'forbidden') {
    return <p className="govuk-body">You do not have permission to see {what}. Contact the Board’s business manager if you need it.</p>;
  }
  return (
    <div className="govuk-error-summary" tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">Sorry, there is a problem with the service</h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">We could not load {what}. Try again later.</p>
        </div>
      </div>
    </div>
  );
}
