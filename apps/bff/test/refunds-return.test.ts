import { defaultSettings } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventsOf,
  openCase,
  orderForAfterSales,
  reportReturnParcel,
  reservations,
} from './support/after-sales.js';
import { stockOf } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';
import { ship } from './support/orders.js';
import {
  caseById,
  decisionRows,
  type Gateway,
  orderMoney,
  refundOf,
  withGateway,
} from './support/refunds.js';

let t: TestContext;
let g: Gateway;
let admin: string;
let cs: string;
let operator: string;
beforeAll(async () => {
  t = await createTestContext();
  g = withGateway(t);
  admin = await t.login('admin');
  cs = await t.login('customer_service');
  operator = await t.login('operator');
});
afterAll(() => t.close());

const PRICE = 2580;
const DAY = 86_400_000;

const skuOfLine = async (orderItemId: number) =>
  (
    await t.db
      .selectFrom('orderItems')
      .select('skuId')
      .where('id', '=', orderItemId)
      .executeTakeFirstOrThrow()
  ).skuId as number;

const ledgerOf = (skuId: number) =>
  t.db
    .selectFrom('inventoryMovements')
    .select(['delta', 'reason', 'reference'])
    .where('skuId', '=', skuId)
    .orderBy('id')
    .execute();

const caseItems = (caseId: number) =>
  t.db.selectFrom('afterSalesItems').selectAll().where('caseId', '=', caseId).orderBy('id').execute();

/** A received order and a return-and-refund case for `units` of its first line, approved. */
async function approvedReturn(lineUnits: number[], units: number) {
  const order = await orderForAfterSales(t, admin, { lines: lineUnits, receive: true });
  const item = order.items[0] as { id: number };
  const c = await openCase(t, {
    orderNo: order.orderNo,
    openid: order.openid,
    type: 'return_and_refund',
    items: [{ itemId: item.id, quantity: units }],
  });
  const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, {});
  expect(res.status, res.text).toBe(200);
  // No address given: the shop's.
  expect(res.body.data.returnAddress).toEqual(defaultSettings.returnAddress);
  return { order, case: c, item, skuId: await skuOfLine(item.id), approved: res.body.data };
}

describe('a return and refund', () => {
  it('goes approve → return parcel → received (1 sellable, 1 damaged) → restock of the sellable unit → refund started lower → refunded', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2, 1], receive: true });
    const item = order.items[0] as { id: number };
    const skuId = await skuOfLine(item.id);
    const c = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      type: 'return_and_refund',
      items: [{ itemId: item.id, quantity: 2 }],
    });
    const address = {
      name: '退货仓 王',
      phone: '0571-88880001',
      address: '浙江省杭州市余杭区 退货仓 3 号门',
    };
    const approved = await g.staff(`/api/refunds/${c.id}/approve`, cs, { returnAddress: address });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.data).toMatchObject({
      status: 'awaiting_return',
      approvedAmount: 2 * PRICE,
      returnAddress: address,
      returnDueAt: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
      slaDueAt: null,
      refund: null,
    });
    expect(g.gateway.requests().filter((r) => r.orderNo === order.orderNo)).toEqual([]);

    const parcel = await reportReturnParcel(t, c.caseNo, { openid: order.openid });
    expect(parcel.status, parcel.text).toBe(200);
    const stockBefore = await stockOf(t, skuId);
    const ledgerBefore = (await ledgerOf(skuId)).length;

    const [line] = await caseItems(c.id);
    const received = await g.staff(`/api/refunds/${c.id}/receive`, cs, {
      items: [{ caseItemId: line?.id, sellable: 1, damaged: 1 }],
      note: '一件外包装破损',
    });
    expect(received.status, received.text).toBe(200);
    expect(received.body.data).toMatchObject({
      status: 'returned',
      receivedAt: expect.any(String),
      slaDueAt: expect.any(String),
      refund: null,
      items: [{ sellableQuantity: 1, damagedQuantity: 1 }],
    });
    // The sellable unit only goes back on the shelf, through the ledger.
    expect(await stockOf(t, skuId)).toBe(stockBefore + 1);
    expect((await ledgerOf(skuId)).slice(ledgerBefore)).toEqual([
      { delta: 1, reason: 'refund_restock', reference: `after-sales:${c.caseNo}` },
    ]);

    // CS starts the refund by hand, lower for the damaged unit; never above what was approved.
    const before = await decisionRows(t);
    const tooMuch = await g.staff(`/api/refunds/${c.id}/start-refund`, cs, { amount: 2 * PRICE + 1 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({
      code: 'REFUND_AMOUNT_EXCEEDED',
      fields: { amount: expect.any(String) },
    });
    for (const amount of [0, -5, 1.5, '100'])
      expect(
        (await g.staff(`/api/refunds/${c.id}/start-refund`, cs, { amount })).status,
        String(amount),
      ).toBe(400);
    expect(await decisionRows(t)).toEqual(before);
    g.hold();
    const started = await g.staff(`/api/refunds/${c.id}/start-refund`, cs, { amount: PRICE + 500 });
    expect(started.status, started.text).toBe(200);
    expect(started.body.data).toMatchObject({
      status: 'refunding',
      approvedAmount: PRICE + 500,
      slaDueAt: null,
      refund: { amount: PRICE + 500, status: 'processing', attempts: 1 },
    });
    await g.release();
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'completed',
      refundedAmount: PRICE + 500,
      refundingAmount: 0,
      openAfterSales: 0,
    });
    expect((await eventsOf(t, c.id)).map((e) => e.kind)).toEqual([
      'created',
      'approved',
      'return_shipped',
      'received',
      'restocked',
      'refund_requested',
      'refund_succeeded',
    ]);
  });

  it('starts the refund by itself when everything came back sellable; a SKU deleted since is not restocked, and the timeline says so', async () => {
    const { order, case: c, skuId } = await approvedReturn([2], 2);
    await reportReturnParcel(t, c.caseNo, { openid: order.openid });
    const [line] = await caseItems(c.id);
    g.hold();
    const received = await g.staff(`/api/refunds/${c.id}/receive`, cs, {
      items: [{ caseItemId: line?.id, sellable: 2, damaged: 0 }],
    });
    expect(received.status, received.text).toBe(200);
    expect(received.body.data).toMatchObject({
      status: 'refunding',
      slaDueAt: null,
      refund: { amount: c.refundLimit, status: 'processing' },
    });
    const events = await eventsOf(t, c.id);
    expect(events.at(-1)).toMatchObject({ kind: 'refund_requested', actorKind: 'system' });
    expect((await ledgerOf(skuId)).at(-1)).toEqual({
      delta: 2,
      reason: 'refund_restock',
      reference: `after-sales:${c.caseNo}`,
    });
    await g.release();
    // Every unit of the order returned and paid back: the order is closed.
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'closed',
      refundedAmount: order.payableAmount,
    });

    const gone = await approvedReturn([1], 1);
    await reportReturnParcel(t, gone.case.caseNo, { openid: gone.order.openid });
    // The SKU was deleted since the order (the line keeps its copy, which points nowhere now).
    await t.db
      .updateTable('orderItems')
      .set({ skuId: 2 ** 40 })
      .where('id', '=', gone.item.id)
      .execute();
    const ledgerRows = (await t.db.selectFrom('inventoryMovements').select('id').execute()).length;
    const [goneLine] = await caseItems(gone.case.id);
    const res = await g.staff(`/api/refunds/${gone.case.id}/receive`, cs, {
      items: [{ caseItemId: goneLine?.id, sellable: 1, damaged: 0 }],
    });
    expect(res.status, res.text).toBe(200);
    expect((await t.db.selectFrom('inventoryMovements').select('id').execute()).length).toBe(ledgerRows);
    expect((await eventsOf(t, gone.case.id)).find((e) => e.kind === 'restocked')?.detail).toMatchObject({
      restocked: [],
      skipped: [{ quantity: 1, why: 'the SKU was deleted' }],
    });
    await g.release();
  });

  it('refuses received quantities that do not add up, with fields, and changes nothing', async () => {
    const { order, case: c } = await approvedReturn([3, 1], 2);
    const other = await approvedReturn([1], 1);
    await reportReturnParcel(t, c.caseNo, { openid: order.openid });
    const [line] = await caseItems(c.id);
    const [foreign] = await caseItems(other.case.id);
    const id = line?.id as number;
    const before = await decisionRows(t);
    const hostile: [unknown, number, Record<string, string> | undefined][] = [
      [
        { items: [{ caseItemId: id, sellable: 1, damaged: 0 }] },
        400,
        { 'items.0.sellable': expect.any(String) },
      ],
      [
        { items: [{ caseItemId: id, sellable: 3, damaged: 0 }] },
        400,
        { 'items.0.sellable': expect.any(String) },
      ],
      [{ items: [{ caseItemId: id, sellable: -1, damaged: 3 }] }, 400, undefined],
      [{ items: [{ caseItemId: id, sellable: 1.5, damaged: 0.5 }] }, 400, undefined],
      [{ items: [{ caseItemId: id, sellable: '2', damaged: 0 }] }, 400, undefined],
      [{ items: [{ caseItemId: id, sellable: 1e9, damaged: 0 }] }, 400, undefined],
      [
        { items: [{ caseItemId: foreign?.id, sellable: 1, damaged: 0 }] },
        400,
        { 'items.0.caseItemId': 'not a line of this case' },
      ],
      [
        {
          items: [
            { caseItemId: id, sellable: 2, damaged: 0 },
            { caseItemId: id, sellable: 2, damaged: 0 },
          ],
        },
        400,
        { 'items.1.caseItemId': 'this line is listed twice' },
      ],
      [{ items: [] }, 400, undefined],
      [{ items: [{ caseItemId: id, sellable: 2, damaged: 0, restock: true }] }, 400, undefined],
    ];
    for (const [body, status, fields] of hostile) {
      const res = await g.staff(`/api/refunds/${c.id}/receive`, cs, body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(status);
      if (fields) expect(res.body.error.fields).toEqual(fields);
    }
    expect(await decisionRows(t)).toEqual(before);
    expect(await caseById(t, c.id)).toMatchObject({ status: 'awaiting_return', receivedAt: null });
    expect(await caseItems(c.id)).toEqual([
      expect.objectContaining({ sellableQuantity: null, damagedQuantity: null }),
    ]);
    // Marking goods received is CS's (refunds:edit), not an operator's.
    expect(
      (
        await g.staff(`/api/refunds/${c.id}/receive`, operator, {
          items: [{ caseItemId: id, sellable: 2, damaged: 0 }],
        })
      ).status,
    ).toBe(403);
  });
});

describe('a refund-only case of an order not shipped yet', () => {
  it('cancels those units: their stock comes back, and the order can no longer ship them', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2, 1] });
    const [first, second] = order.items as [(typeof order.items)[0], (typeof order.items)[0]];
    const skuId = await skuOfLine(first.id);
    const stockBefore = await stockOf(t, skuId);
    const c = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: first.id, quantity: 1 }],
    });
    g.hold();
    const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, {});
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.status).toBe('refunding');
    expect(await stockOf(t, skuId)).toBe(stockBefore + 1);
    expect((await ledgerOf(skuId)).at(-1)).toEqual({
      delta: 1,
      reason: 'cancel_release',
      reference: `after-sales:${c.caseNo}`,
    });
    const lines = await t.db
      .selectFrom('orderItems')
      .select(['id', 'quantity', 'shippedQuantity', 'cancelledQuantity'])
      .where('orderId', '=', order.id)
      .orderBy('id')
      .execute();
    expect(lines).toEqual([
      { id: first.id, quantity: 2, shippedQuantity: 0, cancelledQuantity: 1 },
      { id: second.id, quantity: 1, shippedQuantity: 0, cancelledQuantity: 0 },
    ]);
    expect((await eventsOf(t, c.id)).at(-1)?.detail).toMatchObject({
      cancelledUnits: [{ orderItemId: first.id, units: 1 }],
    });

    // Both units of the first line no longer fit in a parcel; the one left does, and then the
    // order is shipped: nothing is left to ship.
    const tooMany = await ship(t, operator, order.id, { items: [{ orderItemId: first.id, quantity: 2 }] });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('SHIPMENT_EXCEEDS_ORDER');
    const rest = await ship(t, operator, order.id);
    expect(rest.status, rest.text).toBe(201);
    expect(rest.body.data.status).toBe('shipped');
    const parcel = await t.db
      .selectFrom('shipmentItems')
      .innerJoin('shipments', 'shipments.id', 'shipmentItems.shipmentId')
      .select(['shipmentItems.orderItemId', 'shipmentItems.quantity'])
      .where('shipments.orderId', '=', order.id)
      .orderBy('shipmentItems.orderItemId')
      .execute();
    expect(parcel).toEqual([
      { orderItemId: first.id, quantity: 1 },
      { orderItemId: second.id, quantity: 1 },
    ]);
    expect((await ship(t, operator, order.id)).status).toBe(409);
    await g.release();
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });
  });

  it('of the units a partially shipped order still had to ship: the order is shipped, nothing is left', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1, 1] });
    const [first, second] = order.items as [(typeof order.items)[0], (typeof order.items)[0]];
    const parcel = await ship(t, operator, order.id, { items: [{ orderItemId: first.id, quantity: 1 }] });
    expect(parcel.body.data.status).toBe('partially_shipped');
    const c = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: second.id, quantity: 1 }],
    });
    g.hold();
    const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, {});
    expect(res.status, res.text).toBe(200);
    expect(await orderMoney(t, order.id)).toMatchObject({ status: 'shipped' });
    expect((await ship(t, operator, order.id)).status).toBe(409);
    await g.release();
    expect(await orderMoney(t, order.id)).toMatchObject({ status: 'shipped', refundedAmount: PRICE });
  });

  it('refunded for less than paid, every unit cancelled: the order will never ship, so it is closed', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1] });
    const [only] = order.items as [(typeof order.items)[0]];
    const c = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: only.id, quantity: 1 }],
    });
    g.hold();
    const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, { amount: 1000 });
    expect(res.status, res.text).toBe(200);
    expect(await orderMoney(t, order.id)).toMatchObject({ status: 'paid', refundingAmount: 1000 });
    await g.release();
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'closed',
      paidAmount: PRICE,
      refundedAmount: 1000,
      refundingAmount: 0,
      openAfterSales: 0,
    });
  });

  it('refunded in full, closes the order (with its shipping fee), which never ships', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1], shippingFee: 800 });
    const [only] = order.items as [(typeof order.items)[0]];
    const skuId = await skuOfLine(only.id);
    const stockBefore = await stockOf(t, skuId);
    const c = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: only.id, quantity: 1 }],
    });
    expect(c).toMatchObject({ refundLimit: PRICE + 800, includesShipping: true });
    g.hold();
    const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, {});
    expect(res.status, res.text).toBe(200);
    expect(await stockOf(t, skuId)).toBe(stockBefore + 1);
    expect(await orderMoney(t, order.id)).toMatchObject({ status: 'paid', refundingAmount: PRICE + 800 });
    expect((await ship(t, operator, order.id)).status).toBe(409);
    await g.release();
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'closed',
      paidAmount: PRICE + 800,
      refundedAmount: PRICE + 800,
      refundingAmount: 0,
      openAfterSales: 0,
    });
    const closed = await t.db
      .selectFrom('orders')
      .select('closedAt')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(closed.closedAt).not.toBeNull();
    expect((await eventsOf(t, c.id)).map((e) => e.kind).slice(-2)).toEqual([
      'refund_succeeded',
      'order_closed',
    ]);
    expect(
      await t.db
        .selectFrom('auditLogs')
        .select(['action', 'actorRole'])
        .where('resource', '=', 'orders')
        .where('resourceId', '=', String(order.id))
        .where('action', '=', 'close')
        .execute(),
    ).toEqual([{ action: 'close', actorRole: null }]);
    const shipped = await ship(t, operator, order.id);
    expect(shipped.status).toBe(409);
    expect(shipped.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(await refundOf(t, c.id)).toMatchObject({ status: 'succeeded' });
    expect((await reservations(t, order.id)).lines).toEqual([
      expect.objectContaining({ afterSalesQuantity: 1, afterSalesAmount: PRICE }),
    ]);
  });
});
