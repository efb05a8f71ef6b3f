/**
 * Unpaid orders past their pay deadline (set at ordering from the shop's auto-close minutes)
 * are cancelled by the system with reason `timeout`, their stock released.
 *
 * Safe on several instances: each order is closed in its own transaction that takes the row
 * with FOR UPDATE SKIP LOCKED and re-checks it, so two runners never close the same order (the
 * second skips it or finds it no longer pending) and a payment holding the row wins. One order
 * per transaction also keeps SKU locks in the (product, SKU) order every writer uses.
 */
import { checkOrderTransition } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, systemActor, writeAudit } from '../../lib/audit.js';
import { moveOrder, releaseOrderStock } from './order-move.js';

export type AutoCloseOptions = { now: Date; batchSize?: number; maxBatches?: number; runId?: string };

/** Closes one order if it is still unpaid and overdue and no one else holds it. */
async function closeIfOverdue(db: Db, id: number, ctx: AuditContext): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', id)
      .where('status', '=', 'pending_payment')
      .where('payDeadline', '<=', ctx.at)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!order) return false;
    const check = checkOrderTransition(order.status, 'cancel', { kind: 'system' });
    if (!check.ok) return false;
    await releaseOrderStock(trx, order, ctx);
    const after = await moveOrder(
      trx,
      order.id,
      { status: check.to, cancelReason: 'timeout', cancelledAt: ctx.at },
      ctx,
    );
    await writeAudit(trx, {
      ...ctx,
      action: 'update',
      resource: 'orders',
      resourceId: order.id,
      before: { status: order.status },
      after: { status: after.status, cancelReason: after.cancelReason, payDeadline: order.payDeadline },
    });
    return true;
  });
}

export async function closeOverdueOrders(db: Db, options: AutoCloseOptions): Promise<{ closed: number }> {
  const batchSize = options.batchSize ?? 100;
  const maxBatches = options.maxBatches ?? 50;
  // One request id for the run ties its audit rows together.
  const ctx: AuditContext = {
    actor: systemActor,
    ip: null,
    requestId: options.runId ?? `order-auto-close:${options.now.toISOString()}`,
    at: options.now,
  };
  let closed = 0;
  let afterId = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    // Read without locks; each order is then taken (or skipped) in its own transaction.
    const ids = await db
      .selectFrom('orders')
      .select('id')
      .where('status', '=', 'pending_payment')
      .where('payDeadline', '<=', options.now)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    for (const { id } of ids) if (await closeIfOverdue(db, id, ctx)) closed++;
    if (ids.length < batchSize) break;
    afterId = ids[ids.length - 1]?.id ?? afterId;
  }
  return { closed };
}
