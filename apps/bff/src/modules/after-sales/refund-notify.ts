/**
 * The gateway's refund notification (signed like every channel request). It may come more
 * than once and out of order, so each is applied under the locks of its order, case and
 * refund, and only a change the rules allow happens (refund-outcome.ts); a repeat answers 200
 * with the refund as it is. A refund of another channel's order is "not found"; an amount
 * other than the refund's is refused with nothing changed.
 */
import type { RefundNotify, RefundStatus } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { AuditContext } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { recentSettings } from '../settings/service.js';
import { applyRefundFailure, applyRefundSuccess, lockRefund } from './refund-outcome.js';

export type RefundNotifyAnswer = { outRefundNo: string; status: RefundStatus };

export async function recordRefundNotification(
  db: Db,
  channelId: number,
  notice: RefundNotify,
  ctx: AuditContext,
): Promise<RefundNotifyAnswer> {
  const found = await db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.id', 'refunds.orderId')
    .select('refunds.id')
    .where('refunds.outRefundNo', '=', notice.outRefundNo)
    .where('orders.channelId', '=', channelId)
    .executeTakeFirst();
  if (!found) throw notFound('refund');
  const settings = await recentSettings(db);
  return db.transaction().execute(async (trx) => {
    const locked = await lockRefund(trx, found.id);
    if (!locked) throw notFound('refund');
    if (notice.amount !== locked.refund.amount)
      throw new AppError(422, 'PAYMENT_AMOUNT_MISMATCH', 'The amount differs from the refund asked for.', {
        amount: `must be ${locked.refund.amount}`,
      });
    const after =
      notice.status === 'SUCCESS'
        ? await applyRefundSuccess(
            trx,
            locked,
            {
              gatewayRefundId: notice.refundId,
              succeededAt: notice.successTime ? new Date(notice.successTime) : ctx.at,
            },
            ctx,
          )
        : await applyRefundFailure(
            trx,
            locked,
            {
              gatewayRefundId: notice.refundId,
              reason: notice.message ?? `the gateway reports the refund ${notice.status}`,
              csSlaHours: settings.csSlaHours,
            },
            ctx,
          );
    return { outRefundNo: after.outRefundNo, status: after.status };
  });
}
