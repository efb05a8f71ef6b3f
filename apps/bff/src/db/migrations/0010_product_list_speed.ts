/**
 * The product list at 10,000 products / ~38,000 SKUs, measured with EXPLAIN (ANALYZE,
 * BUFFERS) on PostgreSQL 18 over the demo catalog (`npm run bench -- -- --only products`):
 *
 * - Keyword in the title, anywhere in it: pg_trgm is not in PGlite, so the title's own
 *   characters and character pairs (`text_grams`, of the lower-cased title) are kept in an
 *   array with a GIN index (core PostgreSQL). A title containing the keyword has every gram
 *   of the keyword, so `title_grams @> text_grams(keyword)` finds the candidates through the
 *   index, and `strpos` on title_search keeps those that really contain it: "精华" 1.8 ms
 *   (a scan of every title) → 0.4 ms. Single characters are grams too, for one-character
 *   keywords. The grams are a stored column rather than an expression index, so a plan that
 *   does not use the index (a keyword whose grams are in nearly every title) compares
 *   arrays instead of rebuilding them per row.
 * - Price range: a product's kept price range decides "has a SKU priced within" for all but
 *   the products whose range straddles the whole window (products/queries.ts), so the count
 *   reads this index alone (index-only; the id is there for the SKU check of those few)
 *   instead of joining every SKU in the range: 22 ms → 1.2 ms for ¥50–¥200 (7,025 products).
 * - Category (with its descendants) and status, the count: (category_id, status) answers it
 *   from the index alone, where (category_id) visited a heap page per product to read the
 *   status: 2.0 ms → 0.5 ms for a root category's products on sale (1,943). It replaces
 *   (category_id), whose every use (the filter, the delete check of a category) it serves.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function text_grams(t text) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}')
        from (select substr(t, i, 1) as g from generate_series(1, char_length(t)) as i
              union all
              select substr(t, i, 2) from generate_series(1, char_length(t) - 1) as i) as grams
    $$
  `.execute(db);
  await sql`
    alter table products add column title_grams text[] generated always as (text_grams(lower(title))) stored
  `.execute(db);
  await sql`create index products_title_grams_idx on products using gin (title_grams)`.execute(db);
  await sql`create index products_price_range_idx on products (min_price, max_price) include (id)`.execute(
    db,
  );
  await sql`create index products_category_status_idx on products (category_id, status)`.execute(db);
  await sql`drop index products_category_id_idx`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists products_category_id_idx on products (category_id)`.execute(db);
  await sql`drop index if exists products_category_status_idx`.execute(db);
  await sql`drop index if exists products_price_range_idx`.execute(db);
  await sql`drop index if exists products_title_grams_idx`.execute(db);
  await sql`alter table products drop column if exists title_grams`.execute(db);
  await sql`drop function if exists text_grams(text)`.execute(db);
}
