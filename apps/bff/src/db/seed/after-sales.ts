/**
 * The demo after-sales history over the demo orders (see orders.ts): about 7 % of the paid
 * orders have a case — `cases` sets the number instead (the bench asks for 100,000) — in every
 * state, planned by after-sales-plan.ts, and written here as the live flow would have left them:
 * cases, their lines and timelines, refunds ('sent' to the gateway, so the dispatcher leaves
 * them alone), the lines' reservations, the orders' refund totals (fully refunded ones closed),
 * cancelled units of refunded unshipped orders, and the stock ledger's lines for returned
 * sellable goods and cancelled units (the SKUs' stock moves with them, and every later ledger
 * line's stock_after follows, so the ledger still adds up to the stock).
 *
 * Fast: the candidates and their lines come back in two queries, the plan is made in memory,
 * and the rows go in as JSON record sets of a few thousand rows per statement, in one
 * transaction. Nothing happens when a demo order already has a case.
 */
import { paidOrderStatuses } from '@siyu/shared';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { getSettings } from '../../modules/settings/service.js';
import type { Db } from '../connect.js';
import type { Database } from '../schema.js';
import { photoBaseUrl } from './after-sales-data.js';
import {
  type PlannedCase,
  planAfterSales,
  type SeedLine,
  type SeedOrder,
  type Staff,
} from './after-sales-plan.js';
import { DEMO_OPENID_PREFIX } from './orders.js';

export type DemoAfterSalesOptions = {
  channelId: number;
  now: Date;
  /** How many cases; absent: `share` of the paid orders of the last 180 days. */
  cases?: number;
  share?: number;
};
export type DemoAfterSalesResult = {
  cases: number;
  events: number;
  refunds: number;
  ordersClosed: number;
  stockLines: number;
  byStatus: Record<string, number>;
};

const DEFAULT_SHARE = 0.07;
const CHUNK = 5000;

/** `n` → a distinct number below 10^digits (an affine map, one to one for n below 10^digits). */
function perm(n: number, digits: number, offset: number): string {
  const mod = 10n ** BigInt(digits);
  return ((BigInt(n) * 7_919_000_003n + BigInt(offset)) % mod).toString().padStart(digits, '0');
}

function localDay(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const cache = new Map<number, string>();
  return (ms) => {
    // Shop days never start off the quarter hour: cache by it.
    const key = Math.floor(ms / 900_000);
    let day = cache.get(key);
    if (day === undefined) {
      day = format.format(new Date(ms)).replaceAll('-', '');
      cache.set(key, day);
    }
    return day;
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function staffNamed(
  db: Db,
  username: string,
  role: 'customer_service' | 'admin',
): Promise<Staff | null> {
  const row =
    (await db
      .selectFrom('staffUsers')
      .select(['id', 'displayName'])
      .where('username', '=', username)
      .executeTakeFirst()) ??
    (await db
      .selectFrom('staffUsers')
      .select(['id', 'displayName'])
      .where('role', '=', role)
      .orderBy('id')
      .executeTakeFirst());
  return row ? { id: row.id, name: row.displayName } : null;
}

export async function seedDemoAfterSales(
  db: Db,
  options: DemoAfterSalesOptions,
): Promise<DemoAfterSalesResult> {
  const none: DemoAfterSalesResult = {
    cases: 0,
    events: 0,
    refunds: 0,
    ordersClosed: 0,
    stockLines: 0,
    byStatus: {},
  };
  const { channelId, now } = options;
  const seeded = await db
    .selectFrom('afterSalesCases')
    .innerJoin('members', 'members.id', 'afterSalesCases.memberId')
    .select('afterSalesCases.id')
    .where('afterSalesCases.channelId', '=', channelId)
    .where('members.openid', 'like', `${DEMO_OPENID_PREFIX}%`)
    .limit(1)
    .executeTakeFirst();
  if (seeded) return none;
  const settings = await getSettings(db);
  const [cs, admin] = await Promise.all([
    staffNamed(db, 'cs', 'customer_service'),
    staffNamed(db, 'admin', 'admin'),
  ]);
  const at = sql`${now.toISOString()}::timestamptz`;

  return db.transaction().execute(async (trx) => {
    const run = <T>(query: RawBuilder<T>) => query.execute(trx);
    // The demo's paid orders of the last 180 days with nothing refunded or open yet.
    await run(sql`create temp table demo_as_eligible on commit drop as
      select o.id, o.order_no, o.status, o.paid_at,
        ((hashtextextended(o.order_no, 501) & 4294967295)::float8 / 4294967296::float8)
          / case when o.status = 'paid' then 2.5 else 1 end as pick
      from orders o join members m on m.id = o.member_id
      where o.channel_id = ${channelId}::bigint and m.openid like ${`${DEMO_OPENID_PREFIX}%`}
        and o.status in (${sql.join(paidOrderStatuses.map((s) => sql`${s}`))})
        and o.paid_at between ${at} - interval '180 days' and ${at}
        and o.refund_count = 0 and o.open_after_sales = 0`);
    const eligible = Number(
      (await run(sql<{ n: number | string }>`select count(*) as n from demo_as_eligible`)).rows[0]?.n ?? 0,
    );
    const total = Math.min(
      eligible,
      options.cases ?? Math.round(eligible * (options.share ?? DEFAULT_SHARE)),
    );
    if (total <= 0) return none;

    // The picked orders (a third more than needed: some stories do not fit an order) and the
    // most recent ones, where the open cases go.
    const picked = Math.ceil(total * 1.3) + 50;
    const recent = Math.max(300, Math.ceil(total * 0.6));
    await run(sql`create temp table demo_as_order on commit drop as
      select id, min(rank) as rank from (
        (select id, row_number() over (order by pick, id) as rank from demo_as_eligible order by pick, id limit ${picked})
        union all
        (select id, ${picked} + row_number() over (order by paid_at desc, id desc) as rank from demo_as_eligible
          order by paid_at desc, id desc limit ${recent})
      ) x group by id`);
    await run(sql`analyze demo_as_order`);
    const orderRows = (
      await run(sql<Omit<SeedOrder, 'lines'>>`
        select o.id, o.order_no, o.member_id, m.nickname, o.status, o.discount_amount, o.shipping_fee,
          o.paid_amount, o.paid_at, o.completed_at, s.first_shipped_at, s.delivered_at
        from demo_as_order d
        join orders o on o.id = d.id
        join members m on m.id = o.member_id
        left join lateral (select min(sh.shipped_at) as first_shipped_at,
            case when count(*) = count(sh.delivered_at) then max(sh.delivered_at) end as delivered_at
          from shipments sh where sh.order_id = o.id) s on true
        order by d.rank`)
    ).rows;
    const lineRows = (
      await run(sql<SeedLine & { orderId: number }>`
        select i.order_id, i.id, i.sku_id, i.product_id, i.sku_code, i.quantity, i.line_amount, i.shipped_quantity
        from demo_as_order d join order_items i on i.order_id = d.id
        order by i.order_id, i.id`)
    ).rows;
    const linesOf = new Map<number, SeedLine[]>();
    for (const { orderId, ...line } of lineRows) {
      const list = linesOf.get(orderId) ?? [];
      list.push(line);
      linesOf.set(orderId, list);
    }
    const orders: SeedOrder[] = orderRows.map((o) => ({ ...o, lines: linesOf.get(o.id) ?? [] }));

    const plan = planAfterSales(orders, total, { now: now.getTime(), settings, cs, admin });
    const result = await writePlan(trx, plan.cases, settings.timeZone);
    const closed = await writeOrders(trx, plan.orders);
    const stockLines = await writeStock(trx, plan.cases, result.caseNos);
    const byStatus: Record<string, number> = {};
    for (const c of plan.cases) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    return {
      cases: plan.cases.length,
      events: result.events,
      refunds: result.refunds,
      ordersClosed: closed,
      stockLines,
      byStatus,
    };
  });
}

/** Cases, then (by the ids they got) their lines, timelines and refunds. */
async function writePlan(
  trx: Kysely<Database>,
  cases: readonly PlannedCase[],
  timeZone: string,
): Promise<{ caseNos: string[]; events: number; refunds: number }> {
  const day = localDay(timeZone);
  const caseNos = cases.map((c, i) => `AS${day(c.createdAt)}${perm(i + 1, 12, 20_260_501)}`);
  const refundNos = cases.map((c, i) =>
    c.refund ? `R${day(c.refund.requestedAt)}${perm(i + 1, 12, 31_415_926)}` : null,
  );
  const ids: number[] = [];
  for (const [part, rows] of chunks(cases).entries()) {
    const base = part * CHUNK;
    const json = rows.map((c, j) => {
      const caseNo = caseNos[base + j] as string;
      return {
        case_no: caseNo,
        order_id: c.orderId,
        member_id: c.memberId,
        type: c.type,
        status: c.status,
        source: c.source,
        created_by: c.createdBy,
        reason_code: c.reason.code,
        reason_label: c.reason.label,
        no_reason: c.reason.noReason,
        description: c.description,
        photos: Array.from({ length: c.photoCount }, (_, k) => `${photoBaseUrl}/${caseNo}-${k + 1}.jpg`),
        refund_limit: c.refundLimit,
        requested_amount: c.requestedAmount,
        approved_amount: c.approvedAmount,
        includes_shipping: c.includesShipping,
        assignee_id: c.assigneeId,
        approval_stage: c.approvalStage,
        first_approved_by: c.firstApprovedBy,
        first_approved_at: iso(c.firstApprovedAt),
        approved_by: c.approvedBy,
        approved_at: iso(c.approvedAt),
        reject_reason: c.rejectReason,
        return_address: c.returnAddress,
        return_carrier: c.returnCarrier,
        return_tracking_no: c.returnTrackingNo,
        return_shipped_at: iso(c.returnShippedAt),
        return_due_at: iso(c.returnDueAt),
        received_at: iso(c.receivedAt),
        auto_approve_at: iso(c.autoApproveAt),
        sla_due_at: iso(c.slaDueAt),
        closed_at: iso(c.closedAt),
        version: c.version,
        created_at: iso(c.createdAt),
        updated_at: iso(c.updatedAt),
      };
    });
    const inserted = await sql<{ id: number; caseNo: string }>`
      insert into after_sales_cases (case_no, order_id, member_id, channel_id, type, status, source, created_by,
        reason_code, reason_label, no_reason, description, photos, refund_limit, requested_amount, approved_amount,
        includes_shipping, assignee_id, approval_stage, first_approved_by, first_approved_at, approved_by, approved_at,
        reject_reason, return_address, return_carrier, return_tracking_no, return_shipped_at, return_due_at,
        received_at, auto_approve_at, sla_due_at, closed_at, version, created_at, updated_at)
      select x.case_no, x.order_id, x.member_id, o.channel_id, x.type, x.status, x.source, x.created_by,
        x.reason_code, x.reason_label, x.no_reason, x.description, x.photos, x.refund_limit, x.requested_amount,
        x.approved_amount, x.includes_shipping, x.assignee_id, x.approval_stage, x.first_approved_by,
        x.first_approved_at, x.approved_by, x.approved_at, x.reject_reason, x.return_address, x.return_carrier,
        x.return_tracking_no, x.return_shipped_at, x.return_due_at, x.received_at, x.auto_approve_at, x.sla_due_at,
        x.closed_at, x.version, x.created_at, x.updated_at
      from json_to_recordset(${JSON.stringify(json)}::json) as x(case_no text, order_id bigint,
        member_id bigint, type text, status text, source text, created_by bigint, reason_code text,
        reason_label text, no_reason boolean, description text, photos jsonb, refund_limit bigint,
        requested_amount bigint, approved_amount bigint, includes_shipping boolean, assignee_id bigint,
        approval_stage text, first_approved_by bigint, first_approved_at timestamptz, approved_by bigint,
        approved_at timestamptz, reject_reason text, return_address jsonb, return_carrier text,
        return_tracking_no text, return_shipped_at timestamptz, return_due_at timestamptz, received_at timestamptz,
        auto_approve_at timestamptz, sla_due_at timestamptz, closed_at timestamptz, version integer,
        created_at timestamptz, updated_at timestamptz)
      join orders o on o.id = x.order_id
      order by x.created_at, x.case_no
      returning id, case_no`.execute(trx);
    const idOf = new Map(inserted.rows.map((r) => [r.caseNo, r.id]));
    for (const [j] of rows.entries()) {
      const id = idOf.get(caseNos[base + j] as string);
      if (id === undefined) throw new Error('demo after-sales: a case did not go in');
      ids.push(id);
    }
  }

  const items = cases.flatMap((c, i) =>
    c.items.map((it) => ({
      case_id: ids[i],
      order_item_id: it.orderItemId,
      quantity: it.quantity,
      refund_cap: it.refundCap,
      sellable_quantity: it.sellable,
      damaged_quantity: it.damaged,
    })),
  );
  // A case line's id by case and order line: the timeline's receipts name them.
  const itemIds = new Map<string, number>();
  for (const rows of chunks(items)) {
    const inserted = await sql<{ id: number; caseId: number; orderItemId: number }>`
      insert into after_sales_items (case_id, order_item_id, quantity, refund_cap, sellable_quantity,
        damaged_quantity)
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as x(case_id bigint, order_item_id bigint,
        quantity integer, refund_cap bigint, sellable_quantity integer, damaged_quantity integer)
      returning id, case_id, order_item_id`.execute(trx);
    for (const r of inserted.rows) itemIds.set(`${r.caseId}:${r.orderItemId}`, r.id);
  }
  const gatewayIds = cases.map((c, i) =>
    c.refund ? `503${day(c.refund.requestedAt)}${perm(i + 1, 18, 27_182_818)}` : null,
  );
  const detailOf = (e: PlannedCase['events'][number], i: number): Record<string, unknown> => {
    if (e.kind === 'received')
      return {
        ...e.detail,
        items: (e.detail.items as { orderItemId: number; sellable: number; damaged: number }[]).map(
          ({ orderItemId, ...condition }) => ({
            caseItemId: itemIds.get(`${ids[i]}:${orderItemId}`),
            ...condition,
          }),
        ),
      };
    if (!e.kind.startsWith('refund_')) return e.detail;
    return {
      outRefundNo: refundNos[i],
      ...e.detail,
      ...(e.kind === 'refund_succeeded' && { gatewayRefundId: gatewayIds[i] }),
    };
  };

  const events = cases.flatMap((c, i) =>
    c.events.map((e, seq) => ({
      case_id: ids[i],
      seq,
      at: iso(e.at),
      kind: e.kind,
      actor_kind: e.actor.kind,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      status: e.status,
      detail: detailOf(e, i),
    })),
  );
  for (const rows of chunks(events))
    await sql`insert into after_sales_events (case_id, at, kind, actor_kind, actor_id, actor_name, status, detail)
      select case_id, at, kind, actor_kind, actor_id, actor_name, status, detail
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(case_id bigint, seq integer, at timestamptz,
        kind text, actor_kind text, actor_id bigint, actor_name text, status text, detail jsonb)
      order by case_id, seq`.execute(trx);

  const refunds = cases.flatMap((c, i) => {
    const r = c.refund;
    if (!r) return [];
    const sent = r.requestedAt + 2000;
    return [
      {
        out_refund_no: refundNos[i],
        case_id: ids[i],
        order_id: c.orderId,
        amount: r.amount,
        status: r.status,
        next_dispatch_at: iso(r.requestedAt),
        attempts: r.attempts,
        // WeChat Pay's refund ids: 50 + 27 digits.
        gateway_refund_id: gatewayIds[i],
        failure_reason: r.failureReason,
        requested_at: iso(r.requestedAt),
        succeeded_at: iso(r.succeededAt),
        failed_at: iso(r.failedAt),
        created_at: iso(r.requestedAt),
        updated_at: iso(r.succeededAt ?? r.failedAt ?? sent),
      },
    ];
  });
  for (const rows of chunks(refunds))
    await sql`insert into refunds (out_refund_no, case_id, order_id, amount, status, dispatch_state, next_dispatch_at,
        attempts, gateway_refund_id, failure_reason, requested_at, succeeded_at, failed_at, created_at, updated_at)
      select out_refund_no, case_id, order_id, amount, status, 'sent', next_dispatch_at, attempts, gateway_refund_id,
        failure_reason, requested_at, succeeded_at, failed_at, created_at, updated_at
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(out_refund_no text, case_id bigint,
        order_id bigint, amount bigint, status text, next_dispatch_at timestamptz, attempts integer,
        gateway_refund_id text, failure_reason text, requested_at timestamptz, succeeded_at timestamptz,
        failed_at timestamptz, created_at timestamptz, updated_at timestamptz)`.execute(trx);
  return { caseNos, events: events.length, refunds: refunds.length };
}

/** Lines' reservations and cancelled units, orders' refund totals; fully refunded orders closed. */
async function writeOrders(
  trx: Kysely<Database>,
  orders: ReturnType<typeof planAfterSales>['orders'],
): Promise<number> {
  const lines = orders.flatMap((o) =>
    o.lines.map((l) => ({
      id: l.id,
      qty: l.afterSalesQuantity,
      amount: l.afterSalesAmount,
      cancelled: l.cancelledQuantity,
    })),
  );
  for (const rows of chunks(lines.filter((l) => l.qty > 0 || l.cancelled > 0)))
    await sql`update order_items i set after_sales_quantity = x.qty, after_sales_amount = x.amount,
        cancelled_quantity = x.cancelled
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(id bigint, qty integer, amount bigint, cancelled integer)
      where i.id = x.id`.execute(trx);
  const rows = orders.map((o) => ({
    id: o.id,
    refunded: o.refundedAmount,
    refunding: o.refundingAmount,
    refunds: o.refundCount,
    open: o.openAfterSales,
    closed_at: iso(o.closedAt),
    changed_at: iso(o.changedAt),
  }));
  for (const part of chunks(rows))
    await sql`update orders o set refunded_amount = x.refunded, refunding_amount = x.refunding,
        refund_count = x.refunds, open_after_sales = x.open,
        status = case when x.closed_at is null then o.status else 'closed' end,
        closed_at = x.closed_at,
        version = o.version + (x.closed_at is not null)::int,
        updated_at = greatest(o.updated_at, x.changed_at)
      from json_to_recordset(${JSON.stringify(part)}::json) as x(id bigint, refunded bigint, refunding bigint,
        refunds integer, open integer, closed_at timestamptz, changed_at timestamptz)
      where o.id = x.id`.execute(trx);
  return orders.filter((o) => o.closedAt !== null).length;
}

/**
 * The stock ledger's lines for returned sellable units (refund_restock) and for unshipped units a
 * refund cancelled (cancel_release), each on its day; the SKUs' stock rises by them, and the
 * stock_after of every ledger line of those SKUs is carried forward so it stays the running sum.
 */
async function writeStock(
  trx: Kysely<Database>,
  cases: readonly PlannedCase[],
  caseNos: readonly string[],
): Promise<number> {
  const moves = cases.flatMap((c, i) => {
    const at = c.restockedAt ?? c.cancelledAt;
    if (at === null) return [];
    const reason = c.restockedAt !== null ? 'refund_restock' : 'cancel_release';
    return c.items.flatMap((it) => {
      const units = reason === 'refund_restock' ? (it.sellable ?? 0) : it.quantity;
      if (it.skuId === null || units <= 0) return [];
      return [
        {
          sku_id: it.skuId,
          product_id: it.productId,
          sku_code: it.skuCode,
          delta: units,
          reason,
          actor_id: c.stockActor?.id ?? null,
          actor_name: c.stockActor?.name ?? 'system',
          // As the live receipt and refund start write it.
          reference: `after-sales:${caseNos[i]}`,
          at: iso(at),
        },
      ];
    });
  });
  if (moves.length === 0) return 0;
  await sql`create temp table demo_as_move on commit drop as
    select * from json_to_recordset(${JSON.stringify(moves)}::json) as x(sku_id bigint, product_id bigint,
      sku_code text, delta integer, reason text, actor_id bigint, actor_name text, reference text,
      at timestamptz)`.execute(trx);
  // SKUs removed since keep their ledger lines' code; only existing ones move.
  await sql`delete from demo_as_move m where not exists (select 1 from skus s where s.id = m.sku_id)`.execute(
    trx,
  );
  await sql`create temp table demo_as_ledger on commit drop as
    select max(id) as last_id from inventory_movements`.execute(trx);
  await sql`insert into inventory_movements (sku_id, product_id, sku_code, delta, reason, stock_after, actor_id,
      actor_name, reference, note, at)
    select sku_id, product_id, sku_code, delta, reason, 0, actor_id, actor_name, reference, null, at
    from demo_as_move order by at, sku_id`.execute(trx);
  await sql`update skus s set stock = s.stock + m.delta
    from (select sku_id, sum(delta)::int as delta from demo_as_move group by sku_id) m
    where s.id = m.sku_id`.execute(trx);
  // Running sums, in time order: the new lines take the line before them plus their own deltas;
  // older lines after a new one carry the new deltas before them.
  await sql`
    with ledger as (
      select m.id, m.sku_id, m.at, m.delta, m.stock_after, m.id > l.last_id as added
      from inventory_movements m cross join demo_as_ledger l
      where m.sku_id in (select distinct sku_id from demo_as_move)
    ), runs as (
      select ledger.*,
        sum(case when added then delta else 0 end) over w as added_before,
        count(*) filter (where not added) over w as old_seen
      from ledger window w as (partition by sku_id order by at, id rows unbounded preceding)
    ), anchored as (
      select runs.*,
        first_value(case when added then null else stock_after end)
          over (partition by sku_id, old_seen order by at, id) as old_after
      from runs
    )
    update inventory_movements m
    set stock_after = case when a.added then coalesce(a.old_after, 0) + a.added_before
                           else a.stock_after + a.added_before end
    from anchored a
    where m.id = a.id and (a.added or a.added_before <> 0)`.execute(trx);
  return moves.length;
}
