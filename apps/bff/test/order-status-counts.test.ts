import { type OrderStatus, orderStatuses } from '@siyu/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../src/auth/password.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { MemoryFileStore } from '../src/lib/file-store.js';
import { channelRequest } from './support/channel.js';
import { orderBody, send, signedPost, skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';
import { placeOrder, placePaidOrder, ship } from './support/orders.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let operator: string;
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 2, parallelism: 1 });
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
});
afterAll(() => t.close());

type Counts = Record<OrderStatus, number>;
const none = (): Counts => Object.fromEntries(orderStatuses.map((s) => [s, 0])) as Counts;

/** count(*) group by status: the truth the kept counts must equal. */
async function realCounts(): Promise<Counts> {
  const rows = await sql<{ status: OrderStatus; n: string | number }>`
    select status, count(*) as n from orders group by status`.execute(t.db);
  const counts = none();
  for (const row of rows.rows) counts[row.status] = Number(row.n);
  return counts;
}

async function keptCounts(): Promise<Counts> {
  const rows = await sql<{ status: OrderStatus; n: string | number }>`
    select status, sum(orders) as n from order_status_counts group by status`.execute(t.db);
  const counts = none();
  for (const row of rows.rows) counts[row.status] = Number(row.n);
  return counts;
}

const list = (filter: Record<string, unknown>) =>
  t.request(`/api/orders?perPage=5&filter=${encodeURIComponent(JSON.stringify(filter))}`, {
    cookie: operator,
  });

/** The kept counts equal count(*), and the list's total and tabs (which read them) agree. */
async function expectKeptCountsTrue(): Promise<Counts> {
  const real = await realCounts();
  expect(await keptCounts()).toEqual(real);
  const all = Object.values(real).reduce((sum, n) => sum + n, 0);

  const tabs = await t.request('/api/orders/status-counts', { cookie: operator });
  expect(tabs.status, tabs.text).toBe(200);
  expect(tabs.body.data).toEqual(real);
  const everything = await list({});
  expect(everything.status, everything.text).toBe(200);
  expect(everything.body.total).toBe(all);
  const toShip = await list({ status: ['paid', 'partially_shipped'] });
  expect(toShip.body.total).toBe(real.paid + real.partially_shipped);
  const pending = await list({ status: 'pending_payment' });
  expect(pending.body.total).toBe(real.pending_payment);
  return real;
}

describe('order status counts kept by the database', () => {
  it('equal count(*) by status after the demo history (one insert of many orders)', async () => {
    await seedDemo(
      t.db,
      hasher,
      t.clock.now(),
      { products: 40, store: new MemoryFileStore() },
      {
        orders: 300,
        members: 60,
      },
    );
    const real = await expectKeptCountsTrue();
    expect(Object.values(real).reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(300);
    // The history has orders in several statuses, so the counts were really split by status.
    expect(Object.values(real).filter((n) => n > 0).length).toBeGreaterThan(2);
  });

  it('follow placements, payments, cancels and parcels', async () => {
    const before = await expectKeptCountsTrue();
    const unpaid = await placeOrder(t, operator, [{ quantity: 1 }]);
    const cancelled = await placeOrder(t, operator, [{ quantity: 1 }]);
    const paid = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const shipped = await placePaidOrder(t, operator, [{ quantity: 2 }]);
    const res = await channelRequest(t, `/api/channel/orders/${cancelled.orderNo}/cancel`, {
      body: { openid: cancelled.openid },
      idempotencyKey: `counts-cancel-${cancelled.id}`,
    });
    expect(res.status, res.text).toBe(200);
    const parcel = await ship(t, operator, shipped.id);
    expect(parcel.status, parcel.text).toBe(201);
    expect(paid.id).toBeGreaterThan(0);

    const after = await expectKeptCountsTrue();
    expect(after).toEqual({
      ...before,
      pending_payment: before.pending_payment + 1,
      cancelled: before.cancelled + 1,
      paid: before.paid + 1,
      shipped: before.shipped + 1,
    });

    // The app never deletes an order; the counts follow if someone does.
    await t.db.deleteFrom('orders').where('id', '=', unpaid.id).execute();
    const gone = await expectKeptCountsTrue();
    expect(gone.pending_payment).toBe(after.pending_payment - 1);
  });

  it('a filter beyond status is counted exactly, not from the kept counts', async () => {
    const order = await placeOrder(t, operator, [{ quantity: 1 }]);
    const res = await list({ status: 'pending_payment', q: order.orderNo });
    expect(res.body.total).toBe(1);
    const tabs = await t.request(
      `/api/orders/status-counts?filter=${encodeURIComponent(JSON.stringify({ q: order.orderNo }))}`,
      { cookie: operator },
    );
    expect(tabs.body.data).toEqual({ ...none(), pending_payment: 1 });
  });

  it.runIf(onPostgres)(
    'stay true through a burst of parallel placements',
    async () => {
      const before = await expectKeptCountsTrue();
      const { skuId } = await skuOnSale(t, operator, 1000);
      const requests = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          signedPost(t, orderBody([{ skuId, quantity: 1 }], `counts-crowd-${i}`), `counts-crowd-${i}`),
        ),
      );
      const answers = await Promise.all(requests.map((r) => send(t, '/api/channel/orders', r)));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
      const after = await expectKeptCountsTrue();
      expect(after.pending_payment).toBe(before.pending_payment + 60);

      // Cancels (stock back, then the order moves) beside placements (the order, then its
      // stock) of the same SKU: none may wait on the other in a circle (a deadlock is a 500).
      const cancels = await Promise.all(
        answers.map((a, i) =>
          signedPost(t, { openid: `counts-crowd-${i}` }, `counts-crowd-cancel-${i}`).then((signed) => ({
            path: `/api/channel/orders/${a.body.data.orderNo}/cancel`,
            signed,
          })),
        ),
      );
      const more = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          signedPost(t, orderBody([{ skuId, quantity: 1 }], `counts-more-${i}`), `counts-more-${i}`),
        ),
      );
      const mixed = await Promise.all([
        ...cancels.map((c) => send(t, c.path, c.signed)),
        ...more.map((r) => send(t, '/api/channel/orders', r)),
      ]);
      expect(mixed.map((a) => a.status)).toEqual([...cancels.map(() => 200), ...more.map(() => 201)]);
      const last = await expectKeptCountsTrue();
      expect(last.cancelled).toBe(after.cancelled + 60);
      expect(last.pending_payment).toBe(after.pending_payment);
    },
    120_000,
  );
});
