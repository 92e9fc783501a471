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
