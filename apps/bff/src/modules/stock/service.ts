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
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, InventoryMovementRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { fetchPage, type ListQuery, parseFilter, parseIds, rowsByIds } from '../../lib/list.js';

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

export type StockChange = {
  delta: number;
  reason: InventoryMovement['reason'];
  reference?: string | null;
  note?: string | null;
};

/**
 * The one way stock moves, inside the caller's transaction: the conditional UPDATE (never
 * below 0), its ledger row and its audit row. Answers undefined when the SKU does not exist or
 * the stock would go below 0 — the caller tells which and says it in its own words.
 */
export async function applyStockDelta(
  trx: Kysely<Database>,
  skuId: number,
  change: StockChange,
  ctx: AuditContext,
): Promise<InventoryMovement | undefined> {
  const sku = await trx
    .updateTable('skus')
    .set((eb) => ({ stock: eb('stock', '+', change.delta), updatedAt: ctx.at }))
    .where('id', '=', skuId)
    .where(sql<number>`stock + ${change.delta}`, '>=', 0)
    .returning(['id', 'productId', 'code', 'stock'])
    .executeTakeFirst();
  if (!sku) return undefined;
  const movement = await trx
    .insertInto('inventoryMovements')
    .values({
      skuId: sku.id,
      productId: sku.productId,
      skuCode: sku.code,
      delta: change.delta,
      reason: change.reason,
      stockAfter: sku.stock,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      reference: change.reference ?? null,
      note: change.note || null,
      at: ctx.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(trx, {
    ...ctx,
    action: 'stock_adjust',
    resource: 'skus',
    resourceId: sku.id,
    before: { stock: sku.stock - change.delta },
    after: {
      stock: sku.stock,
      delta: change.delta,
      reason: change.reason,
      reference: movement.reference,
      note: movement.note,
    },
  });
  return toMovement(movement);
}

export async function adjustStock(
  db: Db,
  skuId: number,
  input: StockAdjustment,
  ctx: AuditContext,
): Promise<InventoryMovement> {
  return db.transaction().execute(async (trx) => {
    const movement = await applyStockDelta(trx, skuId, input, ctx);
    if (movement) return movement;
    const exists = await trx.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirst();
    if (!exists) throw notFound('SKU');
    throw new AppError(422, 'INSUFFICIENT_STOCK', `Only ${exists.stock} in stock: stock cannot go below 0.`, {
      delta: `at least -${exists.stock}`,
    });
  });
}

type SortField = (typeof inventoryMovementSortFields)[number];

export async function listMovements(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: InventoryMovement[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = await rowsByIds(db, 'inventoryMovements', ids);
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
