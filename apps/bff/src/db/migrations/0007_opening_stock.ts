/**
 * A ledger reason of its own for the stock a SKU is created with (`opening_stock`), instead
 * of a manual adjustment with an English note. The CHECK on reasons takes the new value, and
 * the opening lines written before are relabelled (the product service and the demo seed
 * wrote them as reference `product:<id>`, note 'opening stock').
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table inventory_movements
      drop constraint inventory_movements_reason_check,
      add constraint inventory_movements_reason_check check (reason in (
        'opening_stock', 'manual_adjust', 'import', 'order_reserve', 'cancel_release', 'refund_restock'))
  `.execute(db);
  await sql`
    update inventory_movements
       set reason = 'opening_stock', note = null
     where reason = 'manual_adjust' and note = 'opening stock' and reference like 'product:%'
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update inventory_movements set reason = 'manual_adjust', note = 'opening stock'
     where reason = 'opening_stock'
  `.execute(db);
  await sql`
    alter table inventory_movements
      drop constraint inventory_movements_reason_check,
      add constraint inventory_movements_reason_check check (reason in (
        'manual_adjust', 'import', 'order_reserve', 'cancel_release', 'refund_restock'))
  `.execute(db);
}
