/**
 * An order's stock moves: all of its lines in ONE conditional UPDATE (so the product-figure
 * trigger of migration 0005 runs once per order), with one ledger row and one audit row per
 * SKU written by the same statement. A multi-line order first locks its SKUs in (product, SKU) order, as every writer of
 * SKUs does, so two orders for the same SKUs never deadlock.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../../lib/audit.js';

export type StockLine = { skuId: number; quantity: number };
export type Moved = { id: number; productId: number; code: string; stock: number };

/**
 * Adds `sign × quantity` to each SKU, never below 0, and writes the ledger and audit rows of the
 * SKUs it moved — one statement, so the SKU locks it takes are not held across further round
 * trips. Ledger and audit rows are written only when at least `allOf` SKUs moved. Answers the
 * SKUs it moved: fewer than the lines when a SKU is missing or short.
 */
async function moveStock(
  trx: Kysely<Database>,
  lines: readonly StockLine[],
  sign: 1 | -1,
  reason: 'order_reserve' | 'cancel_release' | 'refund_restock',
  reference: string,
  ctx: AuditContext,
  allOf: number,
): Promise<Moved[]> {
  if (lines.length === 0) return [];
  const ids = lines.map((l) => l.skuId);
  if (lines.length > 1) {
    await sql`select id from skus where id in (${sql.join(ids)}) order by product_id, id for update`.execute(
      trx,
    );
  }
  const values = sql.join(lines.map((l) => sql`(${l.skuId}::bigint, ${sign * l.quantity}::integer)`));
  const { actor, at } = ctx;
  const moved = await sql<Moved>`
    with moved as (
      update skus s
         set stock = s.stock + v.delta, updated_at = ${at}
        from (values ${values}) as v(sku_id, delta)
       where s.id = v.sku_id and s.stock + v.delta >= 0
      returning s.id, s.product_id, s.code, s.stock, v.delta
    ), recorded as (
      select * from moved where (select count(*) from moved) >= ${allOf}
    ), ledger as (
      insert into inventory_movements
        (sku_id, product_id, sku_code, delta, reason, stock_after, actor_id, actor_name, reference, note, at)
      select id, product_id, code, delta, ${reason}, stock, ${actor.id}::bigint, ${actor.name}, ${reference}, null, ${at}::timestamptz
        from recorded
    ), audit as (
      insert into audit_logs
        (at, actor_id, actor_name, actor_role, action, resource, resource_id, before, after, ip, request_id)
      select ${at}::timestamptz, ${actor.id}::bigint, ${actor.name.slice(0, 64)}, ${actor.role}::text, 'stock_adjust', 'skus', id::text,
             jsonb_build_object('stock', stock - delta),
             jsonb_build_object('stock', stock, 'delta', delta, 'reason', ${reason}::text, 'reference', ${reference}::text),
             ${ctx.ip}::text, ${ctx.requestId}::text
        from recorded
    )
    select id, product_id, code, stock from moved`.execute(trx);
  return moved.rows;
}

/** Reserves every line or none: answers the SKU ids that could not be reserved (empty = done). */
export async function reserveStock(
  trx: Kysely<Database>,
  lines: readonly StockLine[],
  reference: string,
  ctx: AuditContext,
): Promise<number[]> {
  const moved = await moveStock(trx, lines, -1, 'order_reserve', reference, ctx, lines.length);
  const movedIds = new Set(moved.map((m) => m.id));
  return lines.filter((l) => !movedIds.has(l.skuId)).map((l) => l.skuId);
}

/** Gives an order's stock back; SKUs deleted since are skipped (the order keeps its copy). */
export async function releaseStock(
  trx: Kysely<Database>,
  lines: readonly StockLine[],
  reference: string,
  ctx: AuditContext,
): Promise<void> {
  await moveStock(trx, lines, 1, 'cancel_release', reference, ctx, 0);
}

/**
 * Returned goods that can be sold again go back on the shelf (ledger reason `refund_restock`);
 * SKUs deleted since are skipped. Answers the SKUs it moved.
 */
export async function restockReturn(
  trx: Kysely<Database>,
  lines: readonly StockLine[],
  reference: string,
  ctx: AuditContext,
): Promise<Moved[]> {
  return moveStock(trx, lines, 1, 'refund_restock', reference, ctx, 0);
}
