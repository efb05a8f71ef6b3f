import { defaultSettings } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const current = async () => (await t.request('/api/settings/shop', { cookie: admin })).body.data;
const patch = (version: number, body: Record<string, unknown>) =>
  t.request('/api/settings/shop', {
    method: 'PATCH',
    cookie: admin,
    body,
    headers: { 'if-match': String(version) },
  });

describe('settings', () => {
  it('lists the one record and reads it with the defaults', async () => {
    const list = await t.request('/api/settings', { cookie: admin });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.data[0]).toMatchObject({ id: 'shop', ...defaultSettings });
    expect(await current()).toMatchObject({ id: 'shop', timeZone: 'Asia/Shanghai' });
    expect((await t.request('/api/settings/other', { cookie: admin })).status).toBe(404);
  });

  it('two tabs saving the same version: the first wins, the second gets 409 VERSION_CONFLICT', async () => {
    const { version } = await current();
    const first = await patch(version, { csSlaHours: 12 });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ csSlaHours: 12, version: version + 1 });
    const second = await patch(version, { csSlaHours: 48 });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('VERSION_CONFLICT');
    expect(await current()).toMatchObject({ csSlaHours: 12, version: version + 1 });
  });

  it('needs If-Match (428)', async () => {
    const res = await t.request('/api/settings/shop', {
      method: 'PATCH',
      cookie: admin,
      body: { csSlaHours: 10 },
    });
    expect(res.status).toBe(428);
  });

  it('refuses an invalid time zone with fields.timeZone, and nothing changes', async () => {
    const before = await current();
    const res = await patch(before.version, { timeZone: 'Mars/Olympus_Mons' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.timeZone).toBeTruthy();
    expect(await current()).toEqual(before);
  });

  it('operators and CS cannot read settings; managers neither', async () => {
    for (const role of ['operator', 'customer_service', 'manager'] as const) {
      const cookie = await t.login(role);
      expect((await t.request('/api/settings/shop', { cookie })).status).toBe(403);
    }
  });
});
