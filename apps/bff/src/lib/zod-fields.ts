/** A ZodError as `fields`: dot-joined input path → first message for that path. */
import type { z } from 'zod';
import type { FieldErrors } from './errors.js';

export function fieldsOf(error: z.ZodError, prefix?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const segments of path) {
      const key =
        [prefix, ...segments.map(String)].filter((s) => s !== undefined && s !== '').join('.') || '_';
      fields[key] ??= issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    }
  }
  return fields;
}
