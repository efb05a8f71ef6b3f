/**
 * What every change of an order's status writes besides its own fields: the time and a new
 * version (so an operator's If-Match sees it), and, for a cancelled order, its stock back.
 * Callers hold the order row (FOR UPDATE) and have asked the state machine first.
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database, OrderRow, OrdersTable } from '../../db/schema.js';
import type { AuditContext } from '../../lib/audit.js';
import { itemsOf } from './channel-order.js';
import { releaseStock } from './stock-moves.js';

type OrderChanges = Omit<Updateable<OrdersTable>, 'version' | 'updatedAt' | 'id'>;

export async function moveOrder(
  trx: Kysely<Database>,
  orderId: number,
  changes: OrderChanges,
  ctx: AuditContext,
): Promise<OrderRow> {
  return trx
    .updateTable('orders')
    .set((eb) => ({ ...changes, updatedAt: ctx.at, version: eb('version', '+', 1) }))
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Gives back what an unpaid order reserved (SKUs in id order); answers its lines. */
export async function releaseOrderStock(trx: Kysely<Database>, order: OrderRow, ctx: AuditContext) {
  const items = await itemsOf(trx, order.id);
  const lines = items
    .flatMap((item) => (item.skuId === null ? [] : [{ skuId: item.skuId, quantity: item.quantity }]))
    .sort((a, b) => a.skuId - b.skuId);
  await releaseStock(trx, lines, `order:${order.orderNo}`, ctx);
  return items;
}
