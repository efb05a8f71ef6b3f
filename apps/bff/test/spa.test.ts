import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { serveSpa } from '../src/spa.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let dir: string;
beforeAll(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), 'siyu-spa-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const served = (staticDir: string) => {
  const app = buildApp({ db: t.db, config: t.config, hasher: t.hasher });
  serveSpa(app, staticDir);
  return (path: string) => app.request(`http://localhost${path}`);
};

describe('the built SPA', () => {
  it('serves files, index.html for client routes, and leaves /api alone', async () => {
    const get = served(dir);
    const asset = await get('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const route = await get('/orders/42');
    expect(await route.text()).toContain('console');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/../../etc/passwd')).headers.get('content-type')).toMatch(/html/);
    const api = await get('/api/nope');
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
    expect((await get('/api/health')).status).toBe(200);
  });

  it('says how to build the console when it is missing', async () => {
    const res = await served(join(dir, 'missing'))('/');
    expect(await res.text()).toMatch(/npm run build/);
  });
});
