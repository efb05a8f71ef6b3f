import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyForAfterSales,
  auditsOf,
  type CaseOrder,
  caseRow,
  eventsOf,
  openCase,
  orderForAfterSales,
  reportReturnParcel,
  reservations,
  withdrawCase,
} from './support/after-sales.js';
import { channelRequest } from './support/channel.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const lineOf = (order: CaseOrder, i = 0) => (order.items[i] as { id: number }).id;

/** Puts a case where the decisions (tested with them) would have taken it. */
const setCase = (id: number, changes: Record<string, unknown>) =>
  t.db.updateTable('afterSalesCases').set(changes).where('id', '=', id).execute();

const awaitingReturn = {
  status: 'awaiting_return',
  approvedAmount: 2580,
  approvedAt: new Date(),
  slaDueAt: null,
  autoApproveAt: null,
  returnAddress: JSON.stringify({
    name: '售后仓',
    phone: '0571-88880000',
    address: '杭州市余杭区 文一西路 1288 号',
  }),
  returnDueAt: new Date(Date.now() + 7 * 24 * HOUR),
};

describe('withdrawing', () => {
  it('gives the units back: a new application for the same unit then succeeds', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1] });
    const application = {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: lineOf(order), quantity: 1 }],
    };
    const row = await openCase(t, application);
    expect((await applyForAfterSales(t, application)).status).toBe(422);

    const res = await withdrawCase(t, row.caseNo, order.openid);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ caseNo: row.caseNo, status: 'withdrawn' });
    const after = await caseRow(t, row.caseNo);
    expect(after).toMatchObject({
      status: 'withdrawn',
      slaDueAt: null,
      autoApproveAt: null,
      version: row.version + 1,
    });
    expect(after.closedAt).not.toBeNull();
    expect(await reservations(t, order.id)).toMatchObject({
      lines: [{ afterSalesQuantity: 0, afterSalesAmount: 0 }],
      openAfterSales: 0,
    });
    expect((await eventsOf(t, row.id)).map((e) => [e.kind, e.actorKind, e.status])).toEqual([
      ['created', 'customer', 'requested'],
      ['withdrawn', 'customer', 'withdrawn'],
    ]);
    expect(await auditsOf(t, row.id, 'withdraw')).toHaveLength(1);

    const again = await withdrawCase(t, row.caseNo, order.openid);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await applyForAfterSales(t, application)).status).toBe(201);
  });

  it('from approved, awaiting return or returned; never once the refund has started', async () => {
    for (const status of ['approved', 'awaiting_return', 'returned'] as const) {
      const order = await orderForAfterSales(t, admin, { lines: [1], ship: 'all' });
      const row = await openCase(t, {
        orderNo: order.orderNo,
        openid: order.openid,
        type: 'return_and_refund',
        items: [{ itemId: lineOf(order), quantity: 1 }],
      });
      await setCase(row.id, { ...awaitingReturn, status });
      const res = await withdrawCase(t, row.caseNo, order.openid);
      expect(res.status, `${status}: ${res.text}`).toBe(200);
      expect((await reservations(t, order.id)).openAfterSales).toBe(0);
    }
    for (const status of ['refunding', 'refunded', 'failed', 'rejected'] as const) {
      const order = await orderForAfterSales(t, admin, { lines: [1] });
      const row = await openCase(t, {
        orderNo: order.orderNo,
        openid: order.openid,
        items: [{ itemId: lineOf(order), quantity: 1 }],
      });
      const final = status === 'refunded' || status === 'rejected';
      await setCase(row.id, {
        status,
        approvedAmount: 2580,
        slaDueAt: null,
        ...(final ? { closedAt: new Date() } : {}),
        ...(status === 'rejected' ? { rejectReason: '不符合' } : {}),
      });
      const res = await withdrawCase(t, row.caseNo, order.openid);
      expect(res.status, status).toBe(409);
      expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
      expect((await reservations(t, order.id)).lines[0]?.afterSalesQuantity, status).toBe(1);
    }
  });

  it("another buyer's case is not found", async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1] });
    const other = await orderForAfterSales(t, admin, { lines: [1] });
    const row = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: lineOf(order), quantity: 1 }],
    });
    const res = await withdrawCase(t, row.caseNo, other.openid);
    expect(res.status).toBe(404);
    expect((await caseRow(t, row.caseNo)).status).toBe('requested');
  });
});

describe('the return parcel', () => {
  it('only while awaiting the goods, once: the SLA starts again for CS', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1], ship: 'all' });
    const row = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      type: 'return_and_refund',
      items: [{ itemId: lineOf(order), quantity: 1 }],
    });
    const early = await reportReturnParcel(t, row.caseNo, { openid: order.openid });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ILLEGAL_TRANSITION');

    await setCase(row.id, awaitingReturn);
    const bad = await reportReturnParcel(t, row.caseNo, { openid: order.openid, trackingNo: 'not-a-number' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('trackingNo');
    const stranger = await reportReturnParcel(t, row.caseNo, { openid: 'someone-else-openid' });
    expect(stranger.status).toBe(404);

    const res = await reportReturnParcel(t, row.caseNo, {
      openid: order.openid,
      trackingNo: 'sf 1234 5678 9012 3',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.status).toBe('awaiting_return');
    const after = await caseRow(t, row.caseNo);
    expect(after).toMatchObject({ returnCarrier: 'SF', returnTrackingNo: 'SF1234567890123' });
    expect(after.returnShippedAt?.getTime()).toBe(t.clock.now().getTime());
    expect(after.slaDueAt?.getTime()).toBe(t.clock.now().getTime() + 24 * HOUR);
    const events = await eventsOf(t, row.id);
    expect(events.at(-1)).toMatchObject({
      kind: 'return_shipped',
      actorKind: 'customer',
      status: 'awaiting_return',
    });
    expect(events.at(-1)?.detail).toEqual({ carrier: 'SF', trackingNo: 'SF1234567890123' });

    const twice = await reportReturnParcel(t, row.caseNo, { openid: order.openid });
    expect(twice.status).toBe(409);
    expect((await caseRow(t, row.caseNo)).returnTrackingNo).toBe('SF1234567890123');
  });
});

describe('reading a case', () => {
  it('its customer sees it; anyone else, another number or a malformed one: 404/400', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [2] });
    const row = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: lineOf(order), quantity: 2 }],
      amount: 3000,
    });
    const get = (caseNo: string, openid: string) =>
      channelRequest(t, `/api/channel/after-sales/${caseNo}?openid=${openid}`, { method: 'GET' });
    const mine = await get(row.caseNo, order.openid);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({
      caseNo: row.caseNo,
      orderNo: order.orderNo,
      status: 'requested',
      requestedAmount: 3000,
      items: [{ itemId: lineOf(order), quantity: 2 }],
    });
    expect((await get(row.caseNo, 'another-buyer-openid')).status).toBe(404);
    expect((await get('AS20260101000000000000', order.openid)).status).toBe(404);
    expect((await get('DROP-TABLE', order.openid)).status).toBe(400);
    const unsigned = await channelRequest(
      t,
      `/api/channel/after-sales/${row.caseNo}?openid=${order.openid}`,
      {
        method: 'GET',
        omit: ['x-signature'],
      },
    );
    expect(unsigned.status).toBe(401);
  });
});
