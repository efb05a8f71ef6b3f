import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmDueOrders } from '../src/modules/orders/auto-confirm.js';
import { channelRequest } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';
import { type PlacedOrder, placePaidOrder, ship } from './support/orders.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let operator: string;
let serial = 0;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60_000;

const orderRow = (id: number) =>
  t.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditsOf = (id: number, action: string) =>
  t.db
    .selectFrom('auditLogs')
    .selectAll()
    .where('resource', '=', 'orders')
    .where('resourceId', '=', String(id))
    .where('action', '=', action)
    .execute();

async function shippedOrder(): Promise<PlacedOrder> {
  const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
  const res = await ship(t, operator, order.id);
  if (res.status !== 201) throw new Error(`ship: ${res.status} ${res.text}`);
  return order;
}

const confirm = (order: PlacedOrder, idempotencyKey = `confirm-${serial++}`, openid = order.openid) =>
  channelRequest(t, `/api/channel/orders/${order.orderNo}/confirm-receipt`, {
    body: { openid },
    idempotencyKey,
  });

describe('the buyer confirms receipt', () => {
  it('shipped → completed, audited as the channel; the same request again replays the answer', async () => {
    const order = await shippedOrder();
    const before = await orderRow(order.id);
    // The buyer's query shows the parcel on its way.
    const query = await channelRequest(t, `/api/channel/orders/${order.orderNo}?openid=${order.openid}`, {
      method: 'GET',
    });
    expect(query.status, query.text).toBe(200);
    expect(query.body.data).toMatchObject({ status: 'shipped', shipments: [expect.any(Object)] });
    const res = await confirm(order, 'confirm-once');
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      orderNo: order.orderNo,
      status: 'completed',
      completedAt: t.clock.now().toISOString(),
    });
    // The buyer sees the parcel that came.
    const parcel = await t.db
      .selectFrom('shipments')
      .select(['carrier', 'trackingNo', 'shippedAt'])
      .where('orderId', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(res.body.data.shipments).toEqual([
      { carrier: parcel.carrier, trackingNo: parcel.trackingNo, shippedAt: parcel.shippedAt.toISOString() },
    ]);
    const after = await orderRow(order.id);
    expect(after).toMatchObject({ status: 'completed', version: before.version + 1 });
    expect(after.completedAt?.toISOString()).toBe(t.clock.now().toISOString());
    const audits = await auditsOf(order.id, 'confirm_receipt');
    expect(audits).toEqual([
      expect.objectContaining({
        actorName: 'channel:demo-miniapp',
        before: { status: 'shipped' },
        after: expect.objectContaining({ status: 'completed' }),
      }),
    ]);

    t.clock.advance(60_000);
    const replay = await confirm(order, 'confirm-once');
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(res.text);
    expect(await auditsOf(order.id, 'confirm_receipt')).toHaveLength(1);
    expect((await orderRow(order.id)).version).toBe(after.version);

    // A new request for a completed order is a clear refusal, not a second completion.
    const again = await confirm(order);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('a paid order not yet shipped → 409 ILLEGAL_TRANSITION; another buyer → 404; nothing changed', async () => {
    const paid = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const before = await orderRow(paid.id);
    const res = await confirm(paid);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(await orderRow(paid.id)).toEqual(before);

    const shipped = await shippedOrder();
    const shippedBefore = await orderRow(shipped.id);
    const stranger = await confirm(shipped, `confirm-${serial++}`, 'someone-else-openid');
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NOT_FOUND');
    expect(await orderRow(shipped.id)).toEqual(shippedBefore);
    expect(await auditsOf(shipped.id, 'confirm_receipt')).toHaveLength(0);
  });

  it('unsigned or with unknown fields → refused', async () => {
    const order = await shippedOrder();
    const unsigned = await channelRequest(t, `/api/channel/orders/${order.orderNo}/confirm-receipt`, {
      body: { openid: order.openid },
      idempotencyKey: `confirm-${serial++}`,
      signature: '0'.repeat(64),
    });
    expect(unsigned.status).toBe(401);
    const extra = await channelRequest(t, `/api/channel/orders/${order.orderNo}/confirm-receipt`, {
      body: { openid: order.openid, status: 'completed' },
      idempotencyKey: `confirm-${serial++}`,
    });
    expect(extra.status).toBe(400);
    expect((await orderRow(order.id)).status).toBe('shipped');
  });
});

describe('auto-confirm', () => {
  it('completes only shipped orders older than the setting’s days, audited as the system', async () => {
    const { autoConfirmDays } = await t.db
      .selectFrom('settings')
      .select('autoConfirmDays')
      .executeTakeFirstOrThrow();
    // Earlier tests' shipped orders are completed first, so the counts below are this test's.
    await confirmDueOrders(t.db, { now: new Date(t.clock.now().getTime() + 365 * DAY) });
    const old = await shippedOrder();
    const oldShippedAt = (await orderRow(old.id)).shippedAt as Date;
    t.clock.advance(DAY);
    operator = await t.login('operator'); // the session has idled out meanwhile
    const recent = await shippedOrder();
    const paid = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    // A partly shipped order waits for its last parcel.
    const partial = await placePaidOrder(t, operator, [{ quantity: 2 }]);
    const [line] = await t.db
      .selectFrom('orderItems')
      .select('id')
      .where('orderId', '=', partial.id)
      .execute();
    expect(
      (await ship(t, operator, partial.id, { items: [{ orderItemId: line?.id as number, quantity: 1 }] }))
        .status,
    ).toBe(201);

    const due = new Date(oldShippedAt.getTime() + autoConfirmDays * DAY);
    expect((await confirmDueOrders(t.db, { now: new Date(due.getTime() - 1) })).completed).toBe(0);
    expect((await orderRow(old.id)).status).toBe('shipped');

    expect((await confirmDueOrders(t.db, { now: due })).completed).toBe(1);
    const completed = await orderRow(old.id);
    expect(completed.status).toBe('completed');
    expect(completed.completedAt?.toISOString()).toBe(due.toISOString());
    expect((await orderRow(recent.id)).status).toBe('shipped');
    expect((await orderRow(paid.id)).status).toBe('paid');
    expect((await orderRow(partial.id)).status).toBe('partially_shipped');
    expect(await auditsOf(old.id, 'auto_confirm')).toEqual([
      expect.objectContaining({
        actorName: 'system',
        actorRole: 'system',
        before: { status: 'shipped' },
        after: expect.objectContaining({ status: 'completed' }),
      }),
    ]);

    // Run again: nothing more for it; a day later the recent one is due too.
    expect((await confirmDueOrders(t.db, { now: due })).completed).toBe(0);
    expect(await auditsOf(old.id, 'auto_confirm')).toHaveLength(1);
    expect((await confirmDueOrders(t.db, { now: new Date(due.getTime() + DAY) })).completed).toBe(1);
    expect((await orderRow(recent.id)).status).toBe('completed');
    expect((await orderRow(partial.id)).status).toBe('partially_shipped');
  });
});

describe.runIf(onPostgres)('two auto-confirm runners at once on PostgreSQL', () => {
  it('complete each order once', async () => {
    operator = await t.login('operator');
    const orders: PlacedOrder[] = [];
    for (let i = 0; i < 10; i++) orders.push(await shippedOrder());
    const now = new Date(t.clock.now().getTime() + 60 * DAY);
    // Every shipped order in this file's database is due by then, ours and the earlier tests'.
    const due = await t.db.selectFrom('orders').select('id').where('status', '=', 'shipped').execute();
    const runs = await Promise.all([
      confirmDueOrders(t.db, { now, batchSize: 3 }),
      confirmDueOrders(t.db, { now, batchSize: 3 }),
    ]);
    const ids = orders.map((o) => o.id);
    const rows = await t.db.selectFrom('orders').select('status').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'completed')).toBe(true);
    expect(runs[0].completed + runs[1].completed).toBe(due.length);
    // Which runner gets how many depends on scheduling (one may find the rest locked or done):
    // what must hold is that together they completed each due order exactly once.
    for (const id of ids) expect(await auditsOf(id, 'auto_confirm')).toHaveLength(1);
  });
});
