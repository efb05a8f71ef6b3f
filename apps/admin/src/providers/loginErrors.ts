/** What the login form says for each refusal of `POST /api/auth/login` (translation keys). */
import type { ApiErrorDetails } from './httpError';

export const loginErrorKeys: Partial<Record<ApiErrorDetails['code'], string>> = {
  INVALID_CREDENTIALS: 'siyu.auth.invalid_credentials',
  ACCOUNT_LOCKED: 'siyu.auth.account_locked',
  RATE_LIMITED: 'siyu.auth.rate_limited',
  ACCOUNT_DISABLED: 'siyu.auth.account_disabled',
  VALIDATION_FAILED: 'siyu.auth.validation_failed',
  NETWORK: 'siyu.errors.NETWORK',
};

export function loginErrorKey(code: ApiErrorDetails['code'] | undefined): string {
  return (code && loginErrorKeys[code]) ?? 'ra.auth.sign_in_error';
}
