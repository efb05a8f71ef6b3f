/**
 * After-sales: cases (refund-only, or return-and-refund), their lines, their history, and the
 * refunds paid through the payment gateway. The money rules are constraints, not only code:
 * - an order never has more refunded + in flight than was paid, nor more than 50 refunds;
 * - a line never has more units in after-sales than were bought, nor more value than it
 *   cost (`after_sales_amount`, checked against its paid share by the conditional update that
 *   raises it), nor more units shipped + cancelled than bought;
 * - a case has at most one refund, with one refund number for all its attempts.
 * Timers are columns (`auto_approve_at`, `return_due_at`, `sla_due_at`) that the jobs scan,
 * so they survive restarts.
 */
import { type Kysely, sql } from 'kysely';

const reasons = [
  { code: 'no_reason', label: '七天无理由', noReason: true },
  { code: 'changed_mind', label: '拍错/不想要了', noReason: true },
  { code: 'quality', label: '质量问题', noReason: false },
  { code: 'damaged', label: '商品破损', noReason: false },
  { code: 'wrong_item', label: '发错货/漏发', noReason: false },
  { code: 'not_as_described', label: '与描述不符', noReason: false },
  { code: 'not_received', label: '未收到货', noReason: false },
  { code: 'other', label: '其他', noReason: false },
];
const rejectTemplates = [
  '已超过七天无理由退货期限',
  '商品已使用或影响二次销售',
  '未提供有效的问题凭证，请补充照片后重新申请',
  '订单已发货，请收货后申请退货退款',
  '与客服沟通后已协商解决',
];
const returnAddress = {
  name: '售后仓',
  phone: '0571-88880000',
  address: '浙江省杭州市余杭区仓前街道 文一西路 1288 号 售后部',
};

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table settings
      add column refund_auto_approve_hours integer not null default 48,
      add column return_ship_days integer not null default 7,
      add column refund_approval_limit bigint not null default 50000,
      add column bulk_approve_max_amount bigint not null default 5000,
      add column after_sales_reasons jsonb not null default ${sql.lit(JSON.stringify(reasons))}::jsonb,
      add column reject_reason_templates jsonb not null default ${sql.lit(JSON.stringify(rejectTemplates))}::jsonb,
      add column return_address jsonb not null default ${sql.lit(JSON.stringify(returnAddress))}::jsonb
  `.execute(db);

  await sql`
    alter table orders
      add column refunded_amount bigint not null default 0,
      add column refunding_amount bigint not null default 0,
      add column refund_count integer not null default 0,
      add column open_after_sales integer not null default 0,
      add constraint orders_refund_within_paid check (
        refunded_amount >= 0 and refunding_amount >= 0
        and refunded_amount + refunding_amount <= paid_amount),
      add constraint orders_refund_count_limit check (refund_count between 0 and 50),
      add constraint orders_open_after_sales_check check (open_after_sales >= 0)
  `.execute(db);
  await sql`create index orders_open_after_sales_idx on orders (id) where open_after_sales > 0`.execute(db);

  await sql`
    alter table order_items
      add column after_sales_quantity integer not null default 0,
      add column after_sales_amount bigint not null default 0,
      add column cancelled_quantity integer not null default 0,
      add constraint order_items_after_sales_quantity_check
        check (after_sales_quantity between 0 and quantity),
      add constraint order_items_after_sales_amount_check
        check (after_sales_amount between 0 and line_amount),
      add constraint order_items_cancelled_quantity_check
        check (cancelled_quantity >= 0 and shipped_quantity + cancelled_quantity <= quantity)
  `.execute(db);

  await sql`
    create table after_sales_cases (
      id bigint generated always as identity primary key,
      case_no text not null unique check (case_no ~ '^AS[0-9]{8,30}$'),
      order_id bigint not null references orders (id),
      member_id bigint not null references members (id),
      channel_id bigint not null references channels (id),
      type text not null check (type in ('refund_only', 'return_and_refund')),
      status text not null check (status in ('requested', 'approved', 'rejected', 'awaiting_return',
        'returned', 'refunding', 'refunded', 'failed', 'withdrawn', 'closed')),
      source text not null check (source in ('channel', 'staff')),
      created_by bigint references staff_users (id),
      reason_code text not null,
      reason_label text not null,
      no_reason boolean not null default false,
      description text not null default '',
      photos jsonb not null default '[]'::jsonb,
      refund_limit bigint not null check (refund_limit > 0),
      requested_amount bigint not null check (requested_amount > 0 and requested_amount <= refund_limit),
      approved_amount bigint check (approved_amount > 0 and approved_amount <= refund_limit),
      includes_shipping boolean not null default false,
      assignee_id bigint references staff_users (id),
      approval_stage text not null default 'none' check (approval_stage in ('none', 'admin')),
      first_approved_by bigint references staff_users (id),
      first_approved_at timestamptz,
      approved_by bigint references staff_users (id),
      approved_at timestamptz,
      reject_reason text,
      return_address jsonb,
      return_carrier text,
      return_tracking_no text,
      return_shipped_at timestamptz,
      return_due_at timestamptz,
      received_at timestamptz,
      auto_approve_at timestamptz,
      sla_due_at timestamptz,
      closed_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status in ('rejected', 'refunded', 'withdrawn', 'closed')) = (closed_at is not null)),
      check (status <> 'rejected' or reject_reason is not null)
    )
  `.execute(db);
  // The CS queue: cases awaiting action by deadline (the badge counts this partial index).
  await sql`create index after_sales_sla_idx on after_sales_cases (sla_due_at, id)
    where sla_due_at is not null`.execute(db);
  // Searching by the start of a case number, whatever the database's collation.
  await sql`create index after_sales_case_no_prefix_idx on after_sales_cases (case_no text_pattern_ops)`.execute(
    db,
  );
  await sql`create index after_sales_created_idx on after_sales_cases (created_at, id)`.execute(db);
  await sql`create index after_sales_status_idx on after_sales_cases (status, created_at)`.execute(db);
  // The queue's amount filter (and its count) by index.
  await sql`create index after_sales_requested_amount_idx on after_sales_cases (requested_amount, id)`.execute(
    db,
  );
  await sql`create index after_sales_order_idx on after_sales_cases (order_id)`.execute(db);
  await sql`create index after_sales_member_idx on after_sales_cases (member_id)`.execute(db);
  await sql`create index after_sales_assignee_idx on after_sales_cases (assignee_id, sla_due_at)
    where assignee_id is not null`.execute(db);
  await sql`create index after_sales_auto_approve_idx on after_sales_cases (auto_approve_at)
    where status = 'requested' and auto_approve_at is not null`.execute(db);
  await sql`create index after_sales_return_due_idx on after_sales_cases (return_due_at)
    where status = 'awaiting_return' and return_shipped_at is null`.execute(db);

  await sql`
    create table after_sales_items (
      id bigint generated always as identity primary key,
      case_id bigint not null references after_sales_cases (id) on delete cascade,
      order_item_id bigint not null references order_items (id),
      quantity integer not null check (quantity > 0),
      refund_cap bigint not null check (refund_cap >= 0),
      sellable_quantity integer check (sellable_quantity >= 0),
      damaged_quantity integer check (damaged_quantity >= 0),
      unique (case_id, order_item_id),
      check ((sellable_quantity is null) = (damaged_quantity is null)),
      check (sellable_quantity is null or sellable_quantity + damaged_quantity = quantity)
    )
  `.execute(db);
  await sql`create index after_sales_items_order_item_idx on after_sales_items (order_item_id)`.execute(db);

  await sql`
    create table after_sales_events (
      id bigint generated always as identity primary key,
      case_id bigint not null references after_sales_cases (id) on delete cascade,
      at timestamptz not null,
      kind text not null,
      actor_kind text not null check (actor_kind in ('staff', 'customer', 'gateway', 'system')),
      actor_id bigint,
      actor_name text,
      status text,
      detail jsonb not null default '{}'::jsonb
    )
  `.execute(db);
  await sql`create index after_sales_events_case_idx on after_sales_events (case_id, id)`.execute(db);

  await sql`
    create table refunds (
      id bigint generated always as identity primary key,
      out_refund_no text not null unique check (out_refund_no ~ '^R[0-9A-Za-z]{8,63}$'),
      case_id bigint not null unique references after_sales_cases (id),
      order_id bigint not null references orders (id),
      amount bigint not null check (amount > 0),
      status text not null default 'processing' check (status in ('processing', 'succeeded', 'failed')),
      -- The gateway call is made after the commit that created (or retried) the refund: pending
      -- until the gateway has accepted it, so a crash between the two is picked up by the job.
      dispatch_state text not null default 'pending' check (dispatch_state in ('pending', 'sent')),
      next_dispatch_at timestamptz not null default now(),
      dispatch_lease_until timestamptz,
      attempts integer not null default 0 check (attempts >= 0),
      gateway_refund_id text,
      failure_reason text,
      requested_at timestamptz not null,
      succeeded_at timestamptz,
      failed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'succeeded') = (succeeded_at is not null))
    )
  `.execute(db);
  await sql`create index refunds_order_idx on refunds (order_id)`.execute(db);
  await sql`create index refunds_dispatch_idx on refunds (next_dispatch_at)
    where status = 'processing' and dispatch_state = 'pending'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists refunds`.execute(db);
  await sql`drop table if exists after_sales_events`.execute(db);
  await sql`drop table if exists after_sales_items`.execute(db);
  await sql`drop table if exists after_sales_cases`.execute(db);
  await sql`
    alter table order_items
      drop column if exists after_sales_quantity,
      drop column if exists after_sales_amount,
      drop column if exists cancelled_quantity
  `.execute(db);
  await sql`drop index if exists orders_open_after_sales_idx`.execute(db);
  await sql`
    alter table orders
      drop column if exists refunded_amount,
      drop column if exists refunding_amount,
      drop column if exists refund_count,
      drop column if exists open_after_sales
  `.execute(db);
  await sql`
    alter table settings
      drop column if exists refund_auto_approve_hours,
      drop column if exists return_ship_days,
      drop column if exists refund_approval_limit,
      drop column if exists bulk_approve_max_amount,
      drop column if exists after_sales_reasons,
      drop column if exists reject_reason_templates,
      drop column if exists return_address
  `.execute(db);
}
