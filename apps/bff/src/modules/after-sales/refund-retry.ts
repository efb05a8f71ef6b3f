/**
 * A failed refund again (retry_refund): the same refund row and out_refund_no, so the gateway
 * can never pay it twice; its amount goes back in flight (the failure had released it), within
 * what the order may still refund. It is dispatched after the commit.
 */
import type { AfterSalesActor } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, RefundRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { type CaseActor, recordCaseEvent, staffCaseActor } from './case-events.js';
import { moveCase } from './case-move.js';
import { caseTransition, staffCaseDecider } from './case-transition.js';
import { lockCaseAndOrder } from './lock.js';
import type { LockedRefund } from './refund-outcome.js';
import { assertRefundable, holdRefundAmount } from './refund-start.js';

export async function retryRefund(
  trx: Kysely<Database>,
  { order, caseRow, refund }: LockedRefund,
  decider: AfterSalesActor,
  eventActor: CaseActor,
  ctx: AuditContext,
): Promise<RefundRow> {
  const to = caseTransition(caseRow, 'retry_refund', decider);
  if (refund.status !== 'failed')
    throw new AppError(409, 'ILLEGAL_TRANSITION', `The refund is ${refund.status}, not failed.`);
  assertRefundable(order, refund.amount, ctx.at, { newRefund: false });
  await holdRefundAmount(trx, order.id, refund.amount, ctx.at, { newRefund: false });
  const after = await trx
    .updateTable('refunds')
    .set({
      status: 'processing',
      dispatchState: 'pending',
      nextDispatchAt: ctx.at,
      dispatchLeaseUntil: null,
      failedAt: null,
      updatedAt: ctx.at,
    })
    .where('id', '=', refund.id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirstOrThrow();
  const moved = await moveCase(trx, caseRow.id, { status: to, slaDueAt: null }, ctx.at);
  await recordCaseEvent(trx, {
    caseId: caseRow.id,
    kind: 'refund_retried',
    status: moved.status,
    at: ctx.at,
    actor: eventActor,
    detail: { outRefundNo: refund.outRefundNo, amount: refund.amount, lastFailure: refund.failureReason },
  });
  await writeAudit(trx, {
    ...ctx,
    action: 'retry_refund',
    resource: 'refunds',
    resourceId: refund.id,
    before: { status: refund.status, caseStatus: caseRow.status, failureReason: refund.failureReason },
    after: {
      status: after.status,
      caseStatus: moved.status,
      outRefundNo: refund.outRefundNo,
      amount: refund.amount,
    },
  });
  return after;
}

/** CS (or an admin) sends a failed refund again. */
export async function retryRefundByStaff(
  db: Db,
  caseId: number,
  ctx: AuditContext,
  options: { expectedVersion?: number | undefined } = {},
): Promise<RefundRow> {
  return db.transaction().execute(async (trx) => {
    const { order, caseRow } = await lockCaseAndOrder(trx, caseId);
    const decider = staffCaseDecider(ctx);
    if (options.expectedVersion !== undefined && caseRow.version !== options.expectedVersion)
      throw versionConflict();
    const refund = await trx
      .selectFrom('refunds')
      .selectAll()
      .where('caseId', '=', caseId)
      .forUpdate()
      .executeTakeFirst();
    // No refund yet: the state machine says why (a case that never failed cannot retry).
    if (!refund) {
      caseTransition(caseRow, 'retry_refund', decider);
      throw new AppError(409, 'ILLEGAL_TRANSITION', 'This case has no refund to send again.');
    }
    return retryRefund(trx, { order, caseRow, refund }, decider, await staffCaseActor(trx, ctx), ctx);
  });
}
