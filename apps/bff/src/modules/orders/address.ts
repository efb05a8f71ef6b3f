/**
 * Fixing an order's address before anything ships (operators do it as part of shipping). The
 * new province must be delivered to under every line's shipping template, as at ordering;
 * the shipping fee itself is NOT recomputed — the buyer paid the fee quoted at ordering, and
 * the order's amounts never change after it was placed.
 */
import { type OrderAddressUpdate, type OrderDetail, type ProvinceCode, provinceByName } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { shippingFeeFor } from '../shipping-templates/quote.js';
import { itemsOf } from './channel-order.js';
import { getOrderDetail } from './detail.js';

const editable = new Set(['pending_payment', 'paid']);

export async function updateOrderAddress(
  db: Db,
  orderId: number,
  version: number,
  address: OrderAddressUpdate,
  ctx: AuditContext,
): Promise<OrderDetail> {
  // The schema has already checked the province is one of the 34.
  const province = provinceByName(address.province)?.code as ProvinceCode;
  await db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw notFound('order');
    if (order.version !== version) throw versionConflict();
    const items = await itemsOf(trx, orderId);
    // The order row is locked, so no parcel can leave while this runs.
    if (!editable.has(order.status) || items.some((item) => item.shippedQuantity > 0))
      throw new AppError(
        409,
        'ADDRESS_LOCKED',
        'The address can only be changed before anything has shipped, on an order that is unpaid or paid.',
      );
    // Refuses with 422 UNDELIVERABLE_REGION (field `province`); lines whose SKU has since been
    // deleted have no template to ask and are left out.
    const lines = items.flatMap((item) =>
      item.skuId === null ? [] : [{ skuId: item.skuId, quantity: item.quantity }],
    );
    if (lines.length > 0) await shippingFeeFor(trx, { lines, province });
    const after = await trx
      .updateTable('orders')
      .set((eb) => ({
        address: JSON.stringify(address),
        provinceCode: province,
        updatedAt: ctx.at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', orderId)
      .returning('version')
      .executeTakeFirstOrThrow();
    // No name, phone or street in the audit log: it is kept for a year and read by managers.
    await writeAudit(trx, {
      ...ctx,
      action: 'edit_address',
      resource: 'orders',
      resourceId: orderId,
      before: { province: order.address.province, city: order.address.city, version: order.version },
      after: { province: address.province, city: address.city, version: after.version, addressChanged: true },
    });
  });
  return getOrderDetail(db, orderId);
}
