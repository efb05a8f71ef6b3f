/**
 * The demo order history: `members` shoppers of the demo channel and `orders` orders over the
 * last 180 days, each as far along as its age allows — recent ones still unpaid, paid or on
 * the way, older ones mostly completed, some cancelled by the buyer or by the unpaid timeout
 * (no refunds exist yet, so nothing is closed). Paid orders have their payment, shipped ones
 * their parcels, parcel lines and a synced platform report, with tracking numbers in their
 * carrier's format. Evenings and weekends are busier, recent weeks busier than old ones.
 *
 * Historic orders do NOT move stock: the catalog's stock is today's count, which already
 * reflects whatever was sold before it, and the ledger starts at the opening stock.
 *
 * Built server-side (`insert … select … from generate_series`) with pseudo-random arithmetic
 * on the row number instead of a random generator, so a million orders need a handful of
 * statements, not a million round trips, and the same sizes give the same data. One
 * transaction; nothing happens when the demo members are already there.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { systemActor } from '../../lib/audit.js';
import { reserveStock, type StockLine } from '../../modules/orders/stock-moves.js';
import { getSettings } from '../../modules/settings/service.js';
import type { Db } from '../connect.js';
import type { Database } from '../schema.js';
import {
  byWeight,
  carrierWeights,
  givenNames,
  hourWeights,
  mobilePrefixes,
  nicknameEnds,
  nicknameStarts,
  places,
  streets,
  surnames,
} from './orders-data.js';

export type DemoOrdersOptions = { orders: number; members: number; channelId: number; now: Date };
export type DemoOrdersResult = {
  members: number;
  orders: number;
  items: number;
  payments: number;
  shipments: number;
};

/** Demo members' openids start with this (WeChat openids are 28 characters from `o`). */
export const DEMO_OPENID_PREFIX = 'oDemo';

const raw = (text: string) => sql.raw(text);

/**
 * A draw in [0, 1) for row `key` (a bigint column) and a salt: PostgreSQL's own 64-bit hash of
 * an integer, which is stable across versions (hash partitions rely on it) and the same in
 * PGlite. Cheap enough for millions of rows.
 */
const draw = (key: string, salt: number) =>
  `((hashint8extended(${key}, ${salt}) & 4294967295)::float8 / 4294967296::float8)`;

/** A whole number written into the SQL text (validated settings and sizes, never user text). */
const int = (value: number) => {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number: ${value}`);
  return raw(String(value));
};

/** `n` → a distinct number below 10^digits (an affine map, one to one for n below 10^digits). */
const perm = (n: string, digits: number, offset: number) =>
  `lpad((((${n})::bigint * 7919000003 + ${offset}) % ${10 ** digits})::text, ${digits}, '0')`;

/** A 1-based pick from a text array (a bound parameter) with draw `u`. */
const pick = (items: readonly string[], u: string) =>
  sql`(${sql.val([...items])}::text[])[1 + floor(${raw(u)} * ${raw(String(items.length))})::int]`;

/** Tracking numbers shaped as each carrier prints them (see carriers.ts), from a parcel number. */
const trackingNoSql = (p: string) => `case carrier
  when 'SF' then 'SF' || ${perm(p, 13, 31)}
  when 'ZTO' then '75' || ${perm(p, 12, 37)}
  when 'YTO' then 'YT' || ${perm(p, 13, 41)}
  when 'STO' then '77' || ${perm(p, 12, 43)}
  when 'YD' then (array['31','43','46','53'])[1 + (${p} % 4)::int] || ${perm(p, 11, 47)}
  when 'JTSD' then 'JT' || ${perm(p, 13, 53)}
  when 'JD' then 'JDVA' || ${perm(p, 11, 59)}
  else 'E' || chr(65 + (${p} % 26)::int) || ${perm(p, 9, 61)} || 'CN' end`;

const notes = [
  '请尽快发货，谢谢',
  '送人的，不要放价格单',
  '放快递柜就行',
  '工作日放门卫',
  '麻烦包装好一点',
  '宝宝急用，麻烦快点发',
];

export async function seedDemoOrders(db: Db, options: DemoOrdersOptions): Promise<DemoOrdersResult> {
  const none = { members: 0, orders: 0, items: 0, payments: 0, shipments: 0 };
  const { orders: n, channelId, now } = options;
  const m = Math.max(1, options.members);
  if (n <= 0) return none;
  const seeded = await db
    .selectFrom('members')
    .select('id')
    .where('channelId', '=', channelId)
    .where('openid', 'like', `${DEMO_OPENID_PREFIX}%`)
    .limit(1)
    .executeTakeFirst();
  if (seeded) return none;
  const settings = await getSettings(db);
  const tz = settings.timeZone;
  const timeout = settings.orderAutoCloseMinutes;
  const autoConfirmDays = settings.autoConfirmDays;
  const operator = await db
    .selectFrom('staffUsers')
    .select('id')
    .where('role', '=', 'operator')
    .orderBy('id')
    .executeTakeFirst();

  const placeList = byWeight(places, (p) => p.weight);
  const hours = byWeight(
    hourWeights.map((weight, hour) => ({ hour, weight })),
    (x) => x.weight,
  ).map((x) => String(x.hour));
  const carrierList = byWeight(carrierWeights, ([, weight]) => weight).map(([code]) => code);
  const at = sql`${now.toISOString()}::timestamptz`;

  return db.transaction().execute(async (trx) => {
    const run = (query: RawBuilder<unknown>) => query.execute(trx);
    const count = async (query: RawBuilder<unknown>) =>
      Number(((await query.execute(trx)).rows[0] as { n: number | string } | undefined)?.n ?? 0);

    // The SKUs on sale today, numbered; order lines copy their code, title, specs and price.
    await run(sql`create temp table demo_sku on commit drop as
      select (row_number() over (order by s.id))::int as n, s.id as sku_id, s.product_id, s.code,
        p.title, s.spec_values, s.price
      from skus s join products p on p.id = s.product_id
      where p.status = 'active' and s.price > 0`);
    const skuCount = await count(sql`select count(*) as n from demo_sku`);
    if (skuCount === 0) return none;
    // Lines of one order are different SKUs, a third of the list apart (other products).
    const step = skuCount >= 10 ? Math.floor(skuCount / 3) + 1 : 1;

    await run(sql`create temp table demo_member on commit drop as
      with s as materialized (select i, i::bigint as x from generate_series(1, ${int(m)}) i),
      d as materialized (select i, ${raw(draw('x', 11))} as u1, ${raw(draw('x', 12))} as u2, ${raw(draw('x', 13))} as u3,
                 ${raw(draw('x', 14))} as u4, ${raw(draw('x', 15))} as u5, ${raw(draw('x', 16))} as u6,
                 ${raw(draw('x', 17))} as u7, ${raw(draw('x', 18))} as u8, ${raw(draw('x', 19))} as u9
            from s)
      select i,
        ${DEMO_OPENID_PREFIX}::text || substr(md5('demo-member-' || i), 1, 23) as openid,
        case when u1 < 0.04 then null else ${pick(nicknameStarts, 'u2')} || ${pick(nicknameEnds, 'u3')} end
          as nickname,
        case when u4 < 0.06 then null else '1' || ${pick(mobilePrefixes, 'u5')} || ${raw(perm('i', 8, 1_234_567))} end
          as phone,
        '1' || ${pick(mobilePrefixes, 'u6')} || ${raw(perm('i', 8, 7_654_321))} as spare_phone,
        ${pick(surnames, 'u7')} || ${pick(givenNames, 'u8')} as receiver,
        ${pick(
          placeList.map((p) => p.province),
          'u9',
        )} as province,
        ${pick(
          placeList.map((p) => p.code),
          'u9',
        )} as province_code,
        ${pick(
          placeList.map((p) => p.city),
          'u9',
        )} as city,
        ${pick(
          placeList.map((p) => p.district),
          'u9',
        )} as district,
        ${pick(streets, 'u1')} || ' ' || (1 + floor(u2 * 399))::int || ' 号 ' || (1 + floor(u3 * 20))::int
          || ' 栋 ' || ((1 + floor(u4 * 28)) * 100 + 1 + floor(u5 * 4))::int || ' 室' as detail,
        ${at} - (1 + u6 * 170) * interval '1 day' as registered_at
      from d`);
    await run(sql`insert into members (channel_id, openid, nickname, phone, registered_at, created_at, updated_at)
      select ${channelId}::bigint, openid, nickname, phone, registered_at, registered_at, registered_at
      from demo_member order by i`);

    // Each order's draws, its day (recent weeks busier; some weekday orders moved to the
    // weekend before), hour (evenings busier), buyer (some buy far more often) and line count.
    await run(sql`create temp table demo_draw on commit drop as
      with s as materialized (select g, g::bigint as x from generate_series(1, ${int(n)}) g),
      d as materialized (select g, ${raw(draw('x', 101))} as u_day, ${raw(draw('x', 102))} as u_hour,
              ${raw(draw('x', 103))} as u_sec, ${raw(draw('x', 104))} as u_member,
              ${raw(draw('x', 105))} as u_lines, ${raw(draw('x', 106))} as u_fate,
              ${raw(draw('x', 107))} as u_pay, ${raw(draw('x', 108))} as u_ship,
              ${raw(draw('x', 109))} as u_partial, ${raw(draw('x', 110))} as u_gap,
              ${raw(draw('x', 111))} as u_transit, ${raw(draw('x', 112))} as u_confirm,
              ${raw(draw('x', 113))} as u_carrier, ${raw(draw('x', 114))} as u_weekend,
              ${raw(draw('x', 115))} as u_sku, ${raw(draw('x', 116))} as u_note,
              floor(179 * power(${raw(draw('x', 117))}, 1.25))::int as k0
            from s),
      w as materialized (select d.*, extract(isodow from (${at} at time zone ${tz})::date - k0)::int as dow from d),
      k as materialized (select w.*, case when dow <= 4 and u_weekend < 0.18 and k0 + dow + 1 <= 178
                          then k0 + dow + (u_weekend < 0.09)::int else k0 end as k
            from w),
      c as materialized (select k.*, (((${at} at time zone ${tz})::date - k)
                + ${pick(hours, 'u_hour')}::int * interval '1 hour' + floor(u_sec * 3600) * interval '1 second')
                at time zone ${tz} as local_created
            from k)
      select c.*,
        case when local_created > ${at} - interval '2 minutes' then local_created - interval '1 day'
          else local_created end as created_at,
        1 + floor(${int(m)} * power(u_member, 1.6))::int as mi,
        least(${int(skuCount)}, case when u_lines < 0.62 then 1 when u_lines < 0.9 then 2 else 3 end) as n_lines
      from c`);

    // The order's life as planned; what has happened by now decides its status.
    await run(sql`create temp table demo_plan on commit drop as
      with p as materialized (select g, u_fate, u_pay, u_sku, u_transit, u_confirm, u_carrier, u_note, mi, n_lines, created_at,
          created_at + ${int(timeout)} * interval '1 minute' as pay_deadline,
          case when u_fate < 0.07 then 'customer' when u_fate < 0.12 then 'timeout' else 'pays' end as fate,
          created_at + (1 + u_pay * least(25, ${int(timeout)} - 1)) * interval '1 minute' as customer_cancel_at,
          created_at + (20 + u_pay * (least(10, ${int(timeout)} - 1) * 60 - 20)) * interval '1 second' as pay_at,
          n_lines >= 2 and u_partial < 0.15 as partial,
          (2 + 46 * power(u_ship, 1.5)) * interval '1 hour' as ship_after,
          (1 + 2 * u_gap) * interval '1 day' as second_parcel_after,
          (1.5 + 3.5 * u_transit) * interval '1 day' as transit
        from demo_draw),
      q as materialized (select p.*, pay_at + ship_after as ship1_at,
          case when partial then pay_at + ship_after + second_parcel_after end as ship2_at
        from p),
      r as materialized (select q.*, coalesce(ship2_at, ship1_at) as last_ship_at,
          case when u_confirm < 0.7 then coalesce(ship2_at, ship1_at) + transit + u_confirm / 0.7 * interval '3 days'
            else greatest(coalesce(ship2_at, ship1_at) + ${int(autoConfirmDays)} * interval '1 day',
                          coalesce(ship2_at, ship1_at) + transit + interval '1 hour') end as complete_at
        from q),
      s as materialized (select r.*, case
          when fate = 'customer' then case when customer_cancel_at <= ${at} then 'cancelled' else 'pending_payment' end
          when fate = 'timeout' then
            case when pay_deadline + interval '1 minute' <= ${at} then 'cancelled' else 'pending_payment' end
          when pay_at > ${at} then 'pending_payment'
          when ship1_at > ${at} then 'paid'
          when partial and ship2_at > ${at} then 'partially_shipped'
          when complete_at > ${at} then 'shipped'
          else 'completed' end as status
        from r)
      select s.*,
        ${raw(perm('g', 12, 20_260_101))} as no_digits,
        case when status = 'cancelled' then fate end as cancel_reason,
        case when status = 'cancelled' then
          case when fate = 'customer' then customer_cancel_at else pay_deadline + u_pay * interval '50 seconds' end
        end as cancelled_at,
        case when status in ('paid', 'partially_shipped', 'shipped', 'completed') then pay_at end as paid_at,
        case when status in ('shipped', 'completed') then last_ship_at end as shipped_at,
        case when status = 'completed' then complete_at end as completed_at,
        case when status in ('partially_shipped', 'shipped', 'completed') then 1 + (ship2_at is not null
          and status <> 'partially_shipped')::int else 0 end as parcels
      from s`);

    await run(sql`create temp table demo_line on commit drop as
      with l as materialized (select o.g, j, o.status, o.partial,
          (o.g * 4 + j)::bigint as lx,
          ((floor(${int(skuCount)} * power(o.u_sku, 2))::int + (j - 1) * ${int(step)}) % ${int(skuCount)}) + 1 as sku_n
        from demo_plan o cross join lateral generate_series(1, o.n_lines) j)
      select l.g, l.j, sk.sku_id, sk.product_id, sk.code, sk.title, sk.spec_values, sk.price, q.quantity,
        case when l.status in ('shipped', 'completed') or (l.status = 'partially_shipped' and l.j = 1)
          then q.quantity else 0 end as shipped_quantity
      from l
      cross join lateral (select case when ${raw(draw('l.lx', 201))} < 0.78 then 1
                                      when ${raw(draw('l.lx', 201))} < 0.95 then 2 else 3 end as quantity) q
      join demo_sku sk on sk.n = l.sku_n`);

    // Fresh tables have no statistics: without them the joins below pick nested loops.
    await run(sql`analyze demo_plan, demo_line`);

    // Shipping as the standard template charges it: free from ¥99, else ¥8 and ¥2 a further
    // piece. No coupons exist yet, so nothing is discounted.
    await run(sql`create temp table demo_amount on commit drop as
      select g, sum(price * quantity) as goods,
        case when sum(price * quantity) >= 9900 then 0 else 800 + 200 * (sum(quantity) - 1) end as fee
      from demo_line group by g`);
    const orders = await run(sql`insert into orders (order_no, channel_id, member_id, status, goods_amount,
        discount_amount, shipping_fee, payable_amount, paid_amount, address, province_code, buyer_note,
        cancel_reason, pay_deadline, paid_at, shipped_at, completed_at, cancelled_at, version, created_at,
        updated_at, shipping_info_sync)
      select to_char(o.created_at at time zone ${tz}, 'YYYYMMDD') || o.no_digits, ${channelId}::bigint, mem.id,
        o.status, a.goods, 0, a.fee, a.goods + a.fee,
        case when o.paid_at is null then 0 else a.goods + a.fee end,
        jsonb_build_object('name', dm.receiver, 'phone', coalesce(dm.phone, dm.spare_phone),
          'province', dm.province, 'city', dm.city, 'district', dm.district, 'detail', dm.detail),
        dm.province_code,
        case when o.u_note < 0.08 then ${pick(notes, 'o.u_note / 0.08')} else '' end,
        o.cancel_reason, o.pay_deadline, o.paid_at, o.shipped_at, o.completed_at, o.cancelled_at,
        1 + (o.paid_at is not null)::int + o.parcels + (o.completed_at is not null)::int
          + (o.cancelled_at is not null)::int,
        o.created_at,
        coalesce(o.completed_at, o.shipped_at, case when o.parcels > 0 then o.ship1_at end, o.paid_at,
          o.cancelled_at, o.created_at),
        case when o.parcels > 0 then 'synced' else 'not_required' end
      from demo_plan o
      join demo_amount a on a.g = o.g
      join demo_member dm on dm.i = o.mi
      join members mem on mem.channel_id = ${channelId}::bigint and mem.openid = dm.openid
      order by o.created_at, o.g`);

    await run(sql`create temp table demo_order on commit drop as
      select o.g, ord.id from demo_plan o
      join orders ord on ord.order_no = to_char(o.created_at at time zone ${tz}, 'YYYYMMDD') || o.no_digits`);
    // The big inserts below join back to what was just written: statistics first, so the
    // planner hashes instead of looping over an index once per row.
    await run(sql`analyze orders`);
    await run(sql`analyze demo_order`);
    const items =
      await run(sql`insert into order_items (order_id, sku_id, product_id, sku_code, title, spec_values,
        unit_price, quantity, line_amount, shipped_quantity)
      select d.id, l.sku_id, l.product_id, l.code, l.title, l.spec_values, l.price, l.quantity,
        l.price * l.quantity, l.shipped_quantity
      from demo_line l join demo_order d on d.g = l.g order by d.id, l.j`);

    await reserveForUnpaid(trx, now);

    // WeChat Pay transaction ids: 4200000 + the payment's date + 13 digits.
    const payments =
      await run(sql`insert into payments (order_id, channel_id, transaction_id, amount, paid_at, created_at)
      select d.id, ${channelId}::bigint,
        '4200000' || to_char(o.paid_at at time zone ${tz}, 'YYYYMMDD') || ${raw(perm('o.g', 13, 4_242_424))},
        a.goods + a.fee, o.paid_at, o.paid_at
      from demo_plan o join demo_order d on d.g = o.g join demo_amount a on a.g = o.g
      where o.paid_at is not null`);

    // Parcels: one with every line, or for a split order the first line, then the rest.
    await run(sql`create temp table demo_parcel on commit drop as
      with p as materialized (select o.g, d.id as order_id, parcel,
          case when parcel = 1 then o.ship1_at else o.ship2_at end as shipped_at,
          case when parcel = 2 then 2 else 1 end as first_line,
          case when o.partial and parcel = 1 then 1 else 3 end as last_line,
          ${pick(carrierList, 'o.u_carrier')} as carrier, o.transit, o.u_transit,
          o.g::bigint * 2 + parcel as p
        from demo_plan o join demo_order d on d.g = o.g cross join lateral generate_series(1, o.parcels) parcel)
      select p.*, ${raw(trackingNoSql('p.p'))} as tracking_no,
        case when shipped_at + transit <= ${at} then shipped_at + transit end as delivered_at,
        case when shipped_at + transit <= ${at} then 'delivered'
          when shipped_at + transit - interval '8 hours' <= ${at} then 'out_for_delivery'
          when shipped_at + interval '6 hours' <= ${at} then 'in_transit'
          else 'awaiting_pickup' end as tracking_status
      from p`);
    await run(sql`analyze order_items`);
    await run(sql`analyze demo_parcel`);
    const shipments =
      await run(sql`insert into shipments (order_id, carrier, tracking_no, shipped_at, shipped_by,
        tracking_status, tracking_checked_at, delivered_at, created_at)
      select order_id, carrier, tracking_no, shipped_at, ${operator?.id ?? null}::bigint, tracking_status,
        coalesce(delivered_at, ${at}), delivered_at, shipped_at
      from demo_parcel order by shipped_at, order_id, parcel`);
    await run(sql`analyze shipments`);
    await run(sql`insert into shipment_items (shipment_id, order_item_id, quantity)
      select sh.id, oi.id, oi.quantity
      from demo_parcel p
      join shipments sh on sh.carrier = p.carrier and sh.tracking_no = p.tracking_no
      join demo_line l on l.g = p.g and l.j between p.first_line and p.last_line
      join order_items oi on oi.order_id = p.order_id and oi.sku_id = l.sku_id`);
    // Reported to the platform within the minute, as the report queue does.
    await run(sql`insert into shipment_reports (shipment_id, order_id, state, attempts, next_attempt_at, synced_at,
        created_at)
      select sh.id, sh.order_id, 'synced', 1, sh.shipped_at, sh.shipped_at + interval '40 seconds', sh.shipped_at
      from demo_parcel p join shipments sh on sh.carrier = p.carrier and sh.tracking_no = p.tracking_no`);

    // A member registered before their first order.
    await run(sql`update members mem
      set registered_at = f.first_at - interval '30 minutes', created_at = f.first_at - interval '30 minutes',
        updated_at = f.first_at - interval '30 minutes'
      from (select member_id, min(created_at) as first_at from orders
            where channel_id = ${channelId}::bigint group by member_id) f
      where mem.id = f.member_id and mem.openid like ${`${DEMO_OPENID_PREFIX}%`}
        and mem.registered_at > f.first_at - interval '30 minutes'`);

    return {
      members: m,
      orders: Number(orders.numAffectedRows ?? 0),
      items: Number(items.numAffectedRows ?? 0),
      payments: Number(payments.numAffectedRows ?? 0),
      shipments: Number(shipments.numAffectedRows ?? 0),
    };
  });
}

/**
 * History never moves stock, but an order still awaiting payment holds its units as a placed
 * one does: reserved here (ledger and audit rows as the system), so the auto-close job that
 * cancels it later gives back only what was taken. One that cannot be reserved any more was,
 * in this story, cancelled by its buyer just now.
 */
async function reserveForUnpaid(trx: Kysely<Database>, now: Date): Promise<void> {
  const unpaid = await trx
    .selectFrom('orders')
    .innerJoin('orderItems', 'orderItems.orderId', 'orders.id')
    .select(['orders.id', 'orders.orderNo', 'orderItems.skuId', 'orderItems.quantity'])
    .where('orders.status', '=', 'pending_payment')
    .where('orders.memberId', 'in', (eb) =>
      eb.selectFrom('members').select('id').where('openid', 'like', `${DEMO_OPENID_PREFIX}%`),
    )
    .orderBy('orders.id')
    .execute();
  const byOrder = new Map<number, { orderNo: string; lines: StockLine[] }>();
  for (const row of unpaid) {
    const entry = byOrder.get(row.id) ?? { orderNo: row.orderNo, lines: [] };
    if (row.skuId !== null) entry.lines.push({ skuId: row.skuId, quantity: row.quantity });
    byOrder.set(row.id, entry);
  }
  const ctx = { actor: systemActor, ip: null, requestId: 'demo-seed', at: now };
  for (const [orderId, { orderNo, lines }] of byOrder) {
    const short = await reserveStock(trx, lines, orderNo, ctx);
    if (short.length === 0) continue;
    await trx
      .updateTable('orders')
      .set({ status: 'cancelled', cancelReason: 'customer', cancelledAt: now, updatedAt: now })
      .where('id', '=', orderId)
      .execute();
  }
}
