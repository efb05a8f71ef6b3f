/**
 * Building blocks for after-sales tests: orders paid (and shipped, and received) through the
 * channel and the order desk as they happen in the shop, applications from the mini-program,
 * and the rows a case writes.
 */
import { channelRequest } from './channel.js';
import { skuOnSale } from './channel-orders.js';
import type { TestContext, TestResponse } from './context.js';
import { payOrder, placeOrder, ship } from './orders.js';

let serial = 0;

export type CaseOrder = {
  id: number;
  orderNo: string;
  openid: string;
  payableAmount: number;
  /** Oldest first: each line's id (what an application names) and quantity. */
  items: { id: number; quantity: number; lineAmount: number }[];
};

export type CaseOrderOptions = {
  /** Units per line, each line a new SKU at ¥25.80. */
  lines: number[];
  /** Set on the order before it is paid (coupons and shipping templates are tested elsewhere). */
  discountAmount?: number;
  shippingFee?: number;
  /** Ship every unit ('all'), some units of some lines, or nothing (default). */
  ship?: 'all' | { line: number; quantity: number }[];
  /** The buyer confirms receipt (after shipping everything). */
  receive?: boolean;
  /** Stay unpaid. */
  unpaid?: boolean;
};

const linesOfOrder = (t: TestContext, orderId: number) =>
  t.db
    .selectFrom('orderItems')
    .select(['id', 'quantity', 'lineAmount'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();

/**
 * An order of new SKUs, placed and paid through the signed channel, then shipped through the
 * order desk and received by the buyer as asked. `cookie`: a user who may create products and
 * ship (admin).
 */
export async function orderForAfterSales(
  t: TestContext,
  cookie: string,
  options: CaseOrderOptions,
): Promise<CaseOrder> {
  const lines = [];
  for (const quantity of options.lines)
    lines.push({ skuId: (await skuOnSale(t, cookie, 100)).skuId, quantity });
  const placed = await placeOrder(t, cookie, lines);
  if (options.discountAmount !== undefined || options.shippingFee !== undefined) {
    const row = await t.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow();
    const discountAmount = options.discountAmount ?? row.discountAmount;
    const shippingFee = options.shippingFee ?? row.shippingFee;
    const payableAmount = row.goodsAmount - discountAmount + shippingFee;
    await t.db
      .updateTable('orders')
      .set({ discountAmount, shippingFee, payableAmount })
      .where('id', '=', placed.id)
      .execute();
    placed.payableAmount = payableAmount;
  }
  if (!options.unpaid) await payOrder(t, placed);
  const items = await linesOfOrder(t, placed.id);
  if (options.ship === 'all' || options.receive) {
    const res = await ship(t, cookie, placed.id);
    if (res.status !== 201) throw new Error(`ship: ${res.status} ${res.text}`);
  } else if (options.ship) {
    const res = await ship(t, cookie, placed.id, {
      items: options.ship.map((s) => ({
        orderItemId: (items[s.line] as { id: number }).id,
        quantity: s.quantity,
      })),
    });
    if (res.status !== 201) throw new Error(`ship: ${res.status} ${res.text}`);
  }
  if (options.receive) {
    const res = await channelRequest(t, `/api/channel/orders/${placed.orderNo}/confirm-receipt`, {
      body: { openid: placed.openid },
      idempotencyKey: `as-receive-${serial++}-${Date.now()}`,
    });
    if (res.status !== 200) throw new Error(`receive: ${res.status} ${res.text}`);
  }
  return { ...placed, items };
}

export type Application = {
  orderNo: string;
  openid: string;
  type?: 'refund_only' | 'return_and_refund';
  items: { itemId: number; quantity: number }[];
  reasonCode?: string;
  description?: string;
  photos?: string[];
  amount?: number;
  [extra: string]: unknown;
};

/** The customer applies from the mini-program (signed as `channel`, the demo channel by default). */
export function applyForAfterSales(
  t: TestContext,
  application: Application,
  channel: { key?: string; secret?: string; idempotencyKey?: string } = {},
): Promise<TestResponse> {
  return channelRequest(t, '/api/channel/after-sales', {
    body: { type: 'refund_only', reasonCode: 'quality', ...application },
    idempotencyKey: channel.idempotencyKey ?? `as-apply-${serial++}-${Date.now()}`,
    ...(channel.key === undefined ? {} : { key: channel.key }),
    ...(channel.secret === undefined ? {} : { secret: channel.secret }),
  });
}

/** Applies and expects a case: answers its row. */
export async function openCase(t: TestContext, application: Application) {
  const res = await applyForAfterSales(t, application);
  if (res.status !== 201) throw new Error(`apply: ${res.status} ${res.text}`);
  return caseRow(t, res.body.data.caseNo);
}

export const caseRow = (t: TestContext, caseNo: string) =>
  t.db.selectFrom('afterSalesCases').selectAll().where('caseNo', '=', caseNo).executeTakeFirstOrThrow();

export function withdrawCase(t: TestContext, caseNo: string, openid: string, idempotencyKey?: string) {
  return channelRequest(t, `/api/channel/after-sales/${caseNo}/withdraw`, {
    body: { openid },
    idempotencyKey: idempotencyKey ?? `as-withdraw-${serial++}-${Date.now()}`,
  });
}

export function reportReturnParcel(
  t: TestContext,
  caseNo: string,
  body: { openid: string; carrier?: string; trackingNo?: string },
) {
  return channelRequest(t, `/api/channel/after-sales/${caseNo}/return-shipment`, {
    body: { carrier: 'SF', trackingNo: `SF${String(2_000_000_000_000 + serial++ * 7919)}`, ...body },
    idempotencyKey: `as-return-${serial++}-${Date.now()}`,
  });
}

/** What the order's lines have reserved for after-sales, and the order's open-case counter. */
export async function reservations(t: TestContext, orderId: number) {
  const [lines, order] = await Promise.all([
    t.db
      .selectFrom('orderItems')
      .select(['id', 'afterSalesQuantity', 'afterSalesAmount'])
      .where('orderId', '=', orderId)
      .orderBy('id')
      .execute(),
    t.db
      .selectFrom('orders')
      .select(['openAfterSales', 'refundedAmount', 'refundingAmount'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow(),
  ]);
  return { lines, openAfterSales: order.openAfterSales };
}

export async function countRows(
  t: TestContext,
  table: 'afterSalesCases' | 'afterSalesItems' | 'afterSalesEvents',
) {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const eventsOf = (t: TestContext, caseId: number) =>
  t.db.selectFrom('afterSalesEvents').selectAll().where('caseId', '=', caseId).orderBy('id').execute();

export const auditsOf = (t: TestContext, caseId: number, action?: string) => {
  let query = t.db
    .selectFrom('auditLogs')
    .selectAll()
    .where('resource', '=', 'after_sales_cases')
    .where('resourceId', '=', String(caseId));
  if (action) query = query.where('action', '=', action);
  return query.orderBy('id').execute();
};
