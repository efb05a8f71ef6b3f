import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, patch, productInput } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categories: { root: number; leaf: number; other: number };
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  const root = await createCategory(t, operator, '服饰');
  const mid = await createCategory(t, operator, '女装', root.id);
  const leaf = await createCategory(t, operator, 'T 恤', mid.id);
  const other = await createCategory(t, operator, '数码');
  categories = { root: root.id, leaf: leaf.id, other: other.id };
});
afterAll(() => t.close());

const list = (filter: Record<string, unknown>, extra = '') =>
  t.request(`/api/products?perPage=100${extra}&filter=${encodeURIComponent(JSON.stringify(filter))}`, {
    cookie: operator,
  });

describe('products', () => {
  it('creates a draft with a 2×3 SKU grid; price range and total stock are derived', async () => {
    const product = await createProduct(t, operator, categories.leaf);
    expect(product).toMatchObject({
      status: 'draft',
      skuCount: 6,
      minPrice: 9900,
      maxPrice: 11900,
      totalStock: 60,
      lowStockSkuCount: 0,
      version: 1,
    });
    expect(product.skus).toHaveLength(6);
    expect(product.skus[0]).toMatchObject({ specValues: ['红', 'S'], price: 9900, cost: 4000, stock: 10 });
    const ledger = await t.request(
      `/api/inventory-movements?filter=${encodeURIComponent(JSON.stringify({ productId: product.id }))}`,
      { cookie: operator },
    );
    expect(ledger.body.total).toBe(6);
    // The first line of each SKU's ledger is its opening stock, a reason of its own.
    expect(ledger.body.data.map((m: { reason: string; delta: number }) => [m.reason, m.delta])).toEqual(
      Array.from({ length: 6 }, () => ['opening_stock', 10]),
    );
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'products')
      .where('resourceId', '=', String(product.id))
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('create');
    expect(audit.after).toMatchObject({ title: product.title });
  });

  it('refuses SKUs that do not match the spec grid (400 with fields)', async () => {
    const input = productInput(categories.leaf);
    const res = await t.request('/api/products', {
      cookie: operator,
      body: { ...input, skus: input.skus.slice(0, 5) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.skus).toMatch(/missing/);
    const dup = await t.request('/api/products', {
      cookie: operator,
      body: { ...input, skus: [...input.skus.slice(0, 5), { ...input.skus[0], code: 'OTHER-1' }] },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields['skus.5.specValues']).toMatch(/twice/);
  });

  it('refuses a SKU code already in use with 409 SKU_CODE_TAKEN', async () => {
    const first = await createProduct(t, operator, categories.leaf);
    const input = productInput(categories.leaf);
    input.skus[2] = {
      ...input.skus[2],
      code: first.skus[0].code.toLowerCase(),
    } as (typeof input.skus)[number];
    const res = await t.request('/api/products', { cookie: operator, body: input });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SKU_CODE_TAKEN');
    expect(res.body.error.fields['skus.2.code']).toBeTruthy();
  });

  it('filters by keyword (title, SKU code, barcode), category with descendants, status, price, low stock, dates', async () => {
    const shirt = await createProduct(t, operator, categories.leaf, { title: '亚麻衬衫 独一无二' });
    const phone = await createProduct(t, operator, categories.other, {
      title: '手机壳',
      specDimensions: [],
      skus: [
        {
          specValues: [],
          code: 'CASE-ZZ-001',
          price: 1500,
          stock: 2,
          lowStockThreshold: 5,
          barcode: 'BC777001',
        },
      ],
    });
    const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((p) => p.id);
    expect(ids(await list({ q: '独一无二' }))).toEqual([shirt.id]);
    expect(ids(await list({ q: 'case-zz' }))).toEqual([phone.id]);
    expect(ids(await list({ q: 'bc777' }))).toEqual([phone.id]);
    expect(ids(await list({ q: '100%_' }))).toEqual([]);
    const byRoot = ids(await list({ categoryId: categories.root }));
    expect(byRoot).toContain(shirt.id);
    expect(byRoot).not.toContain(phone.id);
    expect(ids(await list({ categoryId: categories.other }))).toEqual([phone.id]);
    expect(ids(await list({ status: 'draft', price_lte: 2000 }))).toEqual([phone.id]);
    expect(ids(await list({ price_gte: 11000, price_lte: 12000 }))).toContain(shirt.id);
    expect(ids(await list({ price_gte: 11000, price_lte: 12000 }))).not.toContain(phone.id);
    expect(ids(await list({ lowStock: true }))).toEqual([phone.id]);
    expect(ids(await list({ lowStock: false }))).not.toContain(phone.id);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await list({ createdAt_gte: future })).body.total).toBe(0);
    expect((await list({ createdAt_lte: future })).body.total).toBeGreaterThanOrEqual(2);
    const lowCounter = (await list({ lowStock: true })).body.data[0];
    expect(lowCounter.lowStockSkuCount).toBe(1);
  });

  it('sorts by every whitelisted field and refuses unknown filter keys', async () => {
    for (const sort of ['id', 'title', 'status', 'createdAt', 'updatedAt']) {
      const res = await t.request(`/api/products?sort=${sort}&order=ASC`, { cookie: operator });
      expect(res.status, sort).toBe(200);
    }
    const bad = await list({ price: 1 });
    expect(bad.status).toBe(400);
    const many = await t.request('/api/products?ids=1,2', { cookie: operator });
    expect(many.status).toBe(200);
    expect(many.body.total).toBeUndefined();
  });

  it('edits with If-Match: 428 without, 409 when someone saved first; stock is not editable', async () => {
    const product = await createProduct(t, operator, categories.leaf);
    const path = `/api/products/${product.id}`;
    expect((await patch(t, operator, path, undefined, { title: '新标题' })).status).toBe(428);
    const saved = await patch(t, operator, path, product.version, {
      title: '新标题',
      skus: [{ id: product.skus[0].id, price: 8800 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ title: '新标题', minPrice: 8800, version: product.version + 1 });
    const stale = await patch(t, operator, path, product.version, { title: '第二个人' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const stock = await patch(t, operator, path, product.version + 1, {
      skus: [{ id: product.skus[0].id, stock: 0 }],
    });
    expect(stock.status).toBe(400);
    const foreign = await patch(t, operator, path, product.version + 1, { skus: [{ id: 999999, price: 1 }] });
    expect(foreign.status).toBe(400);
    expect((await t.request(path, { cookie: operator })).body.data.title).toBe('新标题');
  });

  it('sanitises the description: scripts, on* handlers and javascript: URLs go, formatting stays', async () => {
    const html =
      '<h2>详情</h2><p onclick="steal()">柔软<strong>透气</strong><em>舒适</em></p>' +
      '<script>alert(1)</script><img src="https://img.example.com/a.jpg" onerror="alert(2)">' +
      '<a href="javascript:alert(3)">坏链接</a><a href="https://example.com">好链接</a>' +
      '<iframe src="https://evil.example"></iframe><style>body{}</style><ul><li>一</li></ul>';
    const product = await createProduct(t, operator, categories.leaf, { descriptionHtml: html });
    const stored: string = product.descriptionHtml;
    expect(stored).not.toMatch(/script|onclick|onerror|javascript:|iframe|<style/i);
    expect(stored).toContain('<h2>详情</h2>');
    expect(stored).toContain('<strong>透气</strong>');
    expect(stored).toContain('<em>舒适</em>');
    expect(stored).toContain('<img src="https://img.example.com/a.jpg" />');
    expect(stored).toContain('href="https://example.com"');
    expect(stored).toContain('<ul><li>一</li></ul>');
    const edited = await patch(t, operator, `/api/products/${product.id}`, product.version, {
      descriptionHtml: '<p>ok</p><svg onload="x()"></svg><script>1</script>',
    });
    expect(edited.body.data.descriptionHtml).toBe('<p>ok</p>');
  });

  it('is read-only for managers and customer service', async () => {
    for (const role of ['manager', 'customer_service'] as const) {
      const cookie = await t.login(role);
      expect((await t.request('/api/products', { cookie })).status).toBe(200);
      const res = await t.request('/api/products', { cookie, body: productInput(categories.leaf) });
      expect(res.status).toBe(403);
    }
  });
});
