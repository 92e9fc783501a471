/** Formats a case reference: SCR-2026-0001. Numbers grow past 9999 without breaking order within a year. */
export function formatReference(prefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;
}

export const REFERENCE_PATTERN = /^[A-Z]{2,6}-\d{4}-\d{4,}$/;
