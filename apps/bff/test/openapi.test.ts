import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI', () => {
  it('is OpenAPI 3.1 and documents every API route the app answers', async () => {
    const res = await t.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api'));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const item = res.body.paths[toOpenApi(route.path)];
      expect(item, route.path).toBeDefined();
      expect(item[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
  });

  it('uses the shared schemas as named components', async () => {
    const { body } = await t.request('/api/openapi.json');
    for (const name of [
      'StaffUser',
      'StaffUserCreate',
      'Settings',
      'SettingsUpdate',
      'AuditLogEntry',
      'LoginInput',
      'Error',
    ]) {
      expect(body.components.schemas[name], name).toBeDefined();
    }
    expect(body.paths['/api/staff-users/{id}'].patch['x-permission']).toBe('staff_users:edit');
  });

  it('serves Swagger UI at /api/docs from local files (no CDN)', async () => {
    const page = await t.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/api/docs/')).toBe(true);
      const asset = await t.request(source);
      expect(asset.status, source).toBe(200);
    }
    expect(page.text).not.toMatch(/https?:\/\//);
    const init = await t.request('/api/docs/init.js');
    expect(init.text).toContain('/api/openapi.json');
    expect((await t.request('/api/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });
});
