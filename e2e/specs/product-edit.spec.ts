/**
 * Editing products after creation: two people saving one product (the second gets the 409
 * message and keeps what was typed), adding a colour to a product's spec grid (its new SKUs
 * appear on the product page) and deleting a draft after confirming.
 */

import type { Page } from '@playwright/test';
import { storageStateOf } from '../support/accounts';
import { baseURL } from '../support/env';
import { expect, test } from '../support/test';
import { notification } from '../support/ui';
import { t } from '../support/zh';

test.use({ storageState: storageStateOf('operator') });

type Created = { id: number; title: string; skus: { code: string }[] };

/** A draft 颜色 × 尺码 product made through the API, as the operator whose page this is. */
async function createDraft(page: Page, colours: string[], sizes: string[]): Promise<Created> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();
  const categories = await page.request.get('/api/categories?page=1&perPage=1');
  const categoryId = (await categories.json()).data[0].id as number;
  const response = await page.request.post('/api/products', {
    headers: { origin: baseURL },
    data: {
      title: `E2E 编辑测试 ${suffix}`,
      categoryId,
      specDimensions: [
        { name: '颜色', values: colours },
        { name: '尺码', values: sizes },
      ],
      skus: colours.flatMap((colour, i) =>
        sizes.map((size) => ({
          specValues: [colour, size],
          code: `PE-${suffix}-${i}-${size}`,
          price: 5900,
          stock: 8,
        })),
      ),
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).data as Created;
}

const titleBox = (page: Page) => page.getByRole('textbox', { name: t('resources.products.fields.title') });
const save = (page: Page) => page.getByRole('button', { name: t('ra.action.save') }).click();

test('the second of two people editing one product gets a conflict and keeps what they typed', async ({
  page,
  browser,
}) => {
  const product = await createDraft(page, ['红'], ['S']);
  const adminContext = await browser.newContext({ storageState: storageStateOf('admin') });
  const other = await adminContext.newPage();
  try {
    for (const p of [page, other]) {
      await p.goto(`/#/products/${product.id}`);
      await expect(titleBox(p)).toHaveValue(product.title);
    }
    await titleBox(page).fill(`${product.title} 运营改`);
    await titleBox(other).fill(`${product.title} 管理员改`);

    await save(page);
    await expect(page).toHaveURL(new RegExp(`#/products/${product.id}/show$`));

    const conflict = other.waitForResponse(
      (r) => r.url().endsWith(`/api/products/${product.id}`) && r.request().method() === 'PATCH',
    );
    await save(other);
    expect((await conflict).status()).toBe(409);
    await expect(notification(other, t('siyu.errors.VERSION_CONFLICT'))).toBeVisible();
    await expect(titleBox(other)).toHaveValue(`${product.title} 管理员改`);
    await expect(other).toHaveURL(new RegExp(`#/products/${product.id}$`));

    const stored = await page.request.get(`/api/products/${product.id}`);
    expect((await stored.json()).data.title).toBe(`${product.title} 运营改`);
  } finally {
    await adminContext.close();
  }
});

test('adding a colour regenerates the grid; the new SKUs appear on the product page', async ({ page }) => {
  const product = await createDraft(page, ['红', '蓝'], ['S', 'M']);
  await page.goto(`/#/products/${product.id}`);
  const specValues = page.getByRole('textbox', { name: t('resources.products.spec.values') });
  await expect(specValues.nth(0)).toHaveValue('红, 蓝');
  await specValues.nth(0).fill('红, 蓝, 黑');
  await page.getByRole('button', { name: t('resources.products.edit.regenerate') }).click();

  const labels = page.getByRole('textbox', { name: t('resources.products.sku.specValues'), exact: true });
  await expect(labels).toHaveCount(6);
  const stock = page.getByRole('spinbutton', { name: t('resources.products.sku.stock'), exact: true });
  // The four existing SKUs keep their place (and their stock, not editable here); the new ones follow.
  await expect(stock.nth(0)).toHaveAttribute('readonly', '');
  const added = [
    { label: '黑 / S', code: `${product.skus[0]?.code}-BK-S` },
    { label: '黑 / M', code: `${product.skus[0]?.code}-BK-M` },
  ];
  for (const [j, sku] of added.entries()) {
    const i = 4 + j;
    await expect(labels.nth(i)).toHaveValue(sku.label);
    await page
      .getByRole('textbox', { name: t('resources.products.sku.code') })
      .nth(i)
      .fill(sku.code);
    await page
      .getByRole('textbox', { name: t('resources.products.sku.price') })
      .nth(i)
      .fill('61.00');
    await stock.nth(i).fill('12');
  }
  // A code the product already uses: the server's error lands inline on that row, nothing is saved.
  const codes = page.getByRole('textbox', { name: t('resources.products.sku.code') });
  await codes.nth(5).fill(product.skus[1]?.code ?? '');
  await save(page);
  await expect(page.getByText('already used by another SKU')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/products/${product.id}$`));
  await codes.nth(5).fill(added[1]?.code ?? '');
  await save(page);

  await expect(page).toHaveURL(new RegExp(`#/products/${product.id}/show$`));
  await expect(page.getByText('颜色: 红 / 蓝 / 黑；尺码: S / M')).toBeVisible();
  for (const sku of added) {
    const row = page.getByRole('row').filter({ hasText: sku.code });
    await expect(row).toContainText(sku.label);
    await expect(row).toContainText('¥61.00');
  }
});

test('a draft is deleted after confirming', async ({ page }) => {
  const product = await createDraft(page, ['白'], ['M']);
  await page.goto(`/#/products/${product.id}`);
  await expect(titleBox(page)).toHaveValue(product.title);
  await page.getByRole('button', { name: t('ra.action.delete'), exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(product.title);
  await dialog.getByRole('button', { name: t('ra.action.confirm') }).click();
  await expect(notification(page, t('resources.products.edit.deleted'))).toBeVisible();
  await expect(page).toHaveURL(/#\/products(\?.*)?$/);
  expect((await page.request.get(`/api/products/${product.id}`)).status()).toBe(404);
});
