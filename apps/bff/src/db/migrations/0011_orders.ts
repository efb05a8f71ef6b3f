/**
 * Orders from the storefront channel: the order (amounts in fen, checked against each other),
 * its lines (title, specs and price copied at ordering) and its payment. Order numbers are
 * what the storefront and the gateway quote; the row id never leaves the back office.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table orders (
      id bigint generated always as identity primary key,
      order_no text not null unique check (order_no ~ '^[0-9A-Za-z]{8,32}$'),
      channel_id bigint not null references channels (id),
      member_id bigint not null references members (id),
      status text not null check (status in (
        'pending_payment', 'paid', 'partially_shipped', 'shipped', 'completed', 'cancelled', 'closed')),
      goods_amount bigint not null check (goods_amount >= 0),
      discount_amount bigint not null default 0 check (discount_amount between 0 and goods_amount),
      shipping_fee bigint not null check (shipping_fee >= 0),
      payable_amount bigint not null check (payable_amount = goods_amount - discount_amount + shipping_fee),
      paid_amount bigint not null default 0 check (paid_amount between 0 and payable_amount),
      -- The address as sent (phone whole); masked on the way out.
      address jsonb not null,
      province_code text not null,
      buyer_note text not null default '',
      cancel_reason text check (cancel_reason in ('customer', 'timeout', 'staff')),
      pay_deadline timestamptz not null,
      paid_at timestamptz,
      shipped_at timestamptz,
      completed_at timestamptz,
      cancelled_at timestamptz,
      closed_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((paid_at is null) = (paid_amount = 0)),
      check ((status = 'cancelled') = (cancelled_at is not null))
    )
  `.execute(db);
  await sql`create index orders_created_at_idx on orders (created_at, id)`.execute(db);
  await sql`create index orders_status_created_at_idx on orders (status, created_at)`.execute(db);
  await sql`create index orders_member_created_at_idx on orders (member_id, created_at)`.execute(db);
  // The auto-close job looks for unpaid orders past their deadline.
  await sql`create index orders_unpaid_deadline_idx on orders (pay_deadline) where status = 'pending_payment'`.execute(
    db,
  );

  // sku_id/product_id have no foreign key: a SKU may be deleted, the order keeps its copy.
  await sql`
    create table order_items (
      id bigint generated always as identity primary key,
      order_id bigint not null references orders (id) on delete cascade,
      sku_id bigint,
      product_id bigint,
      sku_code text not null,
      title text not null,
      spec_values jsonb not null,
      unit_price bigint not null check (unit_price >= 0),
      quantity integer not null check (quantity > 0),
      line_amount bigint not null check (line_amount = unit_price * quantity),
      shipped_quantity integer not null default 0 check (shipped_quantity between 0 and quantity)
    )
  `.execute(db);
  await sql`create index order_items_order_idx on order_items (order_id)`.execute(db);
  await sql`create index order_items_sku_idx on order_items (sku_id)`.execute(db);

  // One payment per order; a gateway's transaction id is unique within its channel.
  await sql`
    create table payments (
      id bigint generated always as identity primary key,
      order_id bigint not null unique references orders (id),
      channel_id bigint not null references channels (id),
      transaction_id text not null,
      amount bigint not null check (amount > 0),
      paid_at timestamptz not null,
      created_at timestamptz not null default now(),
      unique (channel_id, transaction_id)
    )
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists payments`.execute(db);
  await sql`drop table if exists order_items`.execute(db);
  await sql`drop table if exists orders`.execute(db);
}
