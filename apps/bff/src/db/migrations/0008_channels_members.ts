/**
 * The storefront channel: the channels an admin manages (the plain secret is kept, since the
 * BFF must compute the same HMAC the storefront does), the idempotency keys of their writes,
 * the members (customers) they bring, and their visit events (append-only, for the funnel and
 * UV figures by day).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table channels (
      id bigint generated always as identity primary key,
      key text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{2,39}$'),
      name text not null check (length(name) between 1 and 50),
      secret text not null check (length(secret) >= 16),
      enabled boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `.execute(db);

  // One row per (channel, key): the claim while the first request runs, then its answer.
  // `claim_token` names the claim, so a request whose stale claim was taken over writes nothing.
  await sql`
    create table idempotency_keys (
      channel_id bigint not null references channels (id) on delete cascade,
      key text not null,
      request_hash text not null,
      status text not null check (status in ('in_flight', 'done')),
      claim_token text not null,
      claimed_at timestamptz not null,
      response_status integer,
      response_body text,
      created_at timestamptz not null,
      primary key (channel_id, key),
      check ((status = 'done') = (response_status is not null and response_body is not null))
    )
  `.execute(db);
  // The purge job deletes by age.
  await sql`create index idempotency_keys_created_at_idx on idempotency_keys (created_at)`.execute(db);

  await sql`
    create table members (
      id bigint generated always as identity primary key,
      channel_id bigint not null references channels (id),
      openid text not null,
      nickname text,
      phone text,
      registered_at timestamptz not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (channel_id, openid)
    )
  `.execute(db);
  // CS looks a caller up by the last four digits of the phone.
  await sql`create index members_phone_tail_idx on members (right(phone, 4)) where phone is not null`.execute(
    db,
  );
  await sql`create index members_registered_at_idx on members (registered_at)`.execute(db);

  // Append-only. product_id has no foreign key: products may be deleted, their history stays.
  // visitor_id is the anonymous id or the openid, so UV counts both alike.
  await sql`
    create table visit_events (
      id bigint generated always as identity primary key,
      channel_id bigint not null references channels (id),
      member_id bigint references members (id),
      visitor_id text not null,
      type text not null check (type in ('page_view', 'product_view', 'add_to_cart', 'checkout')),
      product_id bigint,
      sku_id bigint,
      quantity integer check (quantity > 0),
      page text,
      at timestamptz not null,
      received_at timestamptz not null
    )
  `.execute(db);
  // Funnel and UV by day: a range on `at`, grouped by type, counting distinct visitors — the
  // index covers the whole query so it never reads the heap.
  await sql`create index visit_events_at_type_idx on visit_events (at, type) include (visitor_id, channel_id)`.execute(
    db,
  );
  // Conversion per product: its views and add-to-carts over a range.
  await sql`create index visit_events_product_at_idx on visit_events (product_id, at) where product_id is not null`.execute(
    db,
  );
  // A member's own journey (and repurchase/recency rules later).
  await sql`create index visit_events_member_at_idx on visit_events (member_id, at) where member_id is not null`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists visit_events`.execute(db);
  await sql`drop table if exists members`.execute(db);
  await sql`drop table if exists idempotency_keys`.execute(db);
  await sql`drop table if exists channels`.execute(db);
}
