import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditsOf, eventsOf, openCase, orderForAfterSales, reservations } from './support/after-sales.js';
import { createTestContext, type TestContext } from './support/context.js';
import {
  caseById,
  decisionRows,
  type Gateway,
  orderMoney,
  refundOf,
  setSettings,
  withGateway,
} from './support/refunds.js';

let t: TestContext;
let g: Gateway;
let admin: string;
let cs: string;
let operator: string;
beforeAll(async () => {
  t = await createTestContext();
  g = withGateway(t);
  admin = await t.login('admin');
  cs = await t.login('customer_service');
  operator = await t.login('operator');
});
afterAll(() => t.close());

const PRICE = 2580;

/** A shipped order of `units` units of one new SKU, and a refund-only case for `caseUnits` of them. */
async function refundOnlyCase(units = 2, caseUnits = 1, extra: Record<string, unknown> = {}) {
  const order = await orderForAfterSales(t, admin, { lines: [units], ship: 'all' });
  const item = order.items[0] as { id: number };
  const row = await openCase(t, {
    orderNo: order.orderNo,
    openid: order.openid,
    items: [{ itemId: item.id, quantity: caseUnits }],
    ...extra,
  });
  return { order, case: row };
}

const approve = (id: number, cookie: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  g.staff(`/api/refunds/${id}/approve`, cookie, body, headers);

const refundAudits = (refundId: number) =>
  t.db
    .selectFrom('auditLogs')
    .select('action')
    .where('resource', '=', 'refunds')
    .where('resourceId', '=', String(refundId))
    .orderBy('id')
    .execute();

describe('approving a refund-only case', () => {
  it('writes the refund and its number before the gateway is called, answers refunding, and the SUCCESS notification refunds it', async () => {
    const { order, case: c } = await refundOnlyCase(2, 1);
    const payment = await t.db
      .selectFrom('payments')
      .selectAll()
      .where('orderId', '=', order.id)
      .executeTakeFirstOrThrow();
    g.hold();
    const res = await approve(c.id, cs);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'refunding',
      approvedAmount: PRICE,
      slaDueAt: null,
      autoApproveAt: null,
      refundStatus: 'processing',
      refund: {
        outRefundNo: expect.stringMatching(/^R\d{20}$/),
        amount: PRICE,
        status: 'processing',
        attempts: 1,
        gatewayRefundId: expect.stringMatching(/^50\d+$/),
      },
    });
    const outRefundNo = res.body.data.refund.outRefundNo;
    expect(g.gateway.requests().filter((r) => r.outRefundNo === outRefundNo)).toEqual([
      {
        outRefundNo,
        transactionId: payment.transactionId,
        orderNo: order.orderNo,
        channelId: expect.any(Number),
        refundAmount: PRICE,
        totalAmount: payment.amount,
        reason: '质量问题',
      },
    ]);
    expect(await orderMoney(t, order.id)).toMatchObject({
      refundingAmount: PRICE,
      refundedAmount: 0,
      refundCount: 1,
      openAfterSales: 1,
    });
    const refund = await refundOf(t, c.id);
    expect(refund).toMatchObject({ dispatchState: 'sent', status: 'processing', dispatchLeaseUntil: null });

    await g.release();
    const after = await caseById(t, c.id);
    expect(after).toMatchObject({ status: 'refunded', slaDueAt: null });
    expect(after.closedAt).not.toBeNull();
    expect(await refundOf(t, c.id)).toMatchObject({ status: 'succeeded', outRefundNo });
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'shipped',
      refundedAmount: PRICE,
      refundingAmount: 0,
      refundCount: 1,
      openAfterSales: 0,
    });
    // Refunded units stay reserved: they cannot be applied for again.
    expect((await reservations(t, order.id)).lines[0]).toMatchObject({
      afterSalesQuantity: 1,
      afterSalesAmount: PRICE,
    });
    expect((await eventsOf(t, c.id)).map((e) => [e.kind, e.status, e.actorKind])).toEqual([
      ['created', 'requested', 'customer'],
      ['approved', 'approved', 'staff'],
      ['refund_requested', 'refunding', 'staff'],
      ['refund_succeeded', 'refunded', 'gateway'],
    ]);
    expect((await auditsOf(t, c.id)).map((a) => a.action)).toEqual(['create', 'approve', 'start_refund']);
    expect((await refundAudits(refund?.id as number)).map((a) => a.action)).toEqual([
      'create',
      'dispatch_refund',
      'refund_succeeded',
    ]);
  });

  it('for less than asked when CS lowers it, never more than the refund limit', async () => {
    const { order, case: c } = await refundOnlyCase(2, 2);
    const lowered = await approve(c.id, cs, { amount: 3000, note: '协商部分退款' });
    expect(lowered.status, lowered.text).toBe(200);
    expect(lowered.body.data).toMatchObject({
      approvedAmount: 3000,
      requestedAmount: 2 * PRICE,
      refund: { amount: 3000 },
    });
    await g.release();
    expect(await orderMoney(t, order.id)).toMatchObject({ refundedAmount: 3000, refundingAmount: 0 });

    const other = await refundOnlyCase(2, 2);
    const before = await decisionRows(t);
    const above = await approve(other.case.id, cs, { amount: 2 * PRICE + 1 });
    expect(above.status).toBe(422);
    expect(above.body.error).toMatchObject({
      code: 'REFUND_AMOUNT_EXCEEDED',
      fields: { amount: expect.any(String) },
    });
    expect(await decisionRows(t)).toEqual(before);
    expect(await caseById(t, other.case.id)).toMatchObject({
      status: 'requested',
      version: other.case.version,
    });
  });

  it('refuses hostile amounts and unknown fields with nothing changed', async () => {
    const { case: c } = await refundOnlyCase(1, 1);
    const before = await decisionRows(t);
    const asked = g.gateway.requests().length;
    const hostile: [unknown, number][] = [
      [{ amount: -1 }, 400],
      [{ amount: 0 }, 400],
      [{ amount: 12.5 }, 400],
      [{ amount: '2580' }, 400],
      [{ amount: 1e20 }, 400],
      [{ amount: Number.MAX_SAFE_INTEGER }, 400],
      [{ amount: 10_000_000_000 }, 422],
      [{ amount: PRICE + 1 }, 422],
      [{ amount: null }, 400],
      [{ amount: 100, approvedBy: 1 }, 400],
      [{ status: 'refunded' }, 400],
      [{ note: '<script>alert(1)</script>'.repeat(20) }, 400],
      [{ returnAddress: { name: '仓', phone: '0571-88880000', address: '杭州' } }, 400],
      ['{"amount": 100', 400],
      [[], 400],
    ];
    for (const [body, status] of hostile) {
      const res = await approve(c.id, cs, body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(status);
      expect(res.body.error.code).toMatch(/VALIDATION_FAILED|BAD_REQUEST|REFUND_AMOUNT_EXCEEDED/);
    }
    expect(await decisionRows(t)).toEqual(before);
    expect(await caseById(t, c.id)).toMatchObject({
      status: 'requested',
      version: c.version,
      approvedAmount: null,
    });
    expect(g.gateway.requests()).toHaveLength(asked);
  });

  it('with If-Match: a stale version is a 409 and changes nothing; the current one approves', async () => {
    const { case: c } = await refundOnlyCase(1, 1);
    const stale = await approve(c.id, cs, {}, { 'if-match': String(c.version + 1) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(await refundOf(t, c.id)).toBeUndefined();
    const fresh = await approve(c.id, cs, {}, { 'if-match': String(c.version) });
    expect(fresh.status, fresh.text).toBe(200);
    await g.release();
  });

  it('refuses what the payment can no longer refund: more than is left, a 51st refund, a payment over a year old', async () => {
    const refusals: [string, (orderId: number) => Promise<unknown>, string][] = [
      [
        'more than paid − refunded − in flight',
        (orderId) =>
          t.db
            .updateTable('orders')
            .set((eb) => ({ refundedAmount: eb('paidAmount', '-', PRICE - 1) }))
            .where('id', '=', orderId)
            .execute(),
        'REFUND_AMOUNT_EXCEEDED',
      ],
      [
        'a 51st refund',
        (orderId) => t.db.updateTable('orders').set({ refundCount: 50 }).where('id', '=', orderId).execute(),
        'REFUND_COUNT_EXCEEDED',
      ],
      [
        'paid over a year ago',
        (orderId) =>
          t.db
            .updateTable('orders')
            .set({ paidAt: new Date(t.clock.now().getTime() - 366 * 86_400_000) })
            .where('id', '=', orderId)
            .execute(),
        'ORDER_NOT_REFUNDABLE',
      ],
    ];
    for (const [what, since, code] of refusals) {
      const { order, case: c } = await refundOnlyCase(2, 1);
      // Changed after the application: the approval checks again.
      await since(order.id);
      const money = await orderMoney(t, order.id);
      const before = await decisionRows(t);
      const res = await approve(c.id, cs);
      expect(res.status, `${what}: ${res.text}`).toBe(422);
      expect(res.body.error.code, what).toBe(code);
      expect(await decisionRows(t)).toEqual(before);
      expect(await orderMoney(t, order.id)).toEqual(money);
      expect(await caseById(t, c.id)).toMatchObject({ status: 'requested', version: c.version });
    }
  });

  it('is not for operators or managers (403, audited, nothing changed)', async () => {
    const { case: c } = await refundOnlyCase(1, 1);
    const manager = await t.login('manager');
    for (const cookie of [operator, manager]) {
      const res = await approve(c.id, cookie);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      for (const path of ['reject', 'receive', 'start-refund', 'retry-refund'])
        expect((await g.staff(`/api/refunds/${c.id}/${path}`, cookie, {})).status, path).toBe(403);
      expect((await g.staff('/api/refunds/bulk/approve', cookie, { ids: [c.id] })).status).toBe(403);
    }
    expect(await caseById(t, c.id)).toMatchObject({ status: 'requested', version: c.version });
    expect(await refundOf(t, c.id)).toBeUndefined();
    const refused = await t.db
      .selectFrom('auditLogs')
      .select('after')
      .where('action', '=', 'forbidden')
      .where('resource', '=', 'refunds')
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the approval limit', () => {
  it('above it CS gives the first approval, a second CS approval is refused, an admin completes it', async () => {
    await setSettings(t, admin, { refundApprovalLimit: 3000 });
    try {
      const { order, case: c } = await refundOnlyCase(2, 2);
      g.hold();
      const first = await approve(c.id, cs, { note: '金额较大' });
      expect(first.status, first.text).toBe(200);
      expect(first.body.data).toMatchObject({
        status: 'requested',
        approvalStage: 'admin',
        approvedAmount: 2 * PRICE,
        firstApprovedByName: expect.any(String),
        approvedByName: null,
        refund: null,
        slaDueAt: c.slaDueAt?.toISOString(),
      });
      expect(await refundOf(t, c.id)).toBeUndefined();
      expect(await orderMoney(t, order.id)).toMatchObject({ refundingAmount: 0, refundCount: 0 });

      const before = await decisionRows(t);
      const second = await approve(c.id, cs);
      expect(second.status).toBe(403);
      expect(second.body.error).toMatchObject({
        code: 'FORBIDDEN',
        message: 'An admin must approve amounts above ¥30.00.',
      });
      expect(await decisionRows(t)).toEqual(before);
      expect(await auditsOf(t, c.id, 'forbidden')).toHaveLength(1);

      // An admin names a lower amount, or takes the proposed one.
      const done = await approve(c.id, admin);
      expect(done.status, done.text).toBe(200);
      expect(done.body.data).toMatchObject({
        status: 'refunding',
        approvalStage: 'none',
        approvedAmount: 2 * PRICE,
        approvedByName: expect.any(String),
        refund: { amount: 2 * PRICE, status: 'processing' },
      });
      expect((await eventsOf(t, c.id)).map((e) => e.kind)).toEqual([
        'created',
        'first_approved',
        'approved',
        'refund_requested',
      ]);
      await g.release();
      expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });

      // Lowered to the limit, CS completes it alone; an admin never needs a second approval.
      const small = await refundOnlyCase(2, 2);
      g.hold();
      expect((await approve(small.case.id, cs, { amount: 3000 })).body.data.status).toBe('refunding');
      const big = await refundOnlyCase(2, 2);
      expect((await approve(big.case.id, admin)).body.data.status).toBe('refunding');
      await g.release();
    } finally {
      await setSettings(t, admin, { refundApprovalLimit: 50_000 });
    }
  });
});

describe('bulk approval', () => {
  it('approves small refund-only cases still requested, each on its own, and says why the others are not', async () => {
    await setSettings(t, admin, { bulkApproveMaxAmount: PRICE });
    try {
      const small = await refundOnlyCase(2, 1);
      const small2 = await refundOnlyCase(1, 1);
      const tooBig = await refundOnlyCase(2, 2);
      const order = await orderForAfterSales(t, admin, { lines: [1], ship: 'all' });
      const aReturn = await openCase(t, {
        orderNo: order.orderNo,
        openid: order.openid,
        type: 'return_and_refund',
        items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }],
      });
      const decided = await refundOnlyCase(1, 1);
      await g.staff(`/api/refunds/${decided.case.id}/reject`, cs, { reason: '与客服沟通后已协商解决' });
      g.hold();
      const res = await g.staff('/api/refunds/bulk/approve', cs, {
        ids: [small.case.id, tooBig.case.id, aReturn.id, decided.case.id, 999_999_999, small2.case.id],
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.data).toEqual([
        { id: small.case.id, ok: true },
        {
          id: tooBig.case.id,
          ok: false,
          error: { code: 'NOT_ELIGIBLE_FOR_BULK', message: expect.stringContaining('¥25.80') },
        },
        { id: aReturn.id, ok: false, error: { code: 'NOT_ELIGIBLE_FOR_BULK', message: expect.any(String) } },
        {
          id: decided.case.id,
          ok: false,
          error: { code: 'NOT_ELIGIBLE_FOR_BULK', message: expect.any(String) },
        },
        { id: 999_999_999, ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } },
        { id: small2.case.id, ok: true },
      ]);
      // Both approved refunds were sent before the answer.
      for (const c of [small.case, small2.case])
        expect(await refundOf(t, c.id)).toMatchObject({
          status: 'processing',
          dispatchState: 'sent',
          attempts: 1,
        });
      expect(await caseById(t, tooBig.case.id)).toMatchObject({
        status: 'requested',
        version: tooBig.case.version,
      });
      expect(await caseById(t, aReturn.id)).toMatchObject({ status: 'requested' });
      await g.release();
      expect(await caseById(t, small.case.id)).toMatchObject({ status: 'refunded' });

      for (const body of [
        { ids: [] },
        { ids: ['x'] },
        { ids: Array.from({ length: 101 }, (_, i) => i + 1) },
        {},
      ])
        expect((await g.staff('/api/refunds/bulk/approve', cs, body)).status).toBe(400);
    } finally {
      await setSettings(t, admin, { bulkApproveMaxAmount: 5_000 });
    }
  });
});

describe('rejecting', () => {
  it('needs a reason, ends the case and gives its units back to the order', async () => {
    const { order, case: c } = await refundOnlyCase(2, 2);
    expect((await reservations(t, order.id)).lines[0]).toMatchObject({ afterSalesQuantity: 2 });
    for (const body of [
      {},
      { reason: '' },
      { reason: '   ' },
      { reason: 'x'.repeat(201) },
      { reason: 'ok', extra: 1 },
    ])
      expect((await g.staff(`/api/refunds/${c.id}/reject`, cs, body)).status, JSON.stringify(body)).toBe(400);
    const res = await g.staff(`/api/refunds/${c.id}/reject`, cs, { reason: '商品已使用或影响二次销售' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'rejected',
      rejectReason: '商品已使用或影响二次销售',
      slaDueAt: null,
      closedAt: expect.any(String),
    });
    expect(await reservations(t, order.id)).toMatchObject({
      lines: [{ afterSalesQuantity: 0, afterSalesAmount: 0 }],
      openAfterSales: 0,
    });
    expect((await eventsOf(t, c.id)).at(-1)).toMatchObject({
      kind: 'rejected',
      actorKind: 'staff',
      detail: { reason: '商品已使用或影响二次销售' },
    });
    expect(await auditsOf(t, c.id, 'reject')).toHaveLength(1);
    // The units may be applied for again.
    await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 2 }],
    });
  });
});
