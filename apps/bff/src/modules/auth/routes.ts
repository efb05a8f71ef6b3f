/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ChangeOwnPasswordInput, LoginInput, recordResponse, SessionUser } from '@siyu/shared';
import { clearSessionCookie, writeSessionCookie } from '../../auth/cookie.js';
import type { Deps } from '../../deps.js';
import type { AppEnv } from '../../env.js';
import { AppError } from '../../lib/errors.js';
import { auditContextOf } from '../../lib/request-context.js';
import { defineRoute, errorResponse, json, jsonBody } from '../../lib/route.js';
import { changeOwnPassword, login, logout, sessionUserOf } from './service.js';

const tags = ['auth'];

const loginRoute = defineRoute(
  { public: true },
  {
    method: 'post',
    path: '/api/auth/login',
    tags,
    summary: 'Sign in; sets the session cookie',
    request: { body: jsonBody(LoginInput) },
    responses: {
      200: json(recordResponse(SessionUser), 'Signed in'),
      401: errorResponse('INVALID_CREDENTIALS or ACCOUNT_DISABLED'),
      429: errorResponse('ACCOUNT_LOCKED or RATE_LIMITED'),
    },
  },
);

const logoutRoute = defineRoute(
  { authenticated: true },
  {
    method: 'post',
    path: '/api/auth/logout',
    tags,
    summary: 'Sign out; ends the session',
    responses: { 204: { description: 'Signed out' } },
  },
);

const meRoute = defineRoute(
  { authenticated: true },
  {
    method: 'get',
    path: '/api/auth/me',
    tags,
    summary: 'The signed-in user with role and permissions',
    responses: { 200: json(recordResponse(SessionUser), 'The signed-in user') },
  },
);

const passwordRoute = defineRoute(
  { authenticated: true },
  {
    method: 'post',
    path: '/api/auth/password',
    tags,
    summary: 'Change my password; ends my other sessions',
    request: { body: jsonBody(ChangeOwnPasswordInput) },
    responses: { 204: { description: 'Password changed' } },
  },
);

function signedIn(user: AppEnv['Variables']['user']) {
  if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Please sign in.');
  return user;
}

export function authRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  return app
    .openapi(loginRoute, async (c) => {
      const result = await login(deps, {
        input: c.req.valid('json'),
        ctx: auditContextOf(c, deps),
        userAgent: c.req.header('user-agent') ?? null,
        previousSessionId: c.get('sessionId'),
      });
      writeSessionCookie(c, deps.config, result.token);
      return c.json({ data: result.user }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const sessionId = c.get('sessionId');
      if (sessionId) await logout(deps, sessionId, auditContextOf(c, deps));
      clearSessionCookie(c, deps.config);
      return c.body(null, 204);
    })
    .openapi(meRoute, (c) => c.json({ data: sessionUserOf(signedIn(c.get('user'))) }, 200))
    .openapi(passwordRoute, async (c) => {
      await changeOwnPassword(
        deps,
        signedIn(c.get('user')),
        c.get('sessionId'),
        c.req.valid('json'),
        auditContextOf(c, deps),
      );
      return c.body(null, 204);
    });
}
