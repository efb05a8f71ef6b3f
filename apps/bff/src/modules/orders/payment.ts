/**
 * The gateway's payment notification. The order row is locked (FOR UPDATE) while it is read
 * and moved, so two notifications for one order run one after the other:
 * - the same transaction again (a gateway retries until answered) → the paid order, unchanged;
 * - another transaction for a paid order → 409 ORDER_ALREADY_PAID (a double payment to refund);
 * - an amount other than the payable amount → 422 PAYMENT_AMOUNT_MISMATCH, nothing written;
 * - otherwise the shared state machine decides (only pending_payment → paid).
 */
import { checkOrderTransition, type OrderStatus, type PaymentNotify } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { buyerOrder } from './channel-order.js';
import { moveOrder } from './order-move.js';

export type PaymentAnswer = { orderNo: string; status: OrderStatus; paidAt: string };

export async function recordChannelPayment(
  db: Db,
  channelId: number,
  notice: PaymentNotify,
  ctx: AuditContext,
  alsoInTransaction: (trx: Kysely<Database>, answer: PaymentAnswer) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    const order = await buyerOrder(trx, channelId, notice.orderNo, null, true);
    if (!order) throw notFound('order');
    const payment = await trx
      .selectFrom('payments')
      .selectAll()
      .where('orderId', '=', order.id)
      .executeTakeFirst();
    if (payment) {
      if (payment.transactionId !== notice.transactionId)
        throw new AppError(409, 'ORDER_ALREADY_PAID', 'This order was already paid by another transaction.');
      if (payment.amount !== notice.amount)
        throw new AppError(422, 'PAYMENT_AMOUNT_MISMATCH', 'The amount differs from the recorded payment.', {
          amount: `must be ${payment.amount}`,
        });
      const answer = { orderNo: order.orderNo, status: order.status, paidAt: payment.paidAt.toISOString() };
      await alsoInTransaction(trx, answer);
      return answer;
    }
    if (notice.amount !== order.payableAmount)
      throw new AppError(
        422,
        'PAYMENT_AMOUNT_MISMATCH',
        'The amount paid is not the order’s payable amount.',
        {
          amount: `must be ${order.payableAmount}`,
        },
      );
    const check = checkOrderTransition(order.status, 'pay', { kind: 'channel' });
    if (!check.ok) throw new AppError(409, 'ILLEGAL_TRANSITION', `${check.message}.`);
    const paidAt = new Date(notice.paidAt);
    await trx
      .insertInto('payments')
      .values({
        orderId: order.id,
        channelId,
        transactionId: notice.transactionId,
        amount: notice.amount,
        paidAt,
        createdAt: ctx.at,
      })
      .execute();
    const after = await moveOrder(
      trx,
      order.id,
      { status: check.to, paidAmount: notice.amount, paidAt },
      ctx,
    );
    await writeAudit(trx, {
      ...ctx,
      action: 'update',
      resource: 'orders',
      resourceId: order.id,
      before: { status: order.status, paidAmount: order.paidAmount, paidAt: null },
      after: {
        status: after.status,
        paidAmount: after.paidAmount,
        paidAt,
        transactionId: notice.transactionId,
      },
    });
    const answer = { orderNo: after.orderNo, status: after.status, paidAt: paidAt.toISOString() };
    await alsoInTransaction(trx, answer);
    return answer;
  });
}
