/**
 * One error class for everything the API refuses on purpose, and the one envelope every
 * error is sent in: {"error":{"code","message","fields"?,"requestId"}}.
 */
import type { ErrorBody, ErrorCode } from '@siyu/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'record') => new AppError(404, 'NOT_FOUND', `The ${what} does not exist.`);

export const validationFailed = (fields: FieldErrors, message = 'Some fields are not valid.') =>
  new AppError(400, 'VALIDATION_FAILED', message, fields);

export function errorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  fields?: FieldErrors,
): ErrorBody {
  return {
    error: { code, message, ...(fields && Object.keys(fields).length > 0 ? { fields } : {}), requestId },
  };
}
