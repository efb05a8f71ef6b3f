/**
 * Parcels for the report and tracking tests: a paid order made through the signed channel API,
 * and shipments written straight into the tables as shipping writes them (parcel, its lines,
 * its pending report due at the given time, the order's status and sync state), plus an
 * uploader that records what it is sent and answers as told.
 */
import { type Carrier, carriers } from '@siyu/shared';
import { expect } from 'vitest';
import type {
  ShippingInfoAnswer,
  ShippingInfoUpload,
  ShippingInfoUploader,
} from '../../src/modules/shipment-reports/uploader.js';
import { channelRequest } from './channel.js';
import { orderBody } from './channel-orders.js';
import type { TestContext } from './context.js';

let serial = 0;
/** Tracking numbers count up from a random start, so each is new within the run. */
const trackingBase = 1_000_000_000_000 + Math.floor(Math.random() * 1_000_000_000);

export type PaidOrder = {
  id: number;
  orderNo: string;
  transactionId: string;
  openid: string;
  items: { id: number; quantity: number; title: string }[];
};

/** An order of the given lines, placed and paid as the storefront does. */
export async function paidOrder(
  t: TestContext,
  lines: { skuId: number; quantity: number }[],
  address: { province?: string; city?: string } = {},
): Promise<PaidOrder> {
  const n = serial++;
  const openid = `ship-buyer-${n}-${Date.now().toString(36)}`;
  const base = orderBody(lines, openid);
  const placed = await channelRequest(t, '/api/channel/orders', {
    body: { ...base, address: { ...base.address, ...address } },
    idempotencyKey: `ship-order-${n}-${Date.now()}`,
  });
  expect(placed.status, placed.text).toBe(201);
  const transactionId = `4200002${String(n).padStart(6, '0')}${Date.now()}`;
  const paid = await channelRequest(t, '/api/channel/payments/notify', {
    body: {
      orderNo: placed.body.data.orderNo,
      transactionId,
      amount: placed.body.data.payableAmount,
      paidAt: t.clock.now().toISOString(),
    },
    idempotencyKey: `ship-pay-${n}-${Date.now()}`,
  });
  expect(paid.status, paid.text).toBe(200);
  const order = await t.db
    .selectFrom('orders')
    .select('id')
    .where('orderNo', '=', placed.body.data.orderNo)
    .executeTakeFirstOrThrow();
  const items = await t.db
    .selectFrom('orderItems')
    .select(['id', 'quantity', 'title'])
    .where('orderId', '=', order.id)
    .orderBy('id')
    .execute();
  return { id: order.id, orderNo: placed.body.data.orderNo, transactionId, openid, items };
}

/** A fresh tracking number of the carrier's shape. */
export function trackingNoFor(carrier: Carrier = 'SF'): string {
  const digits = String(trackingBase + serial++);
  const numbers: Record<Carrier, string> = {
    SF: `SF${digits}`,
    ZTO: `75${digits.slice(-12)}`,
    YTO: `YT${digits}`,
    STO: `77${digits.slice(-11)}`,
    YD: `43${digits.slice(-11)}`,
    JTSD: `JT${digits}`,
    JD: `JDVA${digits.slice(-11)}`,
    EMS: `1${digits.slice(-12)}`,
  };
  const trackingNo = numbers[carrier];
  expect(carriers[carrier].trackingNo.test(trackingNo)).toBe(true);
  return trackingNo;
}

/** A parcel of the order's lines, its report pending and due at `at`. */
export async function insertShipment(
  t: TestContext,
  order: PaidOrder,
  lines: { orderItemId: number; quantity: number }[],
  options: { at?: Date; carrier?: Carrier; trackingNo?: string } = {},
): Promise<{ id: number; trackingNo: string }> {
  const at = options.at ?? t.clock.now();
  const carrier = options.carrier ?? 'SF';
  const trackingNo = options.trackingNo ?? trackingNoFor(carrier);
  return t.db.transaction().execute(async (trx) => {
    const shipment = await trx
      .insertInto('shipments')
      .values({
        orderId: order.id,
        carrier,
        trackingNo,
        shippedAt: at,
        shippedBy: null,
        trackingCheckedAt: null,
        deliveredAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('shipmentItems')
      .values(lines.map((line) => ({ shipmentId: shipment.id, ...line })))
      .execute();
    for (const line of lines)
      await trx
        .updateTable('orderItems')
        .set((eb) => ({ shippedQuantity: eb('shippedQuantity', '+', line.quantity) }))
        .where('id', '=', line.orderItemId)
        .execute();
    await trx
      .insertInto('shipmentReports')
      .values({ shipmentId: shipment.id, orderId: order.id, state: 'pending', nextAttemptAt: at })
      .execute();
    const units = await trx
      .selectFrom('orderItems')
      .select(['quantity', 'shippedQuantity'])
      .where('orderId', '=', order.id)
      .execute();
    const all = units.every((u) => u.shippedQuantity >= u.quantity);
    await trx
      .updateTable('orders')
      .set({
        status: all ? 'shipped' : 'partially_shipped',
        shippedAt: all ? at : null,
        shippingInfoSync: 'pending',
      })
      .where('id', '=', order.id)
      .execute();
    return { id: shipment.id, trackingNo };
  });
}

/** Every unit of the order in one parcel. */
export const shipWhole = (
  t: TestContext,
  order: PaidOrder,
  options: Parameters<typeof insertShipment>[3] = {},
) =>
  insertShipment(
    t,
    order,
    order.items.map((item) => ({ orderItemId: item.id, quantity: item.quantity })),
    options,
  );

type Reply = ShippingInfoAnswer | Error;

/** Records each upload; answers with `reply(request, call number)` (ok when absent). */
export function recordingUploader(reply: (request: ShippingInfoUpload, call: number) => Reply = () => ok) {
  const calls: ShippingInfoUpload[] = [];
  const uploader: ShippingInfoUploader & { calls: ShippingInfoUpload[] } = {
    calls,
    async upload(request) {
      calls.push(structuredClone(request));
      // Let other runners' work interleave with this call, as a real network call would.
      await new Promise((resolve) => setImmediate(resolve));
      const answer = reply(request, calls.length);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return uploader;
}

export const ok: ShippingInfoAnswer = { errcode: 0, errmsg: 'ok' };
export const busy: ShippingInfoAnswer = { errcode: -1, errmsg: 'system error' };

export const reportOf = (t: TestContext, shipmentId: number) =>
  t.db
    .selectFrom('shipmentReports')
    .selectAll()
    .where('shipmentId', '=', shipmentId)
    .executeTakeFirstOrThrow();

export const syncOf = async (t: TestContext, orderId: number) =>
  (
    await t.db
      .selectFrom('orders')
      .select('shippingInfoSync')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow()
  ).shippingInfoSync;
