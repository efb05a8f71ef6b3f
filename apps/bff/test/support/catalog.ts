/** Building blocks for catalog tests: a category chain and a product with a 颜色 × 尺码 grid. */
import type { TestContext } from './context.js';

let serial = 0;
const unique = () => `${Date.now().toString(36)}${(serial++).toString(36)}`.toUpperCase();

export async function createCategory(t: TestContext, cookie: string, name: string, parentId?: number) {
  const res = await t.request('/api/categories', {
    cookie,
    body: { name, ...(parentId ? { parentId } : {}) },
  });
  if (res.status !== 201) throw new Error(`category ${name}: ${res.status} ${res.text}`);
  return res.body.data as { id: number; level: number; version: number; path: string[]; pathIds: number[] };
}

/** A 2 × 3 grid (红/蓝 × S/M/L), every SKU priced and stocked. */
export function productInput(categoryId: number, overrides: Record<string, unknown> = {}) {
  const prefix = unique();
  const colours = ['红', '蓝'];
  const sizes = ['S', 'M', 'L'];
  return {
    title: `纯棉 T 恤 ${prefix}`,
    subtitle: '夏季新款',
    categoryId,
    brand: '思语',
    descriptionHtml: '<p>柔软<strong>透气</strong></p>',
    specDimensions: [
      { name: '颜色', values: colours },
      { name: '尺码', values: sizes },
    ],
    skus: colours.flatMap((c, i) =>
      sizes.map((s, j) => ({
        specValues: [c, s],
        code: `T-${prefix}-${i}${j}`,
        price: 9900 + j * 1000,
        originalPrice: 12900,
        cost: 4000,
        stock: 10,
        lowStockThreshold: 3,
        weightGrams: 200,
        barcode: `69${prefix}${i}${j}`,
      })),
    ),
    ...overrides,
  };
}

export async function createProduct(
  t: TestContext,
  cookie: string,
  categoryId: number,
  overrides: Record<string, unknown> = {},
) {
  const res = await t.request('/api/products', { cookie, body: productInput(categoryId, overrides) });
  if (res.status !== 201) throw new Error(`product: ${res.status} ${res.text}`);
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON record.
  return res.body.data as any;
}

export const post = (t: TestContext, cookie: string, path: string, body: unknown = {}) =>
  t.request(path, { cookie, body });

export const patch = (
  t: TestContext,
  cookie: string,
  path: string,
  version: number | undefined,
  body: unknown,
) =>
  t.request(path, {
    method: 'PATCH',
    cookie,
    body,
    headers: version === undefined ? {} : { 'if-match': String(version) },
  });
