/**
 * The buyer cancels an unpaid order: the order row is locked, the state machine decides, and
 * the reserved stock comes back with cancel_release movements, all in one transaction.
 */
import { type ChannelOrder, type ChannelOrderCancel, checkOrderTransition } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { buyerOrder, toChannelOrder } from './channel-order.js';
import { moveOrder, releaseOrderStock } from './order-move.js';

export async function cancelByBuyer(
  db: Db,
  channelId: number,
  orderNo: string,
  request: ChannelOrderCancel,
  ctx: AuditContext,
  alsoInTransaction: (trx: Kysely<Database>, order: ChannelOrder) => Promise<void>,
): Promise<ChannelOrder> {
  return db.transaction().execute(async (trx) => {
    const order = await buyerOrder(trx, channelId, orderNo, request.openid, true);
    if (!order) throw notFound('order');
    const check = checkOrderTransition(order.status, 'cancel', { kind: 'channel' });
    if (!check.ok) throw new AppError(409, 'ILLEGAL_TRANSITION', `${check.message}.`);
    const items = await releaseOrderStock(trx, order, ctx);
    const after = await moveOrder(
      trx,
      order.id,
      { status: check.to, cancelReason: 'customer', cancelledAt: ctx.at },
      ctx,
    );
    await writeAudit(trx, {
      ...ctx,
      action: 'update',
      resource: 'orders',
      resourceId: order.id,
      before: { status: order.status },
      after: { status: after.status, cancelReason: after.cancelReason, reason: request.reason ?? null },
    });
    const answer = toChannelOrder(after, items);
    await alsoInTransaction(trx, answer);
    return answer;
  });
}
