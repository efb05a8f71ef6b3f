/**
 * The order desk's list as CSV, one row per order, for the whole filtered list: orders are read
 * in batches by keyset on (sort column, id) in the list's own order, each batch's buyers, lines
 * and tracking numbers with it, and every batch is written out before the next is read, so
 * memory stays flat however many orders match. Personal data leaves masked, as the list shows
 * it. UTF-8 with a BOM and the same cell rules as the catalog export (yuan, formula guard).
 * One audit row records who exported what, and how many rows.
 */
import { formatOrderItems, OrderFilter, orderCsvColumns, type orderSortFields } from '@siyu/shared';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { OrderRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { parseFilter } from '../../lib/list.js';
import { guard, yuan } from '../catalog-csv/export.js';
import { toOrders } from '../orders/order-record.js';
import { filteredOrders } from '../orders/queries.js';

const BATCH = 1000;

type SortField = (typeof orderSortFields)[number];
export type OrderExportOrder = { sort: SortField; order: 'ASC' | 'DESC' };

/**
 * The cursor carries the sort value as text and casts it back in SQL: a timestamp read into a
 * JS Date would lose its microseconds, and the next batch would repeat rows.
 */
const sqlTypeOf: Record<SortField, string> = {
  id: 'bigint',
  createdAt: 'timestamptz',
  paidAt: 'timestamptz',
  payableAmount: 'bigint',
  status: 'text',
};

/**
 * The orders after the cursor in the list's order: (sort, id) compared as a row, with NULL (an
 * unpaid order has no paid_at) where PostgreSQL orders it, last ascending and first descending.
 */
function afterCursor(sort: SortField, order: OrderExportOrder['order'], key: string | null, id: number) {
  const column = sql.ref(`orders.${sort}`);
  const value = sql`cast(${key} as ${sql.raw(sqlTypeOf[sort])})`;
  if (order === 'ASC')
    return key === null
      ? sql<boolean>`(${column} is null and orders.id > ${id})`
      : sql<boolean>`(${column} is null or (${column}, orders.id) > (${value}, ${id}))`;
  return key === null
    ? sql<boolean>`(${column} is not null or orders.id < ${id})`
    : sql<boolean>`(${column} is not null and (${column}, orders.id) < (${value}, ${id}))`;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** One batch of orders as CSV records, in the batch's order. */
async function recordsOf(db: Db, rows: OrderRow[]): Promise<unknown[][]> {
  const ids = rows.map((r) => r.id);
  const [orders, items, shipments] = await Promise.all([
    toOrders(db, rows),
    db
      .selectFrom('orderItems')
      .select(['orderId', 'skuCode', 'quantity'])
      .where('orderId', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('shipments')
      .select(['orderId', 'trackingNo'])
      .where('orderId', 'in', ids)
      .orderBy('shippedAt')
      .orderBy('id')
      .execute(),
  ]);
  const itemsOf = groupBy(items, (i) => i.orderId);
  const parcelsOf = groupBy(shipments, (s) => s.orderId);
  return orders.map((order) => [
    order.orderNo,
    order.status,
    order.createdAt,
    order.paidAt ?? '',
    guard(order.channelName),
    guard(order.buyerNickname),
    order.buyerPhone ?? '',
    guard(order.receiverName),
    guard(order.province),
    guard(order.city),
    guard(formatOrderItems(itemsOf.get(order.id) ?? [])),
    order.itemCount,
    yuan(order.goodsAmount),
    yuan(order.discountAmount),
    yuan(order.shippingFee),
    yuan(order.payableAmount),
    yuan(order.paidAmount),
    order.shippingInfoSync,
    (parcelsOf.get(order.id) ?? []).map((s) => s.trackingNo).join('; '),
    guard(order.buyerNote),
  ]);
}

/**
 * Parses the filter now (a bad one is a 400 before any byte is sent) and returns the text to
 * stream. The audit row is written when the stream ends (or is cancelled), with the rows sent.
 */
export function orderCsvExport(
  db: Db,
  rawFilter: string | undefined,
  { sort, order }: OrderExportOrder,
  ctx: AuditContext,
): AsyncGenerator<string> {
  const filter = parseFilter(OrderFilter, rawFilter);
  const direction = order === 'ASC' ? 'asc' : 'desc';
  const sortColumn = sql.ref(`orders.${sort}`);
  return (async function* chunks() {
    let sent = 0;
    let complete = false;
    try {
      yield `\uFEFF${stringify([[...orderCsvColumns]])}`;
      let last: { id: number; key: string | null } | undefined;
      for (;;) {
        let batch = filteredOrders(db, filter)
          .selectAll('orders')
          .select(sql<string | null>`${sortColumn}::text`.as('sortKey'))
          .orderBy(sortColumn, direction)
          .orderBy('orders.id', direction)
          .limit(BATCH);
        // The next batch starts right after the last order written.
        if (last) batch = batch.where(afterCursor(sort, order, last.key, last.id));
        const rows = await batch.execute();
        const tail = rows.at(-1);
        if (!tail) break;
        last = { id: tail.id, key: tail.sortKey };
        yield stringify(await recordsOf(db, rows));
        sent += rows.length;
      }
      complete = true;
    } finally {
      await writeAudit(db, {
        ...ctx,
        action: 'export',
        resource: 'orders',
        resourceId: null,
        after: { filter, sort, order, rows: sent, complete },
      });
    }
  })();
}
