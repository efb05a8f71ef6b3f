import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRequest, pageView } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const countEvents = async () =>
  Number(
    (
      await t.db
        .selectFrom('visitEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const countKeys = async () =>
  Number(
    (
      await t.db
        .selectFrom('idempotencyKeys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

let n = 0;
const batch = () => ({ events: [pageView('visitor-0001', t.clock.now())] });
const send = (call: Parameters<typeof channelRequest>[2] = {}) =>
  channelRequest(t, '/api/channel/events', { body: batch(), idempotencyKey: `key-sig-${++n}-abcd`, ...call });

async function expectRefused(res: Awaited<ReturnType<typeof send>>, code: string) {
  expect(res.status, res.text).toBe(401);
  expect(res.body.error).toMatchObject({ code, requestId: expect.any(String) });
  expect(res.body.error.message).toBeTruthy();
}

describe('channel request signatures', () => {
  it('a correctly signed batch is accepted (202)', async () => {
    const before = await countEvents();
    const res = await send();
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({ data: { accepted: 1 } });
    expect(await countEvents()).toBe(before + 1);
  });

  it('refuses every bad signature with a 401 envelope and a specific code, writing nothing', async () => {
    const events = await countEvents();
    const keys = await countKeys();
    const audits = await t.countRows('auditLogs');
    const nowSeconds = Math.floor(t.clock.now().getTime() / 1000);
    const body = JSON.stringify(batch());

    for (const header of ['x-channel-key', 'x-timestamp', 'x-signature'] as const) {
      await expectRefused(await send({ omit: [header] }), 'UNAUTHENTICATED');
    }
    await expectRefused(await send({ key: 'no-such-channel' }), 'CHANNEL_UNKNOWN');
    await expectRefused(await send({ secret: 'not-the-secret-at-all' }), 'SIGNATURE_INVALID');
    // Signed one body, sent another (one character changed).
    await expectRefused(
      await send({ rawBody: body.replace('visitor-0001', 'visitor-0002'), signedBody: body }),
      'SIGNATURE_INVALID',
    );
    await expectRefused(await send({ timestamp: nowSeconds - 301 }), 'TIMESTAMP_STALE');
    await expectRefused(await send({ timestamp: nowSeconds + 301 }), 'TIMESTAMP_STALE');
    await expectRefused(await send({ timestamp: `${nowSeconds}000` }), 'TIMESTAMP_INVALID');
    await expectRefused(await send({ timestamp: 'yesterday' }), 'TIMESTAMP_INVALID');
    await expectRefused(await send({ signature: 'zz'.repeat(32) }), 'SIGNATURE_INVALID');
    await expectRefused(await send({ signature: 'abc' }), 'SIGNATURE_INVALID');
    // A session cookie makes nobody signed in on the channel API.
    const withCookie = await t.request('/api/channel/events', {
      cookie: admin,
      body: batch(),
      headers: { 'idempotency-key': 'cookie-only-key' },
    });
    await expectRefused(withCookie, 'UNAUTHENTICATED');

    expect(await countEvents()).toBe(events);
    expect(await countKeys()).toBe(keys);
    expect(await t.countRows('auditLogs')).toBe(audits);
  });

  it('timestamps exactly 300 s away are still inside the window', async () => {
    const nowSeconds = Math.floor(t.clock.now().getTime() / 1000);
    expect((await send({ timestamp: nowSeconds - 300 })).status).toBe(202);
    expect((await send({ timestamp: nowSeconds + 300 })).status).toBe(202);
  });

  it('a disabled channel is refused (401 CHANNEL_DISABLED) and works again once enabled', async () => {
    const channel = await t.db
      .selectFrom('channels')
      .select(['id', 'version'])
      .where('key', '=', 'demo-miniapp')
      .executeTakeFirstOrThrow();
    const patch = (enabled: boolean, version: number) =>
      t.request(`/api/channels/${channel.id}`, {
        method: 'PATCH',
        cookie: admin,
        body: { enabled },
        headers: { 'if-match': String(version) },
      });
    const off = await patch(false, channel.version);
    expect(off.status).toBe(200);
    const events = await countEvents();
    await expectRefused(await send(), 'CHANNEL_DISABLED');
    expect(await countEvents()).toBe(events);
    expect((await patch(true, off.body.data.version)).status).toBe(200);
    expect((await send()).status).toBe(202);
  });

  it('writes need an Idempotency-Key: missing or malformed → 400 with fields, nothing written', async () => {
    const events = await countEvents();
    const missing = await channelRequest(t, '/api/channel/events', { body: batch() });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('idempotency-key');
    const malformed = await send({ idempotencyKey: 'bad key!' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toHaveProperty('idempotency-key');
    expect(await countEvents()).toBe(events);
  });

  it('refuses invalid batches with 400 fields (validated against the verified raw body)', async () => {
    const res = await send({
      body: { events: [{ type: 'page_view', at: t.clock.now().toISOString(), page: '/' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const extra = await send({ body: { ...batch(), admin: true } });
    expect(extra.status).toBe(400);
    const notJson = await send({ rawBody: '{"events": [' });
    expect(notJson.status).toBe(400);
  });
});
