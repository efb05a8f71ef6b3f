import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatSimulator } from '../src/modules/shipment-reports/wechat-simulator.js';
import { runShipmentReports } from '../src/modules/shipment-reports/worker.js';
import { skuOnSale } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';
import {
  busy,
  insertShipment,
  ok,
  paidOrder,
  recordingUploader,
  reportOf,
  shipWhole,
  syncOf,
} from './support/shipments.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let operator: string;
let skuId: number;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
  skuId = (await skuOnSale(t, operator, 500)).skuId;
});
afterAll(() => t.close());

/** A time after everything queued so far, so each test's run finds its own reports due. */
let later = 0;
const runAt = () => new Date(t.clock.now().getTime() + ++later * 10 * HOUR);

const auditsOf = (orderId: number, action: string) =>
  t.db
    .selectFrom('auditLogs')
    .selectAll()
    .where('resource', '=', 'orders')
    .where('resourceId', '=', String(orderId))
    .where('action', '=', action)
    .orderBy('id')
    .execute();

describe('reporting parcels to the platform', () => {
  it('uploads a whole-order parcel as unified shipping; the report and the order are synced, audited as the system', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 2 }]);
    const parcel = await shipWhole(t, order);
    const uploader = recordingUploader();
    const now = runAt();
    const run = await runShipmentReports(t.db, uploader, now);
    expect(run.synced).toBeGreaterThanOrEqual(1);
    const mine = uploader.calls.filter((c) => c.shipping_list[0]?.tracking_no === parcel.trackingNo);
    expect(mine).toEqual([
      {
        order_key: { order_number_type: 2, transaction_id: order.transactionId },
        logistics_type: 1,
        delivery_mode: 1,
        shipping_list: [
          {
            tracking_no: parcel.trackingNo,
            express_company: 'SF',
            item_desc: `${order.items[0]?.title}*2`,
            contact: { receiver_contact: '138****1234' },
          },
        ],
        upload_time: now.toISOString(),
        payer: { openid: order.openid },
      },
    ]);
    expect(await reportOf(t, parcel.id)).toMatchObject({
      state: 'synced',
      attempts: 1,
      lastError: null,
      leaseUntil: null,
      syncedAt: now,
    });
    expect(await syncOf(t, order.id)).toBe('synced');
    expect(await auditsOf(order.id, 'report_shipment')).toEqual([
      expect.objectContaining({
        actorName: 'system',
        actorRole: 'system',
        before: expect.objectContaining({ shippingInfoSync: 'pending' }),
        after: expect.objectContaining({
          shippingInfoSync: 'synced',
          shipmentId: parcel.id,
          trackingNo: parcel.trackingNo,
        }),
      }),
    ]);

    // Nothing is due any more: a second run uploads nothing of it.
    await runShipmentReports(t.db, uploader, runAt());
    expect(uploader.calls.filter((c) => c.shipping_list[0]?.tracking_no === parcel.trackingNo)).toHaveLength(
      1,
    );
  });

  it('backs off after a transient failure and succeeds on a later run', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 1 }]);
    const parcel = await shipWhole(t, order);
    let answer: typeof ok | Error = busy;
    const uploader = recordingUploader(() => answer);
    const now = runAt();
    const first = await runShipmentReports(t.db, uploader, now);
    expect(first.retried).toBeGreaterThanOrEqual(1);
    expect(await reportOf(t, parcel.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(now.getTime() + MINUTE),
      lastError: '-1 system error',
      leaseUntil: null,
    });
    expect(await syncOf(t, order.id)).toBe('pending');

    // Not yet due half a minute later; a network failure a minute later doubles the wait.
    await runShipmentReports(t.db, uploader, new Date(now.getTime() + MINUTE / 2));
    expect((await reportOf(t, parcel.id)).attempts).toBe(1);
    answer = new Error('ECONNRESET');
    await runShipmentReports(t.db, uploader, new Date(now.getTime() + MINUTE));
    expect(await reportOf(t, parcel.id)).toMatchObject({
      state: 'pending',
      attempts: 2,
      nextAttemptAt: new Date(now.getTime() + 3 * MINUTE),
      lastError: expect.stringContaining('ECONNRESET'),
    });

    answer = ok;
    const done = new Date(now.getTime() + 3 * MINUTE);
    await runShipmentReports(t.db, uploader, done);
    expect(await reportOf(t, parcel.id)).toMatchObject({
      state: 'synced',
      attempts: 3,
      lastError: null,
      syncedAt: done,
    });
    expect(await syncOf(t, order.id)).toBe('synced');
  });

  it('counts "already shipped" as reported: the answer to a retry whose first answer was lost', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 1 }]);
    const parcel = await shipWhole(t, order);
    // The first call fails, and fails after the platform took the parcel: its answer is lost.
    const randoms = [0, 0.9];
    const simulator = createWechatSimulator({
      transientFailureRate: 0.5,
      random: () => randoms.shift() ?? 0.99,
    });
    const now = runAt();
    await runShipmentReports(t.db, simulator, now);
    expect(await reportOf(t, parcel.id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(simulator.accepted()).toContain(`${order.transactionId}/${parcel.trackingNo}`);

    await runShipmentReports(t.db, simulator, new Date(now.getTime() + MINUTE));
    expect(await reportOf(t, parcel.id)).toMatchObject({ state: 'synced', attempts: 2, lastError: null });
    expect(await syncOf(t, order.id)).toBe('synced');
    const audits = await auditsOf(order.id, 'report_shipment');
    expect(audits.at(-1)?.after).toMatchObject({ report: { state: 'synced', answer: 'already_reported' } });
  });

  it('fails a report the platform refuses for good, and the order with it', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 1 }]);
    const parcel = await shipWhole(t, order);
    const simulator = createWechatSimulator();
    simulator.failPermanently(order.transactionId);
    const run = await runShipmentReports(t.db, simulator, runAt());
    expect(run.failed).toBeGreaterThanOrEqual(1);
    expect(await reportOf(t, parcel.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('10060001'),
      syncedAt: null,
    });
    expect(await syncOf(t, order.id)).toBe('failed');
  });

  it('gives up after eight transient failures', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 1 }]);
    const parcel = await shipWhole(t, order);
    const uploader = recordingUploader(() => busy);
    const start = runAt();
    for (let attempt = 1; attempt <= 8; attempt++) {
      // Each run comes well after the previous backoff (at most an hour).
      await runShipmentReports(t.db, uploader, new Date(start.getTime() + (attempt - 1) * 2 * HOUR));
      const report = await reportOf(t, parcel.id);
      expect(report.attempts).toBe(attempt);
      expect(report.state).toBe(attempt < 8 ? 'pending' : 'failed');
    }
    expect(await syncOf(t, order.id)).toBe('failed');
    await runShipmentReports(t.db, uploader, new Date(start.getTime() + 20 * HOUR));
    expect((await reportOf(t, parcel.id)).attempts).toBe(8);
    expect(uploader.calls.filter((c) => c.order_key.transaction_id === order.transactionId)).toHaveLength(8);
  });

  it('reports split parcels as split, the last one completing the order', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 3 }]);
    const line = order.items[0]?.id as number;
    const first = await insertShipment(t, order, [{ orderItemId: line, quantity: 1 }]);
    const uploader = recordingUploader();
    // The first parcel is reported before the second exists.
    await runShipmentReports(t.db, uploader, runAt());
    const second = await insertShipment(t, order, [{ orderItemId: line, quantity: 2 }], { carrier: 'ZTO' });
    await runShipmentReports(t.db, uploader, runAt());
    const sent = (trackingNo: string) =>
      uploader.calls.find((c) => c.shipping_list[0]?.tracking_no === trackingNo);
    expect(sent(first.trackingNo)).toMatchObject({ delivery_mode: 2, is_all_delivered: false });
    expect(sent(second.trackingNo)).toMatchObject({
      delivery_mode: 2,
      is_all_delivered: true,
      shipping_list: [{ express_company: 'ZTO', item_desc: `${order.items[0]?.title}*2` }],
    });
    expect(await syncOf(t, order.id)).toBe('synced');
  });

  it('skips a report another runner holds, and takes it back once that lease has run out', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 1 }]);
    const parcel = await shipWhole(t, order);
    const now = runAt();
    await t.db
      .updateTable('shipmentReports')
      .set({ leaseUntil: new Date(now.getTime() + 30_000) })
      .where('shipmentId', '=', parcel.id)
      .execute();
    const uploader = recordingUploader();
    const mine = () => uploader.calls.filter((c) => c.shipping_list[0]?.tracking_no === parcel.trackingNo);
    await runShipmentReports(t.db, uploader, now);
    expect(mine()).toHaveLength(0);
    expect(await reportOf(t, parcel.id)).toMatchObject({ state: 'pending', attempts: 0 });

    await runShipmentReports(t.db, uploader, new Date(now.getTime() + 31_000));
    expect(mine()).toHaveLength(1);
    expect(await reportOf(t, parcel.id)).toMatchObject({ state: 'synced', attempts: 1, leaseUntil: null });
  });
});

describe('POST /api/orders/{id}/shipment-reports/retry', () => {
  it('moves failed reports back to pending for operators, refuses customer service, and 409s with none failed', async () => {
    const order = await paidOrder(t, [{ skuId, quantity: 2 }]);
    const line = order.items[0]?.id as number;
    const a = await insertShipment(t, order, [{ orderItemId: line, quantity: 1 }]);
    const b = await insertShipment(t, order, [{ orderItemId: line, quantity: 1 }]);
    const simulator = createWechatSimulator();
    simulator.failPermanently(order.transactionId);
    await runShipmentReports(t.db, simulator, runAt());
    expect(await syncOf(t, order.id)).toBe('failed');

    const cs = await t.login('customer_service');
    const refused = await t.request(`/api/orders/${order.id}/shipment-reports/retry`, {
      method: 'POST',
      cookie: cs,
    });
    expect(refused.status).toBe(403);
    expect((await reportOf(t, a.id)).state).toBe('failed');

    const retried = await t.request(`/api/orders/${order.id}/shipment-reports/retry`, {
      method: 'POST',
      cookie: operator,
    });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body.data).toMatchObject({ id: order.id, orderNo: order.orderNo });
    for (const parcel of [a, b])
      expect(await reportOf(t, parcel.id)).toMatchObject({
        state: 'pending',
        attempts: 0,
        nextAttemptAt: t.clock.now(),
        leaseUntil: null,
      });
    expect(await syncOf(t, order.id)).toBe('pending');
    expect(await auditsOf(order.id, 'retry_reports')).toEqual([
      expect.objectContaining({
        actorName: 'operator',
        before: { shippingInfoSync: 'failed' },
        after: { shippingInfoSync: 'pending', shipmentIds: [a.id, b.id] },
      }),
    ]);

    const again = await t.request(`/api/orders/${order.id}/shipment-reports/retry`, {
      method: 'POST',
      cookie: operator,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('BUSINESS_RULE');

    // Now the platform takes them.
    await runShipmentReports(t.db, createWechatSimulator(), runAt());
    expect(await syncOf(t, order.id)).toBe('synced');

    const missing = await t.request('/api/orders/99999999/shipment-reports/retry', {
      method: 'POST',
      cookie: operator,
    });
    expect(missing.status).toBe(404);
  });
});

describe.runIf(onPostgres)('two report runners at once on PostgreSQL', () => {
  it('upload each of 30 due reports exactly once', async () => {
    const parcels: { id: number; trackingNo: string }[] = [];
    for (let i = 0; i < 30; i++)
      parcels.push(await shipWhole(t, await paidOrder(t, [{ skuId, quantity: 1 }])));
    const uploader = recordingUploader();
    const now = runAt();
    const runs = await Promise.all([
      runShipmentReports(t.db, uploader, now, { batchSize: 4 }),
      runShipmentReports(t.db, uploader, now, { batchSize: 4 }),
    ]);
    const ours = new Set(parcels.map((p) => p.trackingNo));
    const sent = uploader.calls
      .map((c) => c.shipping_list[0]?.tracking_no)
      .filter((no) => ours.has(no as string));
    expect(sent.toSorted()).toEqual([...ours].toSorted());
    expect(runs.reduce((sum, run) => sum + run.synced, 0)).toBe(uploader.calls.length);
    // Both runners did part of the work.
    expect(runs.every((run) => run.synced > 0)).toBe(true);
    const states = await t.db
      .selectFrom('shipmentReports')
      .select(['state', 'attempts'])
      .where(
        'shipmentId',
        'in',
        parcels.map((p) => p.id),
      )
      .execute();
    expect(states).toHaveLength(30);
    expect(states.every((s) => s.state === 'synced' && s.attempts === 1)).toBe(true);
  });
});
