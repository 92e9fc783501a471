/**
 * Who uses the service. Staff roles are Cognito groups of the staff user
 * pool; referrers sign in to a separate pool (no MFA, passwordless email code)
 * and can only ever see the status of their own referrals.
 */
export const staffRoles = [
  'business-manager',
  'sub-committee-chair',
  'sub-committee-member',
  'board-chair',
  'agency-contributor',
  'senior-officer',
  'overview-author',
  'external-reader',
  'auditor',
] as const;
export type StaffRole = (typeof staffRoles)[number];
export type Role = StaffRole | 'referrer';

export const roleLabels: Record<Role, string> = {
  'business-manager': 'Business manager',
  'sub-committee-chair': 'Chair of the Strategic and Serious Case Review sub-committee',
  'sub-committee-member': 'Sub-committee member',
  'board-chair': 'Board chair',
  'agency-contributor': 'Agency contributor (management review author)',
  'senior-officer': 'Agency senior officer',
  'overview-author': 'Independent overview author',
  'external-reader': 'External reader (Ofsted, Strategic Health Authority, other Boards, Children’s Services Adviser)',
  auditor: 'Auditor',
  referrer: 'Referrer',
};

/**
 * Offices that are on every case of the Board by virtue of holding them
 * (4.1, 4.2, 8.2; the business manager administers; the auditor audits).
 * Everyone else is on a case only when added to it.
 */
export const boardWideRoles: readonly StaffRole[] = ['business-manager', 'sub-committee-chair', 'board-chair', 'auditor'];

export const isStaffRole = (r: string): r is StaffRole => (staffRoles as readonly string[]).includes(r);
