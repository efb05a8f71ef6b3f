/** Every error leaves in the envelope; unexpected ones are logged with their stack and sent as INTERNAL. */
import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@siyu/shared';
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.js';
import { AppError, errorBody } from './errors.js';
import type { Logger } from './logger.js';

const httpCodes: Record<number, [ErrorCode, string]> = {
  400: ['BAD_REQUEST', 'The request is malformed.'],
  401: ['UNAUTHENTICATED', 'Please sign in.'],
  403: ['FORBIDDEN', 'Refused.'],
  404: ['NOT_FOUND', 'Not found.'],
  413: ['PAYLOAD_TOO_LARGE', 'The request body is too large (1 MB at most).'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'],
};

const MALFORMED_JSON = /malformed json/i;

export const errorHandler =
  (logger: Logger): ErrorHandler<AppEnv> =>
  (error, c) => {
    const requestId = c.get('requestId') ?? randomUUID();
    if (error instanceof AppError) {
      return c.json(errorBody(error.code, error.message, requestId, error.fields), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const [code, message] = httpCodes[error.status] ?? ['BAD_REQUEST', 'The request is malformed.'];
      const text = MALFORMED_JSON.test(error.message) ? 'The request body is not valid JSON.' : message;
      return c.json(errorBody(code, text, requestId), error.status as ContentfulStatusCode);
    }
    logger.error('unhandled error', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.json(
      errorBody(
        'INTERNAL',
        'Something went wrong on our side. Quote the request id if you report it.',
        requestId,
      ),
      500,
    );
  };

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  c.json(
    errorBody(
      'NOT_FOUND',
      `Nothing answers ${c.req.method} ${c.req.path}.`,
      c.get('requestId') ?? randomUUID(),
    ),
    404,
  );
