/**
 * The order desk's status tabs and its unfiltered total, kept by the database: an exact
 * count(*) over 1,000,000 orders is most of the list's time. Each status's count is spread
 * over 16 slots (the order id's remainder), so concurrent placements add to different rows
 * instead of queueing on one; a status's count is the sum of its slots.
 *
 * The counts move at commit (deferred constraint triggers), not when a row is written: a
 * placement inserts its order before it takes its SKUs' rows and a cancel gives stock back
 * before it moves the order, so counter rows locked mid-transaction would let the two wait on
 * each other in a circle. At commit every other lock is already held, and a counter row is held
 * only for the commit itself. One change touches its counter rows in (status, slot) order. The
 * price: one counter update per order at commit, also for the demo seed's single insert of
 * many orders.
 *
 * Also the payable-amount range's count: a scan of every order before (22 ms at 100,000
 * orders, EXPLAIN ANALYZE), read from this index alone after; created_at rides along for the
 * range combined with dates.
 *
 * And the desk's search by nickname (`q`): the members' nicknames were scanned, every one
 * against ILIKE '%q%', twice per list (17 ms at 20,000 members); their grams (text_grams of
 * 0010) in a GIN index find the candidates (0.3 ms).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table order_status_counts (
      status text not null,
      slot smallint not null check (slot between 0 and 15),
      orders bigint not null default 0,
      primary key (status, slot)
    )
  `.execute(db);
  await sql`
    create function order_status_counts_add(text, smallint, bigint) returns void language sql as $$
      insert into order_status_counts as c (status, slot, orders) values ($1, $2, $3)
        on conflict (status, slot) do update set orders = c.orders + excluded.orders
    $$
  `.execute(db);
  await sql`
    create function orders_counted() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform order_status_counts_add(new.status, (new.id % 16)::smallint, 1);
      elsif tg_op = 'DELETE' then
        perform order_status_counts_add(old.status, (old.id % 16)::smallint, -1);
      elsif old.status < new.status then
        perform order_status_counts_add(old.status, (old.id % 16)::smallint, -1);
        perform order_status_counts_add(new.status, (new.id % 16)::smallint, 1);
      else
        perform order_status_counts_add(new.status, (new.id % 16)::smallint, 1);
        perform order_status_counts_add(old.status, (old.id % 16)::smallint, -1);
      end if;
      return null;
    end $$
  `.execute(db);
  await sql`
    create function orders_counted_none() returns trigger language plpgsql as $$
    begin
      delete from order_status_counts;
      return null;
    end $$
  `.execute(db);
  await sql`
    create constraint trigger orders_counted after insert or delete on orders
      deferrable initially deferred for each row execute function orders_counted()
  `.execute(db);
  await sql`
    create constraint trigger orders_counted_moved after update of status on orders
      deferrable initially deferred for each row
      when (old.status is distinct from new.status) execute function orders_counted()
  `.execute(db);
  await sql`
    create trigger orders_counted_none after truncate on orders
      for each statement execute function orders_counted_none()
  `.execute(db);
  // The desk's SKU-code filter: the code a line was bought under.
  await sql`create index order_items_sku_code_idx on order_items (sku_code)`.execute(db);
  await sql`create index orders_payable_amount_idx on orders (payable_amount, created_at)`.execute(db);
  await sql`create index members_nickname_grams_idx on members using gin (text_grams(lower(nickname)))`.execute(
    db,
  );
  // The orders already there. Creating the triggers locked the table against writes until
  // this migration commits, so no order is counted twice or missed.
  await sql`
    insert into order_status_counts (status, slot, orders)
      select status, (id % 16)::smallint, count(*) from orders group by 1, 2
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists members_nickname_grams_idx`.execute(db);
  await sql`drop index if exists orders_payable_amount_idx`.execute(db);
  await sql`drop index if exists order_items_sku_code_idx`.execute(db);
  await sql`drop trigger if exists orders_counted_none on orders`.execute(db);
  await sql`drop trigger if exists orders_counted_moved on orders`.execute(db);
  await sql`drop trigger if exists orders_counted on orders`.execute(db);
  await sql`drop function if exists orders_counted_none()`.execute(db);
  await sql`drop function if exists orders_counted()`.execute(db);
  await sql`drop function if exists order_status_counts_add(text, smallint, bigint)`.execute(db);
  await sql`drop table if exists order_status_counts`.execute(db);
}
