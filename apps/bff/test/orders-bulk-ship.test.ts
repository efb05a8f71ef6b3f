/**
 * POST /api/orders/bulk-ship: a CSV of (order_no, carrier, tracking_no) shipped as a background
 * job through the desk's shipping rule; bad rows reported by line and column and changing
 * nothing; the same file run again ships nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { runPendingJobs } from '../src/jobs/runner.js';
import { createLogger } from '../src/lib/logger.js';
import { withJobs } from '../src/modules/jobs/table.js';
import { channelRequest } from './support/channel.js';
import { orderBody, skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let deps: Deps;
let operator: string;
let manager: string;
let cs: string;
let skuId: number;
let serial = 0;

type Placed = { id: number; orderNo: string; payableAmount: number };

async function place(quantity = 2): Promise<Placed> {
  const res = await channelRequest(t, '/api/channel/orders', {
    body: orderBody([{ skuId, quantity }], `bulk-ship-buyer-${serial++}`),
    idempotencyKey: `bulk-ship-order-${serial++}`,
  });
  expect(res.status, res.text).toBe(201);
  return t.db
    .selectFrom('orders')
    .select(['id', 'orderNo', 'payableAmount'])
    .where('orderNo', '=', res.body.data.orderNo)
    .executeTakeFirstOrThrow();
}

async function placePaid(quantity = 2): Promise<Placed> {
  const order = await place(quantity);
  const res = await channelRequest(t, '/api/channel/payments/notify', {
    body: {
      orderNo: order.orderNo,
      transactionId: `wx-bulk-ship-${serial++}`,
      amount: order.payableAmount,
      paidAt: t.clock.now().toISOString(),
    },
    idempotencyKey: `bulk-ship-pay-${serial++}`,
  });
  expect(res.status, res.text).toBe(200);
  return order;
}

const upload = (csv: string, cookie = operator) =>
  t.request('/api/orders/bulk-ship', { body: { csv }, cookie });
const job = (id: number) => t.request(`/api/jobs/${id}`, { cookie: operator });

/** Queues the file, runs it, and answers the finished job. */
async function shipFile(csv: string) {
  const queued = await upload(csv);
  expect(queued.status, queued.text).toBe(202);
  expect(await runPendingJobs(deps)).toBe(1);
  return (await job(queued.body.data.jobId)).body.data;
}

const parcelsOf = (orderId: number) =>
  t.db
    .selectFrom('shipments')
    .select(['carrier', 'trackingNo'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
const statusOf = async (orderId: number) =>
  (await t.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow())
    .status;

beforeAll(async () => {
  t = await createTestContext();
  deps = { db: t.db, config: t.config, clock: t.clock.now, hasher: t.hasher, logger: createLogger('silent') };
  [operator, manager, cs] = await Promise.all([
    t.login('operator'),
    t.login('manager'),
    t.login('customer_service'),
  ]);
  skuId = (await skuOnSale(t, operator, 500)).skuId;
});
afterAll(() => t.close());

describe('bulk shipping from CSV', () => {
  let file: string;
  let orders: Placed[];

  it('ships the good rows and reports the bad one by line and column, shipping nothing for it', async () => {
    orders = [await placePaid(), await placePaid(3), await placePaid(1), await placePaid()];
    const [a, b, c, d] = orders as [Placed, Placed, Placed, Placed];
    file = [
      'order_no,carrier,tracking_no',
      `${a.orderNo},SF,SF1000000000001`,
      // Names and spacing as people type them.
      `${b.orderNo},顺丰, sf 1000 0000 00002 `,
      `${c.orderNo},中通快递,75300000000003`,
      `${d.orderNo},YTO,SF1000000000004`,
    ].join('\n');
    const done = await shipFile(file);
    expect(done).toMatchObject({
      kind: 'orders_bulk_ship',
      status: 'succeeded',
      done: 4,
      total: 4,
      result: { shipped: 3, skipped: 0, failed: 1 },
    });
    expect(done.errors).toEqual([
      {
        line: 5,
        column: 'tracking_no',
        message: expect.stringContaining('not a YTO Express tracking number'),
      },
    ]);
    expect(await parcelsOf(a.id)).toEqual([{ carrier: 'SF', trackingNo: 'SF1000000000001' }]);
    expect(await parcelsOf(b.id)).toEqual([{ carrier: 'SF', trackingNo: 'SF1000000000002' }]);
    expect(await parcelsOf(c.id)).toEqual([{ carrier: 'ZTO', trackingNo: '75300000000003' }]);
    expect(await parcelsOf(d.id)).toEqual([]);
    for (const order of [a, b, c]) expect(await statusOf(order.id)).toBe('shipped');
    expect(await statusOf(d.id)).toBe('paid');
    // Every unit went out, each shipment audited as the operator who queued the file.
    const lines = await t.db
      .selectFrom('orderItems')
      .select(['quantity', 'shippedQuantity'])
      .where('orderId', 'in', [a.id, b.id, c.id])
      .execute();
    expect(lines.every((l) => l.shippedQuantity === l.quantity)).toBe(true);
    const audits = await t.db
      .selectFrom('auditLogs')
      .select(['actorName', 'requestId', 'resourceId'])
      .where('action', '=', 'ship')
      .where(
        'resourceId',
        'in',
        [a, b, c, d].map((o) => String(o.id)),
      )
      .execute();
    expect(audits).toHaveLength(3);
    expect(audits.every((row) => row.actorName === 'operator' && row.requestId?.startsWith('job:'))).toBe(
      true,
    );
  });

  it('ships nothing twice when the same file runs again', async () => {
    const before = await t.db.selectFrom('shipments').select('id').execute();
    const again = await shipFile(file);
    expect(again).toMatchObject({ status: 'succeeded', result: { shipped: 0, skipped: 3, failed: 1 } });
    expect(again.errors).toMatchObject([{ line: 5, column: 'tracking_no' }]);
    expect(await t.db.selectFrom('shipments').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses an unpaid order, an unknown order or carrier, and a tracking number in use', async () => {
    const unpaid = await place();
    const paid = await placePaid();
    const done = await shipFile(
      [
        'tracking_no,order_no,carrier,remark',
        `SF1000000000010,${unpaid.orderNo},SF,x`,
        `SF1000000000011,99999999999999999999,SF,`,
        `SF1000000000012,${paid.orderNo},火星快递,`,
        // Already on order a's parcel.
        `SF1000000000001,${paid.orderNo},顺丰速运,`,
      ].join('\r\n'),
    );
    expect(done).toMatchObject({ status: 'succeeded', result: { shipped: 0, skipped: 0, failed: 4 } });
    expect(done.errors).toEqual([
      { line: 2, column: 'order_no', message: expect.stringMatching(/pending payment cannot be shipped/) },
      { line: 3, column: 'order_no', message: 'There is no order 99999999999999999999.' },
      { line: 4, column: 'carrier', message: expect.stringContaining('火星快递') },
      { line: 5, column: 'tracking_no', message: expect.stringContaining('already on another parcel') },
    ]);
    expect(await parcelsOf(unpaid.id)).toEqual([]);
    expect(await parcelsOf(paid.id)).toEqual([]);
    expect(await statusOf(unpaid.id)).toBe('pending_payment');
    expect(await statusOf(paid.id)).toBe('paid');
  });

  it('refuses a file it cannot use at once, and roles that may not ship', async () => {
    const jobCount = async () => (await withJobs(t.db).selectFrom('jobs').select('id').execute()).length;
    const jobsBefore = await jobCount();
    const noTracking = await upload('order_no,carrier\n20260101000000000001,SF\n');
    expect(noTracking.status).toBe(400);
    expect(noTracking.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { csv: expect.stringContaining('tracking_no') },
    });
    expect((await upload('order_no,carrier,tracking_no\n"unclosed\n')).status).toBe(400);
    const tooMany = ['order_no,carrier,tracking_no', ...Array.from({ length: 5001 }, () => 'X,SF,1')].join(
      '\n',
    );
    expect((await upload(tooMany)).status).toBe(400);
    expect((await upload('order_no,carrier,tracking_no\n', manager)).status).toBe(403);
    expect((await upload('order_no,carrier,tracking_no\n', cs)).status).toBe(403);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it('hands out a template with the header and an example row', async () => {
    const res = await t.app.request('http://localhost/api/orders/bulk-ship/template.csv', {
      headers: { cookie: operator },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text.split(/\r?\n/).slice(0, 2)).toEqual([
      'order_no,carrier,tracking_no',
      '20260512048213377519,顺丰速运,SF1234567890123',
    ]);
    expect((await t.request('/api/orders/bulk-ship/template.csv', { cookie: manager })).status).toBe(403);
  });
});

describe.runIf(onPostgres)('bulk shipping on PostgreSQL', () => {
  it('ships each order once when two runners run the same file at once', async () => {
    const orders = [await placePaid(), await placePaid(), await placePaid()];
    const csv = [
      'order_no,carrier,tracking_no',
      ...orders.map((o, i) => `${o.orderNo},JD,JDVA2000000000${i}`),
    ].join('\n');
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) ids.push((await upload(csv)).body.data.jobId);
    const ran = await Promise.all([runPendingJobs(deps), runPendingJobs(deps)]);
    expect(ran[0] + ran[1]).toBe(2);
    const results = await Promise.all(ids.map(async (id) => (await job(id)).body.data.result));
    expect(results.reduce((sum, r) => sum + r.shipped, 0)).toBe(3);
    expect(results.reduce((sum, r) => sum + r.skipped, 0)).toBe(3);
    expect(results.every((r) => r.failed === 0)).toBe(true);
    for (const order of orders) expect(await parcelsOf(order.id)).toHaveLength(1);
  });
});
