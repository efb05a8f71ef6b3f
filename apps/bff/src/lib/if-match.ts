/** Optimistic locking: PATCH must say which version it edits, as `If-Match: <version>`. */
import type { Context } from 'hono';
import { AppError } from './errors.js';

const VERSION = /^(?:W\/)?"?(\d{1,9})"?$/;

export function requireIfMatch(c: Context): number {
  const header = c.req.header('if-match');
  if (header === undefined || header.trim() === '') {
    throw new AppError(428, 'PRECONDITION_REQUIRED', 'Send If-Match with the version you are editing.');
  }
  const match = VERSION.exec(header.trim());
  if (!match?.[1]) {
    throw new AppError(400, 'BAD_REQUEST', 'If-Match must be the version number of the record.', {
      'If-Match': 'a version number',
    });
  }
  return Number(match[1]);
}

export const versionConflict = () =>
  new AppError(
    409,
    'VERSION_CONFLICT',
    'Someone else saved this record first. Reload it to see their changes, then edit again.',
  );
