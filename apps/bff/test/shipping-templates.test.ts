import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, patch } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';
import { createTemplate, HONG_KONG, SHANGHAI, templateInput, ZHEJIANG } from './support/shipping.js';

let t: TestContext;
let operator: string;
let categoryId: number;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '运费测试')).id;
});
afterAll(() => t.close());

const templateCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('shippingTemplates')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('shipping templates', () => {
  it('creates, reads, lists and audits a template', async () => {
    const input = templateInput();
    const res = await t.request('/api/shipping-templates', { cookie: operator, body: input });
    expect(res.status).toBe(201);
    const created = res.body.data;
    expect(created).toMatchObject({ ...input, productCount: 0, version: 1 });
    const got = await t.request(`/api/shipping-templates/${created.id}`, { cookie: operator });
    expect(got.body.data).toEqual(created);
    const list = await t.request(
      `/api/shipping-templates?sort=name&order=ASC&filter=${encodeURIComponent(JSON.stringify({ q: input.name }))}`,
      { cookie: operator },
    );
    expect(list.body).toMatchObject({ total: 1, data: [{ id: created.id }] });
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'shipping_templates')
      .where('resourceId', '=', String(created.id))
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('create');
    expect(audit.after as Record<string, unknown>).toMatchObject({ name: input.name, remoteSurcharge: 1000 });
  });

  it('seeds the demo templates', async () => {
    const list = await t.request('/api/shipping-templates?sort=id&order=ASC', { cookie: operator });
    expect(list.body.data.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['默认包邮模板', '标准快递', '生鲜冷链']),
    );
  });

  it.each([
    ['an unknown field', { extra: 1 }, 'extra'],
    [
      'a negative fee',
      { defaultRule: { firstUnits: 1, firstFee: -1, additionalUnits: 1, additionalFee: 0 } },
      'defaultRule.firstFee',
    ],
    [
      'a zero step',
      { defaultRule: { firstUnits: 1, firstFee: 100, additionalUnits: 0, additionalFee: 0 } },
      'defaultRule.additionalUnits',
    ],
    ['a fractional fee', { remoteSurcharge: 9.5 }, 'remoteSurcharge'],
    ['an unknown province code', { remoteProvinces: ['999999'] }, 'remoteProvinces.0'],
    ['a province name instead of a code', { undeliverableProvinces: ['香港'] }, 'undeliverableProvinces.0'],
    [
      'a province in two region rules',
      {
        regionRules: [
          { provinces: [SHANGHAI], firstUnits: 1, firstFee: 500, additionalUnits: 1, additionalFee: 100 },
          {
            provinces: [ZHEJIANG, SHANGHAI],
            firstUnits: 1,
            firstFee: 600,
            additionalUnits: 1,
            additionalFee: 100,
          },
        ],
      },
      'regionRules.1.provinces',
    ],
    [
      'a region rule for a province not delivered to',
      { undeliverableProvinces: [SHANGHAI] },
      'regionRules.0.provinces',
    ],
    ['an empty name', { name: '  ' }, 'name'],
  ])('refuses %s with 400 and the field, writing nothing', async (_, overrides, field) => {
    const [before, audits] = [await templateCount(), await t.countRows('auditLogs')];
    const res = await t.request('/api/shipping-templates', {
      cookie: operator,
      body: templateInput(overrides),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect(await templateCount()).toBe(before);
    expect(await t.countRows('auditLogs')).toBe(audits);
  });

  it('refuses a second template of the same name with 409 NAME_TAKEN', async () => {
    const first = await createTemplate(t, operator);
    const res = await t.request('/api/shipping-templates', {
      cookie: operator,
      body: templateInput({ name: first.name }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NAME_TAKEN');
  });

  it('edits with If-Match, refuses a stale version with 409 and an unchanged edit bumps nothing', async () => {
    const template = await createTemplate(t, operator);
    const path = `/api/shipping-templates/${template.id}`;
    const saved = await patch(t, operator, path, template.version, {
      remoteSurcharge: 1500,
      name: `${template.name}改`,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ remoteSurcharge: 1500, version: template.version + 1 });
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'shipping_templates')
      .where('resourceId', '=', String(template.id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.before as Record<string, unknown>).toMatchObject({ remoteSurcharge: 1000 });
    expect(audit.after as Record<string, unknown>).toMatchObject({ remoteSurcharge: 1500 });

    const stale = await patch(t, operator, path, template.version, { remoteSurcharge: 2000 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await t.request(path, { cookie: operator })).body.data.remoteSurcharge).toBe(1500);

    const missing = await patch(t, operator, path, undefined, { remoteSurcharge: 2000 });
    expect(missing.status).toBe(428);

    const same = await patch(t, operator, path, saved.body.data.version, { remoteSurcharge: 1500 });
    expect(same.body.data.version).toBe(saved.body.data.version);
  });

  it('checks an edit against the stored lists: a province made undeliverable while a rule covers it', async () => {
    const template = await createTemplate(t, operator);
    const audits = await t.countRows('auditLogs');
    const res = await patch(t, operator, `/api/shipping-templates/${template.id}`, template.version, {
      undeliverableProvinces: [SHANGHAI],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['regionRules.0.provinces']).toMatch(/not delivered/);
    const stored = (await t.request(`/api/shipping-templates/${template.id}`, { cookie: operator })).body
      .data;
    expect(stored).toMatchObject({ undeliverableProvinces: [HONG_KONG], version: template.version });
    expect(await t.countRows('auditLogs')).toBe(audits);
  });

  it('refuses to delete a template products use (409), deletes it once they stop', async () => {
    const template = await createTemplate(t, operator);
    const product = await createProduct(t, operator, categoryId, { shippingTemplateId: template.id });
    const path = `/api/shipping-templates/${template.id}`;
    expect((await t.request(path, { cookie: operator })).body.data.productCount).toBe(1);
    const refused = await t.request(path, { method: 'DELETE', cookie: operator });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SHIPPING_TEMPLATE_IN_USE');
    expect((await t.request(path, { cookie: operator })).status).toBe(200);

    const moved = await patch(t, operator, `/api/products/${product.id}`, product.version, {
      shippingTemplateId: null,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data.shippingTemplateId).toBeNull();
    const deleted = await t.request(path, { method: 'DELETE', cookie: operator });
    expect(deleted.status).toBe(200);
    expect((await t.request(path, { cookie: operator })).status).toBe(404);
  });
});

describe('shipping templates and roles', () => {
  it.each(['customer_service', 'manager'] as const)('%s reads and quotes but cannot write', async (role) => {
    const cookie = await t.login(role);
    const template = await createTemplate(t, operator);
    expect((await t.request('/api/shipping-templates', { cookie })).status).toBe(200);
    expect((await t.request(`/api/shipping-templates/${template.id}`, { cookie })).status).toBe(200);
    const before = await templateCount();
    const create = await t.request('/api/shipping-templates', { cookie, body: templateInput() });
    expect(create.status).toBe(403);
    const edit = await patch(t, cookie, `/api/shipping-templates/${template.id}`, template.version, {
      remoteSurcharge: 1,
    });
    expect(edit.status).toBe(403);
    const del = await t.request(`/api/shipping-templates/${template.id}`, { method: 'DELETE', cookie });
    expect(del.status).toBe(403);
    expect(await templateCount()).toBe(before);
    expect((await t.request(`/api/shipping-templates/${template.id}`, { cookie })).body.data.version).toBe(1);
  });

  it('admins manage templates too; nobody signed out reads them', async () => {
    const admin = await t.login('admin');
    expect(
      (await t.request('/api/shipping-templates', { cookie: admin, body: templateInput() })).status,
    ).toBe(201);
    expect((await t.request('/api/shipping-templates')).status).toBe(401);
  });
});
