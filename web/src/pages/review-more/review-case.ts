import type * as z from 'zod';
import { caseDetailSchema } from '../../../../functions/schemas/api.js';
import { apiRequest, useApiGet, type ApiResult } from '../../api/client.js';

/**
 * The case as the review pages read it: `GET /api/cases/{reference}` with
 * its `review` (present once the Board chair has decided to conduct a
 * serious case review; `ReviewView` in functions/schemas/review.ts).
 */
export type ReviewCase = z.infer<typeof caseDetailSchema>;
export type ReviewPart = NonNullable<ReviewCase['review']>;

export const casePath = (reference: string) => `/cases/${encodeURIComponent(reference)}`;
export const caseApiPath = (reference: string) => `/api/cases/${encodeURIComponent(reference)}`;

/** Loads the case for one of the review pages. */
export const useReviewCase = (reference: string) => useApiGet('staff', caseApiPath(reference), caseDetailSchema);

/** Sends one of the review forms (PUT or POST) as the signed-in person. */
export const sendReviewForm = (reference: string, path: string, method: 'POST' | 'PUT', body: unknown): Promise<ApiResult<unknown>> =>
  apiRequest('staff', `${caseApiPath(reference)}/review/${path}`, { method, body });
