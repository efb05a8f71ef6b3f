import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, patch, productInput } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '恶意输入')).id;
});
afterAll(() => t.close());

const counts = async () => ({
  products: (await t.db.selectFrom('products').select('id').execute()).length,
  skus: (await t.db.selectFrom('skus').select('id').execute()).length,
  categories: (await t.db.selectFrom('categories').select('id').execute()).length,
  audit: await t.countRows('auditLogs'),
});

describe('hostile input on catalog writes', () => {
  it('refuses bad product bodies with 400 and fields, writing nothing', async () => {
    const base = productInput(categoryId);
    const sku = base.skus[0] as Record<string, unknown>;
    const withSku = (change: Record<string, unknown>) => ({
      ...base,
      skus: [{ ...sku, ...change }, ...base.skus.slice(1)],
    });
    const before = await counts();
    const cases: [string, unknown][] = [
      ['unknown field', { ...base, status: 'active' }],
      ['unknown SKU field', withSku({ id: 1 })],
      ['negative price', withSku({ price: -1 })],
      ['float price', withSku({ price: 99.9 })],
      ['price as a string', withSku({ price: '9900' })],
      ['float cost', withSku({ cost: 0.5 })],
      ['negative stock', withSku({ stock: -3 })],
      ['huge price', withSku({ price: 1e16 })],
      ['SQL in the code', withSku({ code: "x'; drop table skus; --" })],
      ['1 MB title', { ...base, title: 'a'.repeat(900_000) }],
      ['too long description', { ...base, descriptionHtml: 'b'.repeat(200_001) }],
      ['no SKUs', { ...base, skus: [] }],
      ['a category id that is not a number', { ...base, categoryId: '1 or 1=1' }],
    ];
    for (const [label, body] of cases) {
      const res = await t.request('/api/products', { cookie: operator, body });
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields ?? {}).length, label).toBeGreaterThan(0);
    }
    const missing = await t.request('/api/products', {
      cookie: operator,
      body: { ...base, categoryId: 999999 },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.categoryId).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  it('answers 413 for a body over 1 MB', async () => {
    const res = await t.request('/api/products', {
      cookie: operator,
      rawBody: JSON.stringify({ ...productInput(categoryId), title: 'x'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses bad category and product edits', async () => {
    const before = await counts();
    for (const body of [
      { name: '' },
      { name: 'x'.repeat(31) },
      { name: '<b>x</b>', level: 1 },
      { parentId: 'x', name: 'a' },
    ]) {
      const res = await t.request('/api/categories', { cookie: operator, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await counts()).toEqual(before);
    const product = await createProduct(t, operator, categoryId);
    const path = `/api/products/${product.id}`;
    for (const body of [
      { status: 'active' },
      { version: 9 },
      { skus: [{ id: product.skus[0].id, price: -5 }] },
      { skus: [{ id: product.skus[0].id, price: 10.5 }] },
      { title: 'y'.repeat(500_000) },
    ]) {
      const res = await patch(t, operator, path, product.version, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    // Nothing above changed the product: the original version still saves.
    expect((await patch(t, operator, path, product.version, { title: '改好了' })).status).toBe(200);
    const ifMatch = await t.request(path, {
      method: 'PATCH',
      cookie: operator,
      body: { title: 'x' },
      headers: { 'if-match': 'abc' },
    });
    expect(ifMatch.status).toBe(400);
  });
});
