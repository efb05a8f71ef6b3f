/**
 * The product list at 10,000 products / 50,000 SKUs within its budget (measured by
 * `npm run bench -- -- --only products`, EXPLAIN ANALYZE on PostgreSQL 18):
 *
 * - The figures derived from a product's SKUs (price range, total stock, SKU count, low-stock
 *   SKU count) are kept on the product row by triggers on `skus`, so the list sorts by them
 *   through an index instead of aggregating every SKU per request (a grouped join took 30 ms
 *   a query), and a page needs no second read for its summaries. The triggers are per
 *   statement (a bulk insert of SKUs refreshes each product once); they lock the products
 *   concerned in id order first, and recompute in the next statement, which reads what
 *   other transactions committed meanwhile (a recompute inside the UPDATE would read the
 *   statement's older snapshot and lose a concurrent change). A transaction that changes
 *   the SKUs of several products in several statements should do so in product order, as
 *   it would lock any rows, to keep away from deadlocks.
 * - Sort indexes (figure, id) for those sorts in both directions (a missing price sorts as
 *   the highest, PostgreSQL's default for NULL).
 * - Low stock: a partial index of the products with a low-stock SKU, for the filter and its
 *   count (index-only), replacing a semi-join on the SKUs.
 * - Price range: (price, product_id) on SKUs, an index-only range scan for "has a SKU priced
 *   between" (the (product_id, price) index cannot range on price).
 * - Keyword: pg_trgm is not in PGlite, so the title is still matched anywhere by a scan; a
 *   stored lower-cased copy lets that scan use a plain LIKE, about three times cheaper than
 *   ILIKE over Chinese text.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table products
      add column min_price bigint,
      add column max_price bigint,
      add column total_stock bigint not null default 0,
      add column sku_count integer not null default 0,
      add column low_stock_sku_count integer not null default 0,
      add column title_search text generated always as (lower(title)) stored
  `.execute(db);

  await sql`
    create function refresh_product_figures(ids bigint[]) returns void language plpgsql as $$
    begin
      perform 1 from products where id = any(ids) order by id for update;
      update products p
         set min_price = f.min_price,
             max_price = f.max_price,
             total_stock = f.total_stock,
             sku_count = f.sku_count,
             low_stock_sku_count = f.low_stock_sku_count
        from (select i.id,
                     min(s.price) as min_price,
                     max(s.price) as max_price,
                     coalesce(sum(s.stock), 0) as total_stock,
                     count(s.id) as sku_count,
                     count(s.id) filter (where s.stock <= s.low_stock_threshold) as low_stock_sku_count
                from unnest(ids) as i(id)
                left join skus s on s.product_id = i.id
               group by i.id) f
       where p.id = f.id;
    end $$
  `.execute(db);
  await sql`
    create function skus_refresh_product_figures() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform refresh_product_figures(array(select distinct product_id from new_skus));
      elsif tg_op = 'DELETE' then
        perform refresh_product_figures(array(select distinct product_id from old_skus));
      else
        perform refresh_product_figures(array(
          select product_id from new_skus union select product_id from old_skus));
      end if;
      return null;
    end $$
  `.execute(db);
  // Transition tables allow one event per trigger.
  await sql`create trigger skus_figures_insert after insert on skus referencing new table as new_skus
            for each statement execute function skus_refresh_product_figures()`.execute(db);
  await sql`create trigger skus_figures_update after update on skus
            referencing old table as old_skus new table as new_skus
            for each statement execute function skus_refresh_product_figures()`.execute(db);
  await sql`create trigger skus_figures_delete after delete on skus referencing old table as old_skus
            for each statement execute function skus_refresh_product_figures()`.execute(db);
  await sql`select refresh_product_figures(array(select id from products))`.execute(db);

  await sql`create index products_min_price_idx on products (min_price, id)`.execute(db);
  await sql`create index products_total_stock_idx on products (total_stock, id)`.execute(db);
  await sql`create index products_low_stock_count_idx on products (low_stock_sku_count, id)`.execute(db);
  await sql`create index products_low_stock_idx on products (created_at, id) where low_stock_sku_count > 0`.execute(
    db,
  );
  await sql`create index skus_price_product_idx on skus (price, product_id)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'products_min_price_idx',
    'products_total_stock_idx',
    'products_low_stock_count_idx',
    'products_low_stock_idx',
    'skus_price_product_idx',
  ]) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
  for (const event of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.id(`skus_figures_${event}`)} on skus`.execute(db);
  }
  await sql`drop function if exists skus_refresh_product_figures()`.execute(db);
  await sql`drop function if exists refresh_product_figures(bigint[])`.execute(db);
  await sql`
    alter table products
      drop column min_price, drop column max_price, drop column total_stock,
      drop column sku_count, drop column low_stock_sku_count, drop column title_search
  `.execute(db);
}
