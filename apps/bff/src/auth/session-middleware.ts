/** Finds the signed-in user from the session cookie; a dead cookie is cleared. */
import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { clearSessionCookie, readSessionCookie } from './cookie.js';
import { resolveSession } from './sessions.js';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export const sessionMiddleware =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set('user', undefined);
    c.set('sessionId', undefined);
    const token = readSessionCookie(c, deps.config);
    if (token !== undefined) {
      const live = TOKEN_SHAPE.test(token)
        ? await resolveSession(deps.db, token, deps.clock(), deps.config.session)
        : undefined;
      if (live) {
        c.set('user', live.user);
        c.set('sessionId', live.sessionId);
      } else {
        clearSessionCookie(c, deps.config);
      }
    }
    await next();
  };
