/**
 * An operator sends an order's failed parcel reports again: they go back to pending with their
 * attempts reset, due now, for the worker to pick up. The order row is held while it happens
 * (as the worker holds it), and the move is audited.
 */
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { refreshShippingInfoSync } from './sync-state.js';

export async function retryFailedReports(db: Db, orderId: number, ctx: AuditContext): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .select('shippingInfoSync')
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw notFound('order');
    // The last error stays visible until the next attempt replaces it.
    const moved = await trx
      .updateTable('shipmentReports')
      .set({ state: 'pending', attempts: 0, nextAttemptAt: ctx.at, leaseUntil: null })
      .where('orderId', '=', orderId)
      .where('state', '=', 'failed')
      .returning('shipmentId')
      .execute();
    if (moved.length === 0)
      throw new AppError(
        409,
        'BUSINESS_RULE',
        'No shipping report of this order has failed: there is nothing to retry.',
      );
    const shipmentIds = moved.map((row) => row.shipmentId).sort((a, b) => a - b);
    const shippingInfoSync = await refreshShippingInfoSync(trx, orderId);
    await writeAudit(trx, {
      ...ctx,
      action: 'retry_reports',
      resource: 'orders',
      resourceId: orderId,
      before: { shippingInfoSync: order.shippingInfoSync },
      after: { shippingInfoSync, shipmentIds },
    });
    return shipmentIds;
  });
}
