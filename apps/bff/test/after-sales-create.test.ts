import { lineRefundCap, paidShares } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyForAfterSales,
  auditsOf,
  caseRow,
  countRows,
  eventsOf,
  orderForAfterSales,
  reservations,
} from './support/after-sales.js';
import { channelRequest } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
let cs: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
  cs = await t.login('customer_service');
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UNIT = 2580;

/** Everything an application may write: a refusal leaves all of it as it was. */
async function written(orderId: number) {
  return {
    cases: await countRows(t, 'afterSalesCases'),
    items: await countRows(t, 'afterSalesItems'),
    events: await countRows(t, 'afterSalesEvents'),
    reserved: await reservations(t, orderId),
  };
}

describe('applying from the mini-program', () => {
  it('opens a requested case for unshipped units: reserved on the line, SLA and auto-approve timers, timeline, audit', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2] });
    const line = order.items[0] as { id: number };
    const read = await channelRequest(t, `/api/channel/orders/${order.orderNo}?openid=${order.openid}`, {
      method: 'GET',
    });
    expect(read.body.data.items[0].itemId).toBe(line.id);

    const res = await applyForAfterSales(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: line.id, quantity: 1 }],
      reasonCode: 'changed_mind',
      description: '不想要了',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data).toMatchObject({
      orderNo: order.orderNo,
      type: 'refund_only',
      status: 'requested',
      reasonCode: 'changed_mind',
      requestedAmount: UNIT,
      approvedAmount: null,
      refundStatus: null,
      items: [{ itemId: line.id, quantity: 1 }],
      returnAddress: null,
    });
    expect(res.body.data.caseNo).toMatch(/^AS\d{20}$/);

    const row = await caseRow(t, res.body.data.caseNo);
    const now = t.clock.now().getTime();
    expect(row).toMatchObject({
      source: 'channel',
      createdBy: null,
      reasonLabel: '拍错/不想要了',
      noReason: true,
      refundLimit: UNIT,
      includesShipping: false,
      assigneeId: null,
    });
    expect(row.slaDueAt?.getTime()).toBe(now + 24 * HOUR);
    expect(row.autoApproveAt?.getTime()).toBe(now + 48 * HOUR);
    expect(await reservations(t, order.id)).toEqual({
      lines: [{ id: line.id, afterSalesQuantity: 1, afterSalesAmount: UNIT }],
      openAfterSales: 1,
    });
    const [event] = await eventsOf(t, row.id);
    expect(event).toMatchObject({
      kind: 'created',
      actorKind: 'customer',
      actorName: '小林',
      status: 'requested',
    });
    expect(event?.detail).toMatchObject({ amount: UNIT, refundLimit: UNIT });
    const [audit] = await auditsOf(t, row.id, 'create');
    expect(audit?.actorName).toBe('channel:demo-miniapp');
  });

  it('is idempotent: the same key and body replay the first answer; another body under the key is a 422', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [3] });
    const application = {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }],
    };
    const first = await applyForAfterSales(t, application, { idempotencyKey: `as-same-${order.id}` });
    const again = await applyForAfterSales(t, application, { idempotencyKey: `as-same-${order.id}` });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    const other = await applyForAfterSales(
      t,
      { ...application, description: 'x' },
      { idempotencyKey: `as-same-${order.id}` },
    );
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await reservations(t, order.id)).openAfterSales).toBe(1);
  });

  it('a return only for shipped units; no auto-approve once anything shipped', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [3], ship: [{ line: 0, quantity: 1 }] });
    const itemId = (order.items[0] as { id: number }).id;
    const base = { orderNo: order.orderNo, openid: order.openid };
    const before = await written(order.id);
    const tooMany = await applyForAfterSales(t, {
      ...base,
      type: 'return_and_refund',
      items: [{ itemId, quantity: 2 }],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('BUSINESS_RULE');
    expect(tooMany.body.error.fields).toHaveProperty('items.0.quantity');
    expect(await written(order.id)).toEqual(before);

    const one = await applyForAfterSales(t, {
      ...base,
      type: 'return_and_refund',
      items: [{ itemId, quantity: 1 }],
    });
    expect(one.status, one.text).toBe(201);
    const row = await caseRow(t, one.body.data.caseNo);
    expect(row.autoApproveAt).toBeNull();
    expect(row.slaDueAt).not.toBeNull();
    // That shipped unit is in a return already; the two unshipped ones can still be refunded.
    const again = await applyForAfterSales(t, {
      ...base,
      type: 'return_and_refund',
      items: [{ itemId, quantity: 1 }],
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('BUSINESS_RULE');
    const refund = await applyForAfterSales(t, { ...base, items: [{ itemId, quantity: 2 }] });
    expect(refund.status, refund.text).toBe(201);
    expect((await caseRow(t, refund.body.data.caseNo)).autoApproveAt).toBeNull();
  });

  it('never more units than bought minus those already in after-sales (naming the line)', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2] });
    const itemId = (order.items[0] as { id: number }).id;
    const base = { orderNo: order.orderNo, openid: order.openid };
    const three = await applyForAfterSales(t, { ...base, items: [{ itemId, quantity: 3 }] });
    expect(three.status).toBe(422);
    expect(three.body.error.code).toBe('AFTER_SALES_QUANTITY_EXCEEDED');
    expect(three.body.error.fields).toEqual({ 'items.0.quantity': 'at most 2' });
    expect(three.body.error.message).toContain('「');
    expect((await applyForAfterSales(t, { ...base, items: [{ itemId, quantity: 1 }] })).status).toBe(201);
    const two = await applyForAfterSales(t, { ...base, items: [{ itemId, quantity: 2 }] });
    expect(two.status).toBe(422);
    expect(two.body.error.fields).toEqual({ 'items.0.quantity': 'at most 1' });
    expect((await applyForAfterSales(t, { ...base, items: [{ itemId, quantity: 1 }] })).status).toBe(201);
    const none = await applyForAfterSales(t, { ...base, items: [{ itemId, quantity: 1 }] });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('AFTER_SALES_QUANTITY_EXCEEDED');
    expect(await reservations(t, order.id)).toMatchObject({
      lines: [{ afterSalesQuantity: 2, afterSalesAmount: 2 * UNIT }],
      openAfterSales: 2,
    });
  });

  it('the amount may be lower than the limit, never higher', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2] });
    const items = [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }];
    const base = { orderNo: order.orderNo, openid: order.openid, items };
    const before = await written(order.id);
    const above = await applyForAfterSales(t, { ...base, amount: UNIT + 1 });
    expect(above.status).toBe(422);
    expect(above.body.error.code).toBe('REFUND_AMOUNT_EXCEEDED');
    expect(above.body.error.fields).toHaveProperty('amount');
    expect(await written(order.id)).toEqual(before);
    const lower = await applyForAfterSales(t, { ...base, amount: 1000 });
    expect(lower.status).toBe(201);
    const row = await caseRow(t, lower.body.data.caseNo);
    expect([row.requestedAmount, row.refundLimit]).toEqual([1000, UNIT]);
  });

  it('the shipping fee goes back only with the last units of the whole order', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1, 2], shippingFee: 800 });
    const [a, b] = order.items as { id: number }[];
    const base = { orderNo: order.orderNo, openid: order.openid };
    const partial = await applyForAfterSales(t, {
      ...base,
      items: [{ itemId: (a as { id: number }).id, quantity: 1 }],
    });
    const partialRow = await caseRow(t, partial.body.data.caseNo);
    expect([partialRow.refundLimit, partialRow.includesShipping]).toEqual([UNIT, false]);
    const rest = await applyForAfterSales(t, {
      ...base,
      items: [{ itemId: (b as { id: number }).id, quantity: 2 }],
    });
    expect(rest.status, rest.text).toBe(201);
    const restRow = await caseRow(t, rest.body.data.caseNo);
    expect([restRow.refundLimit, restRow.includesShipping]).toEqual([2 * UNIT + 800, true]);
  });

  it('caps each line at its paid share after the order discount, unit by unit', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [3, 1], discountAmount: 1001 });
    const shares = paidShares(
      order.items.map((i) => ({ lineAmount: i.lineAmount, quantity: i.quantity })),
      1001,
    );
    const share = shares[0] as number;
    const [a] = order.items as { id: number }[];
    const base = { orderNo: order.orderNo, openid: order.openid };
    const caps = [];
    for (let i = 0; i < 3; i++) {
      const res = await applyForAfterSales(t, {
        ...base,
        items: [{ itemId: (a as { id: number }).id, quantity: 1 }],
      });
      expect(res.status, res.text).toBe(201);
      caps.push((await caseRow(t, res.body.data.caseNo)).refundLimit);
    }
    expect(caps).toEqual([0, 1, 2].map((k) => lineRefundCap(share, 3, k, 1)));
    expect(caps.reduce((s, c) => s + c, 0)).toBe(share);
    expect((await reservations(t, order.id)).lines[0]?.afterSalesAmount).toBe(share);
  });

  it('no-reason returns only within the refund window after receipt; other reasons after it too', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2], receive: true });
    const itemId = (order.items[0] as { id: number }).id;
    const base = { orderNo: order.orderNo, openid: order.openid, type: 'return_and_refund' as const };
    t.clock.advance(6 * DAY);
    const within = await applyForAfterSales(t, {
      ...base,
      items: [{ itemId, quantity: 1 }],
      reasonCode: 'no_reason',
    });
    expect(within.status, within.text).toBe(201);
    t.clock.advance(2 * DAY);
    try {
      const late = await applyForAfterSales(t, {
        ...base,
        items: [{ itemId, quantity: 1 }],
        reasonCode: 'no_reason',
      });
      expect(late.status).toBe(422);
      expect(late.body.error.code).toBe('REFUND_WINDOW_PASSED');
      const quality = await applyForAfterSales(t, {
        ...base,
        items: [{ itemId, quantity: 1 }],
        reasonCode: 'quality',
      });
      expect(quality.status, quality.text).toBe(201);
    } finally {
      t.clock.advance(-8 * DAY);
    }
  });

  it('none for payments the gateway can no longer refund: over a year old, or 50 refunds and cases', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2] });
    const application = {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }],
    };
    const paidAt = t.clock.now();
    await t.db
      .updateTable('orders')
      .set({ paidAt: new Date(paidAt.getTime() - 366 * DAY) })
      .where('id', '=', order.id)
      .execute();
    const old = await applyForAfterSales(t, application);
    expect(old.status).toBe(422);
    expect(old.body.error.code).toBe('ORDER_NOT_REFUNDABLE');
    await t.db.updateTable('orders').set({ paidAt, refundCount: 49 }).where('id', '=', order.id).execute();
    expect((await applyForAfterSales(t, application)).status).toBe(201);
    const fifty = await applyForAfterSales(t, application);
    expect(fifty.status).toBe(422);
    expect(fifty.body.error.code).toBe('REFUND_COUNT_EXCEEDED');
  });

  it('a reason must be on the shop’s list', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1] });
    const res = await applyForAfterSales(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }],
      reasonCode: 'made_up',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('REASON_UNKNOWN');
    expect(res.body.error.fields).toHaveProperty('reasonCode');
  });

  it('refuses unpaid orders, other buyers’ orders and lines of other orders, writing nothing', async () => {
    const unpaid = await orderForAfterSales(t, admin, { lines: [1], unpaid: true });
    const paid = await orderForAfterSales(t, admin, { lines: [1] });
    const before = await written(paid.id);
    const itemOf = (o: typeof paid) => [{ itemId: (o.items[0] as { id: number }).id, quantity: 1 }];

    const notPaid = await applyForAfterSales(t, {
      orderNo: unpaid.orderNo,
      openid: unpaid.openid,
      items: itemOf(unpaid),
    });
    expect(notPaid.status).toBe(422);
    expect(notPaid.body.error.code).toBe('ORDER_NOT_REFUNDABLE');
    const someoneElse = await applyForAfterSales(t, {
      orderNo: paid.orderNo,
      openid: unpaid.openid,
      items: itemOf(paid),
    });
    expect(someoneElse.status).toBe(404);
    const otherLine = await applyForAfterSales(t, {
      orderNo: paid.orderNo,
      openid: paid.openid,
      items: itemOf(unpaid),
    });
    expect(otherLine.status).toBe(400);
    expect(otherLine.body.error.fields).toHaveProperty('items.0.itemId');
    expect(await written(paid.id)).toEqual(before);
  });

  it('hostile input: 400 with fields and nothing written; hostile text is stored as text', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2] });
    const itemId = (order.items[0] as { id: number }).id;
    const base = { orderNo: order.orderNo, openid: order.openid, items: [{ itemId, quantity: 1 }] };
    const before = await written(order.id);
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown field', { ...base, approvedAmount: 1 }, ''],
      ['status smuggled in', { ...base, status: 'approved' }, ''],
      ['negative quantity', { ...base, items: [{ itemId, quantity: -1 }] }, 'items.0.quantity'],
      ['zero quantity', { ...base, items: [{ itemId, quantity: 0 }] }, 'items.0.quantity'],
      ['huge quantity', { ...base, items: [{ itemId, quantity: 1e12 }] }, 'items.0.quantity'],
      ['fractional quantity', { ...base, items: [{ itemId, quantity: 1.5 }] }, 'items.0.quantity'],
      ['no lines', { ...base, items: [] }, 'items'],
      [
        'a line twice',
        {
          ...base,
          items: [
            { itemId, quantity: 1 },
            { itemId, quantity: 1 },
          ],
        },
        'items.1.itemId',
      ],
      ['negative amount', { ...base, amount: -100 }, 'amount'],
      ['fractional amount', { ...base, amount: 10.5 }, 'amount'],
      ['amount as text', { ...base, amount: '100' }, 'amount'],
      ['http photo', { ...base, photos: ['http://img.example.com/a.jpg'] }, 'photos.0'],
      ['javascript photo', { ...base, photos: ['javascript:alert(1)'] }, 'photos.0'],
      [
        '7 photos',
        { ...base, photos: Array.from({ length: 7 }, (_, i) => `https://img.example.com/${i}.jpg`) },
        'photos',
      ],
      ['unknown type', { ...base, type: 'exchange' }, 'type'],
      ['SQL in the reason', { ...base, reasonCode: "quality'; drop table orders;--" }, 'reasonCode'],
      ['description too long', { ...base, description: 'x'.repeat(501) }, 'description'],
      ['unknown field in a line', { ...base, items: [{ itemId, quantity: 1, price: 1 }] }, ''],
    ];
    for (const [what, body, field] of cases) {
      const res = await applyForAfterSales(t, body as never);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('VALIDATION_FAILED');
      if (field) expect(res.body.error.fields?.[field], `${what} → ${field}`).toBeTruthy();
    }
    expect(await written(order.id)).toEqual(before);

    const script = '<script>alert(1)</script>';
    const huge = await applyForAfterSales(t, { ...base, items: [{ itemId, quantity: 9999 }] });
    expect(huge.status).toBe(422);
    expect(huge.body.error.code).toBe('AFTER_SALES_QUANTITY_EXCEEDED');
    const res = await applyForAfterSales(t, {
      ...base,
      description: script,
      photos: Array.from({ length: 6 }, (_, i) => `https://img.example.com/${i}.jpg`),
    });
    expect(res.status, res.text).toBe(201);
    const row = await caseRow(t, res.body.data.caseNo);
    expect(row.description).toBe(script);
    expect(row.photos).toHaveLength(6);
  });

  it('needs the channel signature', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1] });
    const body = {
      orderNo: order.orderNo,
      openid: order.openid,
      type: 'refund_only',
      reasonCode: 'quality',
      items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }],
    };
    const unsigned = await channelRequest(t, '/api/channel/after-sales', {
      body,
      idempotencyKey: 'as-unsigned',
      omit: ['x-signature'],
    });
    expect(unsigned.status).toBe(401);
    const badSecret = await channelRequest(t, '/api/channel/after-sales', {
      body,
      idempotencyKey: 'as-bad',
      secret: 'not-the-secret',
    });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body.error.code).toBe('SIGNATURE_INVALID');
    // A staff session counts for nothing on the channel API.
    const staff = await t.request('/api/channel/after-sales', { cookie: cs, body });
    expect(staff.status).toBe(401);
    expect((await reservations(t, order.id)).openAfterSales).toBe(0);
  });
});

describe('CS opens a case for a customer', () => {
  it('under the same rules, as staff: 201 with the detail; the timeline names the colleague', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2], ship: 'all' });
    const itemId = (order.items[0] as { id: number }).id;
    const input = {
      orderId: order.id,
      type: 'return_and_refund',
      reasonCode: 'damaged',
      items: [{ itemId, quantity: 1 }],
    };
    const res = await t.request('/api/refunds', {
      cookie: cs,
      body: { ...input, description: '电话反馈破损' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data).toMatchObject({
      source: 'staff',
      status: 'requested',
      type: 'return_and_refund',
      orderId: order.id,
      requestedAmount: UNIT,
      itemCount: 1,
      buyerPhone: '138****1234',
    });
    expect(res.body.data.timeline).toMatchObject([{ kind: 'created', actorKind: 'staff' }]);
    const csUser = await t.db
      .selectFrom('staffUsers')
      .select(['id', 'displayName'])
      .where('username', '=', 'cs')
      .executeTakeFirstOrThrow();
    expect(res.body.data.timeline[0].actorName).toBe(csUser.displayName);
    expect((await caseRow(t, res.body.data.caseNo)).createdBy).toBe(csUser.id);
    const tooMany = await t.request('/api/refunds', {
      cookie: cs,
      body: { ...input, items: [{ itemId, quantity: 2 }] },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('AFTER_SALES_QUANTITY_EXCEEDED');
    const photos = await t.request('/api/refunds', { cookie: cs, body: { ...input, photos: [] } });
    expect(photos.status).toBe(400);
    const missing = await t.request('/api/refunds', { cookie: cs, body: { ...input, orderId: 999_999_999 } });
    expect(missing.status).toBe(404);
  });
});
