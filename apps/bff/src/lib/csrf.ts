/**
 * CSRF guard for unsafe methods under /api: a foreign Origin is refused, and so is any body
 * that is not application/json (a cross-site form or a "simple" fetch cannot send that).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { AppError } from './errors.js';
import { requestHost } from './request-origin.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export const csrfGuard =
  (trustProxy: boolean): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && originHost(origin) !== requestHost(c, trustProxy)) {
      throw new AppError(403, 'FOREIGN_ORIGIN', 'Requests from another site are refused.');
    }
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      throw new AppError(403, 'FOREIGN_ORIGIN', 'Requests from another site are refused.');
    }
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
    }
    return next();
  };
