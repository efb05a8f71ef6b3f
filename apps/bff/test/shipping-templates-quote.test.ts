import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippingFeeFor } from '../src/modules/shipping-templates/quote.js';
import { createCategory, createProduct, patch, productInput } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';
import { createTemplate, HONG_KONG, SHANGHAI, TIBET, XINJIANG, ZHEJIANG } from './support/shipping.js';

let t: TestContext;
let operator: string;
let categoryId: number;
let serial = 0;

/** A product with one SKU at `price` fen weighing `weightGrams`; returns the SKU id. */
async function sku(price: number, weightGrams: number | null, shippingTemplateId?: number | null) {
  const product = await createProduct(t, operator, categoryId, {
    specDimensions: [],
    skus: [
      { specValues: [], code: `Q-${Date.now().toString(36)}-${serial++}`, price, stock: 50, weightGrams },
    ],
    ...(shippingTemplateId === undefined ? {} : { shippingTemplateId }),
  });
  return product.skus[0].id as number;
}

const quote = (body: unknown, cookie = operator) =>
  t.request('/api/shipping-templates/quote', { cookie, body });

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '试算')).id;
});
afterAll(() => t.close());

describe('shipping fee quote', () => {
  it('by piece: 首件 ¥8 + 2 × 续件 ¥2 = ¥12 to 浙江; the region rule for 上海: ¥5 + 2 × ¥1', async () => {
    const template = await createTemplate(t, operator);
    const skuId = await sku(2000, 300, template.id);
    const zj = await quote({ province: ZHEJIANG, lines: [{ skuId, quantity: 3 }] });
    expect(zj.status).toBe(200);
    expect(zj.body.data).toEqual({
      province: ZHEJIANG,
      fee: 1200,
      groups: [
        {
          templateId: template.id,
          templateName: template.name,
          chargeBy: 'piece',
          skuIds: [skuId],
          goodsAmount: 6000,
          units: 3,
          baseFee: 1200,
          surcharge: 0,
          freeShipping: false,
          fee: 1200,
        },
      ],
    });
    const sh = await quote({ province: SHANGHAI, lines: [{ skuId, quantity: 3 }] });
    expect(sh.body.data.fee).toBe(700);
  });

  it('ships free at the threshold (¥99), but the remote surcharge (新疆 +¥10) is still charged', async () => {
    const template = await createTemplate(t, operator);
    const skuId = await sku(3300, 300, template.id);
    const under = await quote({ province: ZHEJIANG, lines: [{ skuId, quantity: 2 }] }); // ¥66
    expect(under.body.data.groups[0]).toMatchObject({ freeShipping: false, fee: 1000 });
    const at = await quote({ province: ZHEJIANG, lines: [{ skuId, quantity: 3 }] }); // ¥99
    expect(at.body.data.groups[0]).toMatchObject({ freeShipping: true, baseFee: 0, fee: 0 });
    const remote = await quote({ province: XINJIANG, lines: [{ skuId, quantity: 3 }] });
    expect(remote.body.data.groups[0]).toMatchObject({
      freeShipping: true,
      baseFee: 0,
      surcharge: 1000,
      fee: 1000,
    });
    const remoteUnder = await quote({ province: TIBET, lines: [{ skuId, quantity: 1 }] });
    expect(remoteUnder.body.data.fee).toBe(800 + 1000);
  });

  it('refuses a province not delivered to with 422 UNDELIVERABLE_REGION', async () => {
    const template = await createTemplate(t, operator);
    const skuId = await sku(1000, 100, template.id);
    const res = await quote({ province: HONG_KONG, lines: [{ skuId, quantity: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNDELIVERABLE_REGION');
    expect(res.body.error.message).toContain('香港特别行政区');
    expect(res.body.error.message).toContain(template.name);
  });

  it('by weight: 2.3 kg → ¥8 + 2 × ¥2; mixed templates pay each group; no template ships free', async () => {
    const byWeight = await createTemplate(t, operator, {
      chargeBy: 'weight',
      defaultRule: { firstUnits: 1000, firstFee: 800, additionalUnits: 1000, additionalFee: 200 },
      regionRules: [],
      freeShippingThreshold: null,
      remoteProvinces: [],
      remoteSurcharge: 0,
    });
    const byPiece = await createTemplate(t, operator);
    const heavy = await sku(5000, 1150, byWeight.id);
    const light = await sku(2000, null, byPiece.id);
    const free = await sku(500, 5000, null);
    const res = await quote({
      province: ZHEJIANG,
      lines: [
        { skuId: heavy, quantity: 2 },
        { skuId: light, quantity: 1 },
        { skuId: free, quantity: 4 },
      ],
    });
    expect(res.status).toBe(200);
    const byTemplate = Object.fromEntries(
      res.body.data.groups.map((g: { templateId: number | null; fee: number; units: number }) => [
        String(g.templateId),
        g,
      ]),
    );
    expect(byTemplate[byWeight.id]).toMatchObject({ units: 2300, fee: 1200, goodsAmount: 10000 });
    // ¥100 of goods under the weight template does not make the piece template's ¥20 free.
    expect(byTemplate[byPiece.id]).toMatchObject({ units: 1, fee: 800, goodsAmount: 2000 });
    expect(byTemplate.null).toMatchObject({ fee: 0, freeShipping: true, skuIds: [free] });
    expect(res.body.data.fee).toBe(2000);
  });

  it('one undeliverable group refuses the whole quote', async () => {
    const everywhere = await createTemplate(t, operator, { undeliverableProvinces: [] });
    const notHk = await createTemplate(t, operator);
    const a = await sku(1000, 100, everywhere.id);
    const b = await sku(1000, 100, notHk.id);
    const res = await quote({
      province: HONG_KONG,
      lines: [
        { skuId: a, quantity: 1 },
        { skuId: b, quantity: 1 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain(notHk.name);
    expect(res.body.error.message).not.toContain(everywhere.name);
  });

  it('follows a template edit at once', async () => {
    const template = await createTemplate(t, operator);
    const skuId = await sku(1000, 100, template.id);
    await patch(t, operator, `/api/shipping-templates/${template.id}`, template.version, {
      defaultRule: { firstUnits: 2, firstFee: 600, additionalUnits: 2, additionalFee: 300 },
    });
    const res = await quote({ province: ZHEJIANG, lines: [{ skuId, quantity: 5 }] });
    expect(res.body.data.fee).toBe(600 + 2 * 300);
  });

  it.each([
    [
      'an unknown SKU',
      (skuId: number) => ({ province: ZHEJIANG, lines: [{ skuId: skuId + 1_000_000, quantity: 1 }] }),
      'lines.0.skuId',
    ],
    [
      'a province name',
      (skuId: number) => ({ province: '浙江省', lines: [{ skuId, quantity: 1 }] }),
      'province',
    ],
    [
      'a zero quantity',
      (skuId: number) => ({ province: ZHEJIANG, lines: [{ skuId, quantity: 0 }] }),
      'lines.0.quantity',
    ],
    [
      'a huge quantity',
      (skuId: number) => ({ province: ZHEJIANG, lines: [{ skuId, quantity: 1e9 }] }),
      'lines.0.quantity',
    ],
    ['no lines', () => ({ province: ZHEJIANG, lines: [] }), 'lines'],
    [
      'an unknown field',
      (skuId: number) => ({ province: ZHEJIANG, lines: [{ skuId, quantity: 1, price: 1 }] }),
      'lines.0.price',
    ],
    [
      'a SKU twice',
      (skuId: number) => ({
        province: ZHEJIANG,
        lines: [
          { skuId, quantity: 1 },
          { skuId, quantity: 2 },
        ],
      }),
      'lines',
    ],
  ])('refuses %s with 400 and the field', async (_, body, field) => {
    const skuId = await sku(1000, 100, null);
    const res = await quote(body(skuId));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });

  it('is the same function order placement calls inside its transaction', async () => {
    const template = await createTemplate(t, operator);
    const skuId = await sku(2000, 300, template.id);
    const fee = await t.db
      .transaction()
      .execute((trx) => shippingFeeFor(trx, { province: ZHEJIANG, lines: [{ skuId, quantity: 2 }] }));
    expect(fee.fee).toBe(1000);
  });
});

describe('products and their shipping template', () => {
  it('creates a product with a template and reads it back; an unknown template is a field error', async () => {
    const template = await createTemplate(t, operator);
    const product = await createProduct(t, operator, categoryId, { shippingTemplateId: template.id });
    expect(product.shippingTemplateId).toBe(template.id);
    const read = await t.request(`/api/products/${product.id}`, { cookie: operator });
    expect(read.body.data.shippingTemplateId).toBe(template.id);

    const before = await t.countRows('auditLogs');
    const bad = await t.request('/api/products', {
      cookie: operator,
      body: {
        ...productInput(categoryId),
        shippingTemplateId: 99_999_999,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ shippingTemplateId: 'no such shipping template' });
    expect(await t.countRows('auditLogs')).toBe(before);
  });

  it('a product without a template ships free', async () => {
    const product = await createProduct(t, operator, categoryId);
    expect(product.shippingTemplateId).toBeNull();
    const res = await quote({ province: XINJIANG, lines: [{ skuId: product.skus[0].id, quantity: 3 }] });
    expect(res.body.data).toMatchObject({ fee: 0, groups: [{ templateId: null, freeShipping: true }] });
  });

  it('changes a product’s template with an audited edit; an unknown one changes nothing', async () => {
    const first = await createTemplate(t, operator);
    const second = await createTemplate(t, operator);
    const product = await createProduct(t, operator, categoryId, { shippingTemplateId: first.id });
    const path = `/api/products/${product.id}`;
    const bad = await patch(t, operator, path, product.version, { shippingTemplateId: 99_999_999 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.shippingTemplateId).toBe('no such shipping template');
    const saved = await patch(t, operator, path, product.version, { shippingTemplateId: second.id });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ shippingTemplateId: second.id, version: product.version + 1 });
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'products')
      .where('resourceId', '=', String(product.id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect((audit.before as Record<string, unknown>).shippingTemplateId).toBe(first.id);
    expect((audit.after as Record<string, unknown>).shippingTemplateId).toBe(second.id);
    const counts = await t.request(`/api/shipping-templates?ids=${first.id},${second.id}`, {
      cookie: operator,
    });
    expect(
      Object.fromEntries(
        counts.body.data.map((d: { id: number; productCount: number }) => [d.id, d.productCount]),
      ),
    ).toEqual({ [first.id]: 0, [second.id]: 1 });
  });
});
