/**
 * Catalog CSV round trip, as an operator: filter the product list, export it (the server's CSV
 * of that filter and sort), change one price in the file and add bad rows, import it through
 * the dialog and follow the job to its end: the good change is applied, each bad row is
 * reported by line and column and changed nothing. Then a stock count through the same dialog,
 * seen in the stock ledger with the reason "import".
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { formatFen, parseYuan, productCsvColumns } from '@siyu/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { storageStateOf } from '../support/accounts';
import { expect, test } from '../support/test';
import { t } from '../support/zh';

const KEYWORD = '小罐茶'; // a handful of demo tea products
const csv = (key: string, values?: Record<string, string | number>) =>
  t(`resources.products.csv.${key}`, values);

type CsvRow = Record<(typeof productCsvColumns)[number], string>;

const bodyRows = (page: Page) => page.locator('tbody tr');

/** Imports a file through the dialog and waits for the job to end; returns the dialog and the job id. */
async function importThroughDialog(
  page: Page,
  kind: 'products' | 'stock',
  name: string,
  content: string,
): Promise<{ dialog: Locator; jobId: number }> {
  await page.getByRole('button', { name: csv('import') }).click();
  const dialog = page.getByRole('dialog', { name: csv('import_title') });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: csv(`kinds.${kind}`) }).check();
  await expect(dialog).toContainText(
    kind === 'products' ? 'title, subtitle, price, original_price' : 'sku_code, stock',
  );
  await dialog.getByLabel(csv('file')).setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(content, 'utf8'),
  });
  await expect(dialog).toContainText(name);
  const queued = page.waitForResponse(
    (response) => response.url().endsWith(`/api/${kind}/import`) && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: csv('start') }).click();
  const response = await queued;
  expect(response.status()).toBe(202);
  const jobId = Number((await response.json()).data.jobId);
  await expect(dialog.getByRole('progressbar', { name: csv('job.progress') })).toBeVisible();
  // The dialog polls GET /api/jobs/{id} until the job ends.
  await expect(dialog.getByRole('status')).toHaveText(csv('job.succeeded'), { timeout: 20_000 });
  return { dialog, jobId };
}

test.describe('catalog CSV as operator', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('exports the filtered list, imports an edited file: good rows applied, bad rows reported', async ({
    page,
  }, testInfo) => {
    test.slow();
    // 1. The list: keyword and the "on sale" tab.
    await page.goto('/#/products');
    await page.getByRole('textbox', { name: t('resources.products.filters.q') }).fill(KEYWORD);
    // The keyword applies after a debounce: wait for it before the tab adds the status.
    const filterOf = () =>
      JSON.parse(new URL(page.url().replace('#/', '')).searchParams.get('filter') ?? '{}');
    await expect.poll(filterOf).toEqual({ q: KEYWORD });
    await page.getByRole('tab', { name: new RegExp(`^${t('resources.products.status.active')}`) }).click();
    await expect.poll(filterOf).toEqual({ q: KEYWORD, status: 'active' });
    const onSale = t('resources.products.status.active');
    await expect(async () => {
      const texts = await bodyRows(page).allTextContents();
      expect(texts.length).toBeGreaterThan(1);
      for (const text of texts) {
        expect(text).toContain(KEYWORD);
        expect(text).toContain(onSale);
      }
    }).toPass({ timeout: 15_000 });
    // The ID column, wherever it stands (a checkbox column comes first for an operator).
    const headers = (await page.locator('thead th').allTextContents()).map((text) => text.trim());
    const idColumn = headers.indexOf(t('resources.products.fields.id')) + 1;
    expect(idColumn).toBeGreaterThan(0);
    const listedIds = (await bodyRows(page).locator(`td:nth-child(${idColumn})`).allTextContents()).map(
      Number,
    );
    expect(listedIds.length).toBeGreaterThan(1);
    expect(listedIds.every((id) => id > 0)).toBe(true);

    // 2. Export: a dated file, UTF-8 with a BOM, the header, exactly the filtered products in list order.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: csv('export') }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^${csv('export_file')}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header, ...records] = parse(text) as string[][];
    expect(header).toEqual([...productCsvColumns]);
    const rows: CsvRow[] = records.map(
      (record) =>
        Object.fromEntries(productCsvColumns.map((column, i) => [column, record[i] ?? ''])) as CsvRow,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.title).toContain(KEYWORD);
      expect(row.status).toBe('active');
    }
    expect([...new Set(rows.map((row) => Number(row.product_id)))]).toEqual(listedIds);

    // 3. Edit the first row: +1.23 on its price and a new product title (the product's other
    // SKU rows keep the old title, as an edited export does). "abc" as the price of a row of
    // another product, and a row with an unknown SKU code.
    const good = rows[0] as CsvRow;
    const badIndex = rows.findIndex((row) => row.product_id !== good.product_id);
    expect(badIndex).toBeGreaterThan(0);
    const bad = rows[badIndex] as CsvRow;
    expect(rows.filter((row) => row.product_id === good.product_id).length).toBeGreaterThan(1);
    const oldGoodPrice = parseYuan(good.price) ?? Number.NaN;
    const oldBadPrice = parseYuan(bad.price) ?? Number.NaN;
    const newGoodPrice = oldGoodPrice + 123;
    const newTitle = `${good.title.slice(0, 80)} 新版${Date.now().toString(36)}`;
    const edited = rows.map((row, i) =>
      i === 0
        ? { ...row, title: newTitle, price: formatFen(newGoodPrice, { symbol: false }).replaceAll(',', '') }
        : i === badIndex
          ? { ...row, price: 'abc' }
          : row,
    );
    edited.push({ ...good, sku_code: 'NO-SUCH-SKU-E2E' });
    const file = stringify(edited, { header: true, columns: [...productCsvColumns] });
    // The header is line 1: data row i is on line i + 2.
    const badPriceLine = badIndex + 2;
    const unknownSkuLine = rows.length + 2;

    // 4. Import through the dialog: progress to the end, counts, the two errors by line and column.
    const { dialog } = await importThroughDialog(page, 'products', 'prices.csv', file);
    await expect(dialog).toContainText(csv('summary', { applied: 1, unchanged: rows.length - 2, failed: 2 }));
    const errors = dialog.getByRole('table', { name: csv('job.errors') });
    const errorRows = errors.locator('tbody tr');
    await expect(errorRows).toHaveCount(2);
    await expect(errorRows.nth(0).getByRole('cell').nth(0)).toHaveText(String(badPriceLine));
    await expect(errorRows.nth(0).getByRole('cell').nth(1)).toHaveText('price');
    await expect(errorRows.nth(0).getByRole('cell').nth(2)).toContainText('abc');
    await expect(errorRows.nth(1).getByRole('cell').nth(0)).toHaveText(String(unknownSkuLine));
    await expect(errorRows.nth(1).getByRole('cell').nth(1)).toHaveText('sku_code');
    await expect(errorRows.nth(1).getByRole('cell').nth(2)).toContainText('NO-SUCH-SKU-E2E');
    await page.screenshot({ path: testInfo.outputPath('import-result.png') });
    await dialog.getByRole('button', { name: t('ra.action.close') }).click();
    await expect(dialog).toBeHidden();

    // 5. The good change is applied, the bad row changed nothing (product page and API agree).
    await expect(page.locator('tbody tr').filter({ hasText: newTitle })).toHaveCount(1); // the list, refreshed
    await page.goto(`/#/products/${good.product_id}/show`);
    const skuRow = (code: string) => page.getByRole('row').filter({ hasText: code });
    await expect(skuRow(good.sku_code)).toContainText(formatFen(newGoodPrice));
    await expect(page.getByText(newTitle, { exact: true }).first()).toBeVisible();
    await page.goto(`/#/products/${bad.product_id}/show`);
    await expect(skuRow(bad.sku_code)).toContainText(formatFen(oldBadPrice));
    const priceOf = async (productId: string, code: string) => {
      const response = await page.request.get(`/api/products/${productId}`);
      const skus = (await response.json()).data.skus as { code: string; price: number }[];
      return skus.find((sku) => sku.code === code)?.price;
    };
    expect(await priceOf(good.product_id, good.sku_code)).toBe(newGoodPrice);
    expect(await priceOf(bad.product_id, bad.sku_code)).toBe(oldBadPrice);

    // 6. A stock count for the first SKU: +7 against the exported stock, a ledger line "import".
    await page.goto('/#/products');
    const counted = Number(good.stock) + 7;
    const stock = await importThroughDialog(
      page,
      'stock',
      'count.csv',
      `sku_code,stock\n${good.sku_code},${counted}\n`,
    );
    await expect(stock.dialog).toContainText(csv('summary', { applied: 1, unchanged: 0, failed: 0 }));
    await stock.dialog.getByRole('button', { name: t('ra.action.close') }).click();
    await page.goto(
      `/#/inventory-movements?filter=${encodeURIComponent(JSON.stringify({ productId: Number(good.product_id) }))}`,
    );
    const ledgerRow = page.getByRole('row').filter({ hasText: `job:${stock.jobId}` });
    await expect(ledgerRow).toHaveCount(1);
    await expect(ledgerRow).toContainText(good.sku_code);
    await expect(ledgerRow).toContainText('+7');
    await expect(ledgerRow).toContainText(String(counted));
    await expect(ledgerRow).toContainText(t('resources.inventory-movements.reasons.import'));
  });

  test('refuses a file over 1 MB before sending it', async ({ page }) => {
    await page.goto('/#/products');
    await page.getByRole('button', { name: csv('import') }).click();
    const dialog = page.getByRole('dialog', { name: csv('import_title') });
    await dialog.getByLabel(csv('file')).setInputFiles({
      name: 'huge.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(1_000_001, 'a'),
    });
    await expect(dialog.getByRole('alert')).toHaveText(csv('too_large'));
    await expect(dialog.getByRole('button', { name: csv('start') })).toBeDisabled();
  });
});

for (const role of ['manager', 'customer_service'] as const) {
  test.describe(`catalog CSV as ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });

    test('is offered neither export nor import', async ({ page }) => {
      await page.goto('/#/products');
      await expect(bodyRows(page).first()).toBeVisible();
      await expect(page.getByRole('button', { name: csv('import') })).toHaveCount(0);
      await expect(page.getByRole('button', { name: csv('export') })).toHaveCount(0);
    });
  });
}
