import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOverdueOrders } from '../src/modules/orders/auto-close.js';
import { channelRequest } from './support/channel.js';
import { orderBody, skuOnSale, stockOf } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let operator: string;
let serial = 0;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
});
afterAll(() => t.close());

async function place(skuId: number, quantity: number) {
  const res = await channelRequest(t, '/api/channel/orders', {
    body: orderBody([{ skuId, quantity }]),
    idempotencyKey: `close-order-${serial++}`,
  });
  expect(res.status, res.text).toBe(201);
  return res.body.data as { orderNo: string; payableAmount: number; payDeadline: string };
}

const statusOf = async (orderNo: string) =>
  await t.db
    .selectFrom('orders')
    .select(['status', 'cancelReason'])
    .where('orderNo', '=', orderNo)
    .executeTakeFirstOrThrow();
const releases = (orderNo: string) =>
  t.db
    .selectFrom('inventoryMovements')
    .selectAll()
    .where('reference', '=', `order:${orderNo}`)
    .where('reason', '=', 'cancel_release')
    .execute();

describe('auto-closing unpaid orders', () => {
  it('closes only overdue unpaid orders, releases their stock once, never a paid one', async () => {
    const { skuId } = await skuOnSale(t, operator, 20);
    const overdue = await place(skuId, 3);
    const paid = await place(skuId, 2);
    const pay = await channelRequest(t, '/api/channel/payments/notify', {
      body: {
        orderNo: paid.orderNo,
        transactionId: `wx-close-${serial++}`,
        amount: paid.payableAmount,
        paidAt: t.clock.now().toISOString(),
      },
      idempotencyKey: `close-pay-${serial++}`,
    });
    expect(pay.status).toBe(200);
    const deadline = new Date(overdue.payDeadline);
    t.clock.advance(deadline.getTime() - t.clock.now().getTime() - MINUTE);
    const fresh = await place(skuId, 1); // its deadline is still ahead after the others'
    expect(await stockOf(t, skuId)).toBe(14);

    // A minute before the deadline nothing is closed.
    await closeOverdueOrders(t.db, { now: new Date(deadline.getTime() - 1) });
    expect((await statusOf(overdue.orderNo)).status).toBe('pending_payment');

    const first = await closeOverdueOrders(t.db, { now: deadline, batchSize: 1 });
    expect(first.closed).toBeGreaterThanOrEqual(1);
    expect(await statusOf(overdue.orderNo)).toEqual({ status: 'cancelled', cancelReason: 'timeout' });
    expect((await statusOf(paid.orderNo)).status).toBe('paid');
    expect((await statusOf(fresh.orderNo)).status).toBe('pending_payment');
    expect(await stockOf(t, skuId)).toBe(17);
    expect(await releases(overdue.orderNo)).toEqual([
      expect.objectContaining({ delta: 3, actorName: 'system' }),
    ]);

    // A second run finds nothing more to do for it: released exactly once.
    await closeOverdueOrders(t.db, { now: deadline });
    expect(await stockOf(t, skuId)).toBe(17);
    expect(await releases(overdue.orderNo)).toHaveLength(1);

    const order = await t.db
      .selectFrom('orders')
      .select('id')
      .where('orderNo', '=', overdue.orderNo)
      .executeTakeFirstOrThrow();
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'orders')
      .where('resourceId', '=', String(order.id))
      .where('action', '=', 'update')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actorName: 'system',
        actorRole: 'system',
        after: expect.objectContaining({ status: 'cancelled', cancelReason: 'timeout' }),
      }),
    ]);

    // Much later the fresh order is overdue too; the paid one still is not touched.
    await closeOverdueOrders(t.db, { now: new Date(deadline.getTime() + 60 * MINUTE) });
    expect((await statusOf(fresh.orderNo)).status).toBe('cancelled');
    expect((await statusOf(paid.orderNo)).status).toBe('paid');
    expect(await stockOf(t, skuId)).toBe(18);
  });
});

describe.runIf(onPostgres)('two runners at once on PostgreSQL', () => {
  it('close each order once: one cancel_release per line', async () => {
    const skus = [(await skuOnSale(t, operator, 100)).skuId, (await skuOnSale(t, operator, 100)).skuId];
    const placed = [];
    for (let i = 0; i < 12; i++) placed.push(await place(skus[i % 2] as number, 1 + (i % 3)));
    const now = new Date(Math.max(...placed.map((o) => Date.parse(o.payDeadline))) + MINUTE);
    const runs = await Promise.all([
      closeOverdueOrders(t.db, { now, batchSize: 3 }),
      closeOverdueOrders(t.db, { now, batchSize: 3 }),
    ]);
    const ours = placed.map((o) => o.orderNo);
    const rows = await t.db.selectFrom('orders').select('status').where('orderNo', 'in', ours).execute();
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    expect(runs[0].closed + runs[1].closed).toBe(ours.length);
    for (const orderNo of ours) expect(await releases(orderNo)).toHaveLength(1);
    expect(await stockOf(t, skus[0] as number)).toBe(100);
    expect(await stockOf(t, skus[1] as number)).toBe(100);
  });
});
