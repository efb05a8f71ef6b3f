/**
 * Fulfilment at the order desk, as an operator. An order of two lines (3 units) comes in through
 * the signed channel and is paid; the operator finds it by the phone tail, ships one unit in a
 * first parcel (顺丰) and sees 部分发货, ships the rest in a second (中通) and sees 已发货, with
 * both parcels and the shipping steps on the timeline in words. Then bulk shipping: a CSV of
 * three paid orders and one row with a bad tracking number goes through the dialog; the job
 * ends with that row reported by line and column and exactly the three orders shipped.
 * Customer service reads the same desk without any shipping button.
 */
import type { Page } from '@playwright/test';
import { bulkShipColumns, carriers, maskPhone } from '@siyu/shared';
import { storageStateOf } from '../support/accounts';
import { payOrder, placeOrder, runId, skuOnSale, unusedPhoneTail } from '../support/channel';
import { expect, test } from '../support/test';
import { t } from '../support/zh';

test.use({ storageState: storageStateOf('operator') });

const ship = (key: string, values?: Record<string, string | number>) =>
  t(`resources.orders.ship.${key}`, values);
const bulk = (key: string, values?: Record<string, string | number>) =>
  t(`resources.orders.bulk_ship.${key}`, values);
const status = (s: string) => t(`resources.orders.status.${s}`);

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
/** Tracking numbers of the carriers' shapes, random enough that parallel runs never share one. */
const sfNo = () => `SF${digits(13)}`;
const ztoNo = () => `75${digits(12)}`;
const ytoNo = () => `YT${digits(13)}`;

/** Opens the order list searched by `q` and waits for `count` rows. */
async function searchOrders(page: Page, q: string, count: number) {
  await page.goto('/#/orders');
  await page.getByRole('textbox', { name: t('resources.orders.filters.q') }).fill(q);
  await expect(page.locator('tbody tr')).toHaveCount(count);
}

/** Ships one parcel through the order page's dialog; `quantities` per line, absent = all left. */
async function shipParcel(page: Page, carrier: string, trackingNo: string, quantities?: number[]) {
  // The page grows as its permission-gated parts arrive (the note field comes last): click once it has settled.
  await expect(page.getByRole('textbox', { name: t('resources.orders.notes.add') })).toBeVisible();
  await page.getByRole('button', { name: ship('action') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: ship('carrier') }).click();
  await page.getByRole('option', { name: carrier, exact: true }).click();
  const number = dialog.getByRole('textbox', { name: ship('tracking_no') });
  // A number of another shape is refused in the browser, with the carrier's example as the hint.
  await number.fill('12345');
  await number.blur();
  await expect(dialog).toContainText(
    ship('tracking_invalid', {
      carrier,
      example: Object.values(carriers).find((c) => c.nameZh === carrier)?.example ?? '',
    }),
  );
  await number.fill(trackingNo);
  if (quantities) {
    const inputs = dialog.getByRole('spinbutton');
    await expect(inputs).toHaveCount(quantities.length);
    for (const [i, quantity] of quantities.entries()) await inputs.nth(i).fill(String(quantity));
  }
  const shipped = page.waitForResponse(
    (response) =>
      /\/api\/orders\/\d+\/shipments$/.test(response.url()) && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: ship('confirm') }).click();
  expect((await shipped).status()).toBe(201);
  await expect(dialog).toBeHidden();
}

test('an operator ships an order in two parcels and sees both, and the timeline in words', async ({
  page,
}) => {
  test.slow(); // two dialogs, two reloads of the page and a search over the demo order history
  const run = runId();
  const first = await skuOnSale(page.request);
  const second = await skuOnSale(page.request, [first]);
  const tail = await unusedPhoneTail(page.request, []);
  const order = await placeOrder(run, tail, '周宁', [
    { skuId: first, quantity: 2 },
    { skuId: second, quantity: 1 },
  ]);
  await payOrder(run, order);

  await searchOrders(page, tail, 1);
  const row = page.locator('tbody tr').first();
  await expect(row).toContainText(order.orderNo);
  await expect(row).toContainText(maskPhone(`1380013${tail}`) as string);
  await row.click();
  await expect(page.getByText(order.orderNo, { exact: true })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText(status('paid'));
  await expect(page.getByTestId('order-shipments')).toHaveCount(0);

  // Parcel 1: one unit of the first line, nothing of the second.
  const firstNo = sfNo();
  await shipParcel(page, carriers.SF.nameZh, firstNo.toLowerCase(), [1, 0]);
  await expect(page.getByTestId('order-status')).toHaveText(status('partially_shipped'));
  await expect(page.getByTestId('parcel')).toHaveCount(1);

  // Parcel 2: everything left (the dialog's default), with another carrier.
  const secondNo = ztoNo();
  await shipParcel(page, carriers.ZTO.nameZh, secondNo);
  await expect(page.getByTestId('order-status')).toHaveText(status('shipped'));

  const parcels = page.getByTestId('parcel');
  await expect(parcels).toHaveCount(2);
  await expect(parcels.nth(0)).toContainText(carriers.SF.nameZh);
  await expect(parcels.nth(0)).toContainText(firstNo); // normalised: upper case
  await expect(parcels.nth(0).getByTestId('parcel-line')).toHaveCount(1);
  await expect(parcels.nth(0).getByTestId('parcel-line')).toContainText('× 1');
  await expect(parcels.nth(1)).toContainText(carriers.ZTO.nameZh);
  await expect(parcels.nth(1)).toContainText(secondNo);
  await expect(parcels.nth(1).getByTestId('parcel-line')).toHaveCount(2);
  for (const parcel of [parcels.nth(0), parcels.nth(1)])
    await expect(parcel).toContainText(
      new RegExp(['pending', 'synced', 'failed'].map((s) => t(`resources.orders.sync.${s}`)).join('|')),
    );
  // Nothing left to ship: no ship button.
  await expect(page.getByRole('button', { name: ship('action') })).toHaveCount(0);

  const timeline = page.getByTestId('order-timeline');
  // The first parcel is a step of its own; the second is the order's 已发货, merged with its record.
  await expect(timeline.getByText(t('resources.orders.timeline.actions.ship'), { exact: true })).toHaveCount(
    1,
  );
  await expect(timeline.getByText(t('resources.orders.timeline.shipped'), { exact: true })).toHaveCount(1);
  await expect(timeline.getByText(t('resources.orders.timeline.paid'), { exact: true })).toHaveCount(1);
  // Every step is in words: no action code shows through.
  await expect(timeline).not.toContainText(
    /\b(create|update|ship|note|reveal|edit_address|confirm_receipt|auto_confirm|report_shipment|retry_reports)\b/,
  );
});

test('an operator bulk-ships three orders from a CSV; the bad row is reported by line', async ({ page }) => {
  test.slow();
  const run = runId();
  const nickname = `批量${run}`;
  const skuId = await skuOnSale(page.request);
  const tails: string[] = [];
  for (let i = 0; i < 4; i++) tails.push(await unusedPhoneTail(page.request, tails));
  const orders = [];
  for (const tail of tails) {
    const order = await placeOrder(run, tail, nickname, [{ skuId, quantity: 1 }]);
    await payOrder(run, order);
    orders.push(order);
  }
  const [a, b, c, bad] = orders as [
    (typeof orders)[0],
    (typeof orders)[0],
    (typeof orders)[0],
    (typeof orders)[0],
  ];
  const csv = `${[
    bulkShipColumns.join(','),
    `${a.orderNo},顺丰,${sfNo()}`,
    `${bad.orderNo},SF,SF12`,
    `${b.orderNo},ZTO,${ztoNo()}`,
    `${c.orderNo},圆通速递,${ytoNo()}`,
  ].join('\r\n')}\r\n`;

  await searchOrders(page, nickname, 4);
  await page.getByRole('button', { name: bulk('button') }).click();
  const dialog = page.getByRole('dialog', { name: bulk('title') });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(bulkShipColumns.join(', '));
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('link', { name: bulk('template') }).click();
  const template = await (await downloading).createReadStream();
  let text = '';
  for await (const chunk of template) text += chunk.toString();
  expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(bulkShipColumns.join(','));

  await dialog.getByLabel(bulk('file')).setInputFiles({
    name: 'parcels.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(dialog).toContainText('parcels.csv');
  await dialog.getByRole('button', { name: bulk('start') }).click();
  await expect(dialog.getByRole('progressbar', { name: bulk('job.progress') })).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText(bulk('job.succeeded'), { timeout: 20_000 });
  await expect(dialog.getByTestId('bulk-ship-summary')).toHaveText(
    bulk('summary', { shipped: 3, skipped: 0, failed: 1 }),
  );
  const errors = dialog.getByRole('table', { name: bulk('job.errors') }).locator('tbody tr');
  await expect(errors).toHaveCount(1);
  await expect(errors.first().locator('td').nth(0)).toHaveText('3');
  await expect(errors.first().locator('td').nth(1)).toHaveText('tracking_no');
  await dialog.getByRole('button', { name: t('ra.action.close') }).click();

  // The list was refreshed: three shipped, the bad row's order still waits.
  await page.getByRole('tab', { name: new RegExp(`^${status('shipped')}`) }).click();
  await expect(page.locator('tbody tr')).toHaveCount(3);
  for (const order of [a, b, c]) await expect(page.locator('tbody')).toContainText(order.orderNo);
  await page.getByRole('tab', { name: new RegExp(`^${status('paid')}`) }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody')).toContainText(bad.orderNo);
});

test.describe('as customer service', () => {
  test.use({ storageState: storageStateOf('customer_service') });

  test('reads the desk and adds notes, but sees no shipping buttons', async ({ page }) => {
    test.slow();
    const run = runId();
    const skuId = await skuOnSale(page.request);
    const tail = await unusedPhoneTail(page.request, []);
    const order = await placeOrder(run, tail, '陈静', [{ skuId, quantity: 1 }]);
    await payOrder(run, order);

    await searchOrders(page, tail, 1);
    await expect(page.getByRole('button', { name: t('resources.orders.export.button') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: bulk('button') })).toHaveCount(0);
    await page.locator('tbody tr').first().click();
    await expect(page.getByTestId('order-status')).toHaveText(status('paid'));
    await expect(page.getByRole('button', { name: ship('action') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t('resources.orders.address.edit') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: t('resources.orders.address.reveal') })).toHaveCount(0);

    const note = `买家来电：请周末送达 ${run}`;
    await page.getByRole('textbox', { name: t('resources.orders.notes.add') }).fill(note);
    await page.getByRole('button', { name: t('resources.orders.notes.save') }).click();
    await expect(page.getByTestId('order-notes')).toContainText(note);
    await expect(page.getByTestId('order-timeline')).toContainText(
      t('resources.orders.timeline.actions.note'),
    );
  });
});
