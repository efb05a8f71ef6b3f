import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptersOf, type Deps } from '../src/deps.js';
import { createLogger } from '../src/lib/logger.js';
import type { RefundSimulator } from '../src/modules/payment-gateway/simulator.js';
import { eventsOf, openCase, orderForAfterSales } from './support/after-sales.js';
import { createTestContext, type TestContext } from './support/context.js';
import { caseById, orderMoney, refundOf } from './support/refunds.js';

let t: TestContext;
let admin: string;
let cs: string;
/** As the server builds them: one Deps for the app, another for the jobs, on one database. */
const depsOf = (): Deps => ({
  db: t.db,
  config: t.config,
  clock: t.clock.now,
  hasher: t.hasher,
  logger: createLogger('silent'),
});

beforeAll(async () => {
  // The app's own simulator, as the demo runs it, but at once, never failing, every notification twice.
  t = await createTestContext({
    config: { gatewaySimulator: { notifyDelayMs: 0, failureRate: 0, duplicateRate: 1 } },
  });
  admin = await t.login('admin');
  cs = await t.login('customer_service');
});
afterAll(() => t.close());

describe('the app without a gateway of its own', () => {
  it('uses one simulated gateway per database, whose signed notifications reach the app and refund once', async () => {
    const simulator = adaptersOf(depsOf()).paymentGateway as RefundSimulator;
    // The jobs' Deps find the same one: it keeps the refunds it has taken.
    expect(adaptersOf(depsOf()).paymentGateway).toBe(simulator);

    const order = await orderForAfterSales(t, admin, { lines: [1], ship: 'all' });
    const c = await openCase(t, {
      orderNo: order.orderNo,
      openid: order.openid,
      items: [{ itemId: (order.items[0] as { id: number }).id, quantity: 1 }],
    });
    const res = await t.request(`/api/refunds/${c.id}/approve`, { cookie: cs, body: {} });
    expect(res.status, res.text).toBe(200);
    await simulator.idle();
    const refund = await refundOf(t, c.id);
    expect(simulator.requests().map((r) => r.outRefundNo)).toEqual([refund?.outRefundNo]);
    // Delivered twice, both accepted by the signature guard and answered 200.
    expect(simulator.deliveries()).toEqual([
      { outRefundNo: refund?.outRefundNo, status: 'SUCCESS', httpStatus: 200 },
      { outRefundNo: refund?.outRefundNo, status: 'SUCCESS', httpStatus: 200 },
    ]);
    expect(await caseById(t, c.id)).toMatchObject({ status: 'refunded' });
    expect(await orderMoney(t, order.id)).toMatchObject({
      status: 'closed',
      refundedAmount: order.payableAmount,
      refundingAmount: 0,
    });
    expect((await eventsOf(t, c.id)).filter((e) => e.kind === 'refund_succeeded')).toHaveLength(1);
  });
});
