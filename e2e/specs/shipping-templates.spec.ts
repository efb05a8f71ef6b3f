/**
 * Shipping templates in the console: an operator creates a by-piece template with a region
 * rule (上海: 首件 ¥5, 续件 ¥1), gives it to a product on the product's edit page, and the
 * "试算" panel quotes 3 pieces to 上海 at ¥7.00 and refuses 香港, which the template does not
 * deliver to.
 */
import type { Page } from '@playwright/test';
import { storageStateOf } from '../support/accounts';
import { baseURL } from '../support/env';
import { expect, test } from '../support/test';
import { t } from '../support/zh';

test.use({ storageState: storageStateOf('operator') });

const field = (name: string) => t(`resources.shipping-templates.fields.${name}`);
const quoteText = (key: string, values: Record<string, string | number> = {}) =>
  t(`resources.shipping-templates.quote.${key}`, values);

async function pickOption(
  page: Page,
  combobox: ReturnType<Page['getByRole']>,
  typed: string,
  option: string,
) {
  await combobox.click();
  await combobox.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A one-SKU draft product at ¥10 through the API. */
async function createProduct(page: Page, suffix: string) {
  const categories = await page.request.get('/api/categories?page=1&perPage=1');
  const categoryId = (await categories.json()).data[0].id as number;
  const response = await page.request.post('/api/products', {
    headers: { origin: baseURL },
    data: {
      title: `E2E 运费商品 ${suffix}`,
      categoryId,
      skus: [{ specValues: [], code: `SHIP-${suffix}`, price: 1000, stock: 20, weightGrams: 300 }],
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).data as { id: number; title: string; skus: { id: number; code: string }[] };
}

test('an operator creates a template with a region rule, gives it to a product and quotes a fee', async ({
  page,
}) => {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();
  const name = `E2E 快递 ${suffix}`;

  // 1. The template: 首件 ¥8 续件 ¥2 by default, 上海 ¥5 + ¥1, 香港 not delivered to.
  await page.goto('/#/shipping-templates/create');
  await page.getByRole('textbox', { name: field('name') }).fill(name);
  await page.locator('input[name="defaultRule.firstFee"]').fill('8');
  await page.locator('input[name="defaultRule.additionalFee"]').fill('2');
  await page.getByRole('button', { name: t('ra.action.add') }).click();
  await pickOption(
    page,
    page.getByRole('combobox', { name: field('provinces'), exact: true }),
    '上海',
    '上海市',
  );
  await page.locator('input[name="regionRules.0.firstUnits"]').fill('1');
  await page.locator('input[name="regionRules.0.firstFee"]').fill('5');
  await page.locator('input[name="regionRules.0.additionalUnits"]').fill('1');
  await page.locator('input[name="regionRules.0.additionalFee"]').fill('1');
  await pickOption(
    page,
    page.getByRole('combobox', { name: field('undeliverableProvinces'), exact: true }),
    '香港',
    '香港特别行政区',
  );
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/shipping-templates') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: t('ra.action.save') }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const template = (await response.json()).data as { id: number; regionRules: unknown[] };
  expect(template.regionRules).toEqual([
    { provinces: ['310000'], firstUnits: 1, firstFee: 500, additionalUnits: 1, additionalFee: 100 },
  ]);
  await expect(page).toHaveURL(/#\/shipping-templates$/);
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();

  // 2. The product gets it on its edit page.
  const product = await createProduct(page, suffix);
  await page.goto(`/#/products/${product.id}`);
  await pickOption(
    page,
    page.getByRole('combobox', { name: t('resources.shipping-templates.product_field'), exact: true }),
    suffix,
    name,
  );
  await page.getByRole('button', { name: t('ra.action.save') }).click();
  await expect(page).toHaveURL(new RegExp(`#/products/${product.id}/show$`));
  const stored = await page.request.get(`/api/products/${product.id}`);
  expect((await stored.json()).data.shippingTemplateId).toBe(template.id);

  // 3. "试算": 3 pieces to 上海 → ¥5 + 2 × ¥1; to 香港 → not delivered.
  await page.goto('/#/shipping-templates');
  const panel = page.getByTestId('shipping-quote');
  await pickOption(
    page,
    panel.getByRole('combobox', { name: quoteText('product'), exact: true }),
    suffix,
    product.title,
  );
  await panel.getByRole('combobox', { name: quoteText('sku'), exact: true }).click();
  await page.getByRole('option', { name: product.skus[0]?.code as string }).click();
  await panel.getByRole('spinbutton', { name: quoteText('quantity') }).fill('3');
  await pickOption(
    page,
    panel.getByRole('combobox', { name: quoteText('province'), exact: true }),
    '上海',
    '上海市',
  );
  await panel.getByRole('button', { name: quoteText('submit') }).click();
  await expect(panel.getByTestId('shipping-quote-result')).toContainText(quoteText('fee', { fee: '7.00' }));

  await pickOption(
    page,
    panel.getByRole('combobox', { name: quoteText('province'), exact: true }),
    '香港',
    '香港特别行政区',
  );
  await panel.getByRole('button', { name: quoteText('submit') }).click();
  await expect(panel.getByRole('alert')).toContainText(t('siyu.errors.UNDELIVERABLE_REGION'));
});
