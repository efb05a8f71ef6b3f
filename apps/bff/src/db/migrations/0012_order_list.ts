/**
 * The order desk's searches: an order number's beginning (text_pattern_ops answers LIKE 'x%'),
 * the receiver phone's last 4 digits, and a channel's orders by date. Status, date, member and
 * SKU already have indexes from 0011.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index orders_order_no_prefix_idx on orders (order_no text_pattern_ops)`.execute(db);
  await sql`create index orders_receiver_phone_tail_idx on orders (right(address->>'phone', 4))`.execute(db);
  await sql`create index orders_channel_created_at_idx on orders (channel_id, created_at)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists orders_channel_created_at_idx`.execute(db);
  await sql`drop index if exists orders_receiver_phone_tail_idx`.execute(db);
  await sql`drop index if exists orders_order_no_prefix_idx`.execute(db);
}
