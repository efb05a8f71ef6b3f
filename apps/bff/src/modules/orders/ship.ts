/**
 * Shipping a parcel, in one transaction: the order row is locked (FOR UPDATE) so parcels of one
 * order go one at a time, each line's shipped quantity is raised by a conditional UPDATE that
 * can never pass the ordered quantity less the units cancelled by a refund before shipping, and
 * the parcel, its lines and its report to the platform (pending, due now) are written with the
 * order's new status and the audit row. The desk's ship button and the bulk-ship CSV job both
 * come here.
 */
import { type OrderDetail, type ShipmentCreate, shippingTransition } from '@siyu/shared';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, OrderItemRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { AppError, notFound } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { itemsOf } from './channel-order.js';
import { getOrderDetail } from './detail.js';
import { staffOrderActor, staffTransition } from './staff-transition.js';

type ParcelLine = { orderItemId: number; quantity: number; field: string };

const lineName = (item: OrderItemRow) => `${item.title} (${item.skuCode})`;

/** Units of a line still to ship: neither shipped nor cancelled (refunded before shipping). */
const leftToShip = (item: OrderItemRow) => item.quantity - item.shippedQuantity - item.cancelledQuantity;

/** The parcel's lines: as listed, or every unit left to ship when none are listed. */
function parcelLines(input: ShipmentCreate, items: readonly OrderItemRow[]): ParcelLine[] {
  if (!input.items) {
    const left = items.flatMap((item, i) =>
      leftToShip(item) > 0 ? [{ orderItemId: item.id, quantity: leftToShip(item), field: `items.${i}` }] : [],
    );
    if (left.length === 0)
      throw new AppError(
        409,
        'SHIPMENT_EXCEEDS_ORDER',
        'Every unit of this order has already shipped or been refunded before shipping.',
      );
    return left;
  }
  const ours = new Set(items.map((item) => item.id));
  const strangers: Record<string, string> = {};
  input.items.forEach((line, i) => {
    if (!ours.has(line.orderItemId)) strangers[`items.${i}.orderItemId`] = 'not a line of this order';
  });
  if (Object.keys(strangers).length > 0)
    throw new AppError(422, 'VALIDATION_FAILED', 'Some lines are not lines of this order.', strangers);
  return input.items.map((line, i) => ({ ...line, field: `items.${i}.quantity` }));
}

/**
 * Raises every line's shipped quantity in one statement, each only while it stays within what
 * was ordered less what was cancelled. Answers the lines' shipped quantities after, for the
 * lines it raised.
 */
async function raiseShipped(
  trx: Kysely<Database>,
  orderId: number,
  lines: readonly ParcelLine[],
): Promise<Map<number, number>> {
  const values = sql.join(lines.map((l) => sql`(${l.orderItemId}::bigint, ${l.quantity}::integer)`));
  const raised = await sql<{ id: number | string; shippedQuantity: number }>`
    update order_items oi
       set shipped_quantity = oi.shipped_quantity + v.quantity
      from (values ${values}) as v(id, quantity)
     where oi.id = v.id and oi.order_id = ${orderId} and oi.shipped_quantity + oi.cancelled_quantity + v.quantity <= oi.quantity
    returning oi.id, oi.shipped_quantity`.execute(trx);
  return new Map(raised.rows.map((r) => [Number(r.id), r.shippedQuantity]));
}

function exceeds(lines: readonly ParcelLine[], items: readonly OrderItemRow[], raised: Map<number, number>) {
  const byId = new Map(items.map((item) => [item.id, item]));
  const over = lines.filter((l) => !raised.has(l.orderItemId));
  const fields = Object.fromEntries(over.map((l) => [l.field, 'more than is left to ship']));
  const names = over.map((l) => {
    const item = byId.get(l.orderItemId) as OrderItemRow;
    return `${lineName(item)}: ${l.quantity} in this parcel, ${leftToShip(item)} left to ship`;
  });
  return new AppError(
    409,
    'SHIPMENT_EXCEEDS_ORDER',
    `This parcel holds more than is left to ship of ${names.join('; ')}.`,
    fields,
  );
}

const trackingNoTaken = (input: ShipmentCreate) =>
  new AppError(
    409,
    'TRACKING_NO_TAKEN',
    `Tracking number ${input.trackingNo} of ${input.carrier} is already on another parcel.`,
    { trackingNo: 'already used for another parcel' },
  );

export async function shipOrder(
  db: Db,
  orderId: number,
  input: ShipmentCreate,
  ctx: AuditContext,
  options?: { expectedVersion?: number },
): Promise<OrderDetail> {
  const actor = staffOrderActor(ctx);
  await db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw notFound('order');
    // Paid or partly shipped, and the role may ship (both shipping transitions share that rule).
    staffTransition(order.status, 'ship', actor);
    if (options?.expectedVersion !== undefined && order.version !== options.expectedVersion)
      throw versionConflict();
    const items = await itemsOf(trx, orderId);
    const lines = parcelLines(input, items);
    const raised = await raiseShipped(trx, orderId, lines);
    if (raised.size < lines.length) throw exceeds(lines, items, raised);

    const shipment = await trx
      .insertInto('shipments')
      .values({
        orderId,
        carrier: input.carrier,
        trackingNo: input.trackingNo,
        shippedAt: ctx.at,
        shippedBy: ctx.actor.id,
        trackingCheckedAt: null,
        deliveredAt: null,
        createdAt: ctx.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        throw isUniqueViolation(error, 'shipments_carrier_tracking_no_key') ? trackingNoTaken(input) : error;
      });
    await trx
      .insertInto('shipmentItems')
      .values(
        lines.map((l) => ({ shipmentId: shipment.id, orderItemId: l.orderItemId, quantity: l.quantity })),
      )
      .execute();
    // The platform must hear of every parcel before it settles the payment: queued, due now.
    await trx
      .insertInto('shipmentReports')
      .values({
        shipmentId: shipment.id,
        orderId,
        state: 'pending',
        nextAttemptAt: ctx.at,
        createdAt: ctx.at,
      })
      .execute();

    // Units cancelled by a refund will never ship: without them, the order may be complete.
    const ordered = items.reduce((sum, item) => sum + item.quantity - item.cancelledQuantity, 0);
    const shippedAfter = items.reduce((sum, item) => sum + (raised.get(item.id) ?? item.shippedQuantity), 0);
    const to = staffTransition(order.status, shippingTransition(ordered, shippedAfter), actor);
    const after = await trx
      .updateTable('orders')
      .set((eb) => ({
        status: to,
        // The last parcel's time: auto-confirm counts its days from it.
        shippedAt: to === 'shipped' ? ctx.at : order.shippedAt,
        shippingInfoSync: 'pending',
        updatedAt: ctx.at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', orderId)
      .returning(['status', 'version'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      ...ctx,
      action: 'ship',
      resource: 'orders',
      resourceId: orderId,
      before: { status: order.status, version: order.version },
      after: {
        status: after.status,
        version: after.version,
        shipmentId: shipment.id,
        carrier: input.carrier,
        trackingNo: input.trackingNo,
        items: lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.quantity })),
      },
    });
  });
  return getOrderDetail(db, orderId);
}
