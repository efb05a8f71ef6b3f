import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, patch } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
});
afterAll(() => t.close());

describe('categories', () => {
  it('builds a three-level tree and lists flat rows with parentId, level and path', async () => {
    const root = await createCategory(t, operator, '美妆个护');
    const mid = await createCategory(t, operator, '面部护理', root.id);
    const leaf = await createCategory(t, operator, '洁面', mid.id);
    expect(leaf).toMatchObject({ level: 3, parentId: mid.id, path: ['美妆个护', '面部护理', '洁面'] });
    expect(leaf.pathIds).toEqual([root.id, mid.id, leaf.id]);
    const list = await t.request(
      `/api/categories?perPage=100&sort=level&order=ASC&filter=${encodeURIComponent(JSON.stringify({ q: '洁面' }))}`,
      { cookie: operator },
    );
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.data[0].path).toEqual(['美妆个护', '面部护理', '洁面']);
    const children = await t.request(
      `/api/categories?filter=${encodeURIComponent(JSON.stringify({ parentId: root.id }))}`,
      { cookie: operator },
    );
    expect(children.body.data.map((c: { id: number }) => c.id)).toEqual([mid.id]);
  });

  it('refuses a fourth level with 422 CATEGORY_TOO_DEEP and writes nothing', async () => {
    const a = await createCategory(t, operator, '一级');
    const b = await createCategory(t, operator, '二级', a.id);
    const c = await createCategory(t, operator, '三级', b.id);
    const before = await t.countRows('auditLogs');
    const res = await t.request('/api/categories', {
      cookie: operator,
      body: { name: '四级', parentId: c.id },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CATEGORY_TOO_DEEP');
    expect(res.body.error.fields.parentId).toBeTruthy();
    expect(await t.countRows('auditLogs')).toBe(before);
  });

  it('keeps names unique among siblings only', async () => {
    const a = await createCategory(t, operator, '服饰');
    await createCategory(t, operator, '上衣', a.id);
    const dup = await t.request('/api/categories', {
      cookie: operator,
      body: { name: '上衣', parentId: a.id },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('NAME_TAKEN');
    const b = await createCategory(t, operator, '童装');
    expect((await createCategory(t, operator, '上衣', b.id)).level).toBe(2);
  });

  it('edits with If-Match (409 when stale, 428 without), enables and disables, audited', async () => {
    const cat = await createCategory(t, operator, '家居');
    expect(
      (await patch(t, operator, `/api/categories/${cat.id}`, undefined, { enabled: false })).status,
    ).toBe(428);
    const saved = await patch(t, operator, `/api/categories/${cat.id}`, cat.version, {
      enabled: false,
      sortOrder: 5,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ enabled: false, sortOrder: 5, version: cat.version + 1 });
    const stale = await patch(t, operator, `/api/categories/${cat.id}`, cat.version, { name: '家居日用' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'categories')
      .where('resourceId', '=', String(cat.id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ enabled: true });
    expect(audit.after).toMatchObject({ enabled: false });
  });

  it('refuses to delete a category with children or products (409), deletes an empty one', async () => {
    const parent = await createCategory(t, operator, '食品');
    const child = await createCategory(t, operator, '零食', parent.id);
    const withChild = await t.request(`/api/categories/${parent.id}`, { method: 'DELETE', cookie: operator });
    expect(withChild.status).toBe(409);
    expect(withChild.body.error.code).toBe('CATEGORY_NOT_EMPTY');
    await createProduct(t, operator, child.id);
    const withProduct = await t.request(`/api/categories/${child.id}`, {
      method: 'DELETE',
      cookie: operator,
    });
    expect(withProduct.status).toBe(409);
    const empty = await createCategory(t, operator, '空类目');
    const deleted = await t.request(`/api/categories/${empty.id}`, { method: 'DELETE', cookie: operator });
    expect(deleted.status).toBe(200);
    expect((await t.request(`/api/categories/${empty.id}`, { cookie: operator })).status).toBe(404);
  });

  it('is read-only for managers and customer service', async () => {
    for (const role of ['manager', 'customer_service'] as const) {
      const cookie = await t.login(role);
      expect((await t.request('/api/categories', { cookie })).status).toBe(200);
      expect((await t.request('/api/categories', { cookie, body: { name: `${role}类目` } })).status).toBe(
        403,
      );
    }
  });
});
