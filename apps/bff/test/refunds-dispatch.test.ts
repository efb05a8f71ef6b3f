import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAfterSalesTimers } from '../src/jobs/after-sales-timers.js';
import type { AuditContext } from '../src/lib/audit.js';
import { approveCase } from '../src/modules/after-sales/approve.js';
import { runRefundDispatch } from '../src/modules/after-sales/refund-dispatch.js';
import type { PaymentGateway } from '../src/modules/payment-gateway/gateway.js';
import {
  eventsOf,
  openCase,
  orderForAfterSales,
  reportReturnParcel,
  reservations,
} from './support/after-sales.js';
import { createTestContext, type TestContext } from './support/context.js';
import { ship } from './support/orders.js';
import { caseById, type Gateway, orderMoney, refundOf, setSettings, withGateway } from './support/refunds.js';

let t: TestContext;
let g: Gateway;
let admin: string;
let cs: string;
/** What the gateway does to the next requests, in turn; then it behaves. */
const trouble: ('busy' | 'silent' | 'refuse')[] = [];
/** Every request the app made, answered or not. */
const asked: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  g = withGateway(t, {
    wrap: (simulator): PaymentGateway => ({
      async requestRefund(request) {
        asked.push(request.outRefundNo);
        const next = trouble.shift();
        if (next === 'silent') throw new Error('ETIMEDOUT');
        if (next === 'busy')
          return { status: 'refused', code: 'SYSTEM_ERROR', message: '系统繁忙', retryable: true };
        if (next === 'refuse')
          return { status: 'refused', code: 'NOT_ENOUGH', message: '基本账户余额不足', retryable: false };
        return simulator.requestRefund(request);
      },
    }),
  });
  await login();
});
afterAll(() => t.close());

async function login() {
  admin = await t.login('admin');
  cs = await t.login('customer_service');
}

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRICE = 2580;

async function requestedCase(
  options: { lines?: number[]; ship?: 'all'; type?: 'return_and_refund'; receive?: boolean } = {},
) {
  const order = await orderForAfterSales(t, admin, {
    lines: options.lines ?? [2],
    ...(options.ship && { ship: options.ship }),
    ...(options.receive && { receive: true }),
  });
  const c = await openCase(t, {
    orderNo: order.orderNo,
    openid: order.openid,
    ...(options.type && { type: options.type }),
    items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }],
  });
  return { order, case: c };
}

const requestsFor = (outRefundNo: string) => asked.filter((no) => no === outRefundNo);
const job = () => runRefundDispatch(g.dispatcher);

describe('sending refunds to the gateway', () => {
  it('a busy gateway: the refund stays pending with its number, and the job sends it again with the same number after the backoff', async () => {
    const { order, case: c } = await requestedCase({ ship: 'all' });
    g.hold();
    trouble.push('busy');
    const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, {});
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'refunding',
      refund: { status: 'processing', attempts: 1 },
    });
    const pending = await refundOf(t, c.id);
    expect(pending).toMatchObject({
      dispatchState: 'pending',
      attempts: 1,
      failureReason: 'SYSTEM_ERROR: 系统繁忙',
      nextDispatchAt: new Date(t.clock.now().getTime() + 10 * SECOND),
      dispatchLeaseUntil: null,
    });
    const outRefundNo = pending?.outRefundNo as string;
    expect(g.gateway.refunds().filter((r) => r.outRefundNo === outRefundNo)).toEqual([]);

    // Not due yet: the job leaves it.
    expect(await job()).toEqual({ accepted: 0, retry: 0, failed: 0 });
    trouble.push('silent');
    t.clock.advance(10 * SECOND);
    expect(await job()).toEqual({ accepted: 0, retry: 1, failed: 0 });
    expect(await refundOf(t, c.id)).toMatchObject({
      attempts: 2,
      dispatchState: 'pending',
      failureReason: 'no answer: ETIMEDOUT',
      nextDispatchAt: new Date(t.clock.now().getTime() + 20 * SECOND),
    });
    t.clock.advance(20 * SECOND);
    expect(await job()).toEqual({ accepted: 1, retry: 0, failed: 0 });
    expect(await refundOf(t, c.id)).toMatchObject({
      attempts: 3,
      dispatchState: 'sent',
      failureReason: null,
      outRefundNo,
    });
    expect(requestsFor(outRefundNo)).toHaveLength(3);
    expect(await job()).toEqual({ accepted: 0, retry: 0, failed: 0 });
    await g.release();
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });
    expect(await orderMoney(t, order.id)).toMatchObject({ refundedAmount: PRICE, refundingAmount: 0 });
    expect(g.gateway.refunds().filter((r) => r.outRefundNo === outRefundNo)).toHaveLength(1);
  });

  it('a refusal for good fails the refund like an ABNORMAL notification: released, CS must act, retry with the same number', async () => {
    const { order, case: c } = await requestedCase({ ship: 'all' });
    g.hold();
    trouble.push('refuse');
    const res = await g.staff(`/api/refunds/${c.id}/approve`, cs, {});
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'failed',
      slaDueAt: expect.any(String),
      refund: { status: 'failed', failureReason: 'NOT_ENOUGH: 基本账户余额不足' },
    });
    expect(await orderMoney(t, order.id)).toMatchObject({
      refundingAmount: 0,
      refundedAmount: 0,
      refundCount: 1,
    });
    expect((await eventsOf(t, c.id)).at(-1)).toMatchObject({ kind: 'refund_failed', actorKind: 'gateway' });
    const retried = await g.staff(`/api/refunds/${c.id}/retry-refund`, cs, {});
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body.data.refund).toMatchObject({ status: 'processing', attempts: 2 });
    await g.release();
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });
    expect(await orderMoney(t, order.id)).toMatchObject({
      refundedAmount: PRICE,
      refundingAmount: 0,
      refundCount: 1,
    });
  });

  it('a crash between the commit and the call leaves the refund pending: the job sends it; a sender that died holding it is replaced once its lease runs out', async () => {
    const { case: c } = await requestedCase({ ship: 'all' });
    const user = await t.db
      .selectFrom('staffUsers')
      .select(['id', 'username'])
      .where('username', '=', 'cs')
      .executeTakeFirst();
    const ctx: AuditContext = {
      actor: { id: user?.id ?? null, name: user?.username ?? 'cs', role: 'customer_service' },
      ip: null,
      requestId: 'crashed-request',
      at: t.clock.now(),
    };
    // The service commits; the process dies before the route could call the gateway.
    const approved = await approveCase(t.db, c.id, {}, ctx);
    const refund = await refundOf(t, c.id);
    expect(refund).toMatchObject({ id: approved.refundId, dispatchState: 'pending', attempts: 0 });
    expect(requestsFor(refund?.outRefundNo as string)).toEqual([]);
    g.hold();
    expect(await job()).toEqual({ accepted: 1, retry: 0, failed: 0 });
    expect(requestsFor(refund?.outRefundNo as string)).toHaveLength(1);
    await g.release();
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });

    const other = await requestedCase({ ship: 'all' });
    await approveCase(t.db, other.case.id, {}, { ...ctx, at: t.clock.now() });
    // Claimed by a sender that then died: its lease holds the refund for a while.
    await t.db
      .updateTable('refunds')
      .set({ dispatchLeaseUntil: new Date(t.clock.now().getTime() + 2 * 60 * SECOND) })
      .where('caseId', '=', other.case.id)
      .execute();
    expect(await job()).toEqual({ accepted: 0, retry: 0, failed: 0 });
    t.clock.advance(2 * 60 * SECOND + 1);
    g.hold();
    expect(await job()).toEqual({ accepted: 1, retry: 0, failed: 0 });
    await g.release();
    expect(await caseById(t, other.case.id)).toMatchObject({ status: 'refunded' });
  });
});

describe('timers', () => {
  it('approve a silent refund-only case of an unshipped order after the setting’s hours, as the system, and send its refund', async () => {
    const { order, case: c } = await requestedCase();
    expect(c.autoApproveAt?.getTime()).toBe(c.createdAt.getTime() + 48 * HOUR);
    // Its order shipped since: left to CS.
    const shippedSince = await requestedCase({ lines: [1, 1] });
    const shipped = await ship(t, admin, shippedSince.order.id, {
      items: [{ orderItemId: (shippedSince.order.items[1] as { id: number }).id, quantity: 1 }],
    });
    expect(shipped.status, shipped.text).toBe(201);
    // A shipped order's refund-only case has no timer at all.
    const noTimer = await requestedCase({ ship: 'all' });
    expect(noTimer.case.autoApproveAt).toBeNull();

    expect(await runAfterSalesTimers(g.dispatcher)).toMatchObject({ autoApproved: 0, leftToCs: 0 });
    t.clock.advance(48 * HOUR);
    g.hold();
    const run = await runAfterSalesTimers(g.dispatcher);
    expect(run).toMatchObject({ autoApproved: 1, leftToCs: 1 });
    const approved = await caseById(t, c.id);
    expect(approved).toMatchObject({
      status: 'refunding',
      autoApproveAt: null,
      approvedBy: null,
      approvedAmount: PRICE,
    });
    expect(await refundOf(t, c.id)).toMatchObject({ dispatchState: 'sent', attempts: 1 });
    expect((await eventsOf(t, c.id)).slice(1).map((e) => [e.kind, e.actorKind])).toEqual([
      ['auto_approved', 'system'],
      ['refund_requested', 'system'],
    ]);
    const audit = await t.db
      .selectFrom('auditLogs')
      .select(['action', 'actorRole'])
      .where('resource', '=', 'after_sales_cases')
      .where('resourceId', '=', String(c.id))
      .where('action', '=', 'auto_approve')
      .execute();
    expect(audit).toEqual([{ action: 'auto_approve', actorRole: 'system' }]);
    expect(await caseById(t, shippedSince.case.id)).toMatchObject({
      status: 'requested',
      autoApproveAt: null,
    });
    expect(await caseById(t, noTimer.case.id)).toMatchObject({ status: 'requested' });
    // Nothing more the next minute.
    expect(await runAfterSalesTimers(g.dispatcher)).toMatchObject({ autoApproved: 0, leftToCs: 0 });
    await g.release();
    expect(await orderMoney(t, order.id)).toMatchObject({ refundedAmount: PRICE });
  });

  it('leave to CS a silent case above the approval limit, or one the refund rules refuse now', async () => {
    await login();
    await setSettings(t, admin, { refundApprovalLimit: 1000 });
    try {
      const { case: c } = await requestedCase();
      t.clock.advance(49 * HOUR);
      expect(await runAfterSalesTimers(g.dispatcher)).toMatchObject({ autoApproved: 0, leftToCs: 1 });
      expect(await caseById(t, c.id)).toMatchObject({ status: 'requested', autoApproveAt: null });
      expect(await refundOf(t, c.id)).toBeUndefined();
      await login();
      await setSettings(t, admin, { refundApprovalLimit: 50_000 });
      const refused = await requestedCase();
      // The payment went back another way meanwhile: nothing is left to refund.
      await t.db
        .updateTable('orders')
        .set((eb) => ({ refundedAmount: eb.ref('paidAmount') }))
        .where('id', '=', refused.order.id)
        .execute();
      const later = await requestedCase();
      t.clock.advance(49 * HOUR);
      g.hold();
      expect(await runAfterSalesTimers(g.dispatcher)).toMatchObject({ autoApproved: 1, leftToCs: 1 });
      expect(await caseById(t, refused.case.id)).toMatchObject({ status: 'requested', autoApproveAt: null });
      expect(await refundOf(t, refused.case.id)).toBeUndefined();
      expect(await caseById(t, later.case.id)).toMatchObject({ status: 'refunding' });
      const why = await t.db
        .selectFrom('auditLogs')
        .select('after')
        .where('resource', '=', 'after_sales_cases')
        .where('resourceId', '=', String(refused.case.id))
        .where('action', '=', 'update')
        .executeTakeFirstOrThrow();
      expect(why.after).toMatchObject({
        autoApproveAt: null,
        leftToCs: expect.stringContaining('can still be refunded'),
      });
      await g.release();
    } finally {
      await login();
      await setSettings(t, admin, { refundApprovalLimit: 50_000 });
    }
  });

  it('close a return not shipped back within the setting’s days, giving its units back; one shipped back stays', async () => {
    await login();
    const late = await requestedCase({ type: 'return_and_refund', receive: true });
    const onTime = await requestedCase({ type: 'return_and_refund', receive: true });
    for (const c of [late.case, onTime.case])
      expect((await g.staff(`/api/refunds/${c.id}/approve`, cs, {})).body.data.status).toBe(
        'awaiting_return',
      );
    expect((await reportReturnParcel(t, onTime.case.caseNo, { openid: onTime.order.openid })).status).toBe(
      200,
    );
    t.clock.advance(7 * DAY - 1);
    expect(await runAfterSalesTimers(g.dispatcher)).toMatchObject({ returnsClosed: 0 });
    t.clock.advance(1);
    expect(await runAfterSalesTimers(g.dispatcher)).toMatchObject({ returnsClosed: 1 });
    const closed = await caseById(t, late.case.id);
    expect(closed).toMatchObject({ status: 'closed', slaDueAt: null });
    expect(closed.closedAt).not.toBeNull();
    expect(await reservations(t, late.order.id)).toMatchObject({
      lines: [{ afterSalesQuantity: 0, afterSalesAmount: 0 }],
      openAfterSales: 0,
    });
    expect((await eventsOf(t, late.case.id)).at(-1)).toMatchObject({
      kind: 'closed',
      actorKind: 'system',
      status: 'closed',
      detail: { reason: 'return_not_shipped' },
    });
    expect(await caseById(t, onTime.case.id)).toMatchObject({ status: 'awaiting_return' });
    expect(await runAfterSalesTimers(g.dispatcher)).toMatchObject({ returnsClosed: 0 });
  });
});
