import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRow } from '../src/db/schema.js';
import type { AuditContext } from '../src/lib/audit.js';
import { approveCase } from '../src/modules/after-sales/approve.js';
import { dispatchRefund, runRefundDispatch } from '../src/modules/after-sales/refund-dispatch.js';
import { eventsOf, openCase, orderForAfterSales } from './support/after-sales.js';
import { createTestContext, type TestContext } from './support/context.js';
import {
  caseById,
  type Gateway,
  gatewayNotice,
  orderMoney,
  refundOf,
  refundsOfOrder,
  sendRefundNotice,
  withGateway,
} from './support/refunds.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let g: Gateway;
let admin: string;
let cs: string;
beforeAll(async () => {
  t = await createTestContext();
  g = withGateway(t);
  admin = await t.login('admin');
  cs = await t.login('customer_service');
});
afterAll(() => t.close());

const PRICE = 2580;

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const countBy = (statuses: number[]) =>
  Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length]));

async function caseOf(lines: number[], line = 0, units = 1) {
  const order = await orderForAfterSales(t, admin, { lines, ship: 'all', shippingFee: 0 });
  const c = await openCase(t, {
    orderNo: order.orderNo,
    openid: order.openid,
    items: [{ itemId: (order.items[line] as { id: number }).id, quantity: units }],
  });
  return { order, case: c };
}

describe.runIf(onPostgres)('refunds at once on PostgreSQL', () => {
  it('50 parallel approvals of one case: one refund, one gateway request, in flight once', async () => {
    const { order, case: c } = await caseOf([2], 0, 2);
    g.hold();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => g.staff(`/api/refunds/${c.id}/approve`, cs, {})),
    );
    expect(countBy(answers.map((a) => a.status))).toEqual({ 200: 1, 409: 49 });
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body.error.code).toBe('ILLEGAL_TRANSITION');
    const refunds = await refundsOfOrder(t, order.id);
    expect(refunds).toHaveLength(1);
    const [refund] = refunds as [RefundRow];
    expect(g.gateway.requests().filter((r) => r.orderNo === order.orderNo)).toHaveLength(1);
    expect(await orderMoney(t, order.id)).toMatchObject({
      refundingAmount: 2 * PRICE,
      refundCount: 1,
      refundedAmount: 0,
    });
    expect((await eventsOf(t, c.id)).filter((e) => e.kind === 'refund_requested')).toHaveLength(1);
    await g.release();
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'closed',
      refundedAmount: 2 * PRICE,
      refundingAmount: 0,
    });
    expect(await refundOf(t, c.id)).toMatchObject({ id: refund.id, status: 'succeeded' });
  }, 120_000);

  it('20 duplicated, shuffled SUCCESS and ABNORMAL notifications at once: refunded once, never more than paid', async () => {
    for (let round = 0; round < 5; round++) {
      const { order, case: c } = await caseOf([2], 0, 1);
      g.hold();
      expect((await g.staff(`/api/refunds/${c.id}/approve`, cs, {})).status).toBe(200);
      const refund = (await refundOf(t, c.id)) as RefundRow;
      const notices = shuffle([
        ...Array.from({ length: 10 }, () => gatewayNotice(t, refund, 'SUCCESS')),
        ...Array.from({ length: 10 }, (_, i) => gatewayNotice(t, refund, i % 2 ? 'ABNORMAL' : 'CLOSED')),
      ]);
      const answers = await Promise.all(notices.map((n) => sendRefundNotice(t, n)));
      expect(countBy(answers.map((a) => a.status))).toEqual({ 200: 20 });
      const money = await orderMoney(t, order.id);
      expect(money).toMatchObject({ refundedAmount: PRICE, refundingAmount: 0, openAfterSales: 0 });
      expect(money.refundedAmount + money.refundingAmount).toBeLessThanOrEqual(money.paidAmount);
      expect(await refundOf(t, c.id)).toMatchObject({ status: 'succeeded' });
      expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });
      const kinds = (await eventsOf(t, c.id)).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'refund_succeeded')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'refund_failed').length).toBeLessThanOrEqual(1);
      // The simulator's own notification, let go now, changes nothing either.
      await g.release();
      expect(await orderMoney(t, order.id)).toEqual(money);
    }
  }, 120_000);

  it('two cases of one order approved at once, together more than is left: one refunds, the other is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const order = await orderForAfterSales(t, admin, { lines: [1, 1], ship: 'all', shippingFee: 0 });
      const [a, b] = [0, 1].map((line) => ({
        itemId: (order.items[line] as { id: number }).id,
        quantity: 1,
      }));
      const first = await openCase(t, { orderNo: order.orderNo, openid: order.openid, items: [a as never] });
      const second = await openCase(t, { orderNo: order.orderNo, openid: order.openid, items: [b as never] });
      // Part of the payment went back another way (a refund at the gateway's console): 3,000 fen are left.
      await t.db
        .updateTable('orders')
        .set((eb) => ({ refundedAmount: eb('paidAmount', '-', 3000) }))
        .where('id', '=', order.id)
        .execute();
      g.hold();
      const answers = await Promise.all(
        [first, second, first, second].map((c) => g.staff(`/api/refunds/${c.id}/approve`, cs, {})),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 422).map((a) => a.body.error.code)).toEqual(
        expect.arrayContaining(['REFUND_AMOUNT_EXCEEDED']),
      );
      const money = await orderMoney(t, order.id);
      expect(money.refundingAmount).toBe(PRICE);
      expect(money.refundedAmount + money.refundingAmount).toBeLessThanOrEqual(money.paidAmount);
      expect(await refundsOfOrder(t, order.id)).toHaveLength(1);
      const statuses = [(await caseById(t, first.id)).status, (await caseById(t, second.id)).status].sort();
      expect(statuses).toEqual(['refunding', 'requested']);
      await g.release();
      const after = await orderMoney(t, order.id);
      expect(after.refundedAmount).toBeLessThanOrEqual(after.paidAmount);
      expect(after.refundingAmount).toBe(0);
    }
  }, 120_000);

  it('the route and several job runs at once send each pending refund once', async () => {
    const user = await t.db
      .selectFrom('staffUsers')
      .select('id')
      .where('username', '=', 'cs')
      .executeTakeFirstOrThrow();
    const ctx = (): AuditContext => ({
      actor: { id: user.id, name: 'cs', role: 'customer_service' },
      ip: null,
      requestId: 'parallel-dispatch',
      at: t.clock.now(),
    });
    const refundIds: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { case: c } = await caseOf([1]);
      refundIds.push((await approveCase(t.db, c.id, {}, ctx())).refundId as number);
    }
    g.hold();
    const before = g.gateway.requests().length;
    await Promise.all([
      ...Array.from({ length: 5 }, () => runRefundDispatch(g.dispatcher)),
      ...refundIds.map((id) => dispatchRefund(g.dispatcher, id)),
    ]);
    const numbers = g.gateway
      .requests()
      .slice(before)
      .map((r) => r.outRefundNo);
    expect(numbers).toHaveLength(10);
    expect(new Set(numbers).size).toBe(10);
    const rows = await t.db
      .selectFrom('refunds')
      .select(['dispatchState', 'attempts'])
      .where('id', 'in', refundIds)
      .execute();
    expect(rows.every((r) => r.dispatchState === 'sent' && r.attempts === 1)).toBe(true);
    await g.release();
  }, 120_000);
});
