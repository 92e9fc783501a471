import type { ReactNode } from 'react';
import type { RouteProps } from '../../App.js';
import { Main } from '../../components/Layout.js';
import { LoadProblem } from '../../components/LoadProblem.js';
import { useTitle } from '../../components/Page.js';
import { formatDate } from '../../format.js';
import { Link } from '../../router.js';
import { StaffOnly } from '../../staff/StaffOnly.js';
import { useReviewSubmit, WithDecidedCase, type DecidedCase, type Problem, type Refusal, type ReviewPart, reviewPath } from './form-kit.js';

/**
 * What every page in this folder shares on top of the review form kit: the
 * form is the business manager's to fill in, a plain explanation when there
 * is no review yet or the form is not yours, and these pages' own words for
 * a problem that is not about one field.
 */

export function ReviewPage({
  params,
  heading,
  render,
}: RouteProps & {
  heading: string;
  render: (detail: DecidedCase) => ReactNode;
}) {
  const reference = params.reference ?? '';
  return (
    <StaffOnly>
      {() => (
        <WithDecidedCase
          reference={reference}
          heading={heading}
          otherwise={(state) => (
            <Explained reference={reference} heading={heading}>
              {state.kind !== 'ok' ? (
                <LoadProblem state={state} what="this case" />
              ) : (
                <>
                  <p className="govuk-body">
                    There is no serious case review on this case. This page is used once the Board chair has decided to
                    conduct one. The case is: <strong>{state.data.statusLabel}</strong>.
                  </p>
                  <BackToCase reference={reference} />
                </>
              )}
            </Explained>
          )}
        >
          {(detail) =>
            detail.review.permissions.manage ? (
              render(detail)
            ) : (
              <Explained reference={reference} heading={heading}>
                <p className="govuk-body">Only the Board’s business manager can record this. Nothing has been changed.</p>
                <BackToCase reference={reference} />
              </Explained>
            )
          }
        </WithDecidedCase>
      )}
    </StaffOnly>
  );
}

/** A page without the form: the case could not be read, there is no review, or it is not yours to fill in. */
function Explained({ reference, heading, children }: { reference: string; heading: string; children: ReactNode }) {
  return (
    <Main backTo={reviewPath(reference)}>
      <TitleOnly heading={heading} />
      <span className="govuk-caption-l">Case {reference}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {children}
    </Main>
  );
}

export function TitleOnly({ heading }: { heading: string }) {
  useTitle(heading);
  return null;
}

export function BackToCase({ reference }: { reference: string }) {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={reviewPath(reference)}>
        Return to case {reference}
      </Link>
    </p>
  );
}

const problemOf = (result: Refusal): Problem => {
  switch (result.kind) {
    case 'conflict':
      return { title: 'There is a problem', text: result.message ?? 'This has already been recorded. Nothing was changed.' };
    case 'forbidden':
      return { title: 'There is a problem', text: result.message ?? 'Only the Board’s business manager can record this. Nothing was changed.' };
    case 'not-found':
      return { title: 'There is a problem', text: 'This case could not be found. Nothing was saved.' };
    default:
      return {
        title: 'Sorry, there is a problem with the service',
        text: result.message ?? 'Nothing was saved. Try again later. Your answers are still on this page.',
      };
  }
};

/** A review form's state (see `useReviewSubmit`), with this folder's words for a refused send. */
export const useReviewForm = (reference: string, heading: string, order: readonly string[]) =>
  useReviewSubmit(reference, heading, order, problemOf);

/** "26 March 2027" for the review's completion date now in force. */
export const completionDate = (review: ReviewPart) => formatDate(review.completion.dueDate);
