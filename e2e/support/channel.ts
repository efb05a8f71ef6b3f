/**
 * The storefront's side, for specs that need orders: signed writes to the channel API as the
 * mini-program's server sends them (the demo channel), a demo SKU to order, and phone tails
 * no other order has, so a search by them finds only the spec's own orders.
 */
import { type APIRequestContext, expect } from '@playwright/test';
import { channelHeaders, signChannelRequest } from '@siyu/shared';
import { baseURL } from './env';

const CHANNEL_KEY = 'demo-miniapp';
const CHANNEL_SECRET = 'demo-miniapp-secret';

/** A signed write to the storefront channel API, as the mini-program's server sends it. */
export async function channelPost(path: string, body: unknown, idempotencyKey: string) {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [channelHeaders.key]: CHANNEL_KEY,
      [channelHeaders.timestamp]: String(timestamp),
      [channelHeaders.signature]: await signChannelRequest(CHANNEL_SECRET, timestamp, raw),
      [channelHeaders.idempotencyKey]: idempotencyKey,
    },
    body: raw,
  });
  return { status: response.status, json: (await response.json()) as { data: Record<string, unknown> } };
}

/**
 * An on-shelf demo SKU with stock to spare, found through the back-office API. Oldest first: the
 * demo products, never one another spec has just created (its ledger would gain our lines).
 * `skip` leaves out SKUs already picked, for an order of several lines.
 */
export async function skuOnSale(request: APIRequestContext, skip: readonly number[] = []): Promise<number> {
  const list = await request.get(
    `/api/products?page=1&perPage=50&sort=id&order=ASC&filter=${encodeURIComponent(JSON.stringify({ status: 'active' }))}`,
  );
  expect(list.status()).toBe(200);
  for (const product of (await list.json()).data as { id: number }[]) {
    const detail = await request.get(`/api/products/${product.id}`);
    const sku = ((await detail.json()).data.skus as { id: number; stock: number }[]).find(
      (s) => s.stock >= 5 && !skip.includes(s.id),
    );
    if (sku) return sku.id;
  }
  throw new Error('no active demo product has a SKU with stock');
}

/** Four digits no existing order's phone ends with, so a search by them finds only ours. */
export async function unusedPhoneTail(request: APIRequestContext, taken: string[]): Promise<string> {
  for (;;) {
    const tail = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
    if (taken.includes(tail)) continue;
    const found = await request.get(
      `/api/orders?page=1&perPage=1&filter=${encodeURIComponent(JSON.stringify({ q: tail }))}`,
    );
    expect(found.status()).toBe(200);
    if ((await found.json()).total === 0) return tail;
  }
}

/** A run id for idempotency keys and openids, unique across parallel specs. */
export const runId = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** An order line as the channel answers it; `itemId` is what an after-sales application names. */
export type PlacedLine = { itemId: number; skuId: number; unitPrice: number; quantity: number };

export type PlacedOrder = {
  orderNo: string;
  payableAmount: number;
  goodsAmount: number;
  shippingFee: number;
  status: string;
  items: PlacedLine[];
};

/** The buyer's openid of the orders `placeOrder` places for the phone tail `tail`. */
export const buyerOpenid = (run: string, tail: string) => `e2e-${run}-${tail}`;

/** Places an order for a buyer whose phone ends with `tail`, to 浙江省 杭州市 (ships everywhere). */
export async function placeOrder(
  run: string,
  tail: string,
  name: string,
  items: { skuId: number; quantity: number }[],
): Promise<PlacedOrder> {
  const phone = `1380013${tail}`;
  const placed = await channelPost(
    '/api/channel/orders',
    {
      buyer: { openid: buyerOpenid(run, tail), nickname: `E2E ${name}`, phone },
      items,
      address: {
        name,
        phone,
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 90 号',
      },
    },
    `e2e-order-${run}-${tail}`,
  );
  expect(placed.status, JSON.stringify(placed.json)).toBe(201);
  return placed.json.data as PlacedOrder;
}

/** The payment gateway's signed notification for the whole payable amount. */
export async function payOrder(run: string, order: PlacedOrder): Promise<void> {
  const notified = await channelPost(
    '/api/channel/payments/notify',
    {
      orderNo: order.orderNo,
      transactionId: `E2E${run}${order.orderNo.slice(-6)}`,
      amount: order.payableAmount,
      paidAt: new Date().toISOString(),
    },
    `e2e-pay-${run}-${order.orderNo}`,
  );
  expect(notified.status, JSON.stringify(notified.json)).toBe(200);
  expect(notified.json.data.status).toBe('paid');
}
