/**
 * GET /api/orders/export.csv: the order desk's filtered list as CSV, in the list's order,
 * personal data masked, amounts in yuan; streamed in batches (3,000 orders here, three batches),
 * each order once; audited once with the filter and the row count.
 */
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipOrder } from '../src/modules/orders/ship.js';
import { channelRequest } from './support/channel.js';
import { orderBody, skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let manager: string;
let cs: string;
let serial = 0;
let startedAt: string;
const HOUR = 3_600_000;

type Placed = { id: number; orderNo: string; payableAmount: number };
const placed: Placed[] = [];

async function place(skuId: number, quantity: number, buyer: { nickname: string; phone: string }) {
  const openid = `export-buyer-${serial++}`;
  const res = await channelRequest(t, '/api/channel/orders', {
    body: orderBody([{ skuId, quantity }], openid, { buyer: { openid, ...buyer } }),
    idempotencyKey: `export-order-${serial++}`,
  });
  expect(res.status, res.text).toBe(201);
  const row = await t.db
    .selectFrom('orders')
    .select(['id', 'orderNo', 'payableAmount'])
    .where('orderNo', '=', res.body.data.orderNo)
    .executeTakeFirstOrThrow();
  placed.push(row);
  return row;
}

async function pay(order: Placed) {
  const res = await channelRequest(t, '/api/channel/payments/notify', {
    body: {
      orderNo: order.orderNo,
      transactionId: `wx-export-${serial++}`,
      amount: order.payableAmount,
      paidAt: t.clock.now().toISOString(),
    },
    idempotencyKey: `export-pay-${serial++}`,
  });
  expect(res.status, res.text).toBe(200);
}

const query = (filter: unknown, extra = '') => `filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`;
const exportCsv = (filter: unknown, extra = '', cookie = operator) =>
  t.request(`/api/orders/export.csv?${query(filter, extra)}`, { cookie });
/** The file's records as objects keyed by the header. */
const recordsOf = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true });

beforeAll(async () => {
  t = await createTestContext();
  [operator, manager, cs] = await Promise.all([
    t.login('operator'),
    t.login('manager'),
    t.login('customer_service'),
  ]);
  const sku = await skuOnSale(t, operator, 100);
  const other = await skuOnSale(t, operator, 100);
  startedAt = t.clock.now().toISOString();
  const a = await place(sku.skuId, 1, { nickname: '=青柠檬', phone: '13900005821' });
  t.clock.advance(HOUR);
  const b = await place(sku.skuId, 4, { nickname: '晚风', phone: '13700007364' });
  t.clock.advance(HOUR);
  await place(other.skuId, 2, { nickname: '青柠檬丙', phone: '13600009999' });
  await pay(a);
  await pay(b);
  // A parcel for b (through the shipping service), so its tracking number is in the file.
  const staff = await t.db
    .selectFrom('staffUsers')
    .select(['id', 'username'])
    .where('role', '=', 'operator')
    .executeTakeFirstOrThrow();
  await shipOrder(
    t.db,
    b.id,
    { carrier: 'SF', trackingNo: 'SF1234567890123' },
    {
      actor: { id: staff.id, name: staff.username, role: 'operator' },
      ip: null,
      requestId: 'test',
      at: t.clock.now(),
    },
  );
  // The clock moved past the session's idle limit.
  [operator, manager, cs] = await Promise.all([
    t.login('operator'),
    t.login('manager'),
    t.login('customer_service'),
  ]);
});
afterAll(() => t.close());

describe('order CSV export', () => {
  it('starts with a BOM and the header, and names the file', async () => {
    const res = await t.app.request(
      `http://localhost/api/orders/export.csv?${query({ createdAt_gte: startedAt })}`,
      {
        headers: { cookie: operator },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="orders-\d{8}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split(/\r?\n/)[0]).toBe(
      'order_no,status,created_at,paid_at,channel,buyer_nickname,buyer_phone,receiver_name,province,city,items,units,goods_amount,discount_amount,shipping_fee,payable_amount,paid_amount,shipping_info_sync,tracking_nos,buyer_note',
    );
  });

  it('has the rows of the filtered list, in the list order, masked, amounts in yuan', async () => {
    const filter = { createdAt_gte: startedAt };
    for (const [sort, order] of [
      ['createdAt', 'DESC'],
      ['payableAmount', 'ASC'],
      ['paidAt', 'DESC'],
    ]) {
      const extra = `&sort=${sort}&order=${order}`;
      const list = await t.request(`/api/orders?${query(filter, extra)}&perPage=100`, { cookie: operator });
      const res = await exportCsv(filter, extra);
      expect(res.status, res.text).toBe(200);
      expect(recordsOf(res.text).map((r) => r.order_no)).toEqual(
        list.body.data.map((o: { orderNo: string }) => o.orderNo),
      );
    }
    const rows = recordsOf((await exportCsv(filter, '&sort=createdAt&order=ASC')).text);
    expect(rows).toHaveLength(3);
    const [a, b, c] = rows as [Record<string, string>, Record<string, string>, Record<string, string>];
    const fee = placed[0] ? placed[0].payableAmount - 2580 : 0;
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    expect(a).toMatchObject({
      order_no: placed[0]?.orderNo,
      status: 'paid',
      // Starts with "=": guarded against spreadsheet formulas.
      buyer_nickname: "'=青柠檬",
      buyer_phone: '139****5821',
      receiver_name: '林**',
      province: '浙江省',
      city: '杭州市',
      units: '1',
      goods_amount: '25.80',
      discount_amount: '0.00',
      shipping_fee: yuan(fee),
      payable_amount: yuan(2580 + fee),
      paid_amount: yuan(2580 + fee),
      tracking_nos: '',
    });
    expect(a.items).toMatch(/^ORD-[0-9A-Z-]+×1$/);
    expect(a.created_at).toBe(new Date(a.created_at ?? '').toISOString());
    expect(b).toMatchObject({
      status: 'shipped',
      units: '4',
      goods_amount: '103.20',
      shipping_info_sync: 'pending',
      tracking_nos: 'SF1234567890123',
    });
    expect(b.items).toMatch(/×4$/);
    expect(c).toMatchObject({
      status: 'pending_payment',
      paid_at: '',
      paid_amount: '0.00',
      buyer_phone: '136****9999',
    });
    // No personal data whole anywhere in the file.
    const text = (await exportCsv(filter)).text;
    for (const secret of ['13900005821', '13800001234', '林女士', '文三路'])
      expect(text).not.toContain(secret);
  });

  it('follows a status filter and a q filter', async () => {
    const paid = recordsOf((await exportCsv({ createdAt_gte: startedAt, status: 'paid' })).text);
    expect(paid.map((r) => r.order_no)).toEqual([placed[0]?.orderNo]);
    const several = recordsOf(
      (await exportCsv({ createdAt_gte: startedAt, status: ['paid', 'shipped'] }, '&sort=id&order=ASC')).text,
    );
    expect(several.map((r) => r.order_no)).toEqual([placed[0]?.orderNo, placed[1]?.orderNo]);
    const byNickname = recordsOf((await exportCsv({ q: '青柠檬' }, '&sort=id&order=ASC')).text);
    expect(byNickname.map((r) => r.order_no)).toEqual([placed[0]?.orderNo, placed[2]?.orderNo]);
    const byPhone = recordsOf((await exportCsv({ q: '7364' })).text);
    expect(byPhone.map((r) => r.order_no)).toEqual([placed[1]?.orderNo]);
  });

  it('is audited once, with the filter and the row count', async () => {
    const filter = { createdAt_gte: startedAt, status: 'pending_payment' };
    const before = await t.db.selectFrom('auditLogs').select('id').where('action', '=', 'export').execute();
    expect((await exportCsv(filter, '&sort=id&order=ASC')).status).toBe(200);
    const audits = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('action', '=', 'export')
      .where('id', 'not in', before.length > 0 ? before.map((r) => r.id) : [0])
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorName: 'operator',
      resource: 'orders',
      resourceId: null,
      after: { filter, sort: 'id', order: 'ASC', rows: 1, complete: true },
    });
  });

  it('is for roles that may export: manager yes, customer service no; a bad filter is a 400', async () => {
    expect((await exportCsv({ createdAt_gte: startedAt }, '', manager)).status).toBe(200);
    expect((await exportCsv({ createdAt_gte: startedAt }, '', cs)).status).toBe(403);
    expect((await exportCsv({ nope: 1 })).status).toBe(400);
    expect((await exportCsv({}, '&sort=orderNo')).status).toBe(400);
  });
});

describe('order CSV export, streamed', () => {
  const COUNT = 3000; // three export batches
  let memberId: number;

  beforeAll(async () => {
    // Bulk SQL: one member with 3,000 orders (one line each), created at seven instants a few
    // microseconds apart (many ties, and precision a JS Date lacks), every third one paid.
    const template = await t.db
      .selectFrom('orders')
      .select(['channelId', 'address', 'provinceCode'])
      .where('id', '=', placed[0]?.id ?? 0)
      .executeTakeFirstOrThrow();
    memberId = (
      await t.db
        .insertInto('members')
        .values({
          channelId: template.channelId,
          openid: 'export-bulk-buyer',
          nickname: '批量买家',
          phone: '13512345678',
          registeredAt: new Date(),
          updatedAt: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await sql`
      insert into orders (order_no, channel_id, member_id, status, goods_amount, shipping_fee,
                          payable_amount, paid_amount, address, province_code, pay_deadline, paid_at,
                          created_at, updated_at)
      select 'EXP' || lpad(i::text, 8, '0'), ${template.channelId}, ${memberId},
             case when i % 3 = 0 then 'paid' else 'pending_payment' end,
             100 * (i % 50), 0, 100 * (i % 50),
             case when i % 3 = 0 then 100 * (i % 50) else 0 end,
             ${JSON.stringify(template.address)}::jsonb, ${template.provinceCode},
             now() + interval '1 day',
             case when i % 3 = 0 and i % 50 <> 0 then '2026-01-02'::timestamptz + make_interval(secs => (i % 11) * 0.000003) end,
             '2026-01-01'::timestamptz + make_interval(secs => (i % 7) * 0.000003), now()
        from generate_series(1, ${COUNT}) as i
    `.execute(t.db);
    // Orders with no payment amount cannot be paid (paid_at goes with paid_amount > 0).
    await sql`
      update orders set status = 'pending_payment', paid_at = null, paid_amount = 0
       where member_id = ${memberId} and status = 'paid' and paid_amount = 0
    `.execute(t.db);
    await sql`
      insert into order_items (order_id, sku_code, title, spec_values, unit_price, quantity, line_amount)
      select id, 'BULK-' || id, '批量商品', '[]'::jsonb, goods_amount, 1, goods_amount
        from orders where member_id = ${memberId}
    `.execute(t.db);
  });

  /** The same rows in the list's order, straight from SQL. */
  async function expected(sort: 'created_at' | 'paid_at', order: 'asc' | 'desc'): Promise<string[]> {
    const rows = await sql<{ orderNo: string }>`
      select order_no from orders where member_id = ${memberId}
       order by ${sql.ref(sort)} ${sql.raw(order)}, id ${sql.raw(order)}`.execute(t.db);
    return rows.rows.map((r) => r.orderNo);
  }

  it('writes every order once, in the list order, across batches', async () => {
    const res = await exportCsv({ memberId }, '&sort=createdAt&order=DESC');
    expect(res.status).toBe(200);
    const rows = recordsOf(res.text);
    expect(rows).toHaveLength(COUNT);
    expect(rows.map((r) => r.order_no)).toEqual(await expected('created_at', 'desc'));
    expect(rows.every((r) => /^BULK-\d+×1$/.test(r.items ?? '') && r.units === '1')).toBe(true);
    expect(rows.every((r) => r.buyer_phone === '135****5678')).toBe(true);
  });

  it('keeps unpaid orders (no paid_at) where the list puts them, ascending and descending', async () => {
    for (const order of ['asc', 'desc'] as const) {
      const rows = recordsOf(
        (await exportCsv({ memberId }, `&sort=paidAt&order=${order.toUpperCase()}`)).text,
      );
      expect(rows.map((r) => r.order_no)).toEqual(await expected('paid_at', order));
    }
  });
});
