import { ORDER_MAX_LINES } from '@siyu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRequest } from './support/channel.js';
import { orderBody, send, signedPost, skuOnSale, stockOf, writtenRows } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
let serial = 0;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
});
afterAll(() => t.close());

const key = (name: string) => `${name}-${serial++}-key`;
const placeOrder = (body: unknown, idempotencyKey = key('order')) =>
  channelRequest(t, '/api/channel/orders', { body, idempotencyKey });
const notify = (body: unknown, idempotencyKey = key('pay')) =>
  channelRequest(t, '/api/channel/payments/notify', { body, idempotencyKey });
const paidAt = () => t.clock.now().toISOString();

/** The request is refused with this status and code, and no table an order writes changed. */
async function expectRefusedWithNothingWritten(
  call: () => Promise<{ status: number; body: { error?: { code: string; fields?: unknown } } }>,
  status: number,
  code: string,
) {
  const before = await writtenRows(t);
  const res = await call();
  expect(res.status).toBe(status);
  expect(res.body.error?.code).toBe(code);
  expect(await writtenRows(t)).toEqual(before);
  return res;
}

describe('placing an order', () => {
  it('201 with server prices, stock reserved with an order_reserve movement, audited as the channel', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const res = await placeOrder(orderBody([{ skuId, quantity: 3 }], 'buyer-first-order'));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      status: 'pending_payment',
      goodsAmount: 7740,
      discountAmount: 0,
      shippingFee: 0,
      payableAmount: 7740,
      items: [{ skuId, unitPrice: 2580, quantity: 3, lineAmount: 7740, specValues: ['标准'] }],
      paidAt: null,
    });
    expect(res.body.data.orderNo).toMatch(/^\d{20}$/);
    expect(await stockOf(t, skuId)).toBe(7);
    const movement = await t.db
      .selectFrom('inventoryMovements')
      .selectAll()
      .where('skuId', '=', skuId)
      .where('reason', '=', 'order_reserve')
      .executeTakeFirstOrThrow();
    expect(movement).toMatchObject({ delta: -3, stockAfter: 7, reference: `order:${res.body.data.orderNo}` });
    const audit = await t.db
      .selectFrom('auditLogs')
      .selectAll()
      .where('resource', '=', 'orders')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    expect(audit.actorName).toBe('channel:demo-miniapp');
    // The phone is stored whole but never sent out in the order.
    expect(res.text).not.toContain('13800001234');
  });

  it('refuses bad orders with the envelope and writes nothing', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const inactive = await skuOnSale(t, operator, 10, 'inactive');
    const cases: [unknown, number, string][] = [
      [orderBody([{ skuId: 99_999_999, quantity: 1 }]), 400, 'VALIDATION_FAILED'],
      [orderBody([{ skuId, quantity: 0 }]), 400, 'VALIDATION_FAILED'],
      [orderBody([{ skuId, quantity: -2 }]), 400, 'VALIDATION_FAILED'],
      [orderBody([{ skuId, quantity: 1e9 }]), 400, 'VALIDATION_FAILED'],
      [orderBody([{ skuId, quantity: 1.5 }]), 400, 'VALIDATION_FAILED'],
      [
        orderBody(Array.from({ length: ORDER_MAX_LINES + 1 }, (_, i) => ({ skuId: skuId + i, quantity: 1 }))),
        400,
        'VALIDATION_FAILED',
      ],
      [orderBody([{ skuId: inactive.skuId, quantity: 1 }]), 422, 'PRODUCT_NOT_AVAILABLE'],
      [orderBody([{ skuId, quantity: 11 }]), 422, 'INSUFFICIENT_STOCK'],
      [orderBody([{ skuId, quantity: 1 }], undefined, { couponId: 12 }), 422, 'COUPONS_NOT_SUPPORTED'],
      [orderBody([{ skuId, quantity: 1 }], undefined, { price: 1 }), 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      await expectRefusedWithNothingWritten(() => placeOrder(body), status, code);
    }
    const unknown = await placeOrder(orderBody([{ skuId: 99_999_999, quantity: 1 }]));
    expect(unknown.body.error.fields).toEqual({ 'items.0.skuId': 'no such SKU' });
    expect(await stockOf(t, skuId)).toBe(10);
  });

  it('refuses a bad signature and a stale timestamp (401) before anything is written', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const body = orderBody([{ skuId, quantity: 1 }]);
    await expectRefusedWithNothingWritten(
      () =>
        channelRequest(t, '/api/channel/orders', {
          body,
          idempotencyKey: key('sig'),
          secret: 'x'.repeat(20),
        }),
      401,
      'SIGNATURE_INVALID',
    );
    await expectRefusedWithNothingWritten(
      () =>
        channelRequest(t, '/api/channel/orders', {
          body,
          idempotencyKey: key('stale'),
          timestamp: Math.floor(t.clock.now().getTime() / 1000) - 301,
        }),
      401,
      'TIMESTAMP_STALE',
    );
    // A body changed after signing.
    await expectRefusedWithNothingWritten(
      () =>
        channelRequest(t, '/api/channel/orders', {
          body: orderBody([{ skuId, quantity: 5 }]),
          signedBody: JSON.stringify(body),
          idempotencyKey: key('tampered'),
        }),
      401,
      'SIGNATURE_INVALID',
    );
    expect(await stockOf(t, skuId)).toBe(10);
  });
});

describe('payment notifications', () => {
  it('a tampered amount is refused with nothing written; the right one pays; a replay is harmless', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const order = (await placeOrder(orderBody([{ skuId, quantity: 2 }]))).body.data;
    const notice = {
      orderNo: order.orderNo,
      transactionId: 'wx-txn-0001',
      amount: order.payableAmount,
      paidAt: paidAt(),
    };
    const auditRows = await t.countRows('auditLogs');
    const tampered = await expectRefusedWithNothingWritten(
      () => notify({ ...notice, amount: 1 }),
      422,
      'PAYMENT_AMOUNT_MISMATCH',
    );
    expect(tampered.body.error?.fields).toEqual({ amount: `must be ${order.payableAmount}` });
    expect(await t.countRows('auditLogs')).toBe(auditRows);

    const paid = await notify(notice);
    expect(paid.status).toBe(200);
    expect(paid.body.data).toMatchObject({ orderNo: order.orderNo, status: 'paid' });
    const row = await t.db
      .selectFrom('orders')
      .selectAll()
      .where('orderNo', '=', order.orderNo)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'paid', paidAmount: order.payableAmount, version: 2 });

    // The gateway retries with a new Idempotency-Key: the same transaction is answered the same.
    const before = await writtenRows(t);
    const replay = await notify(notice);
    expect(replay.status).toBe(200);
    expect(replay.body.data).toEqual(paid.body.data);
    expect(await writtenRows(t)).toEqual(before);
    await expectRefusedWithNothingWritten(
      () => notify({ ...notice, transactionId: 'wx-txn-0002' }),
      409,
      'ORDER_ALREADY_PAID',
    );
    await expectRefusedWithNothingWritten(
      () => notify({ ...notice, orderNo: '20990101000000000000' }),
      404,
      'NOT_FOUND',
    );
  });

  it('a cancelled order cannot be paid (409 ILLEGAL_TRANSITION)', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const openid = 'buyer-cancel-then-pay';
    const order = (await placeOrder(orderBody([{ skuId, quantity: 1 }], openid))).body.data;
    const cancelled = await channelRequest(t, `/api/channel/orders/${order.orderNo}/cancel`, {
      body: { openid },
      idempotencyKey: key('cancel'),
    });
    expect(cancelled.status).toBe(200);
    await expectRefusedWithNothingWritten(
      () =>
        notify({
          orderNo: order.orderNo,
          transactionId: 'wx-txn-late',
          amount: order.payableAmount,
          paidAt: paidAt(),
        }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('cancel and query', () => {
  it('the buyer cancels an unpaid order: stock comes back with a cancel_release movement', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const openid = 'buyer-who-cancels';
    const order = (await placeOrder(orderBody([{ skuId, quantity: 4 }], openid))).body.data;
    expect(await stockOf(t, skuId)).toBe(6);
    const path = `/api/channel/orders/${order.orderNo}/cancel`;
    await expectRefusedWithNothingWritten(
      () =>
        channelRequest(t, path, { body: { openid: 'someone-else-openid' }, idempotencyKey: key('cancel') }),
      404,
      'NOT_FOUND',
    );
    const res = await channelRequest(t, path, {
      body: { openid, reason: '不想要了' },
      idempotencyKey: key('cancel'),
    });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('cancelled');
    expect(res.body.data.cancelledAt).not.toBeNull();
    expect(await stockOf(t, skuId)).toBe(10);
    const release = await t.db
      .selectFrom('inventoryMovements')
      .selectAll()
      .where('skuId', '=', skuId)
      .where('reason', '=', 'cancel_release')
      .execute();
    expect(release).toMatchObject([{ delta: 4, stockAfter: 10, reference: `order:${order.orderNo}` }]);
    await expectRefusedWithNothingWritten(
      () => channelRequest(t, path, { body: { openid }, idempotencyKey: key('cancel') }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect(await stockOf(t, skuId)).toBe(10);
  });

  it('a paid order cannot be cancelled by the buyer', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const openid = 'buyer-paid-then-cancel';
    const order = (await placeOrder(orderBody([{ skuId, quantity: 1 }], openid))).body.data;
    const paid = await notify({
      orderNo: order.orderNo,
      transactionId: 'wx-txn-paid',
      amount: order.payableAmount,
      paidAt: paidAt(),
    });
    expect(paid.status).toBe(200);
    await expectRefusedWithNothingWritten(
      () =>
        channelRequest(t, `/api/channel/orders/${order.orderNo}/cancel`, {
          body: { openid },
          idempotencyKey: key('c'),
        }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect(await stockOf(t, skuId)).toBe(9);
  });

  it('GET answers the order to its buyer only', async () => {
    const { skuId } = await skuOnSale(t, operator, 10);
    const openid = 'buyer-who-reads';
    const placed = await placeOrder(orderBody([{ skuId, quantity: 1 }], openid));
    const path = `/api/channel/orders/${placed.body.data.orderNo}`;
    const mine = await channelRequest(t, `${path}?openid=${openid}`, { method: 'GET' });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual(placed.body.data);
    const other = await channelRequest(t, `${path}?openid=another-buyer-id`, { method: 'GET' });
    expect(other.status).toBe(404);
    const unsigned = await t.request(`${path}?openid=${openid}`);
    expect(unsigned.status).toBe(401);
  });
});

it('an order signed more than 300 s before it arrives is refused as stale', async () => {
  const { skuId } = await skuOnSale(t, operator, 1);
  const signed = await signedPost(t, orderBody([{ skuId, quantity: 1 }]), key('ahead'));
  t.clock.advance(301_000);
  expect((await send(t, '/api/channel/orders', signed)).body.error.code).toBe('TIMESTAMP_STALE');
});
