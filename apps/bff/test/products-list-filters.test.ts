/**
 * The product list's price range and keyword filters, read from the kept figures and the
 * keyword's ids: exactly "has a SKU priced within [gte, lte]" (products whose range straddles
 * the window included only when a SKU lies inside), the keyword across title, SKU code and
 * barcode, and the total carried by the page (and counted on its own past the end).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, patch } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categoryId: number;
/** Product ids and versions by name. */
const ids: Record<string, number> = {};
const versions: Record<string, number> = {};
const run = Date.now().toString(36).toUpperCase();

let serial = 0;
/** A product with one SKU per price; `codes`/`barcodes` name them when given. */
async function product(
  name: string,
  prices: number[],
  options: { title?: string; codes?: string[]; barcodes?: (string | null)[]; status?: string } = {},
) {
  const values = prices.map((_, i) => `款${i + 1}`);
  const created = await createProduct(t, operator, categoryId, {
    title: options.title ?? `区间 ${name}`,
    specDimensions: [{ name: '款式', values }],
    skus: prices.map((price, i) => ({
      specValues: [values[i]],
      code: options.codes?.[i] ?? `RANGE-${run}-${serial++}`,
      price,
      stock: 5,
      barcode: options.barcodes?.[i] ?? null,
    })),
  });
  ids[name] = created.id;
  versions[name] = created.version;
}

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '筛选测试')).id;
  // Price ranges around a window of [1800, 2200].
  await product('straddles, none inside', [1000, 3000]);
  await product('straddles, one inside', [1000, 2000, 3000]);
  await product('straddles, edges inside', [1800, 900, 2200, 4000]);
  await product('inside', [1900, 2100]);
  await product('low end inside', [1000, 1800]);
  await product('high end inside', [2200, 4000]);
  await product('below', [100, 1799]);
  await product('above', [2201, 5000]);
  await product('straddles wide, none inside', [1600, 2400]);
  // Keyword: title, SKU code prefix, barcode prefix.
  await product('title hit', [500], { title: `玻尿酸精华液 ${run}` });
  await product('code hit', [500], { title: `面霜 ${run}`, codes: [`KW${run}-Alpha-01`] });
  await product('barcode hit', [500, 600], {
    title: `洁面乳 ${run}`,
    barcodes: [null, `BAR${run}77`],
  });
  await product('code in the middle', [500], { title: `乳液 ${run}`, codes: [`X-KW${run}-Alpha`] });
  await product('title and code hit', [500], {
    title: `kw${run}-alpha 礼盒`,
    codes: [`KW${run}-ALPHA-02`],
  });
});
afterAll(() => t.close());

type ListBody = { data: { id: number }[]; total: number };

async function list(filter: Record<string, unknown>, page = 1, perPage = 100): Promise<ListBody> {
  const params = new URLSearchParams({
    sort: 'id',
    order: 'ASC',
    page: String(page),
    perPage: String(perPage),
    filter: JSON.stringify({ categoryId, ...filter }),
  });
  const res = await t.request(`/api/products?${params}`, { cookie: operator });
  expect(res.status, res.text).toBe(200);
  return res.body as ListBody;
}

const named = (body: ListBody) => {
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return body.data.map((p) => byId[p.id]).sort();
};

/** The same question asked of the SKUs directly: products with a SKU priced in the window. */
async function withSkuPriced(gte: number | undefined, lte: number | undefined): Promise<number[]> {
  let query = t.db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.productId')
    .select('skus.productId')
    .distinct()
    .where('products.categoryId', '=', categoryId);
  if (gte !== undefined) query = query.where('skus.price', '>=', gte);
  if (lte !== undefined) query = query.where('skus.price', '<=', lte);
  return (await query.execute()).map((row) => Number(row.productId)).sort((a, b) => a - b);
}

describe('product list: price range', () => {
  it('keeps a product whose range straddles the window only when a SKU is priced inside', async () => {
    const body = await list({ price_gte: 1800, price_lte: 2200 });
    expect(named(body)).toEqual(
      [
        'high end inside',
        'inside',
        'low end inside',
        'straddles, edges inside',
        'straddles, one inside',
      ].sort(),
    );
    expect(body.total).toBe(5);
  });

  it('answers exactly as the SKUs do, for windows inside, across and beyond the ranges', async () => {
    const windows: [number | undefined, number | undefined][] = [
      [1800, 2200],
      [1001, 2999],
      [1000, 1000],
      [2000, 2000],
      [1500, 1700],
      [2300, 2900],
      [0, 99],
      [5000, 5000],
      [1800, undefined],
      [undefined, 1000],
      [4001, undefined],
      [undefined, 99],
    ];
    for (const [gte, lte] of windows) {
      const filter = {
        ...(gte === undefined ? {} : { price_gte: gte }),
        ...(lte === undefined ? {} : { price_lte: lte }),
      };
      const body = await list(filter);
      const expected = await withSkuPriced(gte, lte);
      expect(
        body.data.map((p) => p.id).sort((a, b) => a - b),
        JSON.stringify(filter),
      ).toEqual(expected);
      expect(body.total, JSON.stringify(filter)).toBe(expected.length);
    }
  });
});

describe('product list: keyword', () => {
  it('matches the title anywhere, SKU codes and barcodes by their start, case-insensitively, once each', async () => {
    expect(named(await list({ q: '精华' }))).toEqual(['title hit']);
    // The code starts with it in two products (one of them also by title); in a third it is
    // only in the middle of the code, which does not count.
    const byCode = await list({ q: `kw${run}-alpha` });
    expect(named(byCode)).toEqual(['code hit', 'title and code hit']);
    expect(byCode.total).toBe(2);
    expect(named(await list({ q: `bar${run}` }))).toEqual(['barcode hit']);
    expect(named(await list({ q: `${run}77` }))).toEqual([]);
    expect(named(await list({ q: `KW${run}_ALPHA` }))).toEqual([]);
    expect(named(await list({ q: `乳液 ${run}` }))).toEqual(['code in the middle']);
    // One character.
    expect(named(await list({ q: '液' }))).toEqual(['code in the middle', 'title hit']);
  });

  it('follows a title edit', async () => {
    const saved = await patch(t, operator, `/api/products/${ids['barcode hit']}`, versions['barcode hit'], {
      title: `洁面慕斯 ${run}`,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(named(await list({ q: '慕斯' }))).toEqual(['barcode hit']);
    expect(named(await list({ q: `洁面乳 ${run}` }))).toEqual([]);
  });

  it('combines with the other filters', async () => {
    expect(named(await list({ q: `kw${run}-alpha`, price_gte: 500, price_lte: 500 }))).toEqual([
      'code hit',
      'title and code hit',
    ]);
    expect(named(await list({ q: `kw${run}-alpha`, status: 'active' }))).toEqual([]);
    expect(named(await list({ q: `kw${run}-alpha`, price_gte: 501 }))).toEqual([]);
  });
});

describe('product list: total', () => {
  it('comes with every page, and past the end counts on its own', async () => {
    const all = await list({});
    expect(all.total).toBe(Object.keys(ids).length);
    const second = await list({ price_gte: 1800, price_lte: 2200 }, 2, 2);
    expect(second.data).toHaveLength(2);
    expect(second.total).toBe(5);
    const pastTheEnd = await list({ price_gte: 1800, price_lte: 2200 }, 4, 2);
    expect(pastTheEnd.data).toEqual([]);
    expect(pastTheEnd.total).toBe(5);
    const none = await list({ q: 'no such thing anywhere' });
    expect(none).toEqual({ data: [], total: 0 });
  });
});
