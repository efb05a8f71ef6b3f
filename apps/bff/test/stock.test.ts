import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '库存测试')).id;
});
afterAll(() => t.close());

const adjust = (skuId: number, body: unknown, cookie = operator) =>
  post(t, cookie, `/api/skus/${skuId}/stock-adjustments`, body);
const stockOf = async (skuId: number) =>
  (await t.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock;

describe('stock adjustments', () => {
  it('adds and removes by delta, writes a ledger line and an audit row', async () => {
    const product = await createProduct(t, operator, categoryId);
    const sku = product.skus[0];
    const res = await adjust(sku.id, { delta: 5, reason: 'manual_adjust', note: '盘点补录' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      skuId: sku.id,
      delta: 5,
      stockAfter: 15,
      reason: 'manual_adjust',
      note: '盘点补录',
    });
    expect((await adjust(sku.id, { delta: -15, reason: 'manual_adjust' })).body.data.stockAfter).toBe(0);
    expect(await stockOf(sku.id)).toBe(0);
    const ledger = await t.request(
      `/api/inventory-movements?sort=id&order=ASC&filter=${encodeURIComponent(JSON.stringify({ skuId: sku.id }))}`,
      { cookie: operator },
    );
    expect(ledger.body.data.map((m: { delta: number }) => m.delta)).toEqual([10, 5, -15]);
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('action', '=', 'stock_adjust')
      .where('resourceId', '=', String(sku.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.before, a.after])).toMatchObject([
      [{ stock: 10 }, { stock: 15 }],
      [{ stock: 15 }, { stock: 0 }],
    ]);
  });

  it('refuses to go below zero with 422 INSUFFICIENT_STOCK and changes nothing', async () => {
    const product = await createProduct(t, operator, categoryId);
    const sku = product.skus[1];
    const ledgerBefore = await t.db.selectFrom('inventoryMovements').select('id').execute();
    const res = await adjust(sku.id, { delta: -11, reason: 'manual_adjust' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(await stockOf(sku.id)).toBe(10);
    expect(await t.db.selectFrom('inventoryMovements').select('id').execute()).toHaveLength(
      ledgerBefore.length,
    );
    expect((await adjust(999999, { delta: 1, reason: 'manual_adjust' })).status).toBe(404);
  });

  it('enforces the floor in SQL too (CHECK stock >= 0)', async () => {
    const product = await createProduct(t, operator, categoryId);
    await expect(
      t.db.updateTable('skus').set({ stock: -1 }).where('id', '=', product.skus[0].id).execute(),
    ).rejects.toThrow();
  });

  it('refuses other reasons, zero, floats and unknown fields (400)', async () => {
    const product = await createProduct(t, operator, categoryId);
    const id = product.skus[2].id;
    for (const body of [
      { delta: 1, reason: 'order_reserve' },
      { delta: 0, reason: 'manual_adjust' },
      { delta: 1.5, reason: 'manual_adjust' },
      { delta: '1', reason: 'manual_adjust' },
      { delta: 1, reason: 'manual_adjust', stock: 100 },
      { stock: 100 },
    ]) {
      const res = await adjust(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await stockOf(id)).toBe(10);
  });

  it('filters the ledger by product, reason and date; CS reads, cannot adjust', async () => {
    const product = await createProduct(t, operator, categoryId);
    await adjust(product.skus[0].id, { delta: 2, reason: 'manual_adjust' });
    const filter = (f: Record<string, unknown>) =>
      t.request(`/api/inventory-movements?filter=${encodeURIComponent(JSON.stringify(f))}`, {
        cookie: operator,
      });
    expect((await filter({ productId: product.id })).body.total).toBe(7);
    expect((await filter({ productId: product.id, reason: 'import' })).body.total).toBe(0);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await filter({ productId: product.id, at_gte: future })).body.total).toBe(0);
    expect((await filter({ reason: 'nope' })).status).toBe(400);
    const cs = await t.login('customer_service');
    expect((await t.request('/api/inventory-movements', { cookie: cs })).status).toBe(200);
    expect((await adjust(product.skus[0].id, { delta: 1, reason: 'manual_adjust' }, cs)).status).toBe(403);
  });
});
