import { can, type Role, roles } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, routeRegistry } from '../src/app.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
const cookies = {} as Record<Role, string>;
beforeAll(async () => {
  t = await createTestContext();
  for (const role of roles) cookies[role] = await t.login(role);
});
afterAll(() => t.close());

/** Every route the app answers (not middleware), from Hono's own route list. */
function appRoutes() {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of t.app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api')) continue;
    seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
  }
  return [...seen.values()];
}

const concrete = (path: string) => path.replace(':id', '1').replace(':file', 'swagger-ui.css');

describe('route access rules', () => {
  it('every API route the app answers has an entry in the registry (none can be forgotten)', () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(18);
    for (const route of routes) {
      expect(
        routeRegistry.get(`${route.method} ${route.path}`),
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
  });

  it('a route registered without an access rule is refused (deny by default)', async () => {
    const app = buildApp({ db: t.db, config: t.config, hasher: t.hasher });
    app.get('/api/forgotten-route', (c) => c.json({ leaked: true }));
    const res = await app.request('http://localhost/api/forgotten-route', {
      headers: { cookie: cookies.admin },
    });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain('leaked');
  });

  it('refuses every non-public route without a session (401), and lets public ones through', async () => {
    for (const entry of routeRegistry.values()) {
      if (!entry.path.startsWith('/api')) continue;
      const res = await t.request(concrete(entry.routingPath), { method: entry.method });
      if ('public' in entry.access) {
        expect(res.status, `${entry.method} ${entry.path}`).not.toBe(401);
      } else {
        expect(res.status, `${entry.method} ${entry.path}`).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('refuses every role lacking the route permission (403, audited) and lets the others past the guard', async () => {
    let refusals = 0;
    for (const entry of routeRegistry.values()) {
      const { access } = entry;
      if (!('resource' in access)) continue;
      for (const role of roles) {
        const allowed = can(role, access.resource, access.action as never);
        const before = await t.countRows('auditLogs');
        const res = await t.request(concrete(entry.routingPath), {
          method: entry.method,
          cookie: cookies[role],
        });
        const label = `${role} ${entry.method} ${entry.path}`;
        if (allowed) {
          expect([401, 403], label).not.toContain(res.status);
        } else {
          refusals++;
          expect(res.status, label).toBe(403);
          expect(res.body.error.code, label).toBe('FORBIDDEN');
          const row = await t.db
            .selectFrom('auditLogs')
            .selectAll()
            .orderBy('id', 'desc')
            .executeTakeFirstOrThrow();
          expect(row.action).toBe('forbidden');
          expect(row.actorRole).toBe(role);
          expect(await t.countRows('auditLogs')).toBe(before + 1);
        }
      }
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it('lists each route with its permission', () => {
    const table = [...routeRegistry.values()]
      .filter((e) => e.path.startsWith('/api'))
      .map(
        (e) =>
          `${e.method} ${e.path} ${'resource' in e.access ? `${e.access.resource}:${e.access.action}` : Object.keys(e.access)[0]}`,
      );
    expect(table).toContain('PATCH /api/staff-users/{id} staff_users:edit');
    expect(table).toContain('POST /api/audit-logs/purge audit_logs:purge');
    expect(table).toContain('POST /api/auth/login public');
    expect(table).toContain('GET /api/auth/me authenticated');
  });
});
