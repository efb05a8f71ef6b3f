/**
 * The buyer confirms a shipped order has arrived: the order row is locked, the state machine
 * decides (only shipped → completed), and the answer is stored with the Idempotency-Key in the
 * same transaction, so a retried request replays it.
 */
import { type ChannelOrder, type ChannelOrderConfirmReceipt, checkOrderTransition } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { buyerOrder, channelOrderOf } from './channel-order.js';
import { moveOrder } from './order-move.js';

export async function confirmReceiptByBuyer(
  db: Db,
  channelId: number,
  orderNo: string,
  request: ChannelOrderConfirmReceipt,
  ctx: AuditContext,
  alsoInTransaction: (trx: Kysely<Database>, order: ChannelOrder) => Promise<void>,
): Promise<ChannelOrder> {
  return db.transaction().execute(async (trx) => {
    const order = await buyerOrder(trx, channelId, orderNo, request.openid, true);
    if (!order) throw notFound('order');
    const check = checkOrderTransition(order.status, 'confirm_receipt', { kind: 'channel' });
    if (!check.ok) throw new AppError(409, 'ILLEGAL_TRANSITION', `${check.message}.`);
    const after = await moveOrder(trx, order.id, { status: check.to, completedAt: ctx.at }, ctx);
    await writeAudit(trx, {
      ...ctx,
      action: 'confirm_receipt',
      resource: 'orders',
      resourceId: order.id,
      before: { status: order.status },
      after: { status: after.status, completedAt: after.completedAt },
    });
    const answer = await channelOrderOf(trx, after);
    await alsoInTransaction(trx, answer);
    return answer;
  });
}
