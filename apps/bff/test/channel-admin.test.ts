import { type Role, roles } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeRegistry } from '../src/app.js';
import { channelRequest, pageView } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
const cookies = {} as Record<Role, string>;
beforeAll(async () => {
  t = await createTestContext();
  for (const role of roles) cookies[role] = await t.login(role);
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>, cookie = cookies.admin) =>
  t.request('/api/channels', { cookie, body });

let seq = 0;
const send = (key: string, secret: string) =>
  channelRequest(t, '/api/channel/events', {
    key,
    secret,
    idempotencyKey: `admin-test-${++seq}-key`,
    body: { events: [pageView('visitor-admin', t.clock.now())] },
  });

describe('channels (admin)', () => {
  it('creates a channel and shows its secret once; list and get never carry it, nor does the audit', async () => {
    const res = await create({ key: 'h5-shop', name: 'H5 商城' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { secret, ...channel } = res.body.data;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(channel).toMatchObject({ key: 'h5-shop', name: 'H5 商城', enabled: true, version: 1 });
    expect((await send('h5-shop', secret)).status).toBe(202);

    const list = await t.request('/api/channels?perPage=100', { cookie: cookies.admin });
    const one = await t.request(`/api/channels/${channel.id}`, { cookie: cookies.admin });
    const many = await t.request(`/api/channels?ids=${channel.id}`, { cookie: cookies.admin });
    for (const text of [list.text, one.text, many.text]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('demo-miniapp-secret');
      expect(text).not.toMatch(/"secret"/);
    }
    expect(list.body.data.map((c: { key: string }) => c.key)).toEqual(
      expect.arrayContaining(['demo-miniapp', 'h5-shop']),
    );
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'channels')
      .where('resourceId', '=', String(channel.id))
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['create']);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('refuses a taken key (409 with fields), unknown fields and a bad key (400)', async () => {
    const taken = await create({ key: 'demo-miniapp', name: '重复' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'CHANNEL_KEY_TAKEN',
      fields: { key: expect.any(String) },
    });
    expect((await create({ key: 'ok-key', name: 'x', secret: 'mine-mine-mine-mine' })).status).toBe(400);
    expect((await create({ key: 'Bad Key', name: 'x' })).status).toBe(400);
    expect((await create({ key: '<script>', name: 'x' })).status).toBe(400);
  });

  it('edits name and enabled with If-Match; a stale version is a 409, none a 428', async () => {
    const { id, version } = (await create({ key: 'edit-me', name: '旧名' })).body.data;
    const patch = (body: unknown, ifMatch?: number) =>
      t.request(`/api/channels/${id}`, {
        method: 'PATCH',
        cookie: cookies.admin,
        body,
        headers: ifMatch === undefined ? {} : { 'if-match': String(ifMatch) },
      });
    expect((await patch({ name: '新名' })).status).toBe(428);
    const saved = await patch({ name: '新名', enabled: false }, version);
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ name: '新名', enabled: false, version: version + 1 });
    expect((await patch({ name: '又一个' }, version)).status).toBe(409);
    expect((await patch({ key: 'renamed' }, version + 1)).status).toBe(400);
  });

  it('rotating the secret returns the new one once; the old one stops signing; the audit has neither', async () => {
    const created = (await create({ key: 'rotate-me', name: '轮换' })).body.data;
    const rotated = await t.request(`/api/channels/${created.id}/rotate-secret`, {
      cookie: cookies.admin,
      body: {},
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).not.toBe(created.secret);
    expect(rotated.body.data.version).toBe(created.version + 1);
    const old = await send('rotate-me', created.secret);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('SIGNATURE_INVALID');
    expect((await send('rotate-me', rotated.body.data.secret)).status).toBe(202);
    const audit = JSON.stringify(
      await t.db.selectFrom('auditLogs').selectAll().where('resource', '=', 'channels').execute(),
    );
    expect(audit).not.toContain(created.secret);
    expect(audit).not.toContain(rotated.body.data.secret);
  });

  it('only admins manage channels: every other role gets 403 on every channels route', async () => {
    const id = (await t.request('/api/channels?perPage=1', { cookie: cookies.admin })).body.data[0].id;
    for (const role of roles.filter((r) => r !== 'admin')) {
      const cookie = cookies[role];
      const answers = [
        await t.request('/api/channels', { cookie }),
        await t.request(`/api/channels/${id}`, { cookie }),
        await create({ key: `by-${role.replace('_', '-')}`, name: 'x' }, cookie),
        await t.request(`/api/channels/${id}`, {
          method: 'PATCH',
          cookie,
          body: { enabled: false },
          headers: { 'if-match': '1' },
        }),
        await t.request(`/api/channels/${id}/rotate-secret`, { cookie, body: {} }),
      ];
      for (const res of answers) {
        expect(res.status, role).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('every channel-signed route lives under /api/channel/ (the signature guard covers exactly that)', () => {
    const signed = [...routeRegistry.values()].filter((entry) => 'channel' in entry.access);
    expect(signed.length).toBeGreaterThan(0);
    for (const entry of signed) expect(entry.path.startsWith('/api/channel/'), entry.path).toBe(true);
    const others = [...routeRegistry.values()].filter((entry) => !('channel' in entry.access));
    for (const entry of others) expect(entry.path.startsWith('/api/channel/'), entry.path).toBe(false);
  });
});
