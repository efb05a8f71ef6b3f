import { roles } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRequest } from './support/channel.js';
import { orderBody, skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let serial = 0;
const HOUR = 3_600_000;

type Placed = { id: number; orderNo: string; payableAmount: number };
const orders: Record<'a' | 'b' | 'c', Placed> = {} as never;
let skuA: number;
let skuB: number;
let startedAt: string;
let middleAt: string;

async function place(skuId: number, quantity: number, buyer: { nickname: string; phone: string }) {
  const body = orderBody([{ skuId, quantity }], `list-buyer-${serial++}`, {
    buyer: { openid: `list-buyer-${serial++}`, ...buyer },
  });
  const res = await channelRequest(t, '/api/channel/orders', {
    body,
    idempotencyKey: `list-order-${serial++}`,
  });
  expect(res.status, res.text).toBe(201);
  const row = await t.db
    .selectFrom('orders')
    .select(['id', 'orderNo', 'payableAmount'])
    .where('orderNo', '=', res.body.data.orderNo)
    .executeTakeFirstOrThrow();
  return row;
}

const list = (filter: Record<string, unknown>, extra = '', cookie = operator) =>
  t.request(`/api/orders?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`, { cookie });
const idsOf = (res: { body: { data: { id: number }[] } }) =>
  res.body.data.map((o) => o.id).sort((x, y) => x - y);
const ours = () => [orders.a.id, orders.b.id, orders.c.id].sort((x, y) => x - y);

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  skuA = (await skuOnSale(t, operator, 50)).skuId;
  skuB = (await skuOnSale(t, operator, 50)).skuId;
  startedAt = t.clock.now().toISOString();
  orders.a = await place(skuA, 1, { nickname: '青柠檬甲', phone: '13900005821' });
  t.clock.advance(HOUR);
  middleAt = t.clock.now().toISOString();
  orders.b = await place(skuA, 4, { nickname: '晚风乙', phone: '13700007364' });
  t.clock.advance(HOUR);
  orders.c = await place(skuB, 2, { nickname: '青柠檬丙', phone: '13600009999' });
  const paid = await channelRequest(t, '/api/channel/payments/notify', {
    body: {
      orderNo: orders.b.orderNo,
      transactionId: 'wx-list-0001',
      amount: orders.b.payableAmount,
      paidAt: t.clock.now().toISOString(),
    },
    idempotencyKey: `list-pay-${serial++}`,
  });
  expect(paid.status).toBe(200);
  // The clock moved past the session's idle limit.
  operator = await t.login('operator');
});
afterAll(() => t.close());

describe('order list filters', () => {
  it('created range, each bound', async () => {
    expect(idsOf(await list({ createdAt_gte: startedAt }))).toEqual(ours());
    expect(idsOf(await list({ createdAt_gte: middleAt }))).toEqual([orders.b.id, orders.c.id]);
    expect(idsOf(await list({ createdAt_gte: startedAt, createdAt_lte: middleAt }))).toEqual([
      orders.a.id,
      orders.b.id,
    ]);
  });

  it('status: one or several', async () => {
    const scope = { createdAt_gte: startedAt };
    expect(idsOf(await list({ ...scope, status: 'paid' }))).toEqual([orders.b.id]);
    expect(idsOf(await list({ ...scope, status: ['pending_payment'] }))).toEqual([orders.a.id, orders.c.id]);
    expect(idsOf(await list({ ...scope, status: ['paid', 'pending_payment'] }))).toEqual(ours());
  });

  it('q: order number, nickname, phone tail (member or receiver)', async () => {
    expect(idsOf(await list({ q: orders.c.orderNo }))).toEqual([orders.c.id]);
    expect(idsOf(await list({ q: '青柠檬' }))).toEqual([orders.a.id, orders.c.id]);
    expect(idsOf(await list({ q: '7364' }))).toEqual([orders.b.id]);
    // Every test order's receiver phone ends in 1234 (the helper's address).
    expect(idsOf(await list({ q: '1234', createdAt_gte: startedAt }))).toEqual(ours());
    expect((await list({ q: '100%_' })).body.data).toEqual([]);
  });

  it('channel, amount range, SKU, member', async () => {
    const channelId = (await t.db.selectFrom('channels').select('id').executeTakeFirstOrThrow()).id;
    expect(idsOf(await list({ channelId, createdAt_gte: startedAt }))).toEqual(ours());
    expect(idsOf(await list({ channelId: 999_999 }))).toEqual([]);
    // a: 1 × 2580, b: 4 × 2580, c: 2 × 2580 (plus any shipping fee, the same for all three).
    const fee = orders.a.payableAmount - 2580;
    const scope = { createdAt_gte: startedAt };
    expect(idsOf(await list({ ...scope, payableAmount_gte: 2 * 2580 + fee }))).toEqual([
      orders.b.id,
      orders.c.id,
    ]);
    expect(idsOf(await list({ ...scope, payableAmount_lte: 2 * 2580 + fee }))).toEqual([
      orders.a.id,
      orders.c.id,
    ]);
    expect(idsOf(await list({ skuId: skuA }))).toEqual([orders.a.id, orders.b.id]);
    expect(idsOf(await list({ skuId: skuB }))).toEqual([orders.c.id]);
    // By the code the line was bought under, as operators type it.
    const codeOf = async (skuId: number) =>
      (await t.db.selectFrom('skus').select('code').where('id', '=', skuId).executeTakeFirstOrThrow()).code;
    expect(idsOf(await list({ skuCode: await codeOf(skuA) }))).toEqual([orders.a.id, orders.b.id]);
    expect(idsOf(await list({ skuCode: await codeOf(skuB) }))).toEqual([orders.c.id]);
    expect(idsOf(await list({ skuCode: 'NO-SUCH-SKU' }))).toEqual([]);
    const memberId = (await list({ q: orders.b.orderNo })).body.data[0].memberId;
    expect(idsOf(await list({ memberId }))).toEqual([orders.b.id]);
  });

  it('a bad filter is a 400 naming the field; paging, sort and getMany work', async () => {
    const bad = await list({ payableAmount_gte: -1 });
    expect(bad.status).toBe(400);
    const unknown = await list({ nope: 1 });
    expect(unknown.status).toBe(400);
    const page = await list({ createdAt_gte: startedAt }, '&page=1&perPage=2&sort=payableAmount&order=DESC');
    expect(page.body.total).toBe(3);
    expect(page.body.data.map((o: { id: number }) => o.id)).toEqual([orders.b.id, orders.c.id]);
    const many = await t.request(`/api/orders?ids=${orders.a.id},${orders.c.id}`, { cookie: operator });
    expect(idsOf(many)).toEqual([orders.a.id, orders.c.id]);
  });

  it('status counts: the same filter minus status', async () => {
    const filter = encodeURIComponent(JSON.stringify({ createdAt_gte: startedAt, status: 'paid' }));
    const res = await t.request(`/api/orders/status-counts?filter=${filter}`, { cookie: operator });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ pending_payment: 2, paid: 1, shipped: 0, cancelled: 0 });
  });
});

describe('masking and access', () => {
  it('phones and receiver names are masked in the list and the detail', async () => {
    const res = await list({ q: orders.a.orderNo });
    expect(res.body.data[0]).toMatchObject({
      buyerNickname: '青柠檬甲',
      buyerPhone: '139****5821',
      receiverName: '林**',
      itemCount: 1,
    });
    expect(res.text).not.toContain('13900005821');
    expect(res.text).not.toContain('13800001234');
    const detail = await t.request(`/api/orders/${orders.a.id}`, { cookie: operator });
    expect(detail.body.data.address).toEqual({
      name: '林**',
      phone: '138****1234',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '****',
      masked: true,
    });
    expect(detail.text).not.toContain('13800001234');
    expect(detail.text).not.toContain('文三路');
  });

  it('all four roles read; without a session it is 401', async () => {
    for (const role of roles) {
      const cookie = await t.login(role);
      expect((await list({}, '', cookie)).status).toBe(200);
      expect((await t.request(`/api/orders/${orders.a.id}`, { cookie })).status).toBe(200);
      expect((await t.request('/api/orders/status-counts', { cookie })).status).toBe(200);
    }
    expect((await t.request('/api/orders')).status).toBe(401);
    expect((await t.request(`/api/orders/${orders.a.id}`)).status).toBe(401);
    expect((await t.request('/api/orders/status-counts')).status).toBe(401);
  });
});

describe('order detail', () => {
  it('items, payment and a timeline from timestamps and audit rows', async () => {
    const res = await t.request(`/api/orders/${orders.b.id}`, { cookie: operator });
    expect(res.status).toBe(200);
    const order = res.body.data;
    expect(order.items).toEqual([
      expect.objectContaining({
        skuId: skuA,
        quantity: 4,
        unitPrice: 2580,
        lineAmount: 10320,
        shippedQuantity: 0,
      }),
    ]);
    expect(order.payment).toMatchObject({ transactionId: 'wx-list-0001', amount: orders.b.payableAmount });
    expect(order.timeline.map((e: { event: string; status: string | null }) => [e.event, e.status])).toEqual([
      ['created', null],
      ['audit', 'pending_payment'],
      ['paid', null],
      ['audit', 'paid'],
    ]);
    expect(order.timeline[1].actorName).toMatch(/^channel:/);
    expect((await t.request('/api/orders/999999', { cookie: operator })).status).toBe(404);
  });
});
