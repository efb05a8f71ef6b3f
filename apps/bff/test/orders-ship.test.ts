import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRequest } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';
import {
  linesOf,
  type PlacedOrder,
  placeOrder,
  placePaidOrder,
  sfTrackingNo,
  ship,
} from './support/orders.js';

let t: TestContext;
let operator: string;
let operatorName: string;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  operatorName = (
    await t.db
      .selectFrom('staffUsers')
      .select('displayName')
      .where('username', '=', 'operator')
      .executeTakeFirstOrThrow()
  ).displayName;
});
afterAll(() => t.close());

const MINUTE = 60_000;

const orderRow = (id: number) =>
  t.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditsOf = (id: number, action: string) =>
  t.db
    .selectFrom('auditLogs')
    .selectAll()
    .where('resource', '=', 'orders')
    .where('resourceId', '=', String(id))
    .where('action', '=', action)
    .orderBy('id')
    .execute();
const count = async (table: 'shipments' | 'shipmentItems' | 'shipmentReports') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** What a refused parcel must leave as it was. */
async function snapshot(order: PlacedOrder) {
  const row = await orderRow(order.id);
  return {
    status: row.status,
    version: row.version,
    shippedAt: row.shippedAt,
    sync: row.shippingInfoSync,
    lines: await linesOf(t, order.id),
    shipments: await count('shipments'),
    shipmentItems: await count('shipmentItems'),
    reports: await count('shipmentReports'),
    ships: (await auditsOf(order.id, 'ship')).length,
  };
}

describe('shipping an order in two parcels', () => {
  it('partially_shipped, then shipped; quantities, reports, sync state, audit and timeline follow', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 2 }, { quantity: 3 }]);
    const [a, b] = await linesOf(t, order.id);
    if (!a || !b) throw new Error('two lines expected');
    const paid = await orderRow(order.id);
    expect(paid.shippingInfoSync).toBe('not_required');

    const firstNo = sfTrackingNo();
    const first = await ship(t, operator, order.id, {
      // As typed at the desk: lower case and spaces are normalised.
      trackingNo: ` ${firstNo.toLowerCase().slice(0, 6)} ${firstNo.slice(6)}`,
      items: [
        { orderItemId: a.id, quantity: 2 },
        { orderItemId: b.id, quantity: 1 },
      ],
    });
    expect(first.status, first.text).toBe(201);
    const firstAt = t.clock.now().toISOString();
    expect(first.body.data).toMatchObject({
      status: 'partially_shipped',
      shippedAt: null,
      shippingInfoSync: 'pending',
      version: paid.version + 1,
      items: [
        { id: a.id, shippedQuantity: 2 },
        { id: b.id, shippedQuantity: 1 },
      ],
      shipments: [
        {
          carrier: 'SF',
          trackingNo: firstNo,
          shippedAt: firstAt,
          shippedBy: operatorName,
          trackingStatus: 'awaiting_pickup',
          deliveredAt: null,
          trackingEvents: [],
          items: [
            { orderItemId: a.id, skuCode: a.skuCode, title: a.title, quantity: 2 },
            { orderItemId: b.id, skuCode: b.skuCode, title: b.title, quantity: 1 },
          ],
          report: { state: 'pending', attempts: 0, lastError: null, nextAttemptAt: firstAt, syncedAt: null },
        },
      ],
    });

    t.clock.advance(5 * MINUTE);
    // No items: every unit not yet shipped (the 2 left of line b).
    const second = await ship(t, operator, order.id, { carrier: 'ZTO', trackingNo: '75312345678901' });
    expect(second.status, second.text).toBe(201);
    const secondAt = t.clock.now().toISOString();
    const detail = second.body.data;
    expect(detail).toMatchObject({
      status: 'shipped',
      shippedAt: secondAt,
      shippingInfoSync: 'pending',
      version: paid.version + 2,
      items: [
        { id: a.id, quantity: 2, shippedQuantity: 2 },
        { id: b.id, quantity: 3, shippedQuantity: 3 },
      ],
    });
    expect(detail.shipments).toHaveLength(2);
    expect(detail.shipments[1]).toMatchObject({
      carrier: 'ZTO',
      trackingNo: '75312345678901',
      shippedAt: secondAt,
      items: [{ orderItemId: b.id, quantity: 2 }],
    });

    const reports = await t.db
      .selectFrom('shipmentReports')
      .selectAll()
      .where('orderId', '=', order.id)
      .orderBy('shipmentId')
      .execute();
    expect(reports.map((r) => [r.state, r.nextAttemptAt.toISOString()])).toEqual([
      ['pending', firstAt],
      ['pending', secondAt],
    ]);
    const audits = await auditsOf(order.id, 'ship');
    expect(audits).toEqual([
      expect.objectContaining({
        actorName: 'operator',
        actorRole: 'operator',
        before: expect.objectContaining({ status: 'paid' }),
        after: expect.objectContaining({
          status: 'partially_shipped',
          shipmentId: detail.shipments[0].id,
          carrier: 'SF',
          trackingNo: firstNo,
        }),
      }),
      expect.objectContaining({
        before: expect.objectContaining({ status: 'partially_shipped' }),
        after: expect.objectContaining({
          status: 'shipped',
          shipmentId: detail.shipments[1].id,
          carrier: 'ZTO',
        }),
      }),
    ]);
    const timeline = detail.timeline.map(
      (e: { event: string; action: string | null; status: string | null }) => [e.event, e.action, e.status],
    );
    expect(timeline).toEqual(
      expect.arrayContaining([
        ['audit', 'ship', 'partially_shipped'],
        ['shipped', null, null],
        ['audit', 'ship', 'shipped'],
      ]),
    );
    // Staff appear by their display name, as on the parcels.
    const shipper = await t.db
      .selectFrom('staffUsers')
      .select('displayName')
      .where('username', '=', 'operator')
      .executeTakeFirstOrThrow();
    const shipEntries = detail.timeline.filter((e: { action: string | null }) => e.action === 'ship');
    expect(shipEntries.map((e: { actorName: string | null }) => e.actorName)).toEqual([
      shipper.displayName,
      shipper.displayName,
    ]);

    // The desk's keyword finds the order by either parcel's whole tracking number.
    for (const q of [firstNo.toLowerCase(), '753 1234 5678 901']) {
      const list = await t.request(`/api/orders?filter=${encodeURIComponent(JSON.stringify({ q }))}`, {
        cookie: operator,
      });
      expect(list.status).toBe(200);
      expect(list.body.data.map((o: { id: number }) => o.id)).toEqual([order.id]);
      expect(list.body.data[0].shippingInfoSync).toBe('pending');
    }

    // Nothing left to ship: the order is shipped.
    const third = await ship(t, operator, order.id);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('If-Match, when sent, must be the current version', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const { version } = await orderRow(order.id);
    const stale = await ship(t, operator, order.id, {}, { 'if-match': String(version - 1) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const fresh = await ship(t, operator, order.id, {}, { 'if-match': String(version) });
    expect(fresh.status, fresh.text).toBe(201);
    expect(fresh.body.data.status).toBe('shipped');
  });
});

describe('refused parcels change nothing', () => {
  it('more than is left of a line → 409 SHIPMENT_EXCEEDS_ORDER naming it, the other line not raised either', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 2 }, { quantity: 3 }]);
    const [a, b] = await linesOf(t, order.id);
    if (!a || !b) throw new Error('two lines expected');
    expect((await ship(t, operator, order.id, { items: [{ orderItemId: b.id, quantity: 2 }] })).status).toBe(
      201,
    );
    const before = await snapshot(order);
    const res = await ship(t, operator, order.id, {
      items: [
        { orderItemId: a.id, quantity: 1 },
        { orderItemId: b.id, quantity: 2 },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SHIPMENT_EXCEEDS_ORDER');
    expect(res.body.error.message).toContain(b.skuCode);
    expect(res.body.error.message).not.toContain(a.skuCode);
    expect(res.body.error.fields).toEqual({ 'items.1.quantity': expect.any(String) });
    expect(await snapshot(order)).toEqual(before);
  });

  it('a line of another order → 422 on items.N.orderItemId', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 2 }]);
    const other = await placePaidOrder(t, operator, [{ quantity: 2 }]);
    const [own] = await linesOf(t, order.id);
    const [foreign] = await linesOf(t, other.id);
    if (!own || !foreign) throw new Error('lines expected');
    const before = await snapshot(order);
    const otherBefore = await snapshot(other);
    const res = await ship(t, operator, order.id, {
      items: [
        { orderItemId: own.id, quantity: 1 },
        { orderItemId: foreign.id, quantity: 1 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual({ 'items.1.orderItemId': expect.any(String) });
    expect(await snapshot(order)).toEqual(before);
    expect(await snapshot(other)).toEqual(otherBefore);
  });

  it('an unpaid or cancelled order → 409 ILLEGAL_TRANSITION', async () => {
    const unpaid = await placeOrder(t, operator, [{ quantity: 1 }]);
    const cancelled = await placeOrder(t, operator, [{ quantity: 1 }]);
    const cancel = await channelRequest(t, `/api/channel/orders/${cancelled.orderNo}/cancel`, {
      body: { openid: cancelled.openid },
      idempotencyKey: `cancel-${cancelled.orderNo}`,
    });
    expect(cancel.status, cancel.text).toBe(200);
    for (const order of [unpaid, cancelled]) {
      const before = await snapshot(order);
      const res = await ship(t, operator, order.id);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
      expect(res.body.error.message).toMatch(/cannot be shipped/);
      expect(await snapshot(order)).toEqual(before);
    }
  });

  it('a tracking number already on a parcel → 409 TRACKING_NO_TAKEN', async () => {
    const first = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const second = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const trackingNo = sfTrackingNo();
    expect((await ship(t, operator, first.id, { trackingNo })).status).toBe(201);
    const before = await snapshot(second);
    const res = await ship(t, operator, second.id, { trackingNo });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TRACKING_NO_TAKEN');
    expect(res.body.error.fields).toEqual({ trackingNo: expect.any(String) });
    expect(await snapshot(second)).toEqual(before);
  });

  it('a tracking number not of the carrier’s shape, or unknown fields → 400 with fields', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const before = await snapshot(order);
    const wrongShape = await ship(t, operator, order.id, { carrier: 'SF', trackingNo: 'YT1234567890123' });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(wrongShape.body.error.fields)).toEqual(['trackingNo']);
    const hostile = await ship(t, operator, order.id, { trackingNo: "SF1'; drop table shipments;--" });
    expect(hostile.status).toBe(400);
    expect(hostile.body.error.fields).toHaveProperty('trackingNo');
    const unknownCarrier = await ship(t, operator, order.id, { carrier: 'UPS' });
    expect(unknownCarrier.status).toBe(400);
    const extra = await t.request(`/api/orders/${order.id}/shipments`, {
      cookie: operator,
      body: { carrier: 'SF', trackingNo: sfTrackingNo(), shippedBy: 1 },
    });
    expect(extra.status).toBe(400);
    expect(await snapshot(order)).toEqual(before);
  });

  it('customer service may not ship (403) and nothing is written; an unknown order is 404', async () => {
    const cs = await t.login('customer_service');
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const before = await snapshot(order);
    const res = await ship(t, cs, order.id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await snapshot(order)).toEqual(before);
    expect((await ship(t, operator, 987_654_321)).status).toBe(404);
  });
});

describe('parcels sent at the same time', () => {
  it('two parcels that together exceed the order: exactly one 201 and one 409, never over-shipped', async () => {
    for (let round = 0; round < 3; round++) {
      const order = await placePaidOrder(t, operator, [{ quantity: 3 }]);
      const [line] = await linesOf(t, order.id);
      if (!line) throw new Error('a line expected');
      const results = await Promise.all([
        ship(t, operator, order.id, { items: [{ orderItemId: line.id, quantity: 2 }] }),
        ship(t, operator, order.id, { items: [{ orderItemId: line.id, quantity: 2 }] }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)?.body.error.code).toBe('SHIPMENT_EXCEEDS_ORDER');
      const [after] = await linesOf(t, order.id);
      expect(after?.shippedQuantity).toBe(2);
      const parcels = await t.db
        .selectFrom('shipments')
        .select('id')
        .where('orderId', '=', order.id)
        .execute();
      expect(parcels).toHaveLength(1);
      expect((await orderRow(order.id)).status).toBe('partially_shipped');
    }
  });
});
