import { errorCodes } from '@siyu/shared';
import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { codeFromStatus, errorCodeOf, errorMessageKey, networkError, toHttpError } from './httpError';
import { loginErrorKey } from './loginErrors';

const body = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: `server says ${code}`, requestId: 'req-1', ...extra },
});

describe('toHttpError', () => {
  it('turns field errors into react-admin inline errors plus a root message', () => {
    const error = toHttpError(
      400,
      body('VALIDATION_FAILED', { fields: { password: 'too short', 'address.city': 'required' } }),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(400);
    expect(error.message).toBe('siyu.errors.VALIDATION_FAILED');
    expect(error.body).toEqual({
      code: 'VALIDATION_FAILED',
      serverMessage: 'server says VALIDATION_FAILED',
      requestId: 'req-1',
      errors: {
        password: 'too short',
        'address.city': 'required',
        root: { serverError: 'siyu.errors.VALIDATION_FAILED' },
      },
    });
  });

  it('gives a version conflict its own translated message and no inline errors', () => {
    const error = toHttpError(409, body('VERSION_CONFLICT'));
    expect(error.status).toBe(409);
    expect(error.message).toBe('siyu.errors.VERSION_CONFLICT');
    expect(error.body.errors).toBeUndefined();
    expect(errorCodeOf(error)).toBe('VERSION_CONFLICT');
  });

  it('says clearly when the role may not do something', () => {
    const error = toHttpError(403, body('FORBIDDEN'));
    expect(error.message).toBe('siyu.errors.FORBIDDEN');
    expect(error.status).toBe(403);
  });

  it('falls back on the status when the body is not the contract', () => {
    expect(toHttpError(502, '<html>bad gateway</html>').message).toBe('siyu.errors.INTERNAL');
    expect(toHttpError(403, undefined).message).toBe('siyu.errors.FORBIDDEN');
    expect(toHttpError(409, { error: 'nope' }).body.code).toBe('CONFLICT');
    expect(codeFromStatus(429)).toBe('RATE_LIMITED');
    expect(codeFromStatus(428)).toBe('PRECONDITION_REQUIRED');
  });

  it('ignores an empty fields map', () => {
    expect(toHttpError(400, body('VALIDATION_FAILED', { fields: {} })).body.errors).toBeUndefined();
  });

  it('has a message key for every error code and for network failures', () => {
    for (const code of errorCodes) expect(errorMessageKey(code)).toBe(`siyu.errors.${code}`);
    expect(networkError().message).toBe('siyu.errors.NETWORK');
    expect(errorCodeOf(networkError())).toBe('NETWORK');
    expect(errorCodeOf(new Error('x'))).toBeUndefined();
  });
});

describe('loginErrorKey', () => {
  it('maps login refusals to their own messages', () => {
    expect(loginErrorKey('INVALID_CREDENTIALS')).toBe('siyu.auth.invalid_credentials');
    expect(loginErrorKey('ACCOUNT_LOCKED')).toBe('siyu.auth.account_locked');
    expect(loginErrorKey('RATE_LIMITED')).toBe('siyu.auth.rate_limited');
    expect(loginErrorKey(undefined)).toBe('ra.auth.sign_in_error');
  });
});
