/** Orders for the fulfilment tests: placed and paid through the signed channel, as the storefront does. */
import { channelRequest } from './channel.js';
import { orderBody, skuOnSale } from './channel-orders.js';
import type { TestContext } from './context.js';

let serial = 0;

export type PlacedOrder = { id: number; orderNo: string; openid: string; payableAmount: number };

/** An unpaid order for these lines (SKU ids), or for new SKUs of these quantities. */
export async function placeOrder(
  t: TestContext,
  cookie: string,
  lines: { skuId?: number; quantity: number }[],
  overrides: Record<string, unknown> = {},
): Promise<PlacedOrder> {
  const items = [];
  for (const line of lines)
    items.push({ skuId: line.skuId ?? (await skuOnSale(t, cookie, 100)).skuId, quantity: line.quantity });
  const openid = `fulfil-buyer-${serial++}`;
  const res = await channelRequest(t, '/api/channel/orders', {
    body: orderBody(items, openid, overrides),
    idempotencyKey: `fulfil-order-${serial++}`,
  });
  if (res.status !== 201) throw new Error(`order: ${res.status} ${res.text}`);
  const { orderNo, payableAmount } = res.body.data;
  const row = await t.db
    .selectFrom('orders')
    .select('id')
    .where('orderNo', '=', orderNo)
    .executeTakeFirstOrThrow();
  return { id: row.id, orderNo, openid, payableAmount };
}

export async function payOrder(t: TestContext, order: PlacedOrder): Promise<void> {
  const res = await channelRequest(t, '/api/channel/payments/notify', {
    body: {
      orderNo: order.orderNo,
      transactionId: `wx-fulfil-${serial++}`,
      amount: order.payableAmount,
      paidAt: t.clock.now().toISOString(),
    },
    idempotencyKey: `fulfil-pay-${serial++}`,
  });
  if (res.status !== 200) throw new Error(`payment: ${res.status} ${res.text}`);
}

/** A paid order, ready to ship. */
export async function placePaidOrder(
  t: TestContext,
  cookie: string,
  lines: { skuId?: number; quantity: number }[],
  overrides: Record<string, unknown> = {},
): Promise<PlacedOrder> {
  const order = await placeOrder(t, cookie, lines, overrides);
  await payOrder(t, order);
  return order;
}

/** The order's lines, oldest first, with what has shipped of each. */
export const linesOf = (t: TestContext, orderId: number) =>
  t.db
    .selectFrom('orderItems')
    .select(['id', 'quantity', 'shippedQuantity', 'skuCode', 'title'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();

/** An SF waybill number no other test in the file has used. */
export const sfTrackingNo = () => `SF${String(1_000_000_000_000 + serial++ * 7919).padStart(13, '0')}`;

/** Ships a parcel through the API; `items` absent ships everything not yet shipped. */
export function ship(
  t: TestContext,
  cookie: string,
  orderId: number,
  body: { carrier?: string; trackingNo?: string; items?: { orderItemId: number; quantity: number }[] } = {},
  headers: Record<string, string> = {},
) {
  return t.request(`/api/orders/${orderId}/shipments`, {
    cookie,
    headers,
    body: { carrier: 'SF', trackingNo: sfTrackingNo(), ...body },
  });
}
