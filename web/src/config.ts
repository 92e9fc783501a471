/** The service name shown in the header and in every page title. */
export const SERVICE_NAME = 'Serious Case Review referrals';

/**
 * The partnership that runs the service. Set `VITE_BOARD_NAME` at build time
 * to match `board.name` in the Board configuration.
 */
export const BOARD_NAME = import.meta.env.VITE_BOARD_NAME?.trim() || 'Local Safeguarding Children Board';

/** Builds a GOV.UK page title: "Question – Service", with "Error: " when errors show. */
export function pageTitle(heading: string, hasErrors = false): string {
  return `${hasErrors ? 'Error: ' : ''}${heading} – ${SERVICE_NAME}`;
}
