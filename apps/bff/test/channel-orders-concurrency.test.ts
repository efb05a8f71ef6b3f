import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderBody, send, signedPost, skuOnSale, stockOf } from './support/channel-orders.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let operator: string;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.login('operator');
});
afterAll(() => t.close());

describe('channel orders at once', () => {
  it('1,000 parallel orders for a SKU with 100 units: exactly 100 placed, stock 0, the ledger adds up', async () => {
    const { skuId } = await skuOnSale(t, operator, 100);
    const requests = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        signedPost(t, orderBody([{ skuId, quantity: 1 }], `crowd-buyer-${i}`), `crowd-order-${i}`),
      ),
    );
    const started = performance.now();
    const answers = await Promise.all(requests.map((r) => send(t, '/api/channel/orders', r)));
    const seconds = (performance.now() - started) / 1000;
    console.info(`1,000 parallel channel orders on ${process.env.SIYU_TEST_DB}: ${seconds.toFixed(1)} s`);

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 100, 422: 900 });
    for (const refused of answers.filter((a) => a.status === 422)) {
      expect(refused.body.error.code).toBe('INSUFFICIENT_STOCK');
      expect(refused.body.error.fields).toEqual({ 'items.0.quantity': 'not enough in stock' });
    }
    expect(await stockOf(t, skuId)).toBe(0);
    const orders = await sql<{ n: number }>`
      select count(distinct o.id)::int as n from orders o join order_items i on i.order_id = o.id
       where i.sku_id = ${skuId}`.execute(t.db);
    expect(orders.rows[0]?.n).toBe(100);

    const ledger = await t.db
      .selectFrom('inventoryMovements')
      .select(['delta', 'reason', 'reference', 'stockAfter'])
      .where('skuId', '=', skuId)
      .orderBy('id')
      .execute();
    const reserves = ledger.filter((m) => m.reason === 'order_reserve');
    expect(reserves).toHaveLength(100);
    expect(reserves.reduce((sum, m) => sum + m.delta, 0)).toBe(-100);
    // Opening stock + every movement = the stock now; each row's stockAfter follows the last.
    expect(ledger.reduce((sum, m) => sum + m.delta, 0)).toBe(0);
    expect(new Set(reserves.map((m) => m.stockAfter)).size).toBe(100);
    const placedNos = answers.filter((a) => a.status === 201).map((a) => `order:${a.body.data.orderNo}`);
    expect(new Set(reserves.map((m) => m.reference))).toEqual(new Set(placedNos));
  }, 240_000);

  it('one Idempotency-Key sent 20 times at once makes one order', async () => {
    const { skuId } = await skuOnSale(t, operator, 50);
    const signed = await signedPost(
      t,
      orderBody([{ skuId, quantity: 2 }], 'same-key-buyer'),
      'same-key-order-1',
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => send(t, '/api/channel/orders', signed)),
    );
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const placed = answers.filter((a) => a.status === 201);
    expect(placed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(placed.map((a) => a.text)).size).toBe(1);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.error.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(await stockOf(t, skuId)).toBe(48);
    const after = await send(t, '/api/channel/orders', signed);
    expect(after.status).toBe(201);
    expect(after.text).toBe(placed[0]?.text);
    expect(await stockOf(t, skuId)).toBe(48);
  });
});
