/**
 * The CSV export follows the list's sort: more products than one export batch, with tied and
 * microsecond timestamps, come out in exactly the order of GET /api/products, each once.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categoryId: number;
const COUNT = 450; // more than two export batches of 200
let withSkus: Set<number>;

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '导出排序')).id;
  const base = new Date(Date.UTC(2026, 0, 1)).toISOString();
  // Seven distinct instants a few microseconds apart: many ties, and precision a JS Date lacks.
  const instant = (i: number) => sql<Date>`${base}::timestamptz + make_interval(secs => ${i % 7} * 0.000003)`;
  const products = await t.db
    .insertInto('products')
    .values(
      Array.from({ length: COUNT }, (_, i) => ({
        title: `排序商品 ${String(i % 37).padStart(2, '0')}`,
        categoryId,
        status: i % 3 === 0 ? 'active' : 'draft',
        specDimensions: JSON.stringify([]),
        createdAt: instant(i),
        updatedAt: instant(i + 3),
      })),
    )
    .returning('id')
    .execute();
  // Every tenth product has no SKU (no price: NULL in the price sort), the others one or two.
  const skus = products.flatMap((p, i) =>
    i % 10 === 0
      ? []
      : Array.from({ length: 1 + (i % 2) }, (_, j) => ({
          productId: p.id,
          code: `SORT-${i}-${j}`,
          specValues: JSON.stringify([]),
          price: 100 + (i % 13) * 10 + j,
          stock: i % 5,
          updatedAt: new Date(),
        })),
  );
  await t.db.insertInto('skus').values(skus).execute();
  withSkus = new Set(products.filter((_, i) => i % 10 !== 0).map((p) => p.id));
});
afterAll(() => t.close());

const filter = () => encodeURIComponent(JSON.stringify({ categoryId }));

/** Product ids of the export, in file order. */
async function exportedIds(sort: string, order: string): Promise<number[]> {
  const res = await t.request(`/api/products/export.csv?filter=${filter()}&sort=${sort}&order=${order}`, {
    cookie: operator,
  });
  expect(res.status).toBe(200);
  return res.text
    .trimEnd()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => Number(line.split(',')[0]))
    .filter((id, i, ids) => ids[i - 1] !== id); // one entry per product
}

async function listedIds(sort: string, order: string): Promise<number[]> {
  const res = await t.request(`/api/products?filter=${filter()}&sort=${sort}&order=${order}&perPage=500`, {
    cookie: operator,
  });
  expect(res.status).toBe(200);
  return res.body.data.map((p: { id: number }) => p.id);
}

describe('CSV export order', () => {
  it.each([
    ['createdAt', 'DESC'],
    ['createdAt', 'ASC'],
    ['updatedAt', 'DESC'],
    ['title', 'ASC'],
    ['status', 'DESC'],
    ['id', 'DESC'],
    ['minPrice', 'DESC'],
    ['minPrice', 'ASC'],
    ['totalStock', 'ASC'],
  ])('sorted by %s %s, is the list order, every product with SKUs once', async (sort, order) => {
    const listed = await listedIds(sort, order);
    expect(listed).toHaveLength(COUNT);
    const exported = await exportedIds(sort, order);
    // A product without SKUs has no row in the export.
    expect(exported).toEqual(listed.filter((id) => withSkus.has(id)));
  });

  it('without a sort is by id, and refuses a sort the list does not offer', async () => {
    const exported = await exportedIds('id', 'ASC');
    expect(exported).toEqual([...exported].sort((a, b) => a - b));
    const plain = await t.request(`/api/products/export.csv?filter=${filter()}`, { cookie: operator });
    expect(plain.text).toBe(
      (await t.request(`/api/products/export.csv?filter=${filter()}&sort=id&order=ASC`, { cookie: operator }))
        .text,
    );
    const bad = await t.request(`/api/products/export.csv?sort=price`, { cookie: operator });
    expect(bad.status).toBe(400);
  });
});
