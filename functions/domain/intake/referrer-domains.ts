/**
 * True when an email address is on one of the Board's allowed domains, or a
 * subdomain of one (`name@trust.nhs.uk` matches `nhs.uk`; `name@evilnhs.uk` does not).
 */
export function isAllowedReferrerEmail(email: string, allowedDomains: readonly string[]): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase().replace(/\.$/, '');
  return allowedDomains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}

/**
 * What the pre sign-up trigger logs when it refuses an address. Refusing is
 * not a failure: the stack counts these lines as the RefusedSignUps metric and
 * keeps them out of the function's error alarm.
 */
export const REFUSED_SIGN_UP_LOG = 'Referrer sign-up refused: domain not allowed';
