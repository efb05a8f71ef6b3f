/**
 * The product list sorted by figures derived from the SKUs (lowest price, total stock,
 * low-stock SKUs): the order, ties broken by id in the same direction, stable paging, and the
 * figures following stock changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let operator: string;
let categoryId: number;
/** Product ids by name, in creation (id) order. */
const ids: Record<string, number> = {};
const skuIds: Record<string, number> = {};

let serial = 0;
/** A product with one SKU per (price, stock) pair. */
async function product(name: string, skus: [number, number][]) {
  const values = skus.map((_, i) => `款${i + 1}`);
  const created = await createProduct(t, operator, categoryId, {
    title: `排序 ${name}`,
    specDimensions: [{ name: '款式', values }],
    skus: skus.map(([price, stock], i) => ({
      specValues: [values[i]],
      code: `SORT-${Date.now().toString(36)}-${serial++}`,
      price,
      stock,
    })),
  });
  ids[name] = created.id;
  skuIds[name] = created.skus[0].id;
}

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '排序测试')).id;
  await product('P1', [
    [5000, 3],
    [8000, 4],
  ]);
  await product('P2', [[5000, 7]]);
  await product('P3', [
    [3000, 0],
    [9000, 1],
  ]);
  await product('P4', [[12000, 20]]);
  await product('P5', [[5000, 2]]);
});
afterAll(() => t.close());

async function list(sort: string, order: 'ASC' | 'DESC', page = 1, perPage = 25) {
  const params = new URLSearchParams({
    sort,
    order,
    page: String(page),
    perPage: String(perPage),
    filter: JSON.stringify({ categoryId }),
  });
  const res = await t.request(`/api/products?${params}`, { cookie: operator });
  expect(res.status).toBe(200);
  return res.body as { data: { id: number; minPrice: number; totalStock: number }[]; total: number };
}

const names = (rows: { id: number }[]) =>
  rows.map((row) => Object.keys(ids).find((name) => ids[name] === row.id));

describe('product list sorted by derived figures', () => {
  it('sorts by lowest price, ties by id in the same direction', async () => {
    expect(names((await list('minPrice', 'ASC')).data)).toEqual(['P3', 'P1', 'P2', 'P5', 'P4']);
    expect(names((await list('minPrice', 'DESC')).data)).toEqual(['P4', 'P5', 'P2', 'P1', 'P3']);
    const page = await list('minPrice', 'ASC');
    expect(page.data.map((p) => p.minPrice)).toEqual([3000, 5000, 5000, 5000, 12000]);
  });

  it('sorts by total stock and by low-stock SKUs, ties by id', async () => {
    expect(names((await list('totalStock', 'DESC')).data)).toEqual(['P4', 'P2', 'P1', 'P5', 'P3']);
    expect(names((await list('totalStock', 'ASC')).data)).toEqual(['P3', 'P5', 'P1', 'P2', 'P4']);
    // Only P3 has a SKU at or under its threshold (0 in stock, threshold 0).
    expect(names((await list('lowStockSkuCount', 'DESC')).data)).toEqual(['P3', 'P5', 'P4', 'P2', 'P1']);
  });

  it('pages through a sort with ties without losing or repeating a product', async () => {
    for (const [sort, order] of [
      ['minPrice', 'ASC'],
      ['minPrice', 'DESC'],
      ['totalStock', 'DESC'],
    ] as const) {
      const whole = (await list(sort, order)).data.map((p) => p.id);
      const paged: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const { data, total } = await list(sort, order, page, 2);
        expect(total).toBe(5);
        paged.push(...data.map((p) => p.id));
      }
      expect(paged).toEqual(whole);
    }
  });

  it('follows stock changes: the figures live with the SKUs', async () => {
    const res = await post(t, operator, `/api/skus/${skuIds.P5}/stock-adjustments`, {
      delta: 30,
      reason: 'manual_adjust',
    });
    expect(res.status).toBe(201);
    const { data } = await list('totalStock', 'DESC');
    expect(names(data)).toEqual(['P5', 'P4', 'P2', 'P1', 'P3']);
    expect(data[0]?.totalStock).toBe(32);
    const low = await t.request(
      `/api/products?filter=${encodeURIComponent(JSON.stringify({ categoryId, lowStock: true }))}`,
      { cookie: operator },
    );
    expect(names(low.body.data)).toEqual(['P3']);
  });

  it('refuses a sort outside the list', async () => {
    const res = await t.request('/api/products?sort=cost', { cookie: operator });
    expect(res.status).toBe(400);
  });
});

describe.runIf(onPostgres)('figures under parallel stock changes on PostgreSQL', () => {
  it('keeps the total stock exact when the SKUs of one product change at once', async () => {
    const other = (await createCategory(t, operator, '并发合计')).id;
    const created = await createProduct(t, operator, other); // six SKUs, 10 each
    const skus: { id: number }[] = created.skus;
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        post(t, operator, `/api/skus/${skus[i % skus.length]?.id}/stock-adjustments`, {
          delta: 1 + (i % 3),
          reason: 'manual_adjust',
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const added = Array.from({ length: 24 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
    const read = await t.request(`/api/products/${created.id}`, { cookie: operator });
    const sum = (read.body.data.skus as { stock: number }[]).reduce((a, s) => a + s.stock, 0);
    expect(sum).toBe(60 + added);
    expect(read.body.data.totalStock).toBe(60 + added);
  });
});
