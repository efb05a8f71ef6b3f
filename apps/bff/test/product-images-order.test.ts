import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../src/lib/png.js';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '图片排序')).id;
});
afterAll(() => t.close());

const png = encodePng(4, 4, () => [0, 128, 0]).toString('base64');

/** A product with `n` images; returns its id and the image ids in upload order. */
async function productWithImages(n: number) {
  const product = await createProduct(t, operator, categoryId);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await post(t, operator, `/api/products/${product.id}/images`, {
      filename: `${i}.png`,
      contentType: 'image/png',
      dataBase64: png,
    });
    expect(res.status).toBe(201);
    ids.push(res.body.data.id);
  }
  return { productId: product.id as number, ids };
}

const reorder = (productId: number, body: unknown, cookie = operator) =>
  t.request(`/api/products/${productId}/images`, { method: 'PATCH', cookie, body });

const listed = async (productId: number) =>
  (await t.request(`/api/products/${productId}/images`, { cookie: operator })).body.data.map(
    (i: { id: number }) => i.id,
  );

describe('reordering product images', () => {
  it('puts the images in the new order and audits each moved one', async () => {
    const { productId, ids } = await productWithImages(3);
    const [a, b, c] = ids as [number, number, number];
    const res = await reorder(productId, { imageIds: [c, a, b] });
    expect(res.status).toBe(200);
    expect(res.body.data.map((i: { id: number; sortOrder: number }) => [i.id, i.sortOrder])).toEqual([
      [c, 0],
      [a, 1],
      [b, 2],
    ]);
    expect(await listed(productId)).toEqual([c, a, b]);

    const audit = await t.db
      .selectFrom('auditLogs')
      .select(['resourceId', 'action', 'before', 'after'])
      .where('resource', '=', 'product_images')
      .where('action', '=', 'update')
      .where('resourceId', 'in', ids.map(String))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { resourceId: String(c), action: 'update', before: { sortOrder: 2 }, after: { sortOrder: 0 } },
      { resourceId: String(a), action: 'update', before: { sortOrder: 0 }, after: { sortOrder: 1 } },
      { resourceId: String(b), action: 'update', before: { sortOrder: 1 }, after: { sortOrder: 2 } },
    ]);
  });

  it('refuses a list that is not each image exactly once, and changes nothing', async () => {
    const { productId, ids } = await productWithImages(2);
    const [a, b] = ids as [number, number];
    const { ids: foreign } = await productWithImages(1);
    for (const imageIds of [[a], [a, a], [a, b, a], [a, foreign[0]], [b, a, 999_999]]) {
      const res = await reorder(productId, { imageIds });
      expect(res.status, JSON.stringify(imageIds)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields.imageIds).toMatch(/exactly once/);
    }
    for (const body of [{}, { imageIds: [] }, { imageIds: [b, a], extra: 1 }, { imageIds: ['x', a] }]) {
      expect((await reorder(productId, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await listed(productId)).toEqual([a, b]);
  });

  it('is for roles that edit products only, and 404 for an unknown product', async () => {
    const { productId, ids } = await productWithImages(2);
    for (const role of ['customer_service', 'manager'] as const) {
      const cookie = await t.login(role);
      expect((await reorder(productId, { imageIds: [...ids].reverse() }, cookie)).status).toBe(403);
    }
    expect(await listed(productId)).toEqual(ids);
    expect((await reorder(999_999, { imageIds: ids })).status).toBe(404);
  });
});

describe.runIf(onPostgres)('reordering under concurrency', () => {
  const sortOrders = async (productId: number) =>
    (
      (await t.request(`/api/products/${productId}/images`, { cookie: operator })).body.data as {
        sortOrder: number;
      }[]
    ).map((i) => i.sortOrder);

  it('never mixes parallel reorders: one of them wins whole', async () => {
    const { productId, ids } = await productWithImages(4);
    const [a, b, c, d] = ids as [number, number, number, number];
    const orders = [
      [d, c, b, a],
      [b, a, d, c],
      [c, d, a, b],
      [a, c, b, d],
      [d, a, c, b],
      [b, d, a, c],
    ];
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(orders.map((imageIds) => reorder(productId, { imageIds })));
      expect(results.map((r) => r.status)).toEqual(orders.map(() => 200));
      expect(await sortOrders(productId)).toEqual([0, 1, 2, 3]);
      expect(orders.map((o) => JSON.stringify(o))).toContain(JSON.stringify(await listed(productId)));
    }
  });

  it('keeps an upload that races a reorder, last in the gallery', async () => {
    const { productId, ids } = await productWithImages(3);
    const [a, b, c] = ids as [number, number, number];
    const [reordered, upload] = await Promise.all([
      reorder(productId, { imageIds: [c, b, a] }),
      post(t, operator, `/api/products/${productId}/images`, {
        filename: 'late.png',
        contentType: 'image/png',
        dataBase64: png,
      }),
    ]);
    expect(upload.status).toBe(201);
    // After the upload the reorder names three of four images: refused, nothing half-done.
    expect([200, 400]).toContain(reordered.status);
    const now = await listed(productId);
    expect(now).toEqual(
      reordered.status === 200 ? [c, b, a, upload.body.data.id] : [a, b, c, upload.body.data.id],
    );
    expect(await sortOrders(productId)).toEqual([0, 1, 2, 3]);
  });
});
