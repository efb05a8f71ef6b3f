/**
 * One bulk-ship row: find the order by its number and ship every unit not yet shipped in one
 * parcel, through the same shipOrder the desk's button uses (its own transaction, its audit).
 * A row whose parcel is already on that order (same carrier and tracking number) is done, not
 * failed, so running the same file again ships nothing twice.
 */
import type { BulkShipColumn, BulkShipRow, ErrorCode } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { AuditContext } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { RowError, type RowOutcome } from '../catalog-csv/import-rows.js';
import { shipOrder } from '../orders/ship.js';

/** The cell a refusal of shipOrder points at. */
const columnOfCode: Partial<Record<ErrorCode, BulkShipColumn>> = {
  NOT_FOUND: 'order_no',
  ILLEGAL_TRANSITION: 'order_no',
  SHIPMENT_EXCEEDS_ORDER: 'order_no',
  TRACKING_NO_TAKEN: 'tracking_no',
};
const columnOfField: Record<string, BulkShipColumn> = { carrier: 'carrier', trackingNo: 'tracking_no' };

async function alreadyShipped(db: Db, orderId: number, row: BulkShipRow): Promise<boolean> {
  const parcel = await db
    .selectFrom('shipments')
    .select('id')
    .where('orderId', '=', orderId)
    .where('carrier', '=', row.carrier)
    .where('trackingNo', '=', row.tracking_no)
    .executeTakeFirst();
  return parcel !== undefined;
}

export async function shipRow(db: Db, row: BulkShipRow, ctx: AuditContext): Promise<RowOutcome> {
  const order = await db
    .selectFrom('orders')
    .select('id')
    .where('orderNo', '=', row.order_no)
    .executeTakeFirst();
  if (!order) throw new RowError('order_no', `There is no order ${row.order_no}.`);
  if (await alreadyShipped(db, order.id, row)) return 'unchanged';
  try {
    await shipOrder(db, order.id, { carrier: row.carrier, trackingNo: row.tracking_no }, ctx);
    return 'applied';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Another run of this file saved the parcel meanwhile: this row is done all the same.
    if (await alreadyShipped(db, order.id, row)) return 'unchanged';
    const field = Object.keys(error.fields ?? {})[0];
    const column = columnOfCode[error.code] ?? (field ? columnOfField[field] : undefined) ?? null;
    throw new RowError(column, error.message);
  }
}
