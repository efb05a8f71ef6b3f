/**
 * Catalog and stock: categories (a tree of up to three levels), products (SPU), their SKUs
 * and the stock ledger (inventory_movements).
 *
 * Search at 10,000 products / 50,000 SKUs: pg_trgm is not loaded in PGlite by default (it
 * is a separate contrib bundle), and the same SQL must run on both, so keyword search uses
 * plain btree indexes: SKU code and barcode match by prefix on lower(…) with
 * text_pattern_ops (an index range scan); the title matches anywhere with ILIKE, which scans
 * the products table — 10,000 short rows, a few milliseconds — and is the first thing to
 * move to a trigram index when the catalog grows past that.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('categories')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('parent_id', 'bigint', (col) => col.references('categories.id').onDelete('restrict'))
    .addColumn('level', 'integer', (col) => col.notNull().check(sql`level between 1 and 3`))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`char_length(name) between 1 and 30`))
    .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // A root has level 1 and no parent; every other category has a parent.
    .addCheckConstraint('categories_root_level_check', sql`(parent_id is null) = (level = 1)`)
    .execute();
  // Names are unique among siblings (roots are siblings of each other), case-insensitively;
  // the same index serves "children of X in their order" lookups by parent.
  await sql`create unique index categories_sibling_name_uq on categories (coalesce(parent_id, 0), lower(name))`.execute(
    db,
  );
  // Children of a category, in sibling order (tree view, descendants, the delete check).
  await db.schema
    .createIndex('categories_parent_sort_idx')
    .on('categories')
    .columns(['parent_id', 'sort_order'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('category_id', 'bigint', (col) =>
      col.notNull().references('categories.id').onDelete('restrict'),
    )
    .addColumn('brand', 'text')
    .addColumn('description_html', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'pending_review', 'active', 'inactive', 'rejected')`),
    )
    .addColumn('reject_reason', 'text')
    .addColumn('spec_dimensions', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Category filter (a category and its descendants: category_id IN (…)) and the delete check.
  await db.schema.createIndex('products_category_id_idx').on('products').column('category_id').execute();
  // Status tabs, newest first within a status.
  await db.schema
    .createIndex('products_status_created_at_idx')
    .on('products')
    .columns(['status', 'created_at'])
    .execute();
  // Created-date range filter and the default "newest first" sort.
  await db.schema.createIndex('products_created_at_idx').on('products').column('created_at').execute();

  await db.schema
    .createTable('skus')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('product_id', 'bigint', (col) => col.notNull().references('products.id').onDelete('cascade'))
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('spec_values', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('price', 'bigint', (col) => col.notNull().check(sql`price >= 0`))
    .addColumn('original_price', 'bigint', (col) => col.check(sql`original_price >= 0`))
    .addColumn('cost', 'bigint', (col) => col.check(sql`cost >= 0`))
    // The floor of stock is enforced here, not only in code.
    .addColumn('stock', 'integer', (col) => col.notNull().defaultTo(0).check(sql`stock >= 0`))
    .addColumn('low_stock_threshold', 'integer', (col) =>
      col.notNull().defaultTo(0).check(sql`low_stock_threshold >= 0`),
    )
    .addColumn('weight_grams', 'integer', (col) => col.check(sql`weight_grams >= 0`))
    .addColumn('barcode', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // SKU codes are unique shop-wide, case-insensitively; text_pattern_ops lets the keyword
  // search use this index for lower(code) LIKE 'prefix%'.
  await sql`create unique index skus_code_uq on skus (lower(code) text_pattern_ops)`.execute(db);
  // Keyword search by barcode prefix.
  await sql`create index skus_barcode_idx on skus (lower(barcode) text_pattern_ops) where barcode is not null`.execute(
    db,
  );
  // A product's SKUs, and the price-range filter (EXISTS … product_id = p.id AND price BETWEEN).
  await db.schema.createIndex('skus_product_price_idx').on('skus').columns(['product_id', 'price']).execute();
  // The "low stock" filter and counter: only the few SKUs at or under their threshold are indexed.
  await sql`create index skus_low_stock_idx on skus (product_id) where stock <= low_stock_threshold`.execute(
    db,
  );

  await db.schema
    .createTable('inventory_movements')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    // The ledger outlives a removed SKU: the link is cleared, the code is kept.
    .addColumn('sku_id', 'bigint', (col) => col.references('skus.id').onDelete('set null'))
    .addColumn('product_id', 'bigint', (col) => col.references('products.id').onDelete('set null'))
    .addColumn('sku_code', 'text', (col) => col.notNull())
    .addColumn('delta', 'integer', (col) => col.notNull().check(sql`delta <> 0`))
    .addColumn('reason', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`reason in ('manual_adjust', 'import', 'order_reserve', 'cancel_release', 'refund_restock')`,
        ),
    )
    .addColumn('stock_after', 'integer', (col) => col.notNull().check(sql`stock_after >= 0`))
    .addColumn('actor_id', 'bigint')
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // A SKU's history, newest first.
  await db.schema
    .createIndex('inventory_movements_sku_at_idx')
    .on('inventory_movements')
    .columns(['sku_id', 'at'])
    .execute();
  // A product's history (all its SKUs), newest first.
  await db.schema
    .createIndex('inventory_movements_product_at_idx')
    .on('inventory_movements')
    .columns(['product_id', 'at'])
    .execute();
  // Date-range filter and the default sort; reason filters ride on it (five values).
  await db.schema.createIndex('inventory_movements_at_idx').on('inventory_movements').column('at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['inventory_movements', 'skus', 'products', 'categories']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
