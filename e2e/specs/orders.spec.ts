/**
 * The order desk: two orders come in through the signed storefront channel and one of them is
 * paid; an operator finds the paid one by its buyer's phone tail, sees only that order, marked
 * 已付款, opens it and finds its lines, amounts, the masked address and the payment on the
 * timeline. Phones are shown masked throughout.
 */
import { formatFen, maskPhone } from '@siyu/shared';
import { storageStateOf } from '../support/accounts';
import { channelPost, skuOnSale, unusedPhoneTail } from '../support/channel';
import { expect, test } from '../support/test';
import { t } from '../support/zh';

test.use({ storageState: storageStateOf('operator') });

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
  await expect(page.getByText(order.orderNo, { exact: true })).toBeVisible();
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
