/**
 * After-sales from the storefront's side, for specs of the customer-service workspace: a paid
 * (and, for returns, shipped) order of the spec's own, the customer's application and the return
 * parcel through the signed channel API, and what the console's options say (reject templates,
 * return address, approval limit).
 */
import { type APIRequestContext, request as apiRequest, expect } from '@playwright/test';
import type { AfterSalesOptions, AfterSalesType, ChannelAfterSalesCase } from '@siyu/shared';
import { storageStateOf } from './accounts';
import {
  buyerOpenid,
  channelPost,
  type PlacedOrder,
  payOrder,
  placeOrder,
  runId,
  unusedPhoneTail,
} from './channel';
import { baseURL } from './env';

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
/** A 顺丰 tracking number, random enough that parallel runs never share one. */
export const sfTrackingNo = () => `SF${digits(13)}`;

/** A paid order of the spec's own, with what the storefront needs to apply for after-sales. */
export type BuyerOrder = PlacedOrder & { run: string; tail: string; openid: string };

/** Places and pays an order of `quantity` units of `skuId` for a buyer no other order has. */
export async function paidOrder(
  request: APIRequestContext,
  name: string,
  skuId: number,
  quantity: number,
): Promise<BuyerOrder> {
  const run = runId();
  const tail = await unusedPhoneTail(request, []);
  const order = await placeOrder(run, tail, name, [{ skuId, quantity }]);
  await payOrder(run, order);
  return { ...order, run, tail, openid: buyerOpenid(run, tail) };
}

/** An on-shelf demo SKU with stock to spare whose unit price is at most `maxPrice` fen: its id and code. */
export async function skuPricedUpTo(
  request: APIRequestContext,
  maxPrice: number,
): Promise<{ id: number; code: string }> {
  const list = await request.get(
    `/api/products?page=1&perPage=50&sort=id&order=ASC&filter=${encodeURIComponent(JSON.stringify({ status: 'active' }))}`,
  );
  expect(list.status()).toBe(200);
  for (const product of (await list.json()).data as { id: number }[]) {
    const detail = await request.get(`/api/products/${product.id}`);
    const skus = (await detail.json()).data.skus as {
      id: number;
      code: string;
      stock: number;
      price: number;
    }[];
    const sku = skus.find((s) => s.stock >= 5 && s.price <= maxPrice);
    if (sku) return { id: sku.id, code: sku.code };
  }
  throw new Error(`no active demo product has a SKU with stock at ${maxPrice} fen or less`);
}

/** Ships every unit of the order in one 顺丰 parcel, as an operator at the order desk. */
export async function shipWholeOrder(orderNo: string): Promise<void> {
  const operator = await apiRequest.newContext({
    baseURL,
    storageState: storageStateOf('operator'),
    extraHTTPHeaders: { origin: baseURL },
  });
  try {
    const found = await operator.get(
      `/api/orders?page=1&perPage=1&filter=${encodeURIComponent(JSON.stringify({ q: orderNo }))}`,
    );
    expect(found.status()).toBe(200);
    const [row] = (await found.json()).data as { id: number; orderNo: string }[];
    expect(row?.orderNo).toBe(orderNo);
    const shipped = await operator.post(`/api/orders/${row?.id}/shipments`, {
      data: { carrier: 'SF', trackingNo: sfTrackingNo() },
    });
    expect(shipped.status(), await shipped.text()).toBe(201);
    expect((await shipped.json()).data.status).toBe('shipped');
  } finally {
    await operator.dispose();
  }
}

export type Application = {
  type: AfterSalesType;
  /** Units of the order's first line. */
  quantity: number;
  reasonCode: string;
  description?: string;
};

/** The customer applies from the mini-program (signed channel API); answers the case as they see it. */
export async function applyForAfterSales(
  order: BuyerOrder,
  application: Application,
): Promise<ChannelAfterSalesCase> {
  const line = order.items[0];
  if (!line) throw new Error(`order ${order.orderNo} has no lines`);
  const applied = await channelPost(
    '/api/channel/after-sales',
    {
      openid: order.openid,
      orderNo: order.orderNo,
      type: application.type,
      items: [{ itemId: line.itemId, quantity: application.quantity }],
      reasonCode: application.reasonCode,
      description: application.description ?? '',
    },
    `e2e-as-${order.run}-${order.orderNo}-${runId()}`,
  );
  expect(applied.status, JSON.stringify(applied.json)).toBe(201);
  const created = applied.json.data as unknown as ChannelAfterSalesCase;
  expect(created.status).toBe('requested');
  return created;
}

/** The customer reports the return parcel of an approved return; answers its tracking number. */
export async function reportReturnParcel(order: BuyerOrder, caseNo: string): Promise<string> {
  const trackingNo = sfTrackingNo();
  const reported = await channelPost(
    `/api/channel/after-sales/${caseNo}/return-shipment`,
    { openid: order.openid, carrier: 'SF', trackingNo },
    `e2e-return-${order.run}-${caseNo}`,
  );
  expect(reported.status, JSON.stringify(reported.json)).toBe(200);
  expect(reported.json.data.status).toBe('awaiting_return');
  return trackingNo;
}

/** The reasons, reject templates, return address and limits the workspace works with. */
export async function caseOptions(request: APIRequestContext): Promise<AfterSalesOptions['data']> {
  const response = await request.get('/api/refunds/options');
  expect(response.status()).toBe(200);
  return ((await response.json()) as AfterSalesOptions).data;
}
