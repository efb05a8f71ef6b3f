/**
 * Fulfilment: parcels (shipments) and the units of each order line they carry, the carrier's
 * tracking events, each parcel's report to the mini-program platform (a durable retry queue),
 * the order's report state for the list, and staff notes on an order.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table shipments (
      id bigint generated always as identity primary key,
      order_id bigint not null references orders (id),
      carrier text not null,
      tracking_no text not null check (tracking_no ~ '^[0-9A-Z]{8,40}$'),
      shipped_at timestamptz not null,
      shipped_by bigint references staff_users (id),
      tracking_status text not null default 'awaiting_pickup' check (tracking_status in (
        'awaiting_pickup', 'in_transit', 'out_for_delivery', 'delivered', 'exception')),
      tracking_checked_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      -- One waybill is one parcel: the same number twice is a typo or a double scan.
      unique (carrier, tracking_no)
    )
  `.execute(db);
  await sql`create index shipments_order_idx on shipments (order_id)`.execute(db);
  await sql`create index shipments_tracking_no_idx on shipments (tracking_no)`.execute(db);
  // The tracking poller asks about parcels not yet delivered.
  await sql`create index shipments_in_transit_idx on shipments (tracking_checked_at nulls first)
    where tracking_status <> 'delivered'`.execute(db);

  await sql`
    create table shipment_items (
      shipment_id bigint not null references shipments (id) on delete cascade,
      order_item_id bigint not null references order_items (id),
      quantity integer not null check (quantity > 0),
      primary key (shipment_id, order_item_id)
    )
  `.execute(db);
  await sql`create index shipment_items_order_item_idx on shipment_items (order_item_id)`.execute(db);

  await sql`
    create table shipment_tracking_events (
      id bigint generated always as identity primary key,
      shipment_id bigint not null references shipments (id) on delete cascade,
      at timestamptz not null,
      status text not null check (status in (
        'awaiting_pickup', 'in_transit', 'out_for_delivery', 'delivered', 'exception')),
      description text not null,
      location text not null default '',
      -- A poll that sees an event again adds nothing.
      unique (shipment_id, at, status)
    )
  `.execute(db);

  await sql`
    create table shipment_reports (
      shipment_id bigint primary key references shipments (id) on delete cascade,
      order_id bigint not null references orders (id),
      state text not null default 'pending' check (state in ('pending', 'synced', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null default now(),
      lease_until timestamptz,
      last_error text,
      synced_at timestamptz,
      created_at timestamptz not null default now(),
      check ((state = 'synced') = (synced_at is not null))
    )
  `.execute(db);
  await sql`create index shipment_reports_due_idx on shipment_reports (next_attempt_at) where state = 'pending'`.execute(
    db,
  );
  await sql`create index shipment_reports_order_idx on shipment_reports (order_id)`.execute(db);

  // Kept on the order so the list can show and filter it without a join.
  await sql`alter table orders add column shipping_info_sync text not null default 'not_required'
    check (shipping_info_sync in ('not_required', 'pending', 'synced', 'failed'))`.execute(db);

  // The auto-confirm job looks for orders shipped longer ago than the settings' days.
  await sql`create index orders_shipped_idx on orders (shipped_at) where status = 'shipped'`.execute(db);

  // Bulk shipping from a CSV runs as a background job like the catalog imports.
  await sql`alter table jobs drop constraint jobs_kind_check`.execute(db);
  await sql`alter table jobs add constraint jobs_kind_check
    check (kind in ('products_import', 'stock_import', 'orders_bulk_ship'))`.execute(db);

  await sql`
    create table order_notes (
      id bigint generated always as identity primary key,
      order_id bigint not null references orders (id),
      author_id bigint references staff_users (id),
      body text not null check (char_length(body) between 1 and 500),
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index order_notes_order_idx on order_notes (order_id, created_at)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists order_notes`.execute(db);
  await sql`drop index if exists orders_shipped_idx`.execute(db);
  await sql`delete from jobs where kind = 'orders_bulk_ship'`.execute(db);
  await sql`alter table jobs drop constraint jobs_kind_check`.execute(db);
  await sql`alter table jobs add constraint jobs_kind_check check (kind in ('products_import', 'stock_import'))`.execute(
    db,
  );
  await sql`alter table orders drop column if exists shipping_info_sync`.execute(db);
  await sql`drop table if exists shipment_reports`.execute(db);
  await sql`drop table if exists shipment_tracking_events`.execute(db);
  await sql`drop table if exists shipment_items`.execute(db);
  await sql`drop table if exists shipments`.execute(db);
}
