import { type AfterSalesCounts, DUE_SOON_HOURS, paidShares } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditsOf,
  type CaseOrder,
  eventsOf,
  openCase,
  orderForAfterSales,
  withdrawCase,
} from './support/after-sales.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
let cs: string;
let operator: string;
let manager: string;
let csId: number;
let adminId: number;
let started: string;
beforeAll(async () => {
  t = await createTestContext();
  [admin, cs, operator, manager] = await Promise.all([
    t.login('admin'),
    t.login('customer_service'),
    t.login('operator'),
    t.login('manager'),
  ]);
  const ids = await t.db.selectFrom('staffUsers').select(['id', 'username']).execute();
  csId = ids.find((u) => u.username === 'cs')?.id as number;
  adminId = ids.find((u) => u.username === 'admin')?.id as number;
  started = t.clock.now().toISOString();
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const lineOf = (order: CaseOrder, i = 0) => (order.items[i] as { id: number }).id;
const list = (cookie: string, params: Record<string, unknown> = {}) => {
  const { filter, ...rest } = params;
  const query = new URLSearchParams(
    Object.entries({
      ...rest,
      filter: JSON.stringify({ createdAt_gte: started, ...(filter as object) }),
    }).map(([k, v]) => [k, String(v)]),
  );
  return t.request(`/api/refunds?${query}`, { cookie });
};
const counts = async (cookie = cs): Promise<AfterSalesCounts['data']> =>
  (await t.request('/api/refunds/counts', { cookie })).body.data;

/** A requested case of its own order and member, with its deadline set as the test needs. */
async function caseWith(options: {
  units?: number;
  ship?: boolean;
  type?: 'return_and_refund';
  reasonCode?: string;
  amount?: number;
}) {
  const order = await orderForAfterSales(t, admin, {
    lines: [options.units ?? 1],
    ...(options.ship ? { ship: 'all' as const } : {}),
  });
  const row = await openCase(t, {
    orderNo: order.orderNo,
    openid: order.openid,
    items: [{ itemId: lineOf(order), quantity: options.units ?? 1 }],
    ...(options.type ? { type: options.type } : {}),
    ...(options.reasonCode ? { reasonCode: options.reasonCode } : {}),
    ...(options.amount ? { amount: options.amount } : {}),
  });
  return { order, row };
}
const setSla = (id: number, at: Date | null) =>
  t.db.updateTable('afterSalesCases').set({ slaDueAt: at }).where('id', '=', id).execute();

describe('the queue', () => {
  let overdue: Awaited<ReturnType<typeof caseWith>>;
  let dueSoon: Awaited<ReturnType<typeof caseWith>>;
  let later: Awaited<ReturnType<typeof caseWith>>;
  let doneOld: Awaited<ReturnType<typeof caseWith>>;
  let doneNew: Awaited<ReturnType<typeof caseWith>>;
  let before: AfterSalesCounts['data'];

  beforeAll(async () => {
    before = await counts();
    const now = t.clock.now().getTime();
    doneOld = await caseWith({});
    await withdrawCase(t, doneOld.row.caseNo, doneOld.order.openid);
    later = await caseWith({ ship: true, type: 'return_and_refund', reasonCode: 'damaged', units: 2 });
    overdue = await caseWith({ amount: 1000 });
    dueSoon = await caseWith({ reasonCode: 'wrong_item' });
    t.clock.advance(1000);
    doneNew = await caseWith({});
    await withdrawCase(t, doneNew.row.caseNo, doneNew.order.openid);
    await setSla(overdue.row.id, new Date(now - HOUR));
    await setSla(dueSoon.row.id, new Date(now + 2 * HOUR));
    await setSla(later.row.id, new Date(now + 20 * HOUR));
  });

  it('by default: awaiting action by deadline (overdue first), then the rest newest first, with the total', async () => {
    const res = await list(cs);
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(5);
    const expected = [overdue, dueSoon, later, doneNew, doneOld].map((c) => c.row.caseNo);
    expect(res.body.data.map((c: { caseNo: string }) => c.caseNo)).toEqual(expected);
    // The same order whatever direction is asked, page by page across the boundary.
    const pages = [];
    for (const page of [1, 2, 3]) {
      const p = await list(cs, { page, perPage: 2, sort: 'slaDueAt', order: 'ASC' });
      expect(p.body.total).toBe(5);
      pages.push(...p.body.data.map((c: { caseNo: string }) => c.caseNo));
    }
    expect(pages).toEqual(expected);
    const record = res.body.data[0];
    expect(record).toMatchObject({
      orderNo: overdue.order.orderNo,
      orderStatus: 'paid',
      buyerNickname: '小林',
      buyerPhone: '138****1234',
      requestedAmount: 1000,
      refundLimit: 2580,
      itemCount: 1,
      assigneeName: null,
      refundStatus: null,
    });
    expect(res.text).not.toContain('13800001234');
  });

  it('other sorts, getMany, and filters', async () => {
    const byAmount = await list(cs, { sort: 'requestedAmount', order: 'ASC' });
    expect(byAmount.body.data.map((c: { requestedAmount: number }) => c.requestedAmount)).toEqual([
      1000, 2580, 2580, 2580, 5160,
    ]);
    const many = await t.request(`/api/refunds?ids=${overdue.row.id},${later.row.id}`, { cookie: cs });
    expect(many.body.data.map((c: { id: number }) => c.id).sort()).toEqual(
      [overdue.row.id, later.row.id].sort(),
    );

    const ids = async (filter: Record<string, unknown>) => {
      const res = await list(cs, { filter, sort: 'id', order: 'ASC' });
      expect(res.status, res.text).toBe(200);
      expect(res.body.total).toBe(res.body.data.length);
      return res.body.data.map((c: { id: number }) => c.id);
    };
    expect(await ids({ status: 'withdrawn' })).toEqual([doneOld.row.id, doneNew.row.id]);
    expect(await ids({ status: ['withdrawn', 'requested'] })).toHaveLength(5);
    expect(await ids({ type: 'return_and_refund' })).toEqual([later.row.id]);
    expect(await ids({ reasonCode: 'wrong_item' })).toEqual([dueSoon.row.id]);
    expect(await ids({ requestedAmount_gte: 2000, requestedAmount_lte: 3000 })).toHaveLength(3);
    expect(await ids({ memberId: overdue.row.memberId })).toEqual([overdue.row.id]);
    expect(await ids({ orderId: later.order.id })).toEqual([later.row.id]);
    expect(await ids({ orderNo: later.order.orderNo })).toEqual([later.row.id]);
    expect(await ids({ q: later.order.orderNo.slice(0, 16) })).toContain(later.row.id);
    expect(await ids({ q: dueSoon.row.caseNo })).toEqual([dueSoon.row.id]);
    expect(await ids({ q: '1234' })).toHaveLength(5);
    expect(await ids({ q: '小林' })).toHaveLength(5);
    expect(await ids({ q: "'; drop table orders;--<script>" })).toEqual([]);
    expect(await ids({ awaitingAction: true })).toEqual([later.row.id, overdue.row.id, dueSoon.row.id]);
    expect(await ids({ awaitingAction: false })).toEqual([doneOld.row.id, doneNew.row.id]);
    expect(await ids({ overdue: true })).toEqual([overdue.row.id]);
    expect(await ids({ overdue: false })).toHaveLength(4);
    expect(await ids({ assigneeId: 0 })).toHaveLength(5);
    expect(await ids({ approvalStage: 'admin' })).toEqual([]);
    expect(await ids({ createdAt_lte: new Date(Date.parse(started) - 1).toISOString() })).toEqual([]);

    const bad = await list(cs, { filter: { sneaky: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.request('/api/refunds?sort=approvedAmount', { cookie: cs })).status).toBe(400);
  });

  it('counts awaiting action, overdue, due soon, awaiting an admin, mine, and per status', async () => {
    await t.db
      .updateTable('afterSalesCases')
      .set({ approvalStage: 'admin' })
      .where('id', '=', later.row.id)
      .execute();
    expect((await t.request(`/api/refunds/${dueSoon.row.id}/claim`, { cookie: cs, body: {} })).status).toBe(
      200,
    );
    const now = await counts();
    expect({
      awaitingAction: now.awaitingAction - before.awaitingAction,
      overdue: now.overdue - before.overdue,
      dueSoon: now.dueSoon - before.dueSoon,
      awaitingAdmin: now.awaitingAdmin - before.awaitingAdmin,
      mine: now.mine - before.mine,
    }).toEqual({ awaitingAction: 3, overdue: 1, dueSoon: 1, awaitingAdmin: 1, mine: 1 });
    expect(now.byStatus.withdrawn - before.byStatus.withdrawn).toBe(2);
    expect(Object.keys(now.byStatus)).toHaveLength(10);
    expect((await counts(admin)).mine).toBe(before.mine);
    expect(DUE_SOON_HOURS).toBeGreaterThan(2);
    await t.db
      .updateTable('afterSalesCases')
      .set({ approvalStage: 'none' })
      .where('id', '=', later.row.id)
      .execute();
  });
});

describe('one case', () => {
  it('with its lines, the order and member beside it, the timeline and the moves the role may make', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [3, 1], discountAmount: 500, ship: 'all' });
    const row = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      type: 'return_and_refund',
      items: [{ itemId: lineOf(order), quantity: 2 }],
    });
    const res = await t.request(`/api/refunds/${row.id}`, { cookie: cs });
    expect(res.status, res.text).toBe(200);
    const detail = res.body.data;
    const shares = paidShares(
      order.items.map((i) => ({ lineAmount: i.lineAmount, quantity: i.quantity })),
      500,
    );
    expect(detail.items).toMatchObject([
      { orderItemId: lineOf(order), quantity: 2, refundCap: row.refundLimit, unitPrice: 2580 },
    ]);
    expect(detail.items[0].skuCode).toMatch(/^ORD-/);
    expect(detail.refund).toBeNull();
    expect(detail.order).toMatchObject({
      id: order.id,
      status: 'shipped',
      discountAmount: 500,
      paidAmount: order.payableAmount,
      refundedAmount: 0,
      refundingAmount: 0,
      refundableAmount: order.payableAmount,
    });
    expect(
      detail.order.items.map(
        (l: { paidShare: number; afterSalesQuantity: number; shippedQuantity: number }) => [
          l.paidShare,
          l.afterSalesQuantity,
          l.shippedQuantity,
        ],
      ),
    ).toEqual([
      [shares[0], 2, 3],
      [shares[1], 0, 1],
    ]);
    expect(detail.member).toMatchObject({
      id: row.memberId,
      nickname: '小林',
      phone: '138****1234',
      orderCount: 1,
      totalSpent: order.payableAmount,
      caseCount: 1,
      refundedTotal: 0,
    });
    expect(detail.timeline).toMatchObject([{ kind: 'created', actorKind: 'customer', status: 'requested' }]);
    expect(detail.actions).toEqual(['approve', 'reject']);
    expect(res.text).not.toContain('13800001234');

    const asOperator = await t.request(`/api/refunds/${row.id}`, { cookie: operator });
    expect(asOperator.status).toBe(200);
    expect(asOperator.body.data.actions).toEqual([]);
    expect((await t.request('/api/refunds/999999999', { cookie: cs })).status).toBe(404);
    expect((await t.request('/api/refunds/abc', { cookie: cs })).status).toBe(400);
  });

  it('the options the console needs come from the settings', async () => {
    const res = await t.request('/api/refunds/options', { cookie: cs });
    expect(res.status).toBe(200);
    expect(res.body.data.reasons.map((r: { code: string }) => r.code)).toContain('no_reason');
    expect(res.body.data).toMatchObject({
      refundApprovalLimit: 50000,
      bulkApproveMaxAmount: 5000,
      csSlaHours: 24,
    });
    expect(res.body.data.rejectReasonTemplates.length).toBeGreaterThan(0);
    expect(res.body.data.returnAddress.name).toBeTruthy();
  });
});

describe('claiming, assigning and notes', () => {
  it('claim: mine once; a colleague’s claim is a 409; assign to someone who may decide, or nobody', async () => {
    const { row } = await caseWith({});
    const claim = await t.request(`/api/refunds/${row.id}/claim`, { cookie: cs, body: {} });
    expect(claim.status, claim.text).toBe(200);
    const csName = (
      await t.db
        .selectFrom('staffUsers')
        .select('displayName')
        .where('id', '=', csId)
        .executeTakeFirstOrThrow()
    ).displayName;
    expect(claim.body.data).toMatchObject({ assigneeId: csId, assigneeName: csName });
    expect((await t.request(`/api/refunds/${row.id}/claim`, { cookie: cs, body: {} })).status).toBe(200);
    const taken = await t.request(`/api/refunds/${row.id}/claim`, { cookie: admin, body: {} });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CONFLICT');

    const operatorUser = await t.db
      .selectFrom('staffUsers')
      .select('id')
      .where('username', '=', 'operator')
      .executeTakeFirstOrThrow();
    const toOperator = await t.request(`/api/refunds/${row.id}/assign`, {
      cookie: admin,
      body: { assigneeId: operatorUser.id },
    });
    expect(toOperator.status).toBe(422);
    expect(toOperator.body.error.fields).toHaveProperty('assigneeId');
    const disabled = await t.db
      .insertInto('staffUsers')
      .values({
        username: 'cs-gone',
        displayName: '离职客服',
        role: 'customer_service',
        phone: null,
        passwordHash: 'x',
        disabled: true,
        lockedUntil: null,
        lastLoginAt: null,
        updatedAt: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(
      (await t.request(`/api/refunds/${row.id}/assign`, { cookie: admin, body: { assigneeId: disabled.id } }))
        .status,
    ).toBe(422);
    expect(
      (await t.request(`/api/refunds/${row.id}/assign`, { cookie: admin, body: { assigneeId: 999999 } }))
        .status,
    ).toBe(422);
    expect(
      (
        await t.request(`/api/refunds/${row.id}/assign`, {
          cookie: admin,
          body: { assigneeId: adminId, extra: 1 },
        })
      ).status,
    ).toBe(400);
    const toAdmin = await t.request(`/api/refunds/${row.id}/assign`, {
      cookie: cs,
      body: { assigneeId: adminId },
    });
    expect(toAdmin.status, toAdmin.text).toBe(200);
    expect(toAdmin.body.data.assigneeId).toBe(adminId);
    const nobody = await t.request(`/api/refunds/${row.id}/assign`, {
      cookie: admin,
      body: { assigneeId: null },
    });
    expect(nobody.body.data.assigneeId).toBeNull();

    const events = await eventsOf(t, row.id);
    expect(events.map((e) => [e.kind, e.actorId, e.detail.assigneeId])).toEqual([
      ['created', row.memberId, undefined],
      ['claimed', csId, csId],
      ['assigned', csId, adminId],
      ['assigned', adminId, null],
    ]);
    expect((await auditsOf(t, row.id, 'claim')).map((a) => a.actorId)).toEqual([csId]);
    expect(await auditsOf(t, row.id, 'assign')).toHaveLength(2);

    await withdrawCase(
      t,
      row.caseNo,
      (
        await t.db
          .selectFrom('members')
          .select('openid')
          .where('id', '=', row.memberId)
          .executeTakeFirstOrThrow()
      ).openid,
    );
    const over = await t.request(`/api/refunds/${row.id}/claim`, { cookie: cs, body: {} });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('notes go on the timeline as text; the audit keeps their length only', async () => {
    const { row } = await caseWith({});
    const body = '<script>alert(1)</script> 客户电话确认：包装破损';
    const res = await t.request(`/api/refunds/${row.id}/notes`, { cookie: cs, body: { body } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data).toMatchObject({
      kind: 'note',
      actorKind: 'staff',
      status: 'requested',
      detail: { body },
    });
    const detail = await t.request(`/api/refunds/${row.id}`, { cookie: cs });
    expect(detail.body.data.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'note']);
    const [audit] = await auditsOf(t, row.id, 'note');
    expect(audit?.after).toEqual({ eventId: res.body.data.id, length: body.length });
    expect(
      (await t.request(`/api/refunds/${row.id}/notes`, { cookie: cs, body: { body: '  ' } })).status,
    ).toBe(400);
    expect(
      (await t.request(`/api/refunds/${row.id}/notes`, { cookie: cs, body: { body: 'x'.repeat(501) } }))
        .status,
    ).toBe(400);
    expect(
      (await t.request('/api/refunds/999999999/notes', { cookie: cs, body: { body: 'x' } })).status,
    ).toBe(404);
  });
});

describe('who may', () => {
  it('operators and managers read the queue but may not open, claim, assign or note (403, audited)', async () => {
    const { order, row } = await caseWith({});
    for (const [role, cookie] of [
      ['operator', operator],
      ['manager', manager],
    ] as const) {
      for (const path of [
        '/api/refunds',
        '/api/refunds/counts',
        '/api/refunds/options',
        `/api/refunds/${row.id}`,
      ])
        expect((await t.request(path, { cookie })).status, `${role} GET ${path}`).toBe(200);
      const refusals = [
        [
          '/api/refunds',
          {
            orderId: order.id,
            type: 'refund_only',
            reasonCode: 'quality',
            items: [{ itemId: lineOf(order), quantity: 1 }],
          },
        ],
        [`/api/refunds/${row.id}/claim`, {}],
        [`/api/refunds/${row.id}/assign`, { assigneeId: csId }],
        [`/api/refunds/${row.id}/notes`, { body: 'x' }],
      ] as const;
      for (const [path, body] of refusals) {
        const before = await t.db
          .selectFrom('auditLogs')
          .select('id')
          .where('action', '=', 'forbidden')
          .execute();
        const res = await t.request(path, { cookie, body });
        expect(res.status, `${role} POST ${path}`).toBe(403);
        const after = await t.db
          .selectFrom('auditLogs')
          .selectAll()
          .where('action', '=', 'forbidden')
          .orderBy('id')
          .execute();
        expect(after.length, `${role} POST ${path} audited`).toBe(before.length + 1);
        expect(after.at(-1)?.resource).toBe('refunds');
      }
    }
    expect(await eventsOf(t, row.id)).toHaveLength(1);
    expect((await t.request('/api/refunds')).status).toBe(401);
  });
});

describe('the order desk', () => {
  it('shows what was refunded and whether a case is open, and filters by it', async () => {
    const { order, row } = await caseWith({});
    const get = async () => (await t.request(`/api/orders/${order.id}`, { cookie: operator })).body.data;
    expect(await get()).toMatchObject({ hasOpenRefund: true, refundedAmount: 0 });
    const open = await t.request(
      `/api/orders?filter=${encodeURIComponent(JSON.stringify({ hasOpenRefund: true, memberId: row.memberId }))}`,
      { cookie: operator },
    );
    expect(open.body.data.map((o: { id: number }) => o.id)).toEqual([order.id]);
    await t.db.updateTable('orders').set({ refundedAmount: 1000 }).where('id', '=', order.id).execute();
    const memberOpenid = (
      await t.db
        .selectFrom('members')
        .select('openid')
        .where('id', '=', row.memberId)
        .executeTakeFirstOrThrow()
    ).openid;
    await withdrawCase(t, row.caseNo, memberOpenid);
    expect(await get()).toMatchObject({ hasOpenRefund: false, refundedAmount: 1000 });
    const closed = await t.request(
      `/api/orders?filter=${encodeURIComponent(JSON.stringify({ hasOpenRefund: false, memberId: row.memberId }))}`,
      { cookie: operator },
    );
    expect(closed.body.data.map((o: { id: number }) => o.id)).toEqual([order.id]);
  });
});
