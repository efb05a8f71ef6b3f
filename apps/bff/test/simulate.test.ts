import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/db/seed/catalog.js';
import { demoChannel } from '../src/db/seed/channel.js';
import { sellableSkus } from '../src/simulate/catalog.js';
import { channelClient } from '../src/simulate/channel-client.js';
import { simulate } from '../src/simulate/run.js';
import { createStorefront } from '../src/simulate/shopper.js';
import { skuOnSale } from './support/channel-orders.js';
import { createTestContext, passwordOf, type TestContext } from './support/context.js';

let t: TestContext;
let server: ReturnType<typeof serve>;
let baseUrl: string;

// The simulator talks HTTP, so the app listens on a real (free) port here.
beforeAll(async () => {
  t = await createTestContext();
  const operator = await t.login('operator');
  for (let i = 0; i < 3; i++) await skuOnSale(t, operator, 500);
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

const count = async (table: 'orders' | 'payments' | 'visitEvents' | 'members') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('storefront simulator', () => {
  it('browses, orders, pays and cancels through the signed channel API', async () => {
    const lines: string[] = [];
    const tally = await simulate({
      baseUrl,
      visits: 40,
      random: seededRandom(7).next,
      log: (l) => lines.push(l),
    });

    expect(tally.visits).toBe(40);
    expect(tally.placed).toBeGreaterThan(0);
    expect(tally.paid).toBeGreaterThan(0);
    expect(tally.refused).toEqual({});
    // What it counted is what the shop recorded.
    expect(await count('orders')).toBe(tally.placed);
    expect(await count('payments')).toBe(tally.paid);
    expect(await count('visitEvents')).toBe(tally.events);
    expect(tally.events).toBeGreaterThanOrEqual(80);
    const statuses = await t.db.selectFrom('orders').select('status').execute();
    expect(statuses.filter((o) => o.status === 'paid')).toHaveLength(tally.paid);
    expect(statuses.filter((o) => o.status === 'cancelled')).toHaveLength(tally.cancelled);
    const members = await t.db.selectFrom('members').select(['openid', 'nickname']).execute();
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(m.openid).toMatch(/^sim[0-9a-f]{24}$/);
  });

  it("confirms receipt once the shop has shipped a buyer's paid order", async () => {
    const client = channelClient(baseUrl, demoChannel.key, demoChannel.secret);
    const manager = passwordOf('manager');
    const shop = createStorefront(
      client,
      await sellableSkus(baseUrl, { username: manager.username, password: manager.password }),
      seededRandom(9).next,
    );
    for (let i = 0; i < 200 && shop.tally.paid === 0; i++) await shop.visit();
    expect(shop.tally.paid).toBe(1);
    const paid = await t.db
      .selectFrom('orders')
      .select('id')
      .where('status', '=', 'paid')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await shop.checkDeliveries();
    expect(shop.tally.confirmed).toBe(0); // not shipped yet

    const operator = await t.login('operator');
    const shipped = await t.request(`/api/orders/${paid.id}/shipments`, {
      cookie: operator,
      body: { carrier: 'SF', trackingNo: 'SF1234567890123' },
    });
    expect(shipped.status).toBe(201);
    await shop.checkDeliveries();
    expect(shop.tally.confirmed).toBe(1);
    expect(shop.tally.refused).toEqual({});
    const order = await t.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', paid.id)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('completed');
  });
});
