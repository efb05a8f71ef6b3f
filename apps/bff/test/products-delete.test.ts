import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStoreFor } from '../src/lib/file-store.js';
import { encodePng } from '../src/lib/png.js';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '删除测试')).id;
});
afterAll(() => t.close());

const png = encodePng(4, 4, () => [0, 128, 0]);
const remove = (id: number, cookie = operator) =>
  t.request(`/api/products/${id}`, { method: 'DELETE', cookie });
const exists = async (id: number) =>
  (await t.db.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
const inStatus = async (status: 'pending_review' | 'active' | 'inactive' | 'rejected') => {
  const product = await createProduct(t, operator, categoryId);
  await t.db.updateTable('products').set({ status }).where('id', '=', product.id).execute();
  return product;
};

describe('deleting a product', () => {
  it('removes a draft with its SKUs, image rows and files; the ledger and audit trail stay', async () => {
    const product = await createProduct(t, operator, categoryId);
    const image = (
      await post(t, operator, `/api/products/${product.id}/images`, {
        filename: 'a.png',
        contentType: 'image/png',
        dataBase64: png.toString('base64'),
      })
    ).body.data;
    const store = fileStoreFor(t.config);
    expect(await store.get(image.key)).toBeDefined();

    const res = await remove(product.id);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: product.id, title: product.title });
    expect((await t.request(`/api/products/${product.id}`, { cookie: operator })).status).toBe(404);
    const skuIds = product.skus.map((s: { id: number }) => s.id);
    expect(await t.db.selectFrom('skus').select('id').where('id', 'in', skuIds).execute()).toEqual([]);
    expect(
      await t.db.selectFrom('productImages').select('id').where('productId', '=', product.id).execute(),
    ).toEqual([]);
    expect(await store.get(image.key)).toBeUndefined();

    // Ledger: the opening lines stay (unlinked, by code) and the left stock is written off.
    const codes = product.skus.map((s: { code: string }) => s.code);
    const lines = await t.db
      .selectFrom('inventoryMovements')
      .selectAll()
      .where('skuCode', 'in', codes)
      .execute();
    expect(lines).toHaveLength(12);
    expect(lines.every((l) => l.skuId === null && l.productId === null)).toBe(true);
    for (const code of codes) {
      expect(lines.filter((l) => l.skuCode === code).reduce((sum, l) => sum + l.delta, 0)).toBe(0);
    }
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'products')
      .where('resourceId', '=', String(product.id))
      .where('action', '=', 'delete')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ title: product.title, images: [{ key: image.key }] });
    expect((audit.before as { skus: unknown[] }).skus).toHaveLength(6);
    expect((await remove(product.id)).status).toBe(404);
  });

  it('deletes a rejected product, but nothing that went past review', async () => {
    expect((await remove((await inStatus('rejected')).id)).status).toBe(200);
    for (const status of ['pending_review', 'active', 'inactive'] as const) {
      const product = await inStatus(status);
      const res = await remove(product.id);
      expect(res.status, status).toBe(422);
      expect(res.body.error.code).toBe('BUSINESS_RULE');
      expect(await exists(product.id)).toBe(true);
    }
  });

  it('refuses a draft whose SKUs have order movements in the ledger', async () => {
    const product = await createProduct(t, operator, categoryId);
    const sku = product.skus[0];
    await t.db
      .insertInto('inventoryMovements')
      .values({
        skuId: sku.id,
        productId: product.id,
        skuCode: sku.code,
        delta: -1,
        reason: 'order_reserve',
        stockAfter: sku.stock - 1,
        actorName: 'system',
        at: new Date(),
      })
      .execute();
    const res = await remove(product.id);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/order history/);
    expect(await exists(product.id)).toBe(true);
    const skus = await t.db.selectFrom('skus').select('stock').where('productId', '=', product.id).execute();
    expect(skus).toHaveLength(6);
  });

  it('is refused to managers and customer service (403, audited), 404 for no such product', async () => {
    const product = await createProduct(t, operator, categoryId);
    for (const role of ['manager', 'customer_service'] as const) {
      expect((await remove(product.id, await t.login(role))).status).toBe(403);
    }
    expect(await exists(product.id)).toBe(true);
    expect((await remove(999_999_999)).status).toBe(404);
    const admin = await t.login('admin');
    expect((await remove(product.id, admin)).status).toBe(200);
  });
});
