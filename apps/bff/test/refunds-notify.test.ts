import type { RefundNotify } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRow } from '../src/db/schema.js';
import { eventsOf, openCase, orderForAfterSales } from './support/after-sales.js';
import { channelRequest } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';
import {
  caseById,
  decisionRows,
  type Gateway,
  gatewayNotice,
  orderMoney,
  refundOf,
  sendRefundNotice,
  withGateway,
} from './support/refunds.js';

let t: TestContext;
let g: Gateway;
let admin: string;
let cs: string;
beforeAll(async () => {
  t = await createTestContext();
  g = withGateway(t);
  // The gateway takes refunds but never notifies here: each test sends the notifications itself.
  g.hold();
  admin = await t.login('admin');
  cs = await t.login('customer_service');
});
afterAll(() => t.close());

const PRICE = 2580;

/** A refund-only case of a shipped order, approved: its refund at the gateway. */
async function refunding(units = 1) {
  const order = await orderForAfterSales(t, admin, { lines: [2], ship: 'all' });
  const c = await openCase(t, {
    orderNo: order.orderNo,
    openid: order.openid,
    items: [{ itemId: (order.items[0] as { id: number }).id, quantity: units }],
  });
  const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, {});
  expect(res.status, res.text).toBe(200);
  return { order, case: c, refund: (await refundOf(t, c.id)) as RefundRow };
}

const notice = (refund: RefundRow, status: RefundNotify['status'], overrides: Partial<RefundNotify> = {}) =>
  gatewayNotice(t, refund, status, overrides);
const notify = (body: unknown, call: { key?: string; secret?: string } = {}) =>
  sendRefundNotice(t, body, call);

describe('refund notifications', () => {
  it('SUCCESS refunds once; the same notification again answers 200 and changes nothing; no Idempotency-Key is needed', async () => {
    const { order, case: c, refund } = await refunding();
    const first = await notify(notice(refund, 'SUCCESS'));
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ data: { outRefundNo: refund.outRefundNo, status: 'succeeded' } });
    const money = await orderMoney(t, order.id);
    expect(money).toMatchObject({ refundedAmount: PRICE, refundingAmount: 0, openAfterSales: 0 });
    const rows = await decisionRows(t);
    for (const again of [notice(refund, 'SUCCESS'), notice(refund, 'ABNORMAL'), notice(refund, 'CLOSED')]) {
      const res = await notify(again);
      expect(res.status, res.text).toBe(200);
      expect(res.body.data).toEqual({ outRefundNo: refund.outRefundNo, status: 'succeeded' });
    }
    expect(await orderMoney(t, order.id)).toEqual(money);
    expect(await decisionRows(t)).toEqual(rows);
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });
    expect(await refundOf(t, c.id)).toMatchObject({
      status: 'succeeded',
      succeededAt: t.clock.now(),
      gatewayRefundId: refund.gatewayRefundId,
    });
  });

  it('ABNORMAL fails the refund: the amount is no longer in flight and CS must act; a later SUCCESS still counts, once', async () => {
    const { order, case: c, refund } = await refunding();
    const failed = await notify(notice(refund, 'ABNORMAL'));
    expect(failed.status, failed.text).toBe(200);
    expect(failed.body.data.status).toBe('failed');
    expect(await orderMoney(t, order.id)).toMatchObject({
      refundedAmount: 0,
      refundingAmount: 0,
      openAfterSales: 1,
    });
    const failedCase = await caseById(t, c.id);
    expect(failedCase).toMatchObject({ status: 'failed', closedAt: null });
    expect(failedCase.slaDueAt).not.toBeNull();
    expect(await refundOf(t, c.id)).toMatchObject({
      status: 'failed',
      failureReason: '退款异常：用户银行卡已注销',
    });
    // A second ABNORMAL changes nothing.
    const rows = await decisionRows(t);
    expect((await notify(notice(refund, 'CLOSED'))).body.data.status).toBe('failed');
    expect(await decisionRows(t)).toEqual(rows);

    // The money did go back after all: refunded, not released twice.
    const late = await notify(notice(refund, 'SUCCESS'));
    expect(late.status, late.text).toBe(200);
    expect(late.body.data.status).toBe('succeeded');
    expect(await orderMoney(t, order.id)).toMatchObject({
      refundedAmount: PRICE,
      refundingAmount: 0,
      openAfterSales: 0,
    });
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded', slaDueAt: null });
    expect((await eventsOf(t, c.id)).map((e) => e.kind).slice(-2)).toEqual([
      'refund_failed',
      'refund_succeeded',
    ]);
    expect((await eventsOf(t, c.id)).at(-1)?.detail).toMatchObject({ afterFailure: true });
    expect((await notify(notice(refund, 'SUCCESS'))).body.data.status).toBe('succeeded');
    expect(await orderMoney(t, order.id)).toMatchObject({ refundedAmount: PRICE });
  });

  it('a failed refund is sent again by CS with the same number; its SUCCESS then refunds it', async () => {
    const { order, case: c, refund } = await refunding(2);
    await notify(notice(refund, 'ABNORMAL'));
    // Not before it has failed.
    const asked = g.gateway.requests().filter((r) => r.outRefundNo === refund.outRefundNo).length;
    const retried = await g.staff(`/api/refunds/${c.id}/retry-refund`, cs, {});
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body.data).toMatchObject({
      status: 'refunding',
      slaDueAt: null,
      refund: { outRefundNo: refund.outRefundNo, status: 'processing', attempts: 2 },
    });
    expect(g.gateway.requests().filter((r) => r.outRefundNo === refund.outRefundNo)).toHaveLength(asked + 1);
    expect(await orderMoney(t, order.id)).toMatchObject({ refundingAmount: 2 * PRICE, refundCount: 1 });
    expect((await t.db.selectFrom('refunds').select('id').where('caseId', '=', c.id).execute()).length).toBe(
      1,
    );
    const again = await g.staff(`/api/refunds/${c.id}/retry-refund`, cs, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');

    await notify(notice(refund, 'SUCCESS'));
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'closed',
      refundedAmount: 2 * PRICE,
      refundingAmount: 0,
    });
    expect((await eventsOf(t, c.id)).map((e) => e.kind)).toEqual([
      'created',
      'approved',
      'refund_requested',
      'refund_failed',
      'refund_retried',
      'refund_succeeded',
      'order_closed',
    ]);
  });

  it('refuses another amount (422), an unknown refund or another channel’s (404), a bad signature (401), unknown fields (400) — nothing changed', async () => {
    const { refund } = await refunding();
    const created = await t.request('/api/channels', {
      cookie: admin,
      body: { key: 'h5-refunds', name: 'H5 商城' },
    });
    expect(created.status, created.text).toBe(201);
    const other = { key: 'h5-refunds', secret: created.body.data.secret as string };
    const rows = await decisionRows(t);
    const wrongAmount = await notify(notice(refund, 'SUCCESS', { amount: refund.amount - 1 }));
    expect(wrongAmount.status).toBe(422);
    expect(wrongAmount.body.error).toMatchObject({
      code: 'PAYMENT_AMOUNT_MISMATCH',
      fields: { amount: `must be ${refund.amount}` },
    });
    expect((await notify(notice(refund, 'SUCCESS', { outRefundNo: 'R20990101000000000000' }))).status).toBe(
      404,
    );

    const foreign = await notify(notice(refund, 'SUCCESS'), other);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');

    expect((await notify(notice(refund, 'SUCCESS'), { secret: 'not-the-secret' })).status).toBe(401);
    expect(
      (
        await channelRequest(t, '/api/channel/refunds/notify', {
          body: notice(refund, 'SUCCESS'),
          omit: ['x-signature'],
        })
      ).status,
    ).toBe(401);
    for (const body of [
      { ...notice(refund, 'SUCCESS'), extra: 1 },
      { ...notice(refund, 'SUCCESS'), status: 'PROCESSING' },
      { ...notice(refund, 'SUCCESS'), amount: -1 },
      { ...notice(refund, 'SUCCESS'), amount: 1.5 },
      { ...notice(refund, 'SUCCESS'), outRefundNo: "R1' or 1=1 --" },
      { ...notice(refund, 'SUCCESS'), refundId: '<script>' },
    ])
      expect((await notify(body)).status, JSON.stringify(body)).toBe(400);
    expect(await decisionRows(t)).toEqual(rows);
    expect(await refundOf(t, refund.caseId)).toMatchObject({ status: 'processing' });
  });

  it('out of order: SUCCESS, then a stale ABNORMAL, changes nothing more', async () => {
    const { order, refund } = await refunding();
    await notify(notice(refund, 'SUCCESS'));
    const money = await orderMoney(t, order.id);
    const stale = await notify(notice(refund, 'ABNORMAL'));
    expect(stale.status).toBe(200);
    expect(stale.body.data.status).toBe('succeeded');
    expect(await orderMoney(t, order.id)).toEqual(money);
  });
});
