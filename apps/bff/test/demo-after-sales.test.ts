import { afterSalesStatuses, lineRefundCap, paidShares } from '@siyu/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../src/auth/password.js';
import type { Db } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { MemoryFileStore } from '../src/lib/file-store.js';
import { ensureSettings } from '../src/modules/settings/service.js';
import { openTestDatabase } from './support/test-db.js';

const now = new Date('2026-06-01T04:00:00Z');
const HOUR = 3_600_000;
const size = { orders: 700, members: 160 };
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
  const seed = () => seedDemo(db, hasher, now, { products: 60, store: new MemoryFileStore() }, size);
  await seed();
  return { db, seed };
}

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;
const n = (value: unknown) => Number(value);

let a: Awaited<ReturnType<typeof seeded>>;
let b: Awaited<ReturnType<typeof seeded>>;
// Two databases seeded the same way: for determinism; the checks read the first.
beforeAll(async () => {
  a = await seeded();
  b = await seeded();
});

type CaseRow = {
  id: number;
  caseNo: string;
  orderId: number;
  type: string;
  status: string;
  reasonCode: string;
  noReason: boolean;
  photos: string[];
  refundLimit: number;
  requestedAmount: number;
  approvedAmount: number | null;
  includesShipping: boolean;
  assigneeId: number | null;
  approvalStage: string;
  firstApprovedBy: number | null;
  approvedAt: Date | null;
  rejectReason: string | null;
  returnShippedAt: Date | null;
  returnDueAt: Date | null;
  receivedAt: Date | null;
  autoApproveAt: Date | null;
  slaDueAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
const casesOf = (db: Db) => rowsOf<CaseRow>(db, sql`select * from after_sales_cases order by created_at, id`);

describe('demo after-sales history', () => {
  it('covers every state (but the instant "approved"), both types, and about 7 % of the paid orders', async () => {
    const cases = await casesOf(a.db);
    const statuses = new Set(cases.map((c) => c.status));
    expect([...statuses].sort()).toEqual(afterSalesStatuses.filter((s) => s !== 'approved').sort());
    expect(new Set(cases.map((c) => c.type))).toEqual(new Set(['refund_only', 'return_and_refund']));
    const paid = await rowsOf<{ n: number }>(
      a.db,
      sql`select count(*) as n from orders where paid_at is not null`,
    );
    const share = new Set(cases.map((c) => c.orderId)).size / n(paid[0]?.n);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.1);
    expect(cases.filter((c) => c.status === 'refunded').length).toBeGreaterThan(cases.length / 3);
    // Both with and without photos, photos only on the shop's own image host.
    const photos = cases.flatMap((c) => c.photos);
    expect(photos.length).toBeGreaterThan(0);
    for (const url of photos)
      expect(url).toMatch(/^https:\/\/img\.siyu\.example\/after-sales\/AS\d+-\d\.jpg$/);
    expect(cases.filter((c) => c.photos.length === 0).length).toBeGreaterThan(cases.length / 2);
  });

  it('puts a queue in front of CS: overdue, due soon, awaiting the admin, some claimed by cs', async () => {
    const cases = await casesOf(a.db);
    const requested = cases.filter((c) => c.status === 'requested');
    const t = now.getTime();
    expect(requested.filter((c) => +(c.slaDueAt as Date) < t).length).toBeGreaterThan(0);
    expect(
      requested.filter((c) => +(c.slaDueAt as Date) > t && +(c.slaDueAt as Date) <= t + 4 * HOUR).length,
    ).toBeGreaterThan(0);
    // Among them one CS can decide alone (the browser test approves it for less).
    expect(
      requested.filter(
        (c) =>
          +(c.slaDueAt as Date) < t &&
          c.type === 'refund_only' &&
          c.approvalStage === 'none' &&
          c.requestedAmount <= 50_000,
      ).length,
    ).toBeGreaterThan(0);
    const admin = requested.filter((c) => c.approvalStage === 'admin');
    expect(admin.length).toBeGreaterThan(0);
    for (const c of admin) {
      expect(c.requestedAmount).toBeGreaterThan(50_000);
      expect(c.firstApprovedBy).not.toBeNull();
    }
    const awaiting = cases.filter((c) => c.status === 'awaiting_return');
    expect(awaiting.some((c) => c.returnShippedAt !== null)).toBe(true);
    expect(awaiting.some((c) => c.returnShippedAt === null)).toBe(true);
    const cs = await rowsOf<{ id: number }>(a.db, sql`select id from staff_users where username = 'cs'`);
    const open = cases.filter((c) => c.closedAt === null);
    expect(open.filter((c) => c.assigneeId === cs[0]?.id).length).toBeGreaterThanOrEqual(3);
    expect(open.filter((c) => c.assigneeId === null).length).toBeGreaterThan(0);
  });

  it('sets the timers as the live flow does, and nothing happens after now', async () => {
    const cases = await casesOf(a.db);
    const t = now.getTime();
    const unshipped = new Set(
      (
        await rowsOf<{ orderId: number }>(
          a.db,
          sql`select order_id from order_items group by order_id having sum(shipped_quantity) = 0`,
        )
      ).map((r) => r.orderId),
    );
    const events = await rowsOf<{ caseId: number; at: Date; kind: string; status: string | null }>(
      a.db,
      sql`select case_id, at, kind, status from after_sales_events order by case_id, id`,
    );
    const refunds = await rowsOf<{ caseId: number; status: string; failedAt: Date | null }>(
      a.db,
      sql`select case_id, status, failed_at from refunds`,
    );
    const refundOf = new Map(refunds.map((r) => [r.caseId, r]));
    for (const c of cases) {
      expect(+c.createdAt).toBeLessThan(t);
      expect(+c.updatedAt).toBeLessThanOrEqual(t);
      if (c.closedAt) expect(+c.closedAt).toBeLessThanOrEqual(t);
      const sla = c.slaDueAt === null ? null : +c.slaDueAt;
      if (c.status === 'requested') {
        expect(sla).toBe(+c.createdAt + 24 * HOUR);
        const auto = c.type === 'refund_only' && unshipped.has(c.orderId);
        expect(c.autoApproveAt === null ? null : +c.autoApproveAt).toBe(
          auto ? +c.createdAt + 48 * HOUR : null,
        );
        if (c.autoApproveAt) expect(+c.autoApproveAt).toBeGreaterThan(t);
      } else expect(c.autoApproveAt).toBeNull();
      if (c.status === 'awaiting_return') {
        expect(+(c.returnDueAt as Date)).toBe(+(c.approvedAt as Date) + 7 * 24 * HOUR);
        if (c.returnShippedAt === null) {
          expect(+(c.returnDueAt as Date)).toBeGreaterThan(t);
          expect(sla).toBeNull();
        } else expect(sla).toBe(+c.returnShippedAt + 24 * HOUR);
      }
      if (c.status === 'returned') expect(sla).toBe(+(c.receivedAt as Date) + 24 * HOUR);
      if (c.status === 'failed') expect(sla).toBe(+(refundOf.get(c.id)?.failedAt as Date) + 24 * HOUR);
      if (['refunding', 'refunded', 'rejected', 'withdrawn', 'closed'].includes(c.status))
        expect(sla).toBeNull();
      if (c.status === 'closed') expect(+(c.returnDueAt as Date)).toBeLessThanOrEqual(+(c.closedAt as Date));
      if (c.status === 'rejected') expect(c.rejectReason).toBeTruthy();
      // The timeline: opened at creation, in time order, ending in the case's status.
      const timeline = events.filter((e) => e.caseId === c.id);
      expect(timeline[0]?.kind).toBe('created');
      expect(+(timeline[0]?.at as Date)).toBe(+c.createdAt);
      for (let i = 1; i < timeline.length; i++)
        expect(+(timeline[i]?.at as Date)).toBeGreaterThanOrEqual(+(timeline[i - 1]?.at as Date));
      expect(+(timeline[timeline.length - 1]?.at as Date)).toBe(+c.updatedAt);
      expect(timeline[timeline.length - 1]?.status).toBe(c.status);
    }
    // Receipts name the case's own lines.
    const strays = await rowsOf(
      a.db,
      sql`select e.id from after_sales_events e cross join lateral jsonb_array_elements(e.detail -> 'items') it
        left join after_sales_items i on i.id = (it ->> 'caseItemId')::bigint and i.case_id = e.case_id
        where e.kind = 'received' and i.id is null`,
    );
    expect(strays).toEqual([]);
  });

  it('keeps the money model: refunds, in-flight amounts, counts, open cases and closed orders', async () => {
    const orders = await rowsOf<{ id: number }>(
      a.db,
      sql`select o.id from orders o
        left join (select order_id,
            coalesce(sum(amount) filter (where status = 'succeeded'), 0) as refunded,
            coalesce(sum(amount) filter (where status = 'processing'), 0) as refunding,
            count(*) as refunds
          from refunds group by order_id) r on r.order_id = o.id
        left join (select order_id, count(*) filter (where status not in ('rejected', 'refunded', 'withdrawn', 'closed')) as open
          from after_sales_cases group by order_id) c on c.order_id = o.id
        where o.refunded_amount <> coalesce(r.refunded, 0) or o.refunding_amount <> coalesce(r.refunding, 0)
          or o.refund_count <> coalesce(r.refunds, 0) or o.open_after_sales <> coalesce(c.open, 0)
          or (o.status = 'closed') <> (o.paid_amount > 0 and o.refunded_amount = o.paid_amount)
          or (o.status = 'closed') <> (o.closed_at is not null)`,
    );
    expect(orders).toEqual([]);
    const closed = await rowsOf<{ id: number; closedAt: Date; last: Date }>(
      a.db,
      sql`select o.id, o.closed_at, max(r.succeeded_at) as last from orders o join refunds r on r.order_id = o.id
        where o.status = 'closed' group by o.id, o.closed_at`,
    );
    expect(closed.length).toBeGreaterThan(0);
    for (const o of closed) expect(+o.closedAt).toBe(+o.last);
    // Each refund is its case's: the approved amount, in the state the case is in, sent to the gateway.
    const refunds = await rowsOf<{ id: number }>(
      a.db,
      sql`select c.id from after_sales_cases c left join refunds r on r.case_id = c.id
        where (r.id is null) <> (c.status not in ('refunding', 'refunded', 'failed'))
          or r.amount <> c.approved_amount or r.order_id <> c.order_id
          or r.status <> case c.status when 'refunding' then 'processing' when 'refunded' then 'succeeded'
                                     when 'failed' then 'failed' end
          or r.dispatch_state <> 'sent' or r.out_refund_no !~ '^R[0-9]{20}$'`,
    );
    expect(refunds).toEqual([]);
  });

  it("reserves each line's units and caps for open and refunded cases only, at the live code's caps", async () => {
    const wrong = await rowsOf<{ id: number }>(
      a.db,
      sql`select i.id from order_items i
        left join (select si.order_item_id, sum(si.quantity) as units, sum(si.refund_cap) as caps,
            sum(si.quantity) filter (where c.type = 'return_and_refund') as returned
          from after_sales_items si join after_sales_cases c on c.id = si.case_id
          where c.status not in ('rejected', 'withdrawn', 'closed') group by si.order_item_id) r
          on r.order_item_id = i.id
        where i.after_sales_quantity <> coalesce(r.units, 0) or i.after_sales_amount <> coalesce(r.caps, 0)
          or coalesce(r.returned, 0) > i.shipped_quantity`,
    );
    expect(wrong).toEqual([]);

    // Replayed case by case with the shared money rules, as opening each case computed it.
    const lines = await rowsOf<{ id: number; orderId: number; quantity: number; lineAmount: number }>(
      a.db,
      sql`select i.id, i.order_id, i.quantity, i.line_amount from order_items i
        where i.order_id in (select order_id from after_sales_cases) order by i.order_id, i.id`,
    );
    const orders = await rowsOf<{ id: number; discountAmount: number; shippingFee: number }>(
      a.db,
      sql`select id, discount_amount, shipping_fee from orders where id in (select order_id from after_sales_cases)`,
    );
    const items = await rowsOf<{ caseId: number; orderItemId: number; quantity: number; refundCap: number }>(
      a.db,
      sql`select case_id, order_item_id, quantity, refund_cap from after_sales_items order by case_id, id`,
    );
    const state = new Map<number, { share: number; quantity: number; units: number; amount: number }>();
    for (const o of orders) {
      const mine = lines.filter((l) => l.orderId === o.id);
      const shares = paidShares(mine, o.discountAmount);
      for (const [i, l] of mine.entries())
        state.set(l.id, { share: shares[i] as number, quantity: l.quantity, units: 0, amount: 0 });
    }
    const cases = await casesOf(a.db);
    let replayed = 0;
    for (const c of cases) {
      const mine = items.filter((it) => it.caseId === c.id);
      let goods = 0;
      for (const it of mine) {
        const line = state.get(it.orderItemId);
        if (!line) throw new Error('a case line outside its order');
        const cap = Math.min(
          lineRefundCap(line.share, line.quantity, line.units, it.quantity),
          line.share - line.amount,
        );
        expect(it.refundCap).toBe(cap);
        goods += cap;
        line.units += it.quantity;
        line.amount += cap;
        replayed += 1;
      }
      const fee = orders.find((o) => o.id === c.orderId)?.shippingFee ?? 0;
      expect(c.refundLimit).toBe(goods + (c.includesShipping ? fee : 0));
      expect(c.includesShipping).toBe(
        fee > 0 &&
          lines.filter((l) => l.orderId === c.orderId).every((l) => state.get(l.id)?.units === l.quantity),
      );
      // Cases that ended without a refund give their units back (the next case is opened after).
      if (['rejected', 'withdrawn', 'closed'].includes(c.status))
        for (const it of mine) {
          const line = state.get(it.orderItemId) as { units: number; amount: number };
          line.units -= it.quantity;
          line.amount -= it.refundCap;
        }
    }
    expect(replayed).toBeGreaterThan(0);
    // Refunds of unshipped orders cancelled their units.
    const cancelled = await rowsOf<{ id: number }>(
      a.db,
      sql`select i.id from order_items i
        left join (select si.order_item_id, sum(si.quantity) as units from after_sales_items si
          join after_sales_cases c on c.id = si.case_id join refunds r on r.case_id = c.id
          where c.type = 'refund_only' group by si.order_item_id) r on r.order_item_id = i.id
        where i.cancelled_quantity <> case when i.shipped_quantity = 0 then coalesce(r.units, 0) else 0 end`,
    );
    expect(cancelled).toEqual([]);
  });

  it('restocks returned sellable goods through the ledger, which still adds up to the stock', async () => {
    const restocks = await rowsOf<{ reference: string; skuId: number; delta: number }>(
      a.db,
      sql`select reference, sku_id, delta from inventory_movements where reason = 'refund_restock'
        order by reference, sku_id`,
    );
    const received = await rowsOf<{ reference: string; skuId: number; delta: number }>(
      a.db,
      sql`select 'after-sales:' || c.case_no as reference, i.sku_id, sum(si.sellable_quantity)::int as delta
        from after_sales_items si join after_sales_cases c on c.id = si.case_id
        join order_items i on i.id = si.order_item_id
        where si.sellable_quantity > 0 group by c.case_no, i.sku_id order by 1, 2`,
    );
    expect(restocks.length).toBeGreaterThan(0);
    expect(restocks).toEqual(received);
    // Units a refund cancelled before they shipped went back on the shelf.
    const released = await rowsOf(
      a.db,
      sql`select reference, sku_id, delta from inventory_movements where reason = 'cancel_release'
        order by reference, sku_id`,
    );
    const cancelled = await rowsOf(
      a.db,
      sql`select 'after-sales:' || c.case_no as reference, i.sku_id, sum(si.quantity)::int as delta
        from after_sales_items si join after_sales_cases c on c.id = si.case_id join refunds r on r.case_id = c.id
        join order_items i on i.id = si.order_item_id
        where c.type = 'refund_only' and i.shipped_quantity = 0 group by c.case_no, i.sku_id order by 1, 2`,
    );
    expect(released.length).toBeGreaterThan(0);
    expect(released).toEqual(cancelled);
    const off = await rowsOf<{ id: number }>(
      a.db,
      sql`select s.id from skus s left join (select sku_id, sum(delta) as total from inventory_movements group by sku_id) m
          on m.sku_id = s.id
        where s.stock <> coalesce(m.total, 0)`,
    );
    expect(off).toEqual([]);
    const running = await rowsOf<{ id: number }>(
      a.db,
      sql`select id from (select id, stock_after,
          sum(delta) over (partition by sku_id order by at, id rows unbounded preceding) as total
          from inventory_movements) m where stock_after <> total`,
    );
    expect(running).toEqual([]);
  });

  it('is deterministic, and adds nothing when seeded again', async () => {
    const snapshot = async (db: Db) => ({
      cases: await rowsOf(
        db,
        sql`select case_no, status, type, reason_code, description, refund_limit, requested_amount, approved_amount,
            created_at, sla_due_at, closed_at from after_sales_cases order by case_no`,
      ),
      events: await rowsOf(
        db,
        sql`select c.case_no, e.at, e.kind, e.status, e.detail from after_sales_events e
          join after_sales_cases c on c.id = e.case_id order by c.case_no, e.id`,
      ),
      refunds: await rowsOf(
        db,
        sql`select out_refund_no, amount, status from refunds order by out_refund_no`,
      ),
      orders: await rowsOf(
        db,
        sql`select order_no, status, refunded_amount, refunding_amount from orders order by order_no`,
      ),
    });
    const first = await snapshot(a.db);
    expect(first.cases.length).toBeGreaterThan(0);
    expect(await snapshot(b.db)).toEqual(first);
    await a.seed();
    expect(await snapshot(a.db)).toEqual(first);
  });
});
