/**
 * The channel row and the settings placement reads are kept in memory a few seconds; a change
 * made through this instance must still count from the very next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortLivedCache } from '../src/lib/short-lived-cache.js';
import { channelRequest, pageView } from './support/channel.js';
import { orderBody, skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
let operator: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
  operator = await t.login('operator');
});
afterAll(() => t.close());

let seq = 0;
const sendEvent = (key: string, secret: string) =>
  channelRequest(t, '/api/channel/events', {
    key,
    secret,
    idempotencyKey: `cache-test-${++seq}-key`,
    body: { events: [pageView('visitor-cache', t.clock.now())] },
  });
const placeOrder = (body: unknown) =>
  channelRequest(t, '/api/channel/orders', { body, idempotencyKey: `cache-order-${++seq}-key` });

async function newChannel(key: string) {
  const res = await t.request('/api/channels', { cookie: admin, body: { key, name: key } });
  expect(res.status).toBe(201);
  return res.body.data as { id: number; secret: string; version: number };
}

describe('the channel kept in memory', () => {
  it('a rotated secret refuses the old one on the next request, though the old one was just used', async () => {
    const channel = await newChannel('cache-rotate');
    expect((await sendEvent('cache-rotate', channel.secret)).status).toBe(202);
    const rotated = await t.request(`/api/channels/${channel.id}/rotate-secret`, { cookie: admin, body: {} });
    expect(rotated.status).toBe(200);
    const old = await sendEvent('cache-rotate', channel.secret);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('SIGNATURE_INVALID');
    expect((await sendEvent('cache-rotate', rotated.body.data.secret)).status).toBe(202);
  });

  it('a disabled channel is refused on the next request, though it was just used', async () => {
    const channel = await newChannel('cache-disable');
    expect((await sendEvent('cache-disable', channel.secret)).status).toBe(202);
    const off = await t.request(`/api/channels/${channel.id}`, {
      method: 'PATCH',
      cookie: admin,
      body: { enabled: false },
      headers: { 'if-match': String(channel.version) },
    });
    expect(off.status).toBe(200);
    const refused = await sendEvent('cache-disable', channel.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('CHANNEL_DISABLED');
  });
});

describe('the settings placement reads', () => {
  it('an edited auto-close time sets the pay deadline of the very next order', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const first = await placeOrder(orderBody([{ skuId, quantity: 1 }]));
    expect(first.status).toBe(201);
    const settings = (await t.request('/api/settings/shop', { cookie: admin })).body.data;
    const minutes = settings.orderAutoCloseMinutes === 45 ? 50 : 45;
    const edited = await t.request('/api/settings/shop', {
      method: 'PATCH',
      cookie: admin,
      body: { orderAutoCloseMinutes: minutes },
      headers: { 'if-match': String(settings.version) },
    });
    expect(edited.status).toBe(200);
    const next = await placeOrder(orderBody([{ skuId, quantity: 1 }]));
    expect(next.status).toBe(201);
    expect(Date.parse(next.body.data.payDeadline) - t.clock.now().getTime()).toBe(minutes * 60_000);
  });
});

describe('a returning buyer', () => {
  it('with nothing new writes no member row and no member audit; a new nickname does', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const body = orderBody([{ skuId, quantity: 1 }], 'cache-returning-buyer');
    expect((await placeOrder(body)).status).toBe(201);
    const member = () =>
      t.db
        .selectFrom('members')
        .selectAll()
        .where('openid', '=', 'cache-returning-buyer')
        .executeTakeFirstOrThrow();
    const memberAudits = async () =>
      (
        await t.db
          .selectFrom('auditLogs')
          .select('action')
          .where('resource', '=', 'members')
          .where('resourceId', '=', String((await member()).id))
          .execute()
      ).map((a) => a.action);
    const before = await member();
    expect(await memberAudits()).toEqual(['create']);
    expect((await placeOrder(body)).status).toBe(201);
    expect(await member()).toEqual(before);
    expect(await memberAudits()).toEqual(['create']);
    const renamed = { ...body, buyer: { ...body.buyer, nickname: '新昵称' } };
    expect((await placeOrder(renamed)).status).toBe(201);
    expect(await member()).toMatchObject({ nickname: '新昵称', version: before.version + 1 });
    expect(await memberAudits()).toEqual(['create', 'update']);
  });
});

describe('shortLivedCache', () => {
  it('keeps nothing read while a clear() happened, so a change committed meanwhile is not hidden', async () => {
    const cache = shortLivedCache<string, number>(60_000);
    const db = {};
    let release: (n: number) => void = () => {};
    const slow = cache.get(db, 'k', () => new Promise<number>((resolve) => (release = resolve)));
    cache.clear(db);
    release(1);
    expect(await slow).toBe(1);
    expect(await cache.get(db, 'k', async () => 2)).toBe(2);
    expect(await cache.get(db, 'k', async () => 3)).toBe(2);
  });
});
