/**
 * Shipped orders whose last parcel left more than the shop's auto-confirm days ago are
 * completed by the system, as if the buyer had confirmed receipt.
 *
 * Safe on several instances, like auto-close: each order is completed in its own transaction
 * that takes the row with FOR UPDATE SKIP LOCKED and re-checks it, so two runners never
 * complete the same order twice (the second skips it or finds it no longer shipped).
 */
import { checkOrderTransition } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, systemActor, writeAudit } from '../../lib/audit.js';
import { getSettings } from '../settings/service.js';
import { moveOrder } from './order-move.js';

export type AutoConfirmOptions = {
  now: Date;
  /** The shop's setting unless given. */
  autoConfirmDays?: number;
  batchSize?: number;
  maxBatches?: number;
  runId?: string;
};

const DAY_MS = 24 * 60 * 60_000;

/** Completes one order if it is still shipped and due and no one else holds it. */
async function completeIfDue(db: Db, id: number, shippedBefore: Date, ctx: AuditContext): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', id)
      .where('status', '=', 'shipped')
      .where('shippedAt', '<=', shippedBefore)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!order) return false;
    const check = checkOrderTransition(order.status, 'confirm_receipt', { kind: 'system' });
    if (!check.ok) return false;
    const after = await moveOrder(trx, order.id, { status: check.to, completedAt: ctx.at }, ctx);
    await writeAudit(trx, {
      ...ctx,
      action: 'auto_confirm',
      resource: 'orders',
      resourceId: order.id,
      before: { status: order.status },
      after: { status: after.status, completedAt: after.completedAt, shippedAt: order.shippedAt },
    });
    return true;
  });
}

export async function confirmDueOrders(db: Db, options: AutoConfirmOptions): Promise<{ completed: number }> {
  const batchSize = options.batchSize ?? 100;
  const maxBatches = options.maxBatches ?? 50;
  const days = options.autoConfirmDays ?? (await getSettings(db)).autoConfirmDays;
  const shippedBefore = new Date(options.now.getTime() - days * DAY_MS);
  // One request id for the run ties its audit rows together.
  const ctx: AuditContext = {
    actor: systemActor,
    ip: null,
    requestId: options.runId ?? `order-auto-confirm:${options.now.toISOString()}`,
    at: options.now,
  };
  let completed = 0;
  let afterId = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    // Read without locks; each order is then taken (or skipped) in its own transaction.
    const ids = await db
      .selectFrom('orders')
      .select('id')
      .where('status', '=', 'shipped')
      .where('shippedAt', '<=', shippedBefore)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    for (const { id } of ids) if (await completeIfDue(db, id, shippedBefore, ctx)) completed++;
    if (ids.length < batchSize) break;
    afterId = ids[ids.length - 1]?.id ?? afterId;
  }
  return { completed };
}
