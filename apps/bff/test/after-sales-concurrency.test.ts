import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyForAfterSales, orderForAfterSales, reservations } from './support/after-sales.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const tally = (statuses: number[]) => {
  const byStatus: Record<number, number> = {};
  for (const s of statuses) byStatus[s] = (byStatus[s] ?? 0) + 1;
  return byStatus;
};

// PGlite is one connection: races need a real server.
describe.runIf(onPostgres)('applications at once', () => {
  it('20 parallel applications for the last unit: exactly one case', async () => {
    const order = await orderForAfterSales(t, admin, { lines: [1] });
    const itemId = (order.items[0] as { id: number }).id;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        applyForAfterSales(
          t,
          {
            orderNo: order.orderNo,
            openid: order.openid,
            items: [{ itemId, quantity: 1 }],
            description: `第 ${i} 次`,
          },
          { idempotencyKey: `as-race-${order.id}-${i}` },
        ),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 201: 1, 422: 19 });
    for (const refused of answers.filter((a) => a.status === 422))
      expect(refused.body.error.code).toBe('AFTER_SALES_QUANTITY_EXCEEDED');
    const cases = await t.db
      .selectFrom('afterSalesCases')
      .select('id')
      .where('orderId', '=', order.id)
      .execute();
    expect(cases).toHaveLength(1);
    expect(await reservations(t, order.id)).toMatchObject({
      lines: [{ afterSalesQuantity: 1, afterSalesAmount: 2580 }],
      openAfterSales: 1,
    });
  });

  it('staff and customer at once over 3 units, 2 units each: one of them wins, nothing over-reserved', async () => {
    const cs = await t.login('customer_service');
    const order = await orderForAfterSales(t, admin, { lines: [3] });
    const itemId = (order.items[0] as { id: number }).id;
    const items = [{ itemId, quantity: 2 }];
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) =>
        applyForAfterSales(
          t,
          { orderNo: order.orderNo, openid: order.openid, items },
          { idempotencyKey: `as-mixed-${order.id}-${i}` },
        ),
      ),
      ...Array.from({ length: 5 }, () =>
        t.request('/api/refunds', {
          cookie: cs,
          body: { orderId: order.id, type: 'refund_only', reasonCode: 'quality', items },
        }),
      ),
    ]);
    expect(tally(answers.map((a) => a.status))).toEqual({ 201: 1, 422: 9 });
    expect(await reservations(t, order.id)).toMatchObject({
      lines: [{ afterSalesQuantity: 2, afterSalesAmount: 2 * 2580 }],
      openAfterSales: 1,
    });
  });
});
