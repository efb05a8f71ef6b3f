/** How the order page's dialogs read a refused write. */
import { errorCodeOf } from '../../providers/httpError';

/** The server's `fields` (input path → message), when it sent any. */
export function fieldErrors(error: unknown): Record<string, string> | undefined {
  const errors = (error as { body?: { errors?: Record<string, unknown> } }).body?.errors;
  if (!errors) return undefined;
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors))
    if (path !== 'root' && typeof message === 'string') out[path] = message;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Someone changed the order since the page loaded it: the page must reload before trying again. */
export const isStaleOrder = (error: unknown) => {
  const code = errorCodeOf(error);
  return code === 'VERSION_CONFLICT' || code === 'ILLEGAL_TRANSITION' || code === 'ADDRESS_LOCKED';
};

export const errorKey = (error: unknown) =>
  error instanceof Error ? error.message : 'ra.notification.http_error';
