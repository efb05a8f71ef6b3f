import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, patch, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '规格编辑')).id;
});
afterAll(() => t.close());

type Sku = { id: number; code: string; specValues: string[]; stock: number; price: number };
const sizes = { name: '尺码', values: ['S', 'M', 'L'] };
const path = (product: { id: number }) => `/api/products/${product.id}`;
const read = async (product: { id: number }) =>
  (await t.request(path(product), { cookie: operator })).body.data;
const skusOf = (product: { skus: Sku[] }, colour: string) =>
  product.skus.filter((s) => s.specValues[0] === colour);
const auditCount = async (id: number) =>
  Number(
    (
      await t.db
        .selectFrom('auditLogs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('resource', '=', 'products')
        .where('resourceId', '=', String(id))
        .executeTakeFirstOrThrow()
    ).n,
  );
const ledger = async (productId: number) =>
  (
    await t.request(
      `/api/inventory-movements?perPage=100&filter=${encodeURIComponent(JSON.stringify({ productId }))}`,
      { cookie: operator },
    )
  ).body.data as { skuCode: string; delta: number; reason: string; note: string | null }[];

const blackSkus = (prefix: string, stock = 5) =>
  ['S', 'M', 'L'].map((size) => ({
    specValues: ['黑', size],
    code: `${prefix}-BK-${size}`,
    price: 9900,
    stock,
  }));

/** The whole state an edit could touch, to show that a refused edit changed nothing. */
const snapshot = async (product: { id: number }) => ({
  product: await read(product),
  audits: await auditCount(product.id),
  ledger: await ledger(product.id),
});

describe('editing the spec grid', () => {
  it('adds a colour: new SKUs 黑/S, 黑/M, 黑/L with their opening stock in the ledger, audited', async () => {
    const product = await createProduct(t, operator, categoryId);
    const specDimensions = [{ name: '颜色', values: ['红', '蓝', '黑'] }, sizes];
    const res = await patch(t, operator, path(product), product.version, {
      specDimensions,
      addSkus: blackSkus(product.skus[0].code),
    });
    expect(res.status).toBe(200);
    const after = res.body.data;
    expect(after).toMatchObject({
      specDimensions,
      skuCount: 9,
      totalStock: 75,
      version: product.version + 1,
    });
    expect(skusOf(after, '黑').map((s: Sku) => [s.specValues[1], s.stock])).toEqual([
      ['S', 5],
      ['M', 5],
      ['L', 5],
    ]);
    const opening = (await ledger(product.id)).filter((m) => m.skuCode.includes('-BK-'));
    expect(opening).toHaveLength(3);
    expect(opening.every((m) => m.delta === 5 && m.reason === 'opening_stock' && m.note === null)).toBe(true);
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'products')
      .where('resourceId', '=', String(product.id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect((audit.before as { skuCount: number }).skuCount).toBe(6);
    expect((audit.after as { skuCount: number }).skuCount).toBe(9);
  });

  it('removes a value only with its SKUs, and only once they are out of stock', async () => {
    const product = await createProduct(t, operator, categoryId);
    const blue = skusOf(product, '蓝');
    const specDimensions = [{ name: '颜色', values: ['红'] }, sizes];
    const before = await snapshot(product);

    const stranded = await patch(t, operator, path(product), product.version, {
      specDimensions,
      removeSkuIds: blue.slice(0, 2).map((s) => s.id),
    });
    expect(stranded.status).toBe(422); // they are in stock: that refusal comes first
    expect(stranded.body.error.fields['removeSkuIds.0']).toMatch(/still has 10 in stock/);
    expect(await snapshot(product)).toEqual(before);

    for (const sku of blue) {
      const adj = await post(t, operator, `/api/skus/${sku.id}/stock-adjustments`, {
        delta: -sku.stock,
        reason: 'manual_adjust',
      });
      expect(adj.status).toBe(201);
    }
    const hole = await patch(t, operator, path(product), product.version, {
      specDimensions,
      removeSkuIds: blue.slice(0, 2).map((s) => s.id),
    });
    expect(hole.status).toBe(400);
    expect(hole.body.error.fields.specDimensions).toMatch(new RegExp(`${blue[2]?.code} \\(蓝/L\\)`));

    const ok = await patch(t, operator, path(product), product.version, {
      specDimensions,
      removeSkuIds: blue.map((s) => s.id),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ specDimensions, skuCount: 3, totalStock: 30 });
    // The ledger keeps the removed SKUs' lines, by code.
    expect((await ledger(product.id)).filter((m) => m.skuCode === blue[0]?.code)).toHaveLength(2);
  });

  it('renames a value by moving its SKUs, which keep their ids and stock', async () => {
    const product = await createProduct(t, operator, categoryId);
    const red = skusOf(product, '红');
    const res = await patch(t, operator, path(product), product.version, {
      specDimensions: [{ name: '颜色', values: ['酒红', '蓝'] }, sizes],
      skus: red.map((s) => ({ id: s.id, specValues: ['酒红', s.specValues[1]] })),
    });
    expect(res.status).toBe(200);
    const moved = skusOf(res.body.data, '酒红');
    expect(moved.map((s: Sku) => [s.id, s.stock])).toEqual(red.map((s) => [s.id, s.stock]));
    expect(res.body.data.skuCount).toBe(6);
  });

  it('adds a first dimension to a single-SKU product only when the lone SKU is placed in it', async () => {
    const product = await createProduct(t, operator, categoryId, {
      specDimensions: [],
      skus: [{ specValues: [], code: `ONE-${Date.now().toString(36)}`, price: 1500, stock: 4 }],
    });
    const lone = product.skus[0] as Sku;
    const specDimensions = [{ name: '颜色', values: ['白', '黑'] }];
    const addSkus = [{ specValues: ['黑'], code: `${lone.code}-B`, price: 1500, stock: 0 }];
    const refused = await patch(t, operator, path(product), product.version, { specDimensions, addSkus });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.specDimensions).toMatch(lone.code);
    const ok = await patch(t, operator, path(product), product.version, {
      specDimensions,
      skus: [{ id: lone.id, specValues: ['白'] }],
      addSkus,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.skus.map((s: Sku) => [s.specValues, s.stock])).toEqual([
      [['白'], 4],
      [['黑'], 0],
    ]);
  });

  it('refuses bad edits with 4xx and field errors, changing nothing', async () => {
    const product = await createProduct(t, operator, categoryId);
    const other = await createProduct(t, operator, categoryId);
    const specDimensions = [{ name: '颜色', values: ['红', '蓝', '黑'] }, sizes];
    const black = blackSkus(product.skus[0].code);
    const before = await snapshot(product);
    const send = (body: unknown) => patch(t, operator, path(product), product.version, body);

    const mismatch = await send({ specDimensions, addSkus: black.slice(0, 2) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields.addSkus).toMatch(/missing SKUs for 黑\/L/);

    const foreignValue = await send({ addSkus: [{ ...black[0], specValues: ['绿', 'S'] }] });
    expect(foreignValue.status).toBe(400);
    expect(foreignValue.body.error.fields['addSkus.0.specValues']).toMatch(/not a combination/);

    const takenElsewhere = await send({
      specDimensions,
      addSkus: [{ ...black[0], code: other.skus[0].code.toLowerCase() }, ...black.slice(1)],
    });
    expect(takenElsewhere.status).toBe(409);
    expect(takenElsewhere.body.error.code).toBe('SKU_CODE_TAKEN');
    expect(takenElsewhere.body.error.fields['addSkus.0.code']).toBeTruthy();

    const takenHere = await send({
      specDimensions,
      addSkus: [{ ...black[0], code: product.skus[3].code }, ...black.slice(1)],
    });
    expect(takenHere.status).toBe(400);
    expect(takenHere.body.error.fields['addSkus.0.code']).toBeTruthy();

    const twice = await send({
      specDimensions,
      addSkus: [black[0], { ...black[1], code: black[0]?.code }, black[2]],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields['addSkus.1.code']).toMatch(/twice/);

    const foreignSku = await send({ skus: [{ id: other.skus[0].id, price: 1 }] });
    expect(foreignSku.status).toBe(400);
    expect(foreignSku.body.error.fields['skus.0.id']).toMatch(/not a SKU of this product/);
    const foreignRemoval = await send({ removeSkuIds: [other.skus[0].id] });
    expect(foreignRemoval.status).toBe(400);
    expect(foreignRemoval.body.error.fields['removeSkuIds.0']).toBeTruthy();

    const hostile = await send({ addSkus: [{ ...black[0], stock: -5 }], specDimensions });
    expect(hostile.status).toBe(400);
    const mass = await send({ addSkus: [{ ...black[0], id: 1, productId: other.id }], specDimensions });
    expect(mass.status).toBe(400);

    expect(await snapshot(product)).toEqual(before);
    expect((await read(other)).version).toBe(other.version);
  });

  it('keeps an active product sellable: a new SKU cannot be priced 0', async () => {
    const product = await createProduct(t, operator, categoryId);
    await t.db.updateTable('products').set({ status: 'active' }).where('id', '=', product.id).execute();
    const black = blackSkus(product.skus[0].code);
    const res = await patch(t, operator, path(product), product.version, {
      specDimensions: [{ name: '颜色', values: ['红', '蓝', '黑'] }, sizes],
      addSkus: [black[0], { ...black[1], price: 0 }, black[2]],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields['addSkus.1.price']).toBeTruthy();
    expect((await read(product)).skuCount).toBe(6);
  });
});

describe('an edit that changes nothing', () => {
  it('neither bumps the version nor writes an audit row', async () => {
    const product = await createProduct(t, operator, categoryId);
    const audits = await auditCount(product.id);
    const unchanged = [
      {},
      { title: product.title, brand: product.brand, categoryId: product.categoryId },
      { descriptionHtml: product.descriptionHtml, specDimensions: product.specDimensions },
      { skus: product.skus.map((s: Sku) => ({ id: s.id, price: s.price, code: s.code })) },
      { removeSkuIds: [], addSkus: [] },
    ];
    for (const body of unchanged) {
      const res = await patch(t, operator, path(product), product.version, body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.body.data.version).toBe(product.version);
      expect(res.body.data.updatedAt).toBe(product.updatedAt);
    }
    expect(await auditCount(product.id)).toBe(audits);
    // Still checked: a stale version is a conflict even when nothing would change.
    expect((await patch(t, operator, path(product), product.version + 1, {})).status).toBe(409);
    const changed = await patch(t, operator, path(product), product.version, { title: `${product.title}!` });
    expect(changed.body.data.version).toBe(product.version + 1);
    expect(await auditCount(product.id)).toBe(audits + 1);
  });
});
