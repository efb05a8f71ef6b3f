/**
 * Deny by default: the route that will answer is looked up in the registry; no entry → refused.
 * Public routes pass, the rest need a session, and permission routes need the role's grant.
 * A refusal for lack of permission is audited.
 */
import { can } from '@siyu/shared';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { writeAudit } from '../lib/audit.js';
import { AppError } from '../lib/errors.js';
import { auditContextOf } from '../lib/request-context.js';
import { routeKey, routeRegistry } from '../lib/route.js';

const ANY_METHOD = 'ALL';

export const accessGuard =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const handler = matchedRoutes(c).find(
      (route) => route.method !== ANY_METHOD && route.path.startsWith('/api/'),
    );
    // The first API route (not middleware) that matches is the one that answers.
    if (!handler) return next(); // nothing answers: the 404 handler will
    const entry = routeRegistry.get(routeKey(handler.method, handler.path));
    if (!entry) throw new AppError(403, 'FORBIDDEN', 'This route has no access rule, so it is refused.');
    const { access } = entry;
    if ('public' in access) return next();
    if ('channel' in access) {
      // The channel middleware has verified the signature; staff sessions count for nothing here.
      if (!c.get('channel')) throw new AppError(401, 'UNAUTHENTICATED', 'Sign the request as a channel.');
      return next();
    }
    const user = c.get('user');
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Please sign in.');
    if ('authenticated' in access) return next();
    if (!can(user.role, access.resource, access.action)) {
      await writeAudit(deps.db, {
        ...auditContextOf(c, deps),
        action: 'forbidden',
        resource: access.resource,
        resourceId: null,
        after: { method: c.req.method, path: c.req.path, needed: `${access.resource}:${access.action}` },
      });
      throw new AppError(403, 'FORBIDDEN', 'Your role may not do this.');
    }
    return next();
  };
