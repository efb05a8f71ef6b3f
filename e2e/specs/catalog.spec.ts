/**
 * The catalog: an operator creates a category and a product with a 2×3 spec grid and a formatted
 * description, uploads its images (a wrong or oversized file is refused in the browser), submits
 * it, an admin approves it, the operator shelves it and adjusts stock (seen in the stock ledger);
 * a manager and a customer-service agent may only look.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { MAX_IMAGE_BYTES, type Role } from '@siyu/shared';
import { storageStateOf } from '../support/accounts';
import { baseURL } from '../support/env';
import { expect, test } from '../support/test';
import { notification } from '../support/ui';
import { t } from '../support/zh';

const workflow = (name: string) => t(`resources.products.workflow.${name}`);
const status = (name: string) => t(`resources.products.status.${name}`);
const allWorkflowButtons = ['submit', 'approve', 'reject', 'on_shelf', 'off_shelf', 'revise'];

/** The product page's status chip. */
const statusChip = (page: Page) =>
  page.locator('.MuiChip-root').filter({
    hasText: new RegExp(
      `^(${['draft', 'pending_review', 'active', 'inactive', 'rejected'].map(status).join('|')})$`,
    ),
  });

/** The product page's image gallery. */
const gallery = (page: Page) => page.getByRole('region', { name: t('resources.products.images.title') });
const fixture = (name: string) => ({
  name,
  mimeType: 'image/png',
  buffer: readFileSync(join(import.meta.dirname, '../fixtures', name)),
});

/** The row of the product page's SKU table with this code. */
const skuRow = (page: Page, code: string) => page.getByRole('row').filter({ hasText: code });

test.describe('as operator, then admin', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('creates a category and a 2×3 product, gets it approved, shelves it and adjusts stock', async ({
    page,
    browser,
  }, testInfo) => {
    test.slow();
    const suffix = Date.now().toString(36);
    const categoryName = `E2E分类${suffix}`;
    const title = `E2E 测试T恤 ${suffix}`;
    const grid = [
      ['红', 'S'],
      ['红', 'M'],
      ['红', 'L'],
      ['蓝', 'S'],
      ['蓝', 'M'],
      ['蓝', 'L'],
    ];
    const skus = grid.map(([colour, size], i) => ({
      label: `${colour} / ${size}`,
      code: `E2E-${suffix}-${colour === '红' ? 'R' : 'B'}-${size}`,
      price: `${(99 + i).toString()}.50`,
      stock: 20 + i,
    }));

    // 1. A level-2 category under the demo level-1 category 美妆个护.
    await page.goto('/#/categories/create');
    const nameBox = page.getByRole('textbox', { name: t('resources.categories.fields.name') });
    const parentBox = page.getByRole('combobox', { name: t('resources.categories.fields.parentId') });
    await expect(async () => {
      await nameBox.fill(categoryName);
      await parentBox.click();
      await page.getByRole('option', { name: '美妆个护', exact: true }).click();
      await expect(nameBox).toHaveValue(categoryName, { timeout: 500 });
      await expect(parentBox).toHaveText('美妆个护', { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await page.getByRole('button', { name: t('ra.action.save') }).click();
    await expect(page).toHaveURL(/#\/categories(\?.*)?$/);
    const categoryItem = page.getByRole('listitem').filter({ hasText: categoryName });
    await expect(categoryItem).toBeVisible();
    await expect(categoryItem).toContainText(t('resources.categories.tree.meta', { level: 2, sortOrder: 0 }));

    // The product, in it, with the spec grid 颜色 × 尺码.
    await page.goto('/#/products/create');
    const titleBox = page.getByRole('textbox', { name: t('resources.products.fields.title') });
    const categoryBox = page.getByRole('combobox', { name: t('resources.products.fields.categoryId') });
    await expect(async () => {
      await titleBox.fill(title);
      await categoryBox.fill(categoryName);
      await page.getByRole('option', { name: `美妆个护 › ${categoryName}` }).click();
      await expect(titleBox).toHaveValue(title, { timeout: 500 });
      await expect(categoryBox).toHaveValue(`美妆个护 › ${categoryName}`, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    // A description with a bold phrase, typed in the rich-text editor (loaded on demand).
    const description = page.getByRole('textbox', {
      name: t('resources.products.fields.description'),
      exact: true,
    });
    await description.click();
    await page.keyboard.type('纯棉短袖，');
    await page.getByRole('button', { name: t('resources.products.editor.bold') }).click();
    await page.keyboard.type('透气不闷');
    await expect(description.locator('strong')).toHaveText('透气不闷');
    const addSpec = page.getByRole('button', { name: t('ra.action.add') });
    const specNames = page.getByRole('textbox', { name: t('resources.products.spec.name') });
    const specValues = page.getByRole('textbox', { name: t('resources.products.spec.values') });
    await addSpec.click();
    await expect(specNames).toHaveCount(1);
    await addSpec.click();
    await expect(specNames).toHaveCount(2);
    await specNames.nth(0).fill('颜色');
    await specValues.nth(0).fill('红, 蓝');
    await specNames.nth(1).fill('尺码');
    await specValues.nth(1).fill('S，M，L');
    await page.getByRole('button', { name: t('resources.products.actions.generate_skus') }).click();

    const labels = page.getByRole('textbox', { name: t('resources.products.sku.specValues'), exact: true });
    await expect(labels).toHaveCount(6);
    for (const [i, sku] of skus.entries()) {
      await expect(labels.nth(i)).toHaveValue(sku.label);
      await page
        .getByRole('textbox', { name: t('resources.products.sku.code') })
        .nth(i)
        .fill(sku.code);
      await page
        .getByRole('textbox', { name: t('resources.products.sku.price') })
        .nth(i)
        .fill(sku.price);
      await page
        .getByRole('spinbutton', { name: t('resources.products.sku.stock'), exact: true })
        .nth(i)
        .fill(String(sku.stock));
    }
    await page.getByRole('button', { name: t('ra.action.save') }).click();

    // Its page: six SKUs, prices in ¥, a draft.
    await expect(page).toHaveURL(/#\/products\/\d+\/show$/);
    const productId = Number(/#\/products\/(\d+)\/show/.exec(page.url())?.[1]);
    const productUrl = `/#/products/${productId}/show`;
    await expect(page.getByText(title, { exact: true })).toBeVisible();
    await expect(statusChip(page)).toHaveText(status('draft'));
    for (const sku of skus) {
      const row = skuRow(page, sku.code);
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(sku.label);
      await expect(row).toContainText(`¥${sku.price}`);
      await expect(row).toContainText(String(sku.stock));
    }
    await expect(page.getByText(`¥${skus[0]?.price} – ¥${skus[5]?.price}`)).toBeVisible();
    await expect(page.getByText('颜色: 红 / 蓝；尺码: S / M / L')).toBeVisible();
    await expect(page.locator('strong', { hasText: '透气不闷' })).toBeVisible();
    await expect(page.getByText('纯棉短袖，')).toBeVisible();

    // Images: none yet; two PNGs become two thumbnails in order, the first is the main one.
    const images = gallery(page);
    await expect(images).toContainText(t('resources.products.images.empty'));
    const picker = images.locator('input[type="file"]');
    await picker.setInputFiles([fixture('red.png'), fixture('blue.png')]);
    await expect(
      notification(page, t('resources.products.images.uploaded', { smart_count: 2 })),
    ).toBeVisible();
    const thumbnails = images.getByRole('listitem');
    await expect(thumbnails).toHaveCount(2);
    await expect(thumbnails.nth(0).getByRole('img')).toHaveAttribute('alt', 'red.png');
    await expect(thumbnails.nth(1).getByRole('img')).toHaveAttribute('alt', 'blue.png');
    await expect(thumbnails.nth(0)).toContainText(t('resources.products.images.main'));
    await expect(thumbnails.nth(1)).not.toContainText(t('resources.products.images.main'));
    // Really served: the browser decoded the 16×16 file.
    const naturalWidth = (img: unknown) => (img as { naturalWidth: number }).naturalWidth;
    await expect.poll(() => thumbnails.nth(1).getByRole('img').evaluate(naturalWidth)).toBe(16);

    // A text file and an oversized PNG: refused in the browser with the reason, nothing sent.
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/products/${productId}/images`))
        uploads.push(request.url());
    });
    await picker.setInputFiles([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') },
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(MAX_IMAGE_BYTES + 1) },
    ]);
    await expect(
      images
        .getByRole('alert')
        .filter({ hasText: t('resources.products.images.wrong_type', { name: 'notes.txt' }) }),
    ).toBeVisible();
    await expect(
      images.getByRole('alert').filter({
        hasText: t('resources.products.images.too_large', { name: 'huge.png', size: 701, maxKb: 700 }),
      }),
    ).toBeVisible();
    await expect(thumbnails).toHaveCount(2);
    const stored = await page.request.get(`/api/products/${productId}/images`);
    expect(((await stored.json()) as { data: { filename: string }[] }).data.map((i) => i.filename)).toEqual([
      'red.png',
      'blue.png',
    ]);
    expect(uploads).toEqual([]);

    // Blue moves to the front and becomes the main image (kept after a reload).
    await thumbnails
      .nth(1)
      .getByRole('button', { name: t('resources.products.images.move_before', { name: 'blue.png' }) })
      .click();
    await expect(notification(page, t('resources.products.images.moved'))).toBeVisible();
    await page.reload();
    await expect(thumbnails.nth(0).getByRole('img')).toHaveAttribute('alt', 'blue.png');
    await expect(thumbnails.nth(0)).toContainText(t('resources.products.images.main'));
    await expect(thumbnails.nth(1).getByRole('img')).toHaveAttribute('alt', 'red.png');

    // Deleting asks first; the other image stays.
    await thumbnails
      .nth(0)
      .getByRole('button', { name: t('resources.products.images.delete', { name: 'blue.png' }) })
      .click();
    const deleteDialog = page.getByRole('dialog');
    await expect(deleteDialog).toContainText(
      t('resources.products.images.delete_title', { name: 'blue.png' }),
    );
    await deleteDialog.getByRole('button', { name: t('ra.action.confirm') }).click();
    await expect(notification(page, t('resources.products.images.deleted'))).toBeVisible();
    await expect(thumbnails).toHaveCount(1);
    await expect(thumbnails.nth(0).getByRole('img')).toHaveAttribute('alt', 'red.png');
    await expect(thumbnails.nth(0)).toContainText(t('resources.products.images.main'));
    await page.screenshot({ path: testInfo.outputPath('product-draft.png'), fullPage: true });

    await page.getByRole('button', { name: workflow('submit') }).click();
    await expect(notification(page, workflow('done.submit'))).toBeVisible();
    await expect(statusChip(page)).toHaveText(status('pending_review'));
    await expect(page.getByRole('button', { name: workflow('submit') })).toHaveCount(0);

    // 2. The admin, in a browser of their own, may only approve or reject; approves.
    const adminContext = await browser.newContext({ storageState: storageStateOf('admin') });
    try {
      const adminPage = await adminContext.newPage();
      await adminPage.goto(productUrl);
      await expect(statusChip(adminPage)).toHaveText(status('pending_review'));
      await expect(adminPage.getByRole('button', { name: workflow('approve') })).toBeVisible();
      await expect(adminPage.getByRole('button', { name: workflow('reject') })).toBeVisible();
      for (const other of allWorkflowButtons.filter((name) => name !== 'approve' && name !== 'reject'))
        await expect(adminPage.getByRole('button', { name: workflow(other), exact: true })).toHaveCount(0);
      await adminPage.getByRole('button', { name: workflow('approve') }).click();
      await expect(notification(adminPage, workflow('done.approve'))).toBeVisible();
      await expect(statusChip(adminPage)).toHaveText(status('inactive'));
    } finally {
      await adminContext.close();
    }

    // 3. The operator: approved, not yet on sale; puts it on the shelf (and can take it off).
    await page.reload();
    await expect(statusChip(page)).toHaveText(status('inactive'));
    await expect(page.getByRole('button', { name: workflow('approve') })).toHaveCount(0);
    await page.getByRole('button', { name: workflow('on_shelf'), exact: true }).click();
    await expect(notification(page, workflow('done.on_shelf'))).toBeVisible();
    await expect(statusChip(page)).toHaveText(status('active'));
    await page.getByRole('button', { name: workflow('off_shelf'), exact: true }).click();
    const confirmDialog = page.getByRole('dialog');
    await expect(confirmDialog).toContainText(t('resources.products.workflow.off_shelf_title', { title }));
    await confirmDialog.getByRole('button', { name: t('ra.action.confirm') }).click();
    await expect(statusChip(page)).toHaveText(status('inactive'));
    await page.getByRole('button', { name: workflow('on_shelf'), exact: true }).click();
    await expect(statusChip(page)).toHaveText(status('active'));

    // Stock of the second SKU +5, with a note.
    const target = skus[1];
    if (!target) throw new Error('no second SKU');
    const note = `e2e 入库 ${suffix}`;
    const adjust = async (delta: number, withNote?: string) => {
      await skuRow(page, target.code)
        .getByRole('button', { name: t('resources.products.stock.adjust') })
        .click();
      const dialog = page.getByRole('dialog', {
        name: t('resources.products.stock.title', { code: target.code }),
      });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('spinbutton', { name: t('resources.products.stock.delta') }).fill(String(delta));
      if (withNote)
        await dialog.getByRole('textbox', { name: t('resources.products.stock.note') }).fill(withNote);
      await dialog.getByRole('button', { name: t('ra.action.confirm') }).click();
      return dialog;
    };
    const stockCell = (page: Page) => skuRow(page, target.code).getByRole('cell').nth(4);
    await expect(stockCell(page)).toHaveText(String(target.stock));
    const added = await adjust(5, note);
    await expect(
      notification(page, t('resources.products.stock.done', { stock: target.stock + 5 })),
    ).toBeVisible();
    await expect(added).toBeHidden();
    await expect(stockCell(page)).toHaveText(String(target.stock + 5));

    // −10000: refused in the dialog, nothing changes.
    const refusal = page.waitForResponse(
      (response) => response.url().includes('/stock-adjustments') && response.request().method() === 'POST',
    );
    const refused = await adjust(-10000);
    expect((await refusal).status()).toBeGreaterThanOrEqual(400);
    await expect(
      refused.getByText(t('resources.products.stock.insufficient', { stock: target.stock + 5 })),
    ).toBeVisible();
    await refused.getByRole('button', { name: t('ra.action.cancel') }).click();
    await expect(refused).toBeHidden();
    await page.reload();
    await expect(stockCell(page)).toHaveText(String(target.stock + 5));

    // The stock ledger of this product: six opening-stock lines from the creation, and the +5.
    await page.goto(`/#/inventory-movements?filter=${encodeURIComponent(JSON.stringify({ productId }))}`);
    await expect(page.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(7);
    const ledgerRows = page.getByRole('row').filter({ hasText: note });
    await expect(ledgerRows).toHaveCount(1);
    await expect(ledgerRows).toContainText(target.code);
    await expect(ledgerRows.getByRole('cell').nth(3)).toHaveText('+5');
    await expect(ledgerRows.getByRole('cell').nth(4)).toHaveText(String(target.stock + 5));
    await expect(ledgerRows).toContainText(t('resources.inventory-movements.reasons.manual_adjust'));
    await expect(ledgerRows).toContainText('operator');
    await expect(ledgerRows).toContainText(title);
  });
});

/** Opens the product list and the first product; nothing that writes is offered. Returns the product id. */
async function browseReadOnly(page: Page): Promise<number> {
  await page.goto('/#/products');
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole('link', { name: t('ra.action.create') })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await rows.first().getByRole('cell').nth(1).click();
  await expect(page).toHaveURL(/#\/products\/\d+\/show$/);
  const id = Number(/#\/products\/(\d+)\/show/.exec(page.url())?.[1]);
  await expect(page.getByRole('link', { name: t('ra.action.list') })).toBeVisible();
  await expect(statusChip(page)).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('link', { name: t('ra.action.edit') })).toHaveCount(0);
  await expect(page.getByRole('button', { name: t('resources.products.stock.adjust') })).toHaveCount(0);
  // The demo product's image is shown, but there is nothing to upload or delete.
  await expect(gallery(page).getByRole('img').first()).toBeVisible();
  await expect(gallery(page).getByText(t('resources.products.images.upload'))).toHaveCount(0);
  await expect(gallery(page).getByRole('button')).toHaveCount(0);
  for (const name of allWorkflowButtons)
    await expect(page.getByRole('button', { name: workflow(name), exact: true })).toHaveCount(0);
  return id;
}

for (const role of ['manager', 'customer_service'] as const satisfies readonly Role[]) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });

    test('sees products but is offered no create, edit, workflow or stock action', async ({ page }) => {
      const id = await browseReadOnly(page);
      if (role === 'customer_service') {
        const response = await page.request.post(`/api/products/${id}/off-shelf`, {
          data: {},
          headers: { origin: baseURL },
        });
        expect(response.status()).toBe(403);
        const adjust = await page.request.post('/api/skus/1/stock-adjustments', {
          data: { delta: 1, reason: 'manual_adjust' },
          headers: { origin: baseURL },
        });
        expect(adjust.status()).toBe(403);
      }
    });
  });
}
