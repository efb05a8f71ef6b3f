/**
 * What the gateway's word does to a refund, its case and its order. Callers hold the order, the
 * case and the refund (lockRefund: in that order, as everything that changes a case does), so
 * two notifications of one refund run one after the other and the second finds it settled.
 * - Paid back: processing|failed → succeeded, once. A success after a failure still counts (the
 *   money did go back); its in-flight amount was released by the failure, so it is not released
 *   twice. The case is refunded; the order is closed once all it was paid has gone back.
 * - Not paid back: only processing → failed; the in-flight amount is released and CS must act.
 * Anything else changes nothing.
 */
import { checkOrderTransition, formatFen } from '@siyu/shared';
import { type Kysely, sql } from 'kysely';
import type { AfterSalesCaseRow, Database, OrderRow, RefundRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { moveOrder } from '../orders/order-move.js';
import { hasUnitsLeftToShip } from '../orders/units-left-to-ship.js';
import { type CaseActor, recordCaseEvent } from './case-events.js';
import { moveCase } from './case-move.js';
import { caseTransition, gatewayCaseDecider, slaDueFrom, systemCaseDecider } from './case-transition.js';
import { lockCaseAndOrder } from './lock.js';
import { closeCaseOnOrder } from './reservation.js';

export type LockedRefund = { order: OrderRow; caseRow: AfterSalesCaseRow; refund: RefundRow };

export const gatewayEventActor: CaseActor = { kind: 'gateway', id: null, name: 'payment gateway' };

/** Locks the refund's order, its case, then the refund (FOR UPDATE); undefined when there is no such refund. */
export async function lockRefund(trx: Kysely<Database>, refundId: number): Promise<LockedRefund | undefined> {
  // A refund never moves to another case: reading its case id unlocked is safe.
  const ref = await trx.selectFrom('refunds').select('caseId').where('id', '=', refundId).executeTakeFirst();
  if (!ref) return undefined;
  const { order, caseRow } = await lockCaseAndOrder(trx, ref.caseId);
  const refund = await trx
    .selectFrom('refunds')
    .selectAll()
    .where('id', '=', refundId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { order, caseRow, refund };
}

/**
 * A paid order that will never ship anything (every unit cancelled by refunds) and has nothing
 * left open: done, even when CS refunded less than was paid.
 */
async function willNeverShip(trx: Kysely<Database>, order: OrderRow): Promise<boolean> {
  if (order.status !== 'paid' || order.refundingAmount !== 0 || order.openAfterSales !== 0) return false;
  return !(await hasUnitsLeftToShip(trx, order.id));
}

/**
 * When everything paid has gone back, or a paid order's every unit was refunded before it
 * shipped, the order is closed (the system's move).
 */
async function closeOrderIfAllRefunded(
  trx: Kysely<Database>,
  orderId: number,
  caseId: number,
  ctx: AuditContext,
): Promise<void> {
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  if (order.refundedAmount !== order.paidAmount && !(await willNeverShip(trx, order))) return;
  const check = checkOrderTransition(order.status, 'close', { kind: 'system' });
  if (!check.ok) return;
  const closed = await moveOrder(trx, order.id, { status: check.to, closedAt: ctx.at }, ctx);
  await writeAudit(trx, {
    ...ctx,
    action: 'close',
    resource: 'orders',
    resourceId: order.id,
    before: { status: order.status },
    after: { status: closed.status, refundedAmount: closed.refundedAmount, paidAmount: closed.paidAmount },
  });
  await recordCaseEvent(trx, {
    caseId,
    kind: 'order_closed',
    status: null,
    at: ctx.at,
    actor: { kind: 'system', id: null, name: 'system' },
    detail: { orderNo: order.orderNo, refundedAmount: closed.refundedAmount },
  });
}

export async function applyRefundSuccess(
  trx: Kysely<Database>,
  { order, caseRow, refund }: LockedRefund,
  notice: { gatewayRefundId: string | null; succeededAt: Date },
  ctx: AuditContext,
): Promise<RefundRow> {
  if (refund.status === 'succeeded') return refund;
  const wasInFlight = refund.status === 'processing';
  const release = wasInFlight ? refund.amount : 0;
  // A success after a failure: the case goes back through refunding, as a retry would.
  if (caseRow.status === 'failed') caseTransition(caseRow, 'retry_refund', systemCaseDecider);
  const to = caseTransition({ ...caseRow, status: 'refunding' }, 'refund_succeeded', gatewayCaseDecider);

  const money = await trx
    .updateTable('orders')
    .set((eb) => ({
      refundedAmount: eb('refundedAmount', '+', refund.amount),
      refundingAmount: eb('refundingAmount', '-', release),
      updatedAt: ctx.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', order.id)
    .where('refundingAmount', '>=', release)
    .where(sql<boolean>`refunded_amount + ${refund.amount} + refunding_amount - ${release} <= paid_amount`)
    .returningAll()
    .executeTakeFirst();
  if (!money)
    // Only a success arriving after its failure was released and the room spent on another refund.
    throw new AppError(
      409,
      'CONFLICT',
      `Refund ${refund.outRefundNo} succeeded after it had failed, and ${formatFen(refund.amount)} more would pass what was paid: reconcile by hand.`,
    );
  const after = await trx
    .updateTable('refunds')
    .set((eb) => ({
      status: 'succeeded',
      succeededAt: notice.succeededAt,
      gatewayRefundId: eb.fn.coalesce('gatewayRefundId', eb.val(notice.gatewayRefundId)),
      // The gateway has it, whatever our dispatch recorded (a sender still at it records its answer).
      dispatchState: 'sent',
      updatedAt: ctx.at,
    }))
    .where('id', '=', refund.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const closedCase = await moveCase(
    trx,
    caseRow.id,
    { status: to, closedAt: ctx.at, slaDueAt: null, autoApproveAt: null },
    ctx.at,
  );
  await closeCaseOnOrder(trx, order.id);
  await recordCaseEvent(trx, {
    caseId: caseRow.id,
    kind: 'refund_succeeded',
    status: closedCase.status,
    at: ctx.at,
    actor: gatewayEventActor,
    detail: {
      outRefundNo: refund.outRefundNo,
      amount: refund.amount,
      gatewayRefundId: after.gatewayRefundId,
      ...(!wasInFlight && { afterFailure: true }),
    },
  });
  await writeAudit(trx, {
    ...ctx,
    action: 'refund_succeeded',
    resource: 'refunds',
    resourceId: refund.id,
    before: { status: refund.status, caseStatus: caseRow.status },
    after: {
      status: after.status,
      caseStatus: closedCase.status,
      amount: refund.amount,
      orderRefundedAmount: money.refundedAmount,
      orderRefundingAmount: money.refundingAmount,
    },
  });
  await closeOrderIfAllRefunded(trx, order.id, caseRow.id, ctx);
  return after;
}

export async function applyRefundFailure(
  trx: Kysely<Database>,
  { order, caseRow, refund }: LockedRefund,
  notice: { gatewayRefundId: string | null; reason: string; csSlaHours: number },
  ctx: AuditContext,
): Promise<RefundRow> {
  if (refund.status !== 'processing') return refund;
  const to = caseTransition(caseRow, 'refund_failed', gatewayCaseDecider);
  const money = await trx
    .updateTable('orders')
    .set((eb) => ({
      refundingAmount: eb('refundingAmount', '-', refund.amount),
      updatedAt: ctx.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', order.id)
    .where('refundingAmount', '>=', refund.amount)
    .returningAll()
    .executeTakeFirstOrThrow();
  const reason = notice.reason.slice(0, 500);
  const after = await trx
    .updateTable('refunds')
    .set((eb) => ({
      status: 'failed',
      failedAt: ctx.at,
      failureReason: reason,
      gatewayRefundId: eb.fn.coalesce('gatewayRefundId', eb.val(notice.gatewayRefundId)),
      updatedAt: ctx.at,
    }))
    .where('id', '=', refund.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // CS must look at it: retry (same refund number) or talk to the customer.
  const failedCase = await moveCase(
    trx,
    caseRow.id,
    { status: to, slaDueAt: slaDueFrom(ctx.at, notice.csSlaHours) },
    ctx.at,
  );
  await recordCaseEvent(trx, {
    caseId: caseRow.id,
    kind: 'refund_failed',
    status: failedCase.status,
    at: ctx.at,
    actor: gatewayEventActor,
    detail: { outRefundNo: refund.outRefundNo, amount: refund.amount, reason },
  });
  await writeAudit(trx, {
    ...ctx,
    action: 'refund_failed',
    resource: 'refunds',
    resourceId: refund.id,
    before: { status: refund.status, caseStatus: caseRow.status },
    after: {
      status: after.status,
      caseStatus: failedCase.status,
      amount: refund.amount,
      reason,
      orderRefundingAmount: money.refundingAmount,
    },
  });
  return after;
}
