/**
 * Stock changes by deltas, never by overwriting: one conditional UPDATE (stock + delta ≥ 0,
 * backed by the column's CHECK) and one ledger row, in the same transaction. Concurrent
 * adjustments queue on the row lock and each sees the stock the previous one left.
 */
import {
  type InventoryMovement,
  InventoryMovementFilter,
  type inventoryMovementSortFields,
  type StockAdjustment,
} from '@siyu/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { InventoryMovementRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { fetchPage, type ListQuery, parseFilter, parseIds } from '../../lib/list.js';

export function toMovement(row: InventoryMovementRow): InventoryMovement {
  return {
    id: row.id,
    skuId: row.skuId,
    productId: row.productId,
    skuCode: row.skuCode,
    delta: row.delta,
    reason: row.reason,
    stockAfter: row.stockAfter,
    actorId: row.actorId,
    actorName: row.actorName,
    reference: row.reference,
    note: row.note,
    at: row.at.toISOString(),
  };
}

export async function adjustStock(
  db: Db,
  skuId: number,
  input: StockAdjustment,
  ctx: AuditContext,
): Promise<InventoryMovement> {
  return db.transaction().execute(async (trx) => {
    const sku = await trx
      .updateTable('skus')
      .set((eb) => ({ stock: eb('stock', '+', input.delta), updatedAt: ctx.at }))
      .where('id', '=', skuId)
      .where(sql<number>`stock + ${input.delta}`, '>=', 0)
      .returning(['id', 'productId', 'code', 'stock'])
      .executeTakeFirst();
    if (!sku) {
      const exists = await trx.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirst();
      if (!exists) throw notFound('SKU');
      throw new AppError(
        422,
        'INSUFFICIENT_STOCK',
        `Only ${exists.stock} in stock: stock cannot go below 0.`,
        {
          delta: `at least -${exists.stock}`,
        },
      );
    }
    const movement = await trx
      .insertInto('inventoryMovements')
      .values({
        skuId: sku.id,
        productId: sku.productId,
        skuCode: sku.code,
        delta: input.delta,
        reason: input.reason,
        stockAfter: sku.stock,
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        reference: null,
        note: input.note || null,
        at: ctx.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      ...ctx,
      action: 'stock_adjust',
      resource: 'skus',
      resourceId: sku.id,
      before: { stock: sku.stock - input.delta },
      after: { stock: sku.stock, delta: input.delta, reason: input.reason, note: movement.note },
    });
    return toMovement(movement);
  });
}

type SortField = (typeof inventoryMovementSortFields)[number];

export async function listMovements(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: InventoryMovement[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = ids.length
      ? await db.selectFrom('inventoryMovements').selectAll().where('id', 'in', ids).execute()
      : [];
    return { data: rows.map(toMovement) };
  }
  const filter = parseFilter(InventoryMovementFilter, query.filter);
  let base = db.selectFrom('inventoryMovements');
  if (filter.skuId) base = base.where('skuId', '=', filter.skuId);
  if (filter.productId) base = base.where('productId', '=', filter.productId);
  if (filter.reason) base = base.where('reason', '=', filter.reason);
  if (filter.at_gte) base = base.where('at', '>=', new Date(filter.at_gte));
  if (filter.at_lte) base = base.where('at', '<=', new Date(filter.at_lte));
  return fetchPage(base, query, toMovement);
}
