/**
 * The order desk: two orders come in through the signed storefront channel and one of them is
 * paid; an operator finds the paid one by its buyer's phone tail, sees only that order, marked
 * 已付款, opens it and finds its lines, amounts, the masked address and the payment on the
 * timeline. Phones are shown masked throughout.
 */
import type { APIRequestContext } from '@playwright/test';
import { channelHeaders, formatFen, maskPhone, signChannelRequest } from '@siyu/shared';
import { storageStateOf } from '../support/accounts';
import { baseURL } from '../support/env';
import { expect, test } from '../support/test';
import { t } from '../support/zh';

test.use({ storageState: storageStateOf('operator') });

const CHANNEL_KEY = 'demo-miniapp';
const CHANNEL_SECRET = 'demo-miniapp-secret';

/** A signed write to the storefront channel API, as the mini-program's server sends it. */
async function channelPost(path: string, body: unknown, idempotencyKey: string) {
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
 */
async function skuOnSale(request: APIRequestContext): Promise<number> {
  const list = await request.get(
    `/api/products?page=1&perPage=50&sort=id&order=ASC&filter=${encodeURIComponent(JSON.stringify({ status: 'active' }))}`,
  );
  expect(list.status()).toBe(200);
  for (const product of (await list.json()).data as { id: number }[]) {
    const detail = await request.get(`/api/products/${product.id}`);
    const sku = ((await detail.json()).data.skus as { id: number; stock: number }[]).find(
      (s) => s.stock >= 5,
    );
    if (sku) return sku.id;
  }
  throw new Error('no active demo product has a SKU with stock');
}

/** Four digits no existing order's phone ends with, so a search by them finds only ours. */
async function unusedPhoneTail(request: APIRequestContext, taken: string[]): Promise<string> {
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

test('an operator finds a paid order by the phone tail and reads its detail', async ({ page }) => {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const skuId = await skuOnSale(page.request);
  const paidTail = await unusedPhoneTail(page.request, []);
  const unpaidTail = await unusedPhoneTail(page.request, [paidTail]);

  const place = (tail: string, name: string) => {
    const phone = `1380013${tail}`;
    return channelPost(
      '/api/channel/orders',
      {
        buyer: { openid: `e2e-${run}-${tail}`, nickname: `E2E ${name}`, phone },
        items: [{ skuId, quantity: 2 }],
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
  };
  const paid = await place(paidTail, '林晓');
  const unpaid = await place(unpaidTail, '王芳');
  expect(paid.status).toBe(201);
  expect(unpaid.status).toBe(201);
  const order = paid.json.data as { orderNo: string; payableAmount: number; goodsAmount: number };

  const notified = await channelPost(
    '/api/channel/payments/notify',
    {
      orderNo: order.orderNo,
      transactionId: `E2E${run}`,
      amount: order.payableAmount,
      paidAt: new Date().toISOString(),
    },
    `e2e-pay-${run}`,
  );
  expect(notified.status).toBe(200);
  expect(notified.json.data.status).toBe('paid');

  // The list, searched by the paid buyer's phone tail: that order alone, paid.
  const fullPhone = `1380013${paidTail}`;
  await page.goto('/');
  await page.getByRole('menuitem', { name: t('resources.orders.name') }).click();
  const search = page.getByRole('textbox', { name: t('resources.orders.filters.q') });
  await search.fill(paidTail);
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toContainText(order.orderNo);
  await expect(row).toContainText(t('resources.orders.status.paid'));
  await expect(row).toContainText(maskPhone(fullPhone) as string);
  await expect(row).toContainText(formatFen(order.payableAmount));
  await expect(page.getByRole('tab', { name: `${t('resources.orders.status.paid')} (1)` })).toBeVisible();

  // The detail: lines, amounts, masked address, payment and the timeline.
  await row.click();
  await expect(page).toHaveURL(/#\/orders\/\d+\/show/);
  await expect(page.getByText(order.orderNo)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: t('resources.orders.item.unitPrice') })).toBeVisible();
  await expect(page.getByText(`E2E 林晓`)).toBeVisible();
  await expect(page.getByText(t('resources.orders.fields.goodsAmount'), { exact: true })).toBeVisible();
  await expect(page.getByText(formatFen(order.goodsAmount)).first()).toBeVisible();
  await expect(page.getByText(t('resources.orders.fields.payableAmount'), { exact: true })).toBeVisible();
  const address = page.getByTestId('order-address');
  await expect(address).toContainText(maskPhone(fullPhone) as string);
  await expect(address).toContainText(t('resources.orders.address.masked'));
  await expect(page.getByText(`E2E${run}`)).toBeVisible();
  const timeline = page.getByTestId('order-timeline');
  await expect(timeline).toContainText(t('resources.orders.timeline.created'));
  await expect(timeline).toContainText(t('resources.orders.timeline.paid'));
  // Nowhere on the page is the full phone number.
  await expect(page.locator('body')).not.toContainText(fullPhone);
});
