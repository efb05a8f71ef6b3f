import {
  type AfterSalesStatus,
  type AfterSalesTransition,
  type AfterSalesType,
  afterSalesStatuses,
  nextAfterSalesStatus,
} from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AfterSalesCaseRow } from '../src/db/schema.js';
import { expireUnshippedReturns } from '../src/modules/after-sales/timers.js';
import { openCase, orderForAfterSales, reportReturnParcel, withdrawCase } from './support/after-sales.js';
import { createTestContext, type TestContext } from './support/context.js';
import {
  caseById,
  decisionRows,
  type Gateway,
  gatewayNotice,
  refundOf,
  sendRefundNotice,
  withGateway,
} from './support/refunds.js';

let t: TestContext;
let g: Gateway;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  g = withGateway(t);
  // The gateway never notifies by itself here: refunding cases stay refunding.
  g.hold();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const DAY = 86_400_000;

/** The decision routes and the moves they make. */
const routes: { path: string; transition: AfterSalesTransition }[] = [
  { path: 'approve', transition: 'approve' },
  { path: 'reject', transition: 'reject' },
  { path: 'receive', transition: 'receive_return' },
  { path: 'start-refund', transition: 'start_refund' },
  { path: 'retry-refund', transition: 'retry_refund' },
];

type Built = { order: Awaited<ReturnType<typeof orderForAfterSales>>; case: AfterSalesCaseRow };

async function requested(type: AfterSalesType): Promise<Built> {
  const order = await orderForAfterSales(t, admin, { lines: [2], receive: true });
  const c = await openCase(t, {
    orderNo: order.orderNo,
    openid: order.openid,
    type,
    items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 2 }],
  });
  return { order, case: c };
}

const act = (id: number, path: string, body: unknown = {}) =>
  g.staff(`/api/refunds/${id}/${path}`, admin, body);

async function ok(res: Awaited<ReturnType<typeof act>>) {
  expect(res.status, res.text).toBe(200);
}

const caseItemsOf = (caseId: number) =>
  t.db.selectFrom('afterSalesItems').select(['id', 'quantity']).where('caseId', '=', caseId).execute();

/** A valid body for each route, so only the case's status can refuse it. */
async function bodyFor(path: string, caseId: number) {
  if (path === 'reject') return { reason: '与客服沟通后已协商解决' };
  if (path === 'receive')
    return {
      items: (await caseItemsOf(caseId)).map((l) => ({ caseItemId: l.id, sellable: 0, damaged: l.quantity })),
    };
  return {};
}

/** Drives a new case of this type to this status through the API (and the timer for `closed`). */
async function caseIn(type: AfterSalesType, status: AfterSalesStatus): Promise<Built | undefined> {
  const built = await requested(type);
  const id = built.case.id;
  const toRefunding = async () => {
    if (type === 'refund_only') return ok(await act(id, 'approve'));
    await ok(await act(id, 'approve'));
    await reportReturnParcel(t, built.case.caseNo, { openid: built.order.openid });
    await ok(await act(id, 'receive', await bodyFor('receive', id)));
    await ok(await act(id, 'start-refund'));
  };
  const notify = async (state: 'SUCCESS' | 'ABNORMAL') => {
    const res = await sendRefundNotice(t, gatewayNotice(t, (await refundOf(t, id)) as never, state));
    expect(res.status, res.text).toBe(200);
  };
  switch (status) {
    case 'requested':
      break;
    case 'approved':
      // Never at rest: approval moves on in the same transaction.
      return undefined;
    case 'rejected':
      await ok(await act(id, 'reject', await bodyFor('reject', id)));
      break;
    case 'withdrawn':
      expect((await withdrawCase(t, built.case.caseNo, built.order.openid)).status).toBe(200);
      break;
    case 'awaiting_return':
      if (type === 'refund_only') return undefined;
      await ok(await act(id, 'approve'));
      break;
    case 'returned':
      if (type === 'refund_only') return undefined;
      await ok(await act(id, 'approve'));
      await reportReturnParcel(t, built.case.caseNo, { openid: built.order.openid });
      await ok(await act(id, 'receive', await bodyFor('receive', id)));
      break;
    case 'refunding':
      await toRefunding();
      break;
    case 'refunded':
      await toRefunding();
      await notify('SUCCESS');
      break;
    case 'failed':
      await toRefunding();
      await notify('ABNORMAL');
      break;
    case 'closed': {
      if (type === 'refund_only') return undefined;
      await ok(await act(id, 'approve'));
      const due = (await caseById(t, id)).returnDueAt as Date;
      await expireUnshippedReturns(t.db, { now: new Date(due.getTime() + DAY) });
      break;
    }
  }
  const row = await caseById(t, id);
  expect(row.status).toBe(status);
  return { ...built, case: row };
}

describe('every illegal move', () => {
  it('is a 409 ILLEGAL_TRANSITION that changes nothing, for every type, status and decision', async () => {
    const walked: string[] = [];
    for (const type of ['refund_only', 'return_and_refund'] as const) {
      for (const status of afterSalesStatuses) {
        const built = await caseIn(type, status);
        if (!built) continue;
        const before = await decisionRows(t);
        const refundBefore = await refundOf(t, built.case.id);
        for (const { path, transition } of routes) {
          if (nextAfterSalesStatus(status, transition, type) !== undefined) continue;
          const res = await act(built.case.id, path, await bodyFor(path, built.case.id));
          expect(res.status, `${type} ${status} ${path}: ${res.text}`).toBe(409);
          expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
          walked.push(`${type}:${status}:${path}`);
        }
        expect(await caseById(t, built.case.id)).toEqual(built.case);
        expect(await refundOf(t, built.case.id)).toEqual(refundBefore);
        expect(await decisionRows(t)).toEqual(before);
      }
    }
    // Every status at rest was walked (approved never is: approval moves on at once).
    expect(walked).toContain('refund_only:refunded:retry-refund');
    expect(walked).toContain('return_and_refund:closed:approve');
    expect(walked).toContain('return_and_refund:awaiting_return:start-refund');
    expect(walked).toContain('refund_only:requested:receive');
    expect(walked).toContain('return_and_refund:returned:approve');
    // 6 statuses at rest × 5 decisions − 3 legal (refund-only); 9 × 5 − 5 legal (returns).
    expect(walked).toHaveLength(27 + 40);
  }, 240_000);
});
