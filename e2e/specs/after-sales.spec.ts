/**
 * The customer-service workspace (售后), as `cs`. The queue opens overdue first; an overdue
 * refund-only case is approved for less than asked and goes 退款中 → 已退款 on the page by itself
 * when the simulated gateway's notification arrives. A return goes the whole way: the customer
 * applies and sends the parcel back through the signed channel, CS approves with the shop's
 * return address, receives one unit sellable and one damaged, starts the refund, and the stock
 * ledger shows the one sellable unit back (退款回库). A fresh case is rejected with a template
 * reason. An operator reads a case without any decision button, and the API refuses them.
 */
import type { Page } from '@playwright/test';
import { type AfterSalesCase, formatFen } from '@siyu/shared';
import { storageStateOf } from '../support/accounts';
import {
  applyForAfterSales,
  type BuyerOrder,
  caseOptions,
  paidOrder,
  reportReturnParcel,
  shipWholeOrder,
  skuPricedUpTo,
} from '../support/after-sales';
import { skuOnSale } from '../support/channel';
import { baseURL } from '../support/env';
import { expect, test } from '../support/test';
import { notification } from '../support/ui';
import { t } from '../support/zh';

test.use({ storageState: storageStateOf('customer_service') });

const rt = (key: string, values?: Record<string, string | number>) => t(`resources.refunds.${key}`, values);
const status = (s: string) => rt(`status.${s}`);
const kind = (k: string) => rt(`timeline.kinds.${k}`);
const detailLine = (field: string, value: string) =>
  rt('timeline.detail_line', { label: rt(`timeline.detail.${field}`), value });
/** What an amount input holds: yuan with two decimals, no symbol. */
const yuanText = (fen: number) => (fen / 100).toFixed(2);

/** The refund's status moves from the gateway's notification: the page polls while it is 退款中. */
const GATEWAY_TIMEOUT = 15_000;

const queueRows = (page: Page) => page.locator('tbody tr');
const timeline = (page: Page) => page.getByTestId('case-timeline');
const timelineStep = (page: Page, k: string) =>
  timeline(page)
    .locator('.MuiStep-root')
    .filter({ has: page.getByText(kind(k), { exact: true }) });

/** The case page's status chip (the header's, not the order's). */
const statusChip = (page: Page) => page.getByTestId('case-status');

/** Searches the queue (its default tab, awaiting action) by `q` and opens the one case found. */
async function openFromQueue(page: Page, q: string, caseNo: string): Promise<number> {
  await page.goto('/#/refunds');
  await page.getByRole('textbox', { name: rt('filters.q') }).fill(q);
  await expect(queueRows(page)).toHaveCount(1);
  await expect(queueRows(page).first()).toContainText(caseNo);
  await queueRows(page).first().click();
  await expect(page.getByRole('heading', { level: 1, name: caseNo })).toBeVisible();
  const id = Number(/#\/refunds\/(\d+)\/show/.exec(page.url())?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

test('the queue opens overdue first; an overdue refund-only case is partly refunded through the gateway', async ({
  page,
}, testInfo) => {
  // Overdue refund-only cases CS may decide alone (not waiting for an admin's second approval).
  const eligible = await page.request.get(
    `/api/refunds?page=1&perPage=100&sort=slaDueAt&order=ASC&filter=${encodeURIComponent(
      JSON.stringify({ overdue: true, status: 'requested', type: 'refund_only', approvalStage: 'none' }),
    )}`,
  );
  expect(eligible.status()).toBe(200);
  const decidable = ((await eligible.json()).data as AfterSalesCase[]).map((c) => c.caseNo);
  expect(decidable.length, 'the demo data has overdue refund-only cases').toBeGreaterThan(0);

  await page.goto('/#/refunds');
  const rows = queueRows(page);
  await expect(rows.first()).toBeVisible();
  // Overdue first: the first row counts the time since its deadline in red.
  const overdue = new RegExp(`^${rt('sla.overdue', { time: '' })}`);
  await expect(rows.first().getByRole('cell', { name: overdue })).toBeVisible();
  await expect(
    page.getByRole('tab', { name: new RegExp(`^${rt('tabs.overdue')} \\(\\d+\\)$`) }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('queue-overdue-first.png'), fullPage: true });

  const target = rows
    .filter({ has: page.getByRole('cell', { name: overdue }) })
    .filter({ has: page.getByRole('cell', { name: status('requested'), exact: true }) })
    .filter({ has: page.getByRole('cell', { name: new RegExp(`^AS\\d+ ${rt('type.refund_only')}$`) }) })
    .filter({ hasText: new RegExp(decidable.join('|')) })
    .first();
  await expect(target).toBeVisible();
  const caseNo = /AS\d+/.exec((await target.textContent()) ?? '')?.[0] ?? '';
  await target.click();
  await expect(page.getByRole('heading', { level: 1, name: caseNo })).toBeVisible();
  await expect(statusChip(page)).toHaveText(status('requested'));
  await expect(page.getByText(overdue).first()).toBeVisible();

  // No reload from here on: the page must follow the refund by itself.
  await page.evaluate(() => {
    (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  await page.getByRole('button', { name: rt('approve.button'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: rt('approve.title', { caseNo }) });
  await expect(dialog).toBeVisible();
  const amount = dialog.getByRole('textbox', { name: rt('approve.amount') });
  const requested = Math.round(Number(await amount.inputValue()) * 100);
  expect(requested).toBeGreaterThan(1);
  // A partial refund: half of what was asked, in yuan.
  const lowered = Math.floor(requested / 2);
  await amount.fill(yuanText(lowered));
  await dialog.getByRole('button', { name: rt('approve.confirm') }).click();
  await expect(notification(page, rt('approve.done', { status: status('refunding') }))).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('approved-amount')).toHaveText(formatFen(lowered));

  // The gateway answers about a second later; the page polls and shows it.
  await expect(statusChip(page)).toHaveText(status('refunded'), { timeout: GATEWAY_TIMEOUT });
  const refund = page.getByTestId('case-refund');
  await expect(page.getByTestId('refund-status')).toHaveText(rt('refund_status.succeeded'));
  await expect(refund).toContainText(`${rt('refund.amount')}${formatFen(lowered)}`);
  await expect(timelineStep(page, 'approved')).toContainText(detailLine('amount', formatFen(lowered)));
  await expect(timelineStep(page, 'refund_requested')).toContainText(
    detailLine('amount', formatFen(lowered)),
  );
  await expect(timelineStep(page, 'refund_succeeded')).toContainText(rt('timeline.actors.gateway'));
  expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
    true,
  );
  await page.screenshot({ path: testInfo.outputPath('partial-refund-refunded.png'), fullPage: true });
});

test('a return goes from approval to restock: one unit back on the shelf, the damaged one not', async ({
  page,
}, testInfo) => {
  test.slow(); // five steps through the case page, the gateway's answer and the stock ledger
  const options = await caseOptions(page.request);
  // Two units under half the approval limit: CS approves it alone.
  const sku = await skuPricedUpTo(page.request, Math.floor(options.refundApprovalLimit / 4));
  const order: BuyerOrder = await paidOrder(page.request, '退货客户', sku.id, 2);
  await shipWholeOrder(order.orderNo);
  const applied = await applyForAfterSales(order, {
    type: 'return_and_refund',
    quantity: 2,
    reasonCode: 'quality',
    description: '两件都有开线，申请退货退款',
  });
  const caseNo = applied.caseNo;

  // Found by the order number; approved with the shop's return address already filled in.
  await openFromQueue(page, order.orderNo, caseNo);
  await expect(statusChip(page)).toHaveText(status('requested'));
  await page.getByRole('button', { name: rt('approve.button'), exact: true }).click();
  const approve = page.getByRole('dialog', { name: rt('approve.title', { caseNo }) });
  await expect(approve.getByRole('textbox', { name: rt('approve.amount') })).toHaveValue(
    yuanText(applied.requestedAmount),
  );
  await expect(approve.getByRole('textbox', { name: rt('return.name') })).toHaveValue(
    options.returnAddress.name,
  );
  await expect(approve.getByRole('textbox', { name: rt('return.phone') })).toHaveValue(
    options.returnAddress.phone,
  );
  await expect(approve.getByRole('textbox', { name: rt('return.address') })).toHaveValue(
    options.returnAddress.address,
  );
  await approve.getByRole('button', { name: rt('approve.confirm') }).click();
  await expect(notification(page, rt('approve.done', { status: status('awaiting_return') }))).toBeVisible();
  await expect(statusChip(page)).toHaveText(status('awaiting_return'));
  await expect(page.getByTestId('case-return')).toContainText(options.returnAddress.address);

  // The customer sends the goods back; CS sees the parcel and receives it.
  const trackingNo = await reportReturnParcel(order, caseNo);
  await page.reload();
  await expect(page.getByTestId('case-return')).toContainText(trackingNo);
  await page.getByRole('button', { name: rt('receive.button') }).click();
  const receive = page.getByRole('dialog', { name: rt('receive.title', { caseNo }) });
  await expect(receive).toContainText(trackingNo);
  await receive.getByRole('spinbutton', { name: new RegExp(`^${rt('receive.sellable')}`) }).fill('1');
  await receive.getByRole('spinbutton', { name: new RegExp(`^${rt('receive.damaged')}`) }).fill('1');
  await expect(receive.getByTestId('receive-summary')).toHaveText(
    rt('receive.summary_damaged', { sellable: 1, damaged: 1 }),
  );
  await page.screenshot({ path: testInfo.outputPath('return-receive.png') });
  await receive.getByRole('button', { name: rt('receive.confirm') }).click();
  await expect(notification(page, rt('receive.done', { status: status('returned') }))).toBeVisible();
  await expect(statusChip(page)).toHaveText(status('returned'));
  await expect(timelineStep(page, 'restocked')).toBeVisible();

  // One unit came back damaged: CS starts the refund by hand, for the approved amount.
  await page.getByRole('button', { name: rt('start_refund.button') }).click();
  const start = page.getByRole('dialog', { name: rt('start_refund.title', { caseNo }) });
  await expect(start).toContainText(rt('start_refund.damaged', { smart_count: 1 }));
  await expect(start.getByRole('textbox', { name: rt('start_refund.amount') })).toHaveValue(
    yuanText(applied.requestedAmount),
  );
  await start.getByRole('button', { name: rt('start_refund.confirm') }).click();
  await expect(notification(page, rt('start_refund.done', { status: status('refunding') }))).toBeVisible();
  await expect(statusChip(page)).toHaveText(status('refunded'), { timeout: GATEWAY_TIMEOUT });
  await expect(page.getByTestId('case-refund')).toContainText(formatFen(applied.requestedAmount));
  // Everything paid went back: the order is closed.
  await expect(timelineStep(page, 'order_closed')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('return-refunded.png'), fullPage: true });

  // The stock ledger of that SKU: the one sellable unit, back as 退款回库.
  await page
    .getByRole('menu')
    .first()
    .getByRole('menuitem', { name: t('resources.inventory-movements.name') })
    .click();
  await page
    .getByRole('spinbutton', { name: t('resources.inventory-movements.fields.skuId') })
    .fill(String(sku.id));
  await expect(page).toHaveURL(/skuId/);
  const ledger = page.locator('tbody tr');
  // Filtered: every line is of that SKU (the other specs' orders of it may be there too).
  await expect(ledger.first()).toContainText(sku.code);
  await expect(ledger.filter({ hasNotText: sku.code })).toHaveCount(0);
  const lines = ledger.filter({ hasText: `after-sales:${caseNo}` });
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText(t('resources.inventory-movements.reasons.refund_restock'));
  await expect(lines.first().getByRole('cell', { name: '+1', exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('ledger-restock.png'), fullPage: true });
});

test('a case is rejected with a template reason the customer will read', async ({ page }, testInfo) => {
  const options = await caseOptions(page.request);
  const template = options.rejectReasonTemplates.at(-1) ?? '';
  expect(template, 'the shop has reject templates').not.toBe('');
  const order = await paidOrder(page.request, '拒绝客户', await skuOnSale(page.request), 1);
  const applied = await applyForAfterSales(order, {
    type: 'refund_only',
    quantity: 1,
    reasonCode: 'changed_mind',
  });
  const caseNo = applied.caseNo;

  await openFromQueue(page, caseNo, caseNo);
  await page.getByRole('button', { name: rt('reject.button'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: rt('reject.title', { caseNo }) });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: rt('reject.template') }).click();
  await page.getByRole('option', { name: template, exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: rt('reject.reason') })).toHaveValue(template);
  await dialog.getByRole('button', { name: rt('reject.confirm') }).click();
  await expect(notification(page, rt('reject.done'))).toBeVisible();
  await expect(dialog).toBeHidden();

  await expect(statusChip(page)).toHaveText(status('rejected'));
  // The reason as the customer reads it, in the case's header and on the rejection's step.
  await expect(
    page.getByRole('alert').filter({
      hasText: rt('timeline.detail_line', { label: rt('fields.rejectReason'), value: template }),
    }),
  ).toBeVisible();
  await expect(timelineStep(page, 'rejected')).toContainText(detailLine('reason', template));
  // Over: nothing left to decide.
  await expect(page.getByRole('button', { name: rt('approve.button'), exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: rt('reject.button'), exact: true })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('rejected.png'), fullPage: true });
});

test.describe('as an operator', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('reads a case without approve or reject, and the API refuses to approve', async ({
    page,
  }, testInfo) => {
    const order = await paidOrder(page.request, '运营查看', await skuOnSale(page.request), 1);
    const applied = await applyForAfterSales(order, {
      type: 'refund_only',
      quantity: 1,
      reasonCode: 'changed_mind',
    });
    const caseNo = applied.caseNo;

    const id = await openFromQueue(page, caseNo, caseNo);
    await expect(statusChip(page)).toHaveText(status('requested'));
    // The whole case has arrived (the buttons come with it): none of the decisions is offered.
    await expect(timelineStep(page, 'created')).toBeVisible();
    await expect(page.getByRole('link', { name: t('ra.action.list') })).toBeVisible();
    for (const button of ['approve.button', 'reject.button', 'claim.button', 'assign.button'])
      await expect(page.getByRole('button', { name: rt(button), exact: true })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('operator-case.png'), fullPage: true });

    const approved = await page.request.post(`/api/refunds/${id}/approve`, {
      data: {},
      headers: { origin: baseURL },
    });
    expect(approved.status()).toBe(403);
    expect((await approved.json()).error.code).toBe('FORBIDDEN');
    const rejected = await page.request.post(`/api/refunds/${id}/reject`, {
      data: { reason: '运营不能拒绝' },
      headers: { origin: baseURL },
    });
    expect(rejected.status()).toBe(403);
    // Nothing moved.
    await page.reload();
    await expect(statusChip(page)).toHaveText(status('requested'));
  });
});
