import type { ErrorBody } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { defineRoute } from '../src/lib/route.js';
import { createTestContext, ORIGIN, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const settingsPatch = async (init: { headers?: Record<string, string>; rawBody?: string }) => {
  const version = (await t.request('/api/settings/shop', { cookie: admin })).body.data.version;
  return t.request('/api/settings/shop', {
    method: 'PATCH',
    cookie: admin,
    rawBody: init.rawBody ?? JSON.stringify({ csSlaHours: 20 }),
    headers: { 'if-match': String(version), ...init.headers },
  });
};

describe('CSRF guard', () => {
  it('refuses a foreign Origin with 403 FOREIGN_ORIGIN', async () => {
    const res = await settingsPatch({ headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FOREIGN_ORIGIN');
    const login = await t.request('/api/auth/login', {
      body: { username: 'admin', password: 'admin-demo-1' },
      headers: { origin: 'http://localhost.evil.example' },
    });
    expect(login.status).toBe(403);
  });

  it('refuses text/plain and form bodies with 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await settingsPatch({ headers: { 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const bodyless = await t.app.request(`${ORIGIN}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: admin, origin: ORIGIN },
    });
    expect(bodyless.status).toBe(415);
    expect((await t.request('/api/auth/me', { cookie: admin })).status).toBe(200);
  });

  it('accepts same-origin JSON, and JSON without an Origin header', async () => {
    const res = await settingsPatch({});
    expect(res.status).toBe(200);
    const noOrigin = await settingsPatch({ headers: { origin: '' } });
    expect([200, 403]).toContain(noOrigin.status);
  });
});

describe('error envelope', () => {
  it('unknown /api routes → 404 NOT_FOUND with a request id', async () => {
    const res = await t.request('/api/no-such-thing', { cookie: admin });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('malformed JSON → 400 BAD_REQUEST', async () => {
    const res = await settingsPatch({ rawBody: '{"csSlaHours": 2' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('a body over 1 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await settingsPatch({ rawBody: JSON.stringify({ shopName: 'x'.repeat(1_100_000) }) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unexpected error → 500 INTERNAL without stack or SQL text', async () => {
    const boom = defineRoute(
      { public: true },
      { method: 'get', path: '/api/test-only/boom', responses: { 200: { description: 'never' } } },
    );
    const app = buildApp({ db: t.db, config: t.config, hasher: t.hasher });
    app.openapi(boom, () => {
      throw new Error('select password_hash from staff_users -- secret detail');
    });
    const raw = await app.request('http://localhost/api/test-only/boom');
    const text = await raw.text();
    const res = { status: raw.status, headers: raw.headers, text, body: JSON.parse(text) as ErrorBody };
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(res.text).not.toMatch(/password_hash|select|secret|at .*\.ts/);
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('keeps a sane incoming X-Request-Id and replaces a hostile one', async () => {
    const kept = await t.request('/api/no-such-thing', { headers: { 'x-request-id': 'req-12345678' } });
    expect(kept.headers.get('x-request-id')).toBe('req-12345678');
    expect(kept.body.error.requestId).toBe('req-12345678');
    const replaced = await t.request('/api/health', {
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const res = await t.request('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });
});

describe('health and readiness', () => {
  it('GET /api/health and /api/ready answer ok', async () => {
    expect((await t.request('/api/health')).body).toEqual({ status: 'ok' });
    expect((await t.request('/api/ready')).body).toEqual({ status: 'ok' });
  });
});

describe('when the database is gone', () => {
  it('ready → 503 and a data route → 500 INTERNAL without internals', async () => {
    const other = await (await import('./support/context.js')).createTestContext();
    const cookie = await other.login('admin');
    await other.close();
    const ready = await other.request('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.requestId).toBeTruthy();
    const res = await other.request('/api/staff-users', { cookie });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(res.text).not.toMatch(/pglite|postgres|select|closed|terminat/i);
  });
});
