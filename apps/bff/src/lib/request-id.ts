/** Every request gets an id, echoed in X-Request-Id and in every error body. */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

/** An incoming id is kept only when it is a short, plain token (no spaces, quotes or markup). */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
  c.res.headers.set('X-Request-Id', id);
};
