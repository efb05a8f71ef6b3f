import { type Carrier, isValidTrackingNo } from '@siyu/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../src/auth/password.js';
import type { Db } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { demoChannel } from '../src/db/seed/channel.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { DEMO_OPENID_PREFIX } from '../src/db/seed/orders.js';
import { MemoryFileStore } from '../src/lib/file-store.js';
import { ensureSettings } from '../src/modules/settings/service.js';
import { openTestDatabase } from './support/test-db.js';

const now = new Date('2026-06-01T04:00:00Z');
const DAY_MS = 86_400_000;
const size = { orders: 400, members: 120, afterSales: false };
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 2, parallelism: 1 });
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function seeded() {
  const { db, drop } = await openTestDatabase();
  closers.push(drop);
  await migrateToLatest(db);
  await ensureSettings(db);
  const seed = () => seedDemo(db, hasher, now, { products: 80, store: new MemoryFileStore() }, size);
  await seed();
  return { db, seed };
}

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;
const counts = async (db: Db) =>
  (
    await rowsOf<Record<string, number | string>>(
      db,
      sql`select (select count(*) from orders) as orders, (select count(*) from order_items) as items,
        (select count(*) from members) as members, (select count(*) from payments) as payments,
        (select count(*) from shipments) as shipments, (select count(*) from shipment_items) as shipment_items,
        (select count(*) from shipment_reports) as reports, (select count(*) from inventory_movements) as movements`,
    )
  )[0];

let a: Awaited<ReturnType<typeof seeded>>;
let b: Awaited<ReturnType<typeof seeded>>;
// Opening, migrating and seeding two databases takes seconds: done in the hook, not the test.
beforeAll(async () => {
  a = await seeded();
  b = await seeded();
});

describe('demo order history', () => {
  it('is deterministic: the same sizes give the same orders, lines and parcels', async () => {
    const orders = (db: Db) =>
      rowsOf(
        db,
        sql`select order_no, status, goods_amount, shipping_fee, payable_amount, created_at, paid_at, address
          from orders order by order_no`,
      );
    const parcels = (db: Db) =>
      rowsOf(db, sql`select carrier, tracking_no, shipped_at from shipments order by tracking_no`);
    expect(await orders(a.db)).toEqual(await orders(b.db));
    expect(await parcels(a.db)).toEqual(await parcels(b.db));
  });

  it('has the asked number of orders and members, Chinese nicknames and mainland phones', async () => {
    const c = await counts(a.db);
    expect(Number(c?.orders)).toBe(size.orders);
    const members = await a.db
      .selectFrom('members')
      .innerJoin('channels', 'channels.id', 'members.channelId')
      .select(['openid', 'nickname', 'phone', 'registeredAt'])
      .where('channels.key', '=', demoChannel.key)
      .execute();
    expect(members).toHaveLength(size.members);
    for (const m of members) {
      expect(m.openid.startsWith(DEMO_OPENID_PREFIX)).toBe(true);
      expect(m.openid).toHaveLength(28);
      if (m.phone !== null) expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(members.filter((m) => /[\u4e00-\u9fff]/.test(m.nickname ?? '')).length).toBeGreaterThan(
      size.members / 2,
    );
    // Everyone who ordered had registered before their first order.
    const early = await rowsOf(
      a.db,
      sql`select o.id from orders o join members m on m.id = o.member_id where o.created_at < m.registered_at`,
    );
    expect(early).toEqual([]);
  });

  it('copies real SKUs into the lines, and every order adds up', async () => {
    const copied = await rowsOf(
      a.db,
      sql`select oi.id from order_items oi
        left join skus s on s.id = oi.sku_id left join products p on p.id = s.product_id
        where s.id is null or oi.sku_code <> s.code or oi.title <> p.title or oi.unit_price <> s.price
          or oi.spec_values <> s.spec_values or oi.product_id <> s.product_id or p.status <> 'active'`,
    );
    expect(copied).toEqual([]);
    const wrongSums = await rowsOf(
      a.db,
      sql`select o.id from orders o left join (select order_id, sum(line_amount) as goods, count(*) as lines
          from order_items group by order_id) l on l.order_id = o.id
        where l.goods is distinct from o.goods_amount
          or o.payable_amount <> o.goods_amount - o.discount_amount + o.shipping_fee
          or o.paid_amount <> case when o.paid_at is null then 0 else o.payable_amount end
          or l.lines is null`,
    );
    expect(wrongSums).toEqual([]);
    // Several lines and several units happen.
    const shape = (
      await rowsOf<{ multi: number | string; units: number | string }>(
        a.db,
        sql`select (select count(*) from (select order_id from order_items group by order_id
            having count(*) > 1) x) as multi, (select count(*) from order_items where quantity > 1) as units`,
      )
    )[0];
    expect(Number(shape?.multi)).toBeGreaterThan(0);
    expect(Number(shape?.units)).toBeGreaterThan(0);
  });

  it('gives each order a legal status with the timestamps that status implies, within 180 days', async () => {
    const orders = await a.db.selectFrom('orders').selectAll().execute();
    const statuses = new Set(orders.map((o) => o.status));
    expect([...statuses].sort()).toEqual(
      expect.arrayContaining(['cancelled', 'completed', 'paid', 'shipped'].sort()),
    );
    expect(statuses.has('closed')).toBe(false);
    for (const o of orders) {
      const age = now.getTime() - o.createdAt.getTime();
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThanOrEqual(180 * DAY_MS);
      expect(o.payDeadline.getTime() - o.createdAt.getTime()).toBe(30 * 60_000);
      const paid = ['paid', 'partially_shipped', 'shipped', 'completed'].includes(o.status);
      expect(o.paidAt !== null).toBe(paid);
      expect(o.shippedAt !== null).toBe(o.status === 'shipped' || o.status === 'completed');
      expect(o.completedAt !== null).toBe(o.status === 'completed');
      expect(o.cancelledAt !== null).toBe(o.status === 'cancelled');
      expect(o.cancelReason === null).toBe(o.status !== 'cancelled');
      if (o.cancelReason !== null) expect(['customer', 'timeout']).toContain(o.cancelReason);
      if (o.cancelReason === 'timeout')
        expect(o.cancelledAt?.getTime()).toBeGreaterThanOrEqual(+o.payDeadline);
      if (o.paidAt) expect(o.paidAt.getTime()).toBeLessThan(o.payDeadline.getTime());
      const times = [o.createdAt, o.paidAt, o.shippedAt, o.completedAt].filter((t) => t !== null);
      for (let i = 1; i < times.length; i++)
        expect(+(times[i] as Date)).toBeGreaterThan(+(times[i - 1] as Date));
      for (const t of [...times, o.cancelledAt, o.updatedAt]) if (t) expect(+t).toBeLessThanOrEqual(+now);
      expect(o.shippingInfoSync).toBe(
        ['partially_shipped', 'shipped', 'completed'].includes(o.status) ? 'synced' : 'not_required',
      );
    }
    // Old orders are mostly done; nothing older than a few days is still waiting to be paid.
    const old = orders.filter((o) => now.getTime() - o.createdAt.getTime() > 30 * DAY_MS);
    const done = old.filter((o) => o.status === 'completed' || o.status === 'cancelled');
    expect(done.length).toBe(old.length);
    expect(old.filter((o) => o.status === 'completed').length).toBeGreaterThan(old.length * 0.7);
    // Evenings are busier than the small hours (in the shop's time zone, Asia/Shanghai).
    const hour = (o: (typeof orders)[number]) => (o.createdAt.getUTCHours() + 8) % 24;
    const evening = orders.filter((o) => hour(o) >= 19 && hour(o) <= 22).length;
    const night = orders.filter((o) => hour(o) >= 2 && hour(o) <= 5).length;
    expect(evening).toBeGreaterThan(night * 3);
  });

  it('pays every paid order once, for its payable amount, and nothing else', async () => {
    const wrong = await rowsOf(
      a.db,
      sql`select o.id from orders o left join payments p on p.order_id = o.id
        where (o.paid_at is null) <> (p.id is null)
          or (p.id is not null and (p.amount <> o.payable_amount or p.paid_at <> o.paid_at
              or p.channel_id <> o.channel_id))`,
    );
    expect(wrong).toEqual([]);
    const payments = await a.db.selectFrom('payments').select('transactionId').execute();
    expect(payments.length).toBeGreaterThan(0);
    for (const p of payments) expect(p.transactionId).toMatch(/^4200000\d{21}$/);
  });

  it("ships exactly the lines' shipped units, with valid tracking numbers and synced reports", async () => {
    const units = await rowsOf(
      a.db,
      sql`select oi.id from order_items oi join orders o on o.id = oi.order_id
        left join (select order_item_id, sum(quantity) as q from shipment_items group by order_item_id) s
          on s.order_item_id = oi.id
        where coalesce(s.q, 0) <> oi.shipped_quantity
          or (o.status in ('shipped', 'completed') and oi.shipped_quantity <> oi.quantity)
          or (o.status in ('pending_payment', 'paid', 'cancelled') and oi.shipped_quantity <> 0)`,
    );
    expect(units).toEqual([]);
    const partial = await rowsOf(
      a.db,
      sql`select o.id from orders o where o.status = 'partially_shipped' and not exists (
          select 1 from order_items oi where oi.order_id = o.id and oi.shipped_quantity < oi.quantity)`,
    );
    expect(partial).toEqual([]);
    const shipments = await a.db
      .selectFrom('shipments')
      .innerJoin('orders', 'orders.id', 'shipments.orderId')
      .leftJoin('shipmentReports', 'shipmentReports.shipmentId', 'shipments.id')
      .select([
        'shipments.carrier',
        'shipments.trackingNo',
        'shipments.shippedAt',
        'shipments.trackingStatus',
        'shipments.deliveredAt',
        'orders.status',
        'orders.paidAt',
        'shipmentReports.state',
      ])
      .execute();
    expect(shipments.length).toBeGreaterThan(0);
    expect(new Set(shipments.map((s) => s.carrier)).size).toBeGreaterThanOrEqual(4);
    for (const s of shipments) {
      expect(isValidTrackingNo(s.carrier as Carrier, s.trackingNo)).toBe(true);
      expect(s.state).toBe('synced');
      expect(+s.shippedAt).toBeGreaterThan(+(s.paidAt as Date));
      expect(s.deliveredAt !== null).toBe(s.trackingStatus === 'delivered');
      if (s.status === 'completed') expect(s.trackingStatus).toBe('delivered');
    }
  });

  it('moves stock only to reserve what unpaid orders hold, and adds nothing when seeded again', async () => {
    const before = await counts(a.db);
    const movements = await rowsOf<{ reason: string; reference: string; skuId: number; delta: number }>(
      a.db,
      sql`select reason, reference, sku_id, delta from inventory_movements where reason <> 'opening_stock'
          order by reference, sku_id`,
    );
    const held = await rowsOf<{ orderNo: string; skuId: number; quantity: number }>(
      a.db,
      sql`select o.order_no, i.sku_id, i.quantity from orders o join order_items i on i.order_id = o.id
          where o.status = 'pending_payment' order by o.order_no, i.sku_id`,
    );
    expect(movements).toEqual(
      held.map((h) => ({
        reason: 'order_reserve',
        reference: h.orderNo,
        skuId: h.skuId,
        delta: -h.quantity,
      })),
    );
    await a.seed();
    expect(await counts(a.db)).toEqual(before);
  });
});
