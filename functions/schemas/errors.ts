import * as z from 'zod';

/** A validation error as the GOV.UK error summary shows it. */
export interface FieldError {
  /** Dotted path of the field, e.g. `child.dateOfBirth`. */
  name: string;
  /** Link to the field, e.g. `#child-dateOfBirth`. */
  href: string;
  /** GOV.UK wording, e.g. "Enter the child's first name". */
  text: string;
}

/** The id a form field gets for a dotted path: `child.dateOfBirth` -> `child-dateOfBirth`. */
export const fieldId = (name: string): string => name.replace(/\./g, '-');

/**
 * Maps zod issues to GOV.UK field errors: one per field (the first wins),
 * in the order the fields appear. Unknown keys become one error each.
 */
export function toFieldErrors(error: z.ZodError, prefix: readonly (string | number)[] = []): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const name = [...prefix, ...issue.path, key].join('.');
        if (seen.has(name)) continue;
        seen.add(name);
        out.push({ name, href: `#${fieldId(name)}`, text: `Remove the field "${key}": it is not part of a referral` });
      }
      continue;
    }
    // Array items share the array's field (checkboxes).
    const path = [...prefix, ...issue.path.filter((p) => typeof p !== 'number')].map(String);
    const name = path.join('.') || 'body';
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, href: `#${fieldId(name)}`, text: issue.message });
  }
  return out;
}
