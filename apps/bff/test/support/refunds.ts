/**
 * Refund tests talk to an app whose payment gateway they control: a refund simulator that
 * delivers its notifications to that app (signed as the gateway signs them), holds them back
 * until the test lets them go, and decides each refund's outcome as told. The app shares the
 * test context's database, clock and sessions, so cookies from t.login() work on it.
 */
import type { RefundNotify } from '@siyu/shared';
import { sql } from 'kysely';
import { type App, buildApp } from '../../src/app.js';
import type { RefundRow } from '../../src/db/schema.js';
import { channelSigningKeys } from '../../src/deps.js';
import type { PaymentGateway, RefundRequest } from '../../src/modules/payment-gateway/gateway.js';
import {
  createRefundSimulator,
  type RefundOutcome,
  type RefundSimulatorOptions,
} from '../../src/modules/payment-gateway/simulator.js';
import { channelRequest } from './channel.js';
import { ORIGIN, type TestContext, type TestResponse } from './context.js';

export type GatewayOptions = Partial<
  Omit<RefundSimulatorOptions, 'deliver' | 'channelCredentials' | 'sleep'>
> & {
  /** What the app talks to instead of the simulator itself (a gateway that refuses, throws …). */
  wrap?: (simulator: PaymentGateway) => PaymentGateway;
};

export function withGateway(t: TestContext, { wrap, ...options }: GatewayOptions = {}) {
  let app: App | undefined;
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  let held = false;
  let outcome: RefundOutcome | ((request: RefundRequest) => RefundOutcome) = 'SUCCESS';
  const gateway = createRefundSimulator({
    channelCredentials: channelSigningKeys(t.db),
    deliver: async (request) => {
      if (!app) throw new Error('the app is not built yet');
      return app.fetch(request);
    },
    clock: t.clock.now,
    // Every wait of the simulator (the notify delay, re-delivery backoff) lasts until released.
    sleep: () => gate,
    decide: (request) => (typeof outcome === 'function' ? outcome(request) : outcome),
    ...options,
  });
  const paymentGateway = wrap ? wrap(gateway) : gateway;
  app = buildApp({ db: t.db, config: t.config, clock: t.clock.now, hasher: t.hasher, paymentGateway });
  const built = app;

  /** A staff request to the app with this gateway, as the SPA sends it. */
  async function staff(
    path: string,
    cookie: string,
    body: unknown = {},
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const res = await built.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, cookie, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  return {
    app: built,
    gateway,
    /** What the app's routes and the tests' job runs call. */
    dispatcher: { db: t.db, gateway: paymentGateway, clock: t.clock.now },
    staff,
    /** Notifications wait from now on until released. */
    hold() {
      if (held) return;
      held = true;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    /** Lets waiting notifications go and waits until the gateway has nothing left to send. */
    async release() {
      held = false;
      release();
      gate = Promise.resolve();
      await gateway.idle();
    },
    /** The outcome of the refunds decided from now on. */
    decide(next: RefundOutcome | ((request: RefundRequest) => RefundOutcome)) {
      outcome = next;
    },
  };
}

export type Gateway = ReturnType<typeof withGateway>;

export const orderMoney = (t: TestContext, orderId: number) =>
  t.db
    .selectFrom('orders')
    .select(['status', 'paidAmount', 'refundedAmount', 'refundingAmount', 'refundCount', 'openAfterSales'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();

export const refundOf = (t: TestContext, caseId: number) =>
  t.db.selectFrom('refunds').selectAll().where('caseId', '=', caseId).executeTakeFirst();

export const refundsOfOrder = (t: TestContext, orderId: number) =>
  t.db.selectFrom('refunds').selectAll().where('orderId', '=', orderId).orderBy('id').execute();

export const caseById = (t: TestContext, id: number) =>
  t.db.selectFrom('afterSalesCases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Rows of the tables a decision writes: a refused one must leave them as they were. */
export async function decisionRows(t: TestContext) {
  const { rows } = await sql<{ refunds: number; events: number; movements: number; audits: number }>`
    select (select count(*) from refunds)::int as refunds,
           (select count(*) from after_sales_events)::int as events,
           (select count(*) from inventory_movements)::int as movements,
           (select count(*) from audit_logs where action <> 'forbidden')::int as audits`.execute(t.db);
  return rows[0];
}

/** Changes shop settings through the API (so every cached copy is dropped). */
export async function setSettings(t: TestContext, admin: string, patch: Record<string, unknown>) {
  const current = await t.request('/api/settings/shop', { cookie: admin });
  const res = await t.request('/api/settings/shop', {
    method: 'PATCH',
    cookie: admin,
    headers: { 'if-match': String(current.body.data.version) },
    body: patch,
  });
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${res.text}`);
}

/** A refund notification as the gateway sends it (the refund's amount and the gateway's id). */
export const gatewayNotice = (
  t: TestContext,
  refund: RefundRow,
  status: RefundNotify['status'],
  overrides: Partial<RefundNotify> = {},
): RefundNotify => ({
  outRefundNo: refund.outRefundNo,
  refundId: refund.gatewayRefundId ?? '50000000000000000001',
  status,
  amount: refund.amount,
  ...(status === 'SUCCESS'
    ? { successTime: t.clock.now().toISOString() }
    : { message: '退款异常：用户银行卡已注销' }),
  ...overrides,
});

/** Sends a notification signed as the demo channel (or as `call` says), with no Idempotency-Key. */
export const sendRefundNotice = (
  t: TestContext,
  body: unknown,
  call: { key?: string; secret?: string } = {},
) => channelRequest(t, '/api/channel/refunds/notify', { body, ...call });
