/**
 * The one place where the BFF's error body (`{"error":{"code","message","fields"?,"requestId"}}`)
 * becomes react-admin's `HttpError`. `message` is a translation key (`siyu.errors.<CODE>`),
 * which react-admin's notifications translate; `body.errors` carries the server's `fields` in
 * the shape react-admin's forms read for inline errors (pessimistic mode).
 */
import { ErrorBody, type ErrorCode, errorCodes } from '@siyu/shared';
import { HttpError } from 'react-admin';

/** What `HttpError.body` holds for every error coming from the API. */
export interface ApiErrorDetails {
  /** Field path → message, plus `root.serverError`: what react-admin puts inline on a form. */
  errors?: Record<string, string | { serverError: string }>;
  code: ErrorCode | 'NETWORK';
  /** The server's own (untranslated) message, for logs and support. */
  serverMessage?: string;
  requestId?: string;
}

export const NETWORK_ERROR_KEY = 'siyu.errors.NETWORK';

export function errorMessageKey(code: ErrorCode | 'NETWORK'): string {
  return `siyu.errors.${code}`;
}

/** When the body is not the contract's (a proxy's HTML page, an empty 502…), guess from the status. */
export function codeFromStatus(status: number): ErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 422) return 'BUSINESS_RULE';
  if (status === 428) return 'PRECONDITION_REQUIRED';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Builds the `HttpError` for a failed response (`payload` is its parsed JSON body, if any). */
export function toHttpError(status: number, payload: unknown): HttpError {
  const parsed = ErrorBody.safeParse(payload);
  if (!parsed.success) {
    const code = codeFromStatus(status);
    const details: ApiErrorDetails = { code };
    return new HttpError(errorMessageKey(code), status, details);
  }
  const { code, message, fields, requestId } = parsed.data.error;
  const key = errorMessageKey(code);
  const details: ApiErrorDetails = { code, serverMessage: message, requestId };
  if (fields && Object.keys(fields).length > 0) {
    details.errors = { ...fields, root: { serverError: key } };
  }
  return new HttpError(key, status, details);
}

/** fetch itself failed: offline, server down, proxy refused. */
export function networkError(): HttpError {
  const details: ApiErrorDetails = { code: 'NETWORK' };
  return new HttpError(NETWORK_ERROR_KEY, 0, details);
}

/** The code of any error thrown by the providers (undefined for foreign errors). */
export function errorCodeOf(error: unknown): ApiErrorDetails['code'] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const body = (error as { body?: unknown }).body;
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as { code?: unknown }).code;
  return isErrorCode(code) || code === 'NETWORK' ? code : undefined;
}
