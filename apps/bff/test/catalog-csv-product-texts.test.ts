/**
 * A product's title repeats on each of its SKU rows in the export. Editing it on one row of the
 * exported file must not be undone by the product's other rows, which still hold the old title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { runPendingJobs } from '../src/jobs/runner.js';
import { createLogger } from '../src/lib/logger.js';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let deps: Deps;
let operator: string;
let categoryId: number;

beforeAll(async () => {
  t = await createTestContext();
  deps = { db: t.db, config: t.config, clock: t.clock.now, hasher: t.hasher, logger: createLogger('silent') };
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, 'CSV 标题')).id;
});
afterAll(() => t.close());

/** The product's rows of a fresh export, as CSV lines (header first). */
async function exportedLines(productId: number): Promise<string[]> {
  const filter = encodeURIComponent(JSON.stringify({ categoryId }));
  const res = await t.request(`/api/products/export.csv?filter=${filter}`, { cookie: operator });
  const [header, ...rows] = res.text.trimEnd().split(/\r?\n/);
  return [header as string, ...rows.filter((line) => line.startsWith(`${productId},`))];
}

async function importProducts(csv: string) {
  const queued = await post(t, operator, '/api/products/import', { csv });
  expect(queued.status).toBe(202);
  expect(await runPendingJobs(deps)).toBe(1);
  return (await t.request(`/api/jobs/${queued.body.data.jobId}`, { cookie: operator })).body.data;
}

describe('product import of an edited export', () => {
  it('keeps a title or subtitle edited on one SKU row while the other rows carry the old one', async () => {
    const product = await createProduct(t, operator, categoryId, { title: '旧标题', subtitle: '旧副标题' });
    const [header, first, second, ...rest] = await exportedLines(product.id);
    expect(rest).toHaveLength(4);
    // The first row: a new title; the last: a new subtitle; the second: a new price only.
    const lines = [
      header,
      first?.replace(',旧标题,', ',新标题,'),
      second?.replace(`,${(product.skus[1].price / 100).toFixed(2)},`, ',77.00,'),
      ...rest.slice(0, -1),
      rest.at(-1)?.replace(',旧副标题,', ',新副标题,'),
    ];
    const job = await importProducts(lines.join('\n'));
    expect(job).toMatchObject({
      status: 'succeeded',
      errors: [],
      result: { applied: 3, unchanged: 3, failed: 0 },
    });
    const after = (await t.request(`/api/products/${product.id}`, { cookie: operator })).body.data;
    expect(after).toMatchObject({ title: '新标题', subtitle: '新副标题', version: product.version + 3 });
    expect(after.skus[1].price).toBe(7700);
  });

  it('still applies a title that differs from the current one when no row before it changed it', async () => {
    const product = await createProduct(t, operator, categoryId, { title: '甲' });
    const [header, first] = await exportedLines(product.id);
    const job = await importProducts([header, first?.replace(',甲,', ',乙,')].join('\n'));
    expect(job.result).toMatchObject({ applied: 1, failed: 0 });
    const after = (await t.request(`/api/products/${product.id}`, { cookie: operator })).body.data;
    expect(after.title).toBe('乙');
  });
});
