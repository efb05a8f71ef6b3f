/**
 * An order's stock moves: all of its lines in ONE conditional UPDATE (so the product-figure
 * trigger of migration 0005 runs once per order), then one ledger row and one audit row per
 * SKU. A multi-line order first locks its SKUs in (product, SKU) order, as every writer of
 * SKUs does, so two orders for the same SKUs never deadlock.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';

export type StockLine = { skuId: number; quantity: number };
type Moved = { id: number; productId: number; code: string; stock: number };

/**
 * Adds `sign × quantity` to each SKU, never below 0. Answers the SKUs it moved: fewer than the
 * lines when a SKU is missing or short (the caller then throws, rolling everything back).
 */
async function moveStock(
  trx: Kysely<Database>,
  lines: readonly StockLine[],
  sign: 1 | -1,
  at: Date,
): Promise<Moved[]> {
  if (lines.length === 0) return [];
  const ids = lines.map((l) => l.skuId);
  if (lines.length > 1) {
    await sql`select id from skus where id in (${sql.join(ids)}) order by product_id, id for update`.execute(
      trx,
    );
  }
  const values = sql.join(lines.map((l) => sql`(${l.skuId}::bigint, ${sign * l.quantity}::integer)`));
  const moved = await sql<Moved>`
    update skus s
       set stock = s.stock + v.delta, updated_at = ${at}
      from (values ${values}) as v(sku_id, delta)
     where s.id = v.sku_id and s.stock + v.delta >= 0
    returning s.id, s.product_id, s.code, s.stock`.execute(trx);
  return moved.rows;
}

/** Writes the ledger and audit rows of moved SKUs (one INSERT for the ledger). */
async function recordMoves(
  trx: Kysely<Database>,
  moved: Moved[],
  deltaOf: Map<number, number>,
  reason: 'order_reserve' | 'cancel_release',
  reference: string,
  ctx: AuditContext,
): Promise<void> {
  if (moved.length === 0) return;
  await trx
    .insertInto('inventoryMovements')
    .values(
      moved.map((sku) => ({
        skuId: sku.id,
        productId: sku.productId,
        skuCode: sku.code,
        delta: deltaOf.get(sku.id) ?? 0,
        reason,
        stockAfter: sku.stock,
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        reference,
        note: null,
        at: ctx.at,
      })),
    )
    .execute();
  for (const sku of moved) {
    const delta = deltaOf.get(sku.id) ?? 0;
    await writeAudit(trx, {
      ...ctx,
      action: 'stock_adjust',
      resource: 'skus',
      resourceId: sku.id,
      before: { stock: sku.stock - delta },
      after: { stock: sku.stock, delta, reason, reference },
    });
  }
}

/** Reserves every line or none: answers the SKU ids that could not be reserved (empty = done). */
export async function reserveStock(
  trx: Kysely<Database>,
  lines: readonly StockLine[],
  reference: string,
  ctx: AuditContext,
): Promise<number[]> {
  const moved = await moveStock(trx, lines, -1, ctx.at);
  const movedIds = new Set(moved.map((m) => m.id));
  const short = lines.filter((l) => !movedIds.has(l.skuId)).map((l) => l.skuId);
  if (short.length > 0) return short;
  const deltaOf = new Map(lines.map((l) => [l.skuId, -l.quantity]));
  await recordMoves(trx, moved, deltaOf, 'order_reserve', reference, ctx);
  return [];
}

/** Gives an order's stock back; SKUs deleted since are skipped (the order keeps its copy). */
export async function releaseStock(
  trx: Kysely<Database>,
  lines: readonly StockLine[],
  reference: string,
  ctx: AuditContext,
): Promise<void> {
  const moved = await moveStock(trx, lines, 1, ctx.at);
  const deltaOf = new Map(lines.map((l) => [l.skuId, l.quantity]));
  await recordMoves(trx, moved, deltaOf, 'cancel_release', reference, ctx);
}
