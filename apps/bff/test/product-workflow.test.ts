import {
  nextProductStatus,
  type ProductStatus,
  type ProductTransition,
  productStatuses,
  productTransitionNames,
} from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, patch, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '流程测试')).id;
});
afterAll(() => t.close());

const verb = (transition: ProductTransition) => transition.replace('_', '-');
const body = (transition: ProductTransition) => (transition === 'reject' ? { reason: '图片不清晰' } : {});
const move = (cookie: string, id: number, transition: ProductTransition) =>
  post(t, cookie, `/api/products/${id}/${verb(transition)}`, body(transition));

/** A product placed in a status directly, to try every transition from there. */
async function productIn(status: ProductStatus) {
  const product = await createProduct(t, operator, categoryId);
  await t.db.updateTable('products').set({ status }).where('id', '=', product.id).execute();
  return product.id as number;
}

describe('every status × every transition through the API (as admin)', () => {
  const cases = productStatuses.flatMap((from) =>
    productTransitionNames.map((name) => [from, name] as const),
  );
  it.each(cases)('from %s, %s', async (from, name) => {
    const id = await productIn(from);
    const auditBefore = await t.countRows('auditLogs');
    const res = await move(admin, id, name);
    const next = nextProductStatus(from, name);
    if (next) {
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe(next);
      expect(await t.countRows('auditLogs')).toBe(auditBefore + 1);
    } else {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
      expect(await t.countRows('auditLogs')).toBe(auditBefore);
    }
    const row = await t.db
      .selectFrom('products')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe(next ?? from);
  });
});

describe('who may move a product', () => {
  it('operator submits, cannot approve (403); admin approves; operator shelves; audited with before/after', async () => {
    const { id } = await createProduct(t, operator, categoryId);
    expect((await move(operator, id, 'submit')).body.data.status).toBe('pending_review');
    const refused = await move(operator, id, 'approve');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await move(operator, id, 'reject')).status).toBe(403);
    expect((await move(admin, id, 'approve')).body.data.status).toBe('inactive');
    expect((await move(operator, id, 'on_shelf')).body.data.status).toBe('active');
    expect((await move(operator, id, 'off_shelf')).body.data.status).toBe('inactive');
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'products')
      .where('resourceId', '=', String(id))
      .where('action', '=', 'approve')
      .executeTakeFirstOrThrow();
    expect(audit.actorRole).toBe('admin');
    expect(audit.before).toMatchObject({ status: 'pending_review' });
    expect(audit.after).toMatchObject({ status: 'inactive' });
  });

  it('customer service and managers can move nothing (403)', async () => {
    const id = await productIn('pending_review');
    for (const role of ['customer_service', 'manager'] as const) {
      const cookie = await t.login(role);
      for (const name of productTransitionNames) expect((await move(cookie, id, name)).status).toBe(403);
    }
  });

  it('reject needs a reason; the reason stays until the product is resubmitted', async () => {
    const id = await productIn('pending_review');
    const noReason = await post(t, admin, `/api/products/${id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toBeTruthy();
    const rejected = await move(admin, id, 'reject');
    expect(rejected.body.data).toMatchObject({ status: 'rejected', rejectReason: '图片不清晰' });
    const draft = await move(operator, id, 'revise');
    expect(draft.body.data).toMatchObject({ status: 'draft', rejectReason: '图片不清晰' });
    const resubmitted = await move(operator, id, 'submit');
    expect(resubmitted.body.data).toMatchObject({ status: 'pending_review', rejectReason: null });
  });
});

describe('an active product stays sellable', () => {
  it('cannot be approved or shelved with a SKU priced 0 (422)', async () => {
    const product = await createProduct(t, operator, categoryId);
    await t.db.updateTable('skus').set({ price: 0 }).where('id', '=', product.skus[1].id).execute();
    await t.db
      .updateTable('products')
      .set({ status: 'pending_review' })
      .where('id', '=', product.id)
      .execute();
    const res = await move(admin, product.id, 'approve');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('BUSINESS_RULE');
  });

  it('cannot be edited to a price of 0 or lose its last SKU; may lose one of several', async () => {
    const product = await createProduct(t, operator, categoryId);
    await t.db.updateTable('products').set({ status: 'active' }).where('id', '=', product.id).execute();
    const path = `/api/products/${product.id}`;
    const zero = await patch(t, operator, path, 1, { skus: [{ id: product.skus[0].id, price: 0 }] });
    expect(zero.status).toBe(422);
    expect(zero.body.error.fields['skus.0.price']).toBeTruthy();
    const allIds = product.skus.map((s: { id: number }) => s.id);
    // Only SKUs out of stock can be removed (products-edit-grid.test.ts).
    await t.db.updateTable('skus').set({ stock: 0 }).where('productId', '=', product.id).execute();
    const none = await patch(t, operator, path, 1, { removeSkuIds: allIds });
    expect(none.status).toBe(422);
    expect(none.body.error.fields.removeSkuIds).toBeTruthy();
    const some = await patch(t, operator, path, 1, {
      specDimensions: [
        { name: '颜色', values: ['红'] },
        { name: '尺码', values: ['S'] },
      ],
      removeSkuIds: allIds.slice(1),
    });
    expect(some.status).toBe(200);
    expect(some.body.data.skuCount).toBe(1);
    // A draft may be priced 0 while it is being prepared.
    const draft = await createProduct(t, operator, categoryId);
    const draftZero = await patch(t, operator, `/api/products/${draft.id}`, 1, {
      skus: [{ id: draft.skus[0].id, price: 0 }],
    });
    expect(draftZero.status).toBe(200);
  });
});

describe('bulk shelf actions', () => {
  it('answer one result per id', async () => {
    const active = await productIn('active');
    const inactive = await productIn('inactive');
    const res = await post(t, operator, '/api/products/bulk/off-shelf', { ids: [active, inactive, 999999] });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { id: active, ok: true },
      { id: inactive, ok: false, error: { code: 'ILLEGAL_TRANSITION', message: expect.any(String) } },
      { id: 999999, ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } },
    ]);
    const on = await post(t, operator, '/api/products/bulk/on-shelf', { ids: [active, inactive] });
    expect(on.body.data.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    expect((await post(t, operator, '/api/products/bulk/on-shelf', { ids: [] })).status).toBe(400);
    const cs = await t.login('customer_service');
    expect((await post(t, cs, '/api/products/bulk/on-shelf', { ids: [active] })).status).toBe(403);
  });
});
