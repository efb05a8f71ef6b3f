import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';
import { placeOrder, placePaidOrder, ship } from './support/orders.js';
import { createTemplate } from './support/shipping.js';

let t: TestContext;
let admin: string;
let operator: string;
let cs: string;
let manager: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
  operator = await t.login('operator');
  cs = await t.login('customer_service');
  manager = await t.login('manager');
});
afterAll(() => t.close());

const newAddress = {
  name: '周先生',
  phone: '13912345678',
  province: '上海',
  city: '上海市',
  district: '徐汇区',
  detail: '漕溪北路 88 号 1201 室',
};

const orderRow = (id: number) =>
  t.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditsOf = (id: number, action: string) =>
  t.db
    .selectFrom('auditLogs')
    .selectAll()
    .where('resource', '=', 'orders')
    .where('resourceId', '=', String(id))
    .where('action', '=', action)
    .orderBy('id')
    .execute();

function putAddress(cookie: string, id: number, body: unknown, version?: number) {
  return t.request(`/api/orders/${id}/address`, {
    method: 'PUT',
    cookie,
    body,
    headers: version === undefined ? {} : { 'if-match': String(version) },
  });
}

describe('editing the address before shipping', () => {
  it('a paid order: saved with its province code, shown masked, audited without personal data', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 2 }]);
    const before = await orderRow(order.id);
    const res = await putAddress(operator, order.id, newAddress, before.version);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      version: before.version + 1,
      province: '上海',
      city: '上海市',
      shippingFee: before.shippingFee,
      payableAmount: before.payableAmount,
      address: { name: '周**', phone: '139****5678', province: '上海', district: '徐汇区', masked: true },
    });
    expect(res.body.data.address.detail).not.toContain('1201');
    const after = await orderRow(order.id);
    expect(after.provinceCode).toBe('310000');
    expect(after.address).toMatchObject(newAddress);

    const audits = await auditsOf(order.id, 'edit_address');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorName: 'operator',
      before: expect.objectContaining({ province: '浙江省', city: '杭州市' }),
      after: expect.objectContaining({ province: '上海', city: '上海市' }),
    });
    const logged = JSON.stringify(audits[0]);
    for (const secret of ['13912345678', '13800001234', '周先生', '林女士', '漕溪北路', '文三路'])
      expect(logged).not.toContain(secret);
    expect(res.body.data.timeline.map((e: { action: string | null }) => e.action)).toContain('edit_address');
  });

  it('an unpaid order may be fixed too', async () => {
    const order = await placeOrder(t, operator, [{ quantity: 1 }]);
    const res = await putAddress(operator, order.id, newAddress, (await orderRow(order.id)).version);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.status).toBe('pending_payment');
  });

  it('once a parcel has left → 409 ADDRESS_LOCKED, nothing changed', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 2 }]);
    const [line] = await t.db.selectFrom('orderItems').select('id').where('orderId', '=', order.id).execute();
    const shipped = await ship(t, operator, order.id, {
      items: [{ orderItemId: line?.id as number, quantity: 1 }],
    });
    expect(shipped.status).toBe(201);
    const before = await orderRow(order.id);
    const res = await putAddress(operator, order.id, newAddress, before.version);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ADDRESS_LOCKED');
    expect(await orderRow(order.id)).toEqual(before);
    expect(await auditsOf(order.id, 'edit_address')).toHaveLength(0);
  });

  it('If-Match is required (428) and must be current (409 VERSION_CONFLICT)', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const before = await orderRow(order.id);
    const missing = await putAddress(operator, order.id, newAddress);
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('PRECONDITION_REQUIRED');
    const stale = await putAddress(operator, order.id, newAddress, before.version - 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(await orderRow(order.id)).toEqual(before);
  });

  it('a province a line’s template does not deliver to → 422 UNDELIVERABLE_REGION', async () => {
    const template = await createTemplate(t, operator);
    const { skuId, productId } = await skuOnSale(t, operator, 10);
    await t.db
      .updateTable('products')
      .set({ shippingTemplateId: template.id })
      .where('id', '=', productId)
      .execute();
    const order = await placePaidOrder(t, operator, [{ skuId, quantity: 1 }]);
    const before = await orderRow(order.id);
    const res = await putAddress(operator, order.id, { ...newAddress, province: '香港' }, before.version);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNDELIVERABLE_REGION');
    expect(res.body.error.fields).toEqual({ province: expect.any(String) });
    expect(await orderRow(order.id)).toEqual(before);
  });

  it('bad input → 400 with fields; a role without orders:ship → 403', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const before = await orderRow(order.id);
    const badPhone = await putAddress(operator, order.id, { ...newAddress, phone: '123' }, before.version);
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.fields).toHaveProperty('phone');
    const extra = await putAddress(
      operator,
      order.id,
      { ...newAddress, provinceCode: '310000' },
      before.version,
    );
    expect(extra.status).toBe(400);
    const script = await putAddress(
      operator,
      order.id,
      { ...newAddress, province: '<script>alert(1)</script>' },
      before.version,
    );
    expect(script.status).toBe(400);
    expect(script.body.error.fields).toHaveProperty('province');
    for (const cookie of [cs, manager]) {
      const res = await putAddress(cookie, order.id, newAddress, before.version);
      expect(res.status).toBe(403);
    }
    expect(await orderRow(order.id)).toEqual(before);
  });
});

describe('notes', () => {
  it('operators and CS add notes; the detail shows them newest first with the author; audited without the text', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const first = await t.request(`/api/orders/${order.id}/notes`, {
      cookie: operator,
      body: { body: '  客户要求周末送达  ' },
    });
    expect(first.status, first.text).toBe(201);
    expect(first.body.data).toMatchObject({ body: '客户要求周末送达', authorName: '李运营' });
    t.clock.advance(60_000);
    const second = await t.request(`/api/orders/${order.id}/notes`, {
      cookie: cs,
      body: { body: '已电话确认' },
    });
    expect(second.status).toBe(201);
    expect(second.body.data.authorName).toBe('陈客服');

    const detail = await t.request(`/api/orders/${order.id}`, { cookie: manager });
    expect(detail.body.data.notes.map((n: { body: string }) => n.body)).toEqual([
      '已电话确认',
      '客户要求周末送达',
    ]);
    const audits = await auditsOf(order.id, 'note');
    expect(audits.map((a) => a.actorName)).toEqual(['operator', 'cs']);
    expect(audits[0]?.after).toEqual({ noteId: first.body.data.id, length: 8 });
    expect(JSON.stringify(audits)).not.toContain('周末');
  });

  it('empty, too long or with unknown fields → 400; a manager may not note (403); an unknown order 404', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const post = (cookie: string, body: unknown, id = order.id) =>
      t.request(`/api/orders/${id}/notes`, { cookie, body });
    for (const body of [{ body: '   ' }, { body: 'x'.repeat(501) }, { body: 'ok', pinned: true }, {}]) {
      const res = await post(operator, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await post(manager, { body: '看看' })).status).toBe(403);
    expect((await post(operator, { body: '不存在' }, 987_654_321)).status).toBe(404);
    const notes = await t.db.selectFrom('orderNotes').select('id').where('orderId', '=', order.id).execute();
    expect(notes).toHaveLength(0);
  });
});

describe('revealing the address', () => {
  it('an admin sees it whole, not cached, audited without the data; CS, operators and managers may not', async () => {
    const order = await placePaidOrder(t, operator, [{ quantity: 1 }]);
    const res = await t.request(`/api/orders/${order.id}/reveal-address`, { cookie: admin, method: 'POST' });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.data).toEqual({
      name: '林女士',
      phone: '13800001234',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
      masked: false,
    });
    const audits = await auditsOf(order.id, 'reveal');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorName: 'admin', after: { field: 'address' } });
    for (const secret of ['13800001234', '林女士', '文三路'])
      expect(JSON.stringify(audits[0])).not.toContain(secret);

    for (const cookie of [cs, operator, manager]) {
      const refused = await t.request(`/api/orders/${order.id}/reveal-address`, { cookie, method: 'POST' });
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain('13800001234');
    }
    expect(await auditsOf(order.id, 'reveal')).toHaveLength(1);
  });
});
