/**
 * A case reserves what it may refund on its order's lines (units and value), so two open cases
 * can never claim the same unit or more than a line's paid share; a case that ends without a
 * refund gives them back. Callers hold the order row (FOR UPDATE).
 */
import { type Kysely, sql } from 'kysely';
import type { AfterSalesCaseRow, Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';

export type LineReservation = {
  orderItemId: number;
  units: number;
  /** What these units may refund. */
  cap: number;
  /** The line's paid share: its reserved value never passes it. */
  share: number;
};

/**
 * Raises each line's after_sales_quantity / after_sales_amount in one conditional UPDATE (the
 * database refuses what would pass the line's quantity or paid share, whatever the caller
 * computed) and counts the case as open on its order.
 */
export async function reserveCaseUnits(
  trx: Kysely<Database>,
  orderId: number,
  lines: readonly LineReservation[],
): Promise<void> {
  const values = sql.join(
    lines.map(
      (l) => sql`(${l.orderItemId}::bigint, ${l.units}::integer, ${l.cap}::bigint, ${l.share}::bigint)`,
    ),
  );
  const { rows } = await sql<{ id: number }>`
    update order_items as oi
    set after_sales_quantity = oi.after_sales_quantity + v.units,
        after_sales_amount = oi.after_sales_amount + v.cap
    from (values ${values}) as v (id, units, cap, share)
    where oi.id = v.id
      and oi.order_id = ${orderId}
      and oi.after_sales_quantity + v.units <= oi.quantity
      and oi.after_sales_amount + v.cap <= v.share
    returning oi.id
  `.execute(trx);
  if (rows.length !== lines.length)
    throw new AppError(
      422,
      'AFTER_SALES_QUANTITY_EXCEEDED',
      'These units are already in another after-sales case.',
    );
  await trx
    .updateTable('orders')
    .set((eb) => ({ openAfterSales: eb('openAfterSales', '+', 1) }))
    .where('id', '=', orderId)
    .execute();
}

/** Gives a case's units and amount back to its order lines and lowers orders.open_after_sales. Caller holds the order row. */
export async function releaseCaseReservation(
  trx: Kysely<Database>,
  caseRow: Pick<AfterSalesCaseRow, 'id' | 'orderId'>,
): Promise<void> {
  await sql`
    update order_items as oi
    set after_sales_quantity = oi.after_sales_quantity - i.quantity,
        after_sales_amount = oi.after_sales_amount - i.refund_cap
    from after_sales_items as i
    where i.case_id = ${caseRow.id} and oi.id = i.order_item_id
  `.execute(trx);
  await closeCaseOnOrder(trx, caseRow.orderId);
}

/** Lowers orders.open_after_sales by one (a case ended refunded: its reservation stays). */
export async function closeCaseOnOrder(trx: Kysely<Database>, orderId: number): Promise<void> {
  await trx
    .updateTable('orders')
    .set((eb) => ({ openAfterSales: eb('openAfterSales', '-', 1) }))
    .where('id', '=', orderId)
    .execute();
}
