import type { ProcedureProfile } from '../../config/board.js';
import type { ActionLink } from '../case/case.js';

const DAY_MS = 24 * 3600 * 1000;

/** When a link made (or renewed) at `now` expires: `actionLinkExpiryDays` calendar days later. */
export function actionLinkExpiry(now: Date, profile: Pick<ProcedureProfile, 'actionLinkExpiryDays'>): string {
  return new Date(now.getTime() + (profile.actionLinkExpiryDays ?? 28) * DAY_MS).toISOString();
}

/** A link past its absolute expiry acts on nothing, whatever the case's state. Links made before expiry existed never expire this way. */
export function linkExpired(link: Pick<ActionLink, 'expiresAt'>, now: Date): boolean {
  return link.expiresAt !== undefined && Date.parse(link.expiresAt) <= now.getTime();
}
