/**
 * Sending refunds to the payment gateway, after the commit that created (or retried) them.
 * A refund waiting to be sent (processing, dispatch pending, due) is first claimed under a
 * lease by one short UPDATE — FOR UPDATE SKIP LOCKED for the job's batches — so the route that
 * just created it and the job never send it at once; the gateway is called outside any
 * transaction; then one transaction, holding the order, the case and the refund, records the
 * answer if the lease is still this run's:
 * - accepted → sent (the outcome comes by notification);
 * - refused for good → failed, like an ABNORMAL notification;
 * - busy, or no answer at all (it may have landed) → pending again after a backoff, with the
 *   same out_refund_no, so the gateway can never pay it twice. It is never given up on by
 *   itself: CS sees the attempts and the last error on the case.
 * A refund whose sender died is picked up again once its lease has run out.
 */

import type { Db } from '../../db/connect.js';
import { type AuditContext, systemActor, writeAudit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import type { PaymentGateway, RefundRequest } from '../payment-gateway/gateway.js';
import { recentSettings } from '../settings/service.js';
import { applyRefundFailure, lockRefund } from './refund-outcome.js';

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;

export type DispatchOptions = {
  /** How long a claim holds (default 2 min): well past the gateway's timeout. */
  leaseMs?: number;
  /** A call without an answer after this long counts as no answer (default 10 s). */
  timeoutMs?: number;
  requestId?: string;
};

export type DispatchResult = 'accepted' | 'retry' | 'failed' | 'skipped';

/** The wait before the next attempt after `attempts` unanswered ones: 10 s, 20 s, 40 s … at most 30 min. */
export const dispatchBackoffMs = (attempts: number) =>
  Math.min(10 * SECOND_MS * 2 ** Math.max(0, attempts - 1), 30 * MINUTE_MS);

type GatewayOutcome =
  | { kind: 'accepted'; gatewayRefundId: string }
  | { kind: 'retry'; error: string }
  | { kind: 'refused'; error: string };

/** Claims one refund if it waits to be sent and no one holds it. */
async function claimOne(db: Db, refundId: number, now: Date, leaseUntil: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('refunds')
    .set({ dispatchLeaseUntil: leaseUntil })
    .where('id', '=', refundId)
    .where('status', '=', 'processing')
    .where('dispatchState', '=', 'pending')
    .where('nextDispatchAt', '<=', now)
    .where((eb) => eb.or([eb('dispatchLeaseUntil', 'is', null), eb('dispatchLeaseUntil', '<', now)]))
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Claims a batch of refunds due to be sent that no one holds. */
async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('refunds')
      .select('id')
      .where('status', '=', 'processing')
      .where('dispatchState', '=', 'pending')
      .where('nextDispatchAt', '<=', now)
      .where((eb) => eb.or([eb('dispatchLeaseUntil', 'is', null), eb('dispatchLeaseUntil', '<', now)]))
      .orderBy('nextDispatchAt')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    const ids = due.map((row) => row.id);
    if (ids.length > 0)
      await trx
        .updateTable('refunds')
        .set({ dispatchLeaseUntil: leaseUntil })
        .where('id', 'in', ids)
        .execute();
    return ids;
  });
}

/** What the gateway is asked: the payment it refunds, the amount, the reason the customer sees. */
async function requestOf(db: Db, refundId: number): Promise<RefundRequest> {
  const row = await db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.id', 'refunds.orderId')
    .innerJoin('payments', 'payments.orderId', 'refunds.orderId')
    .innerJoin('afterSalesCases', 'afterSalesCases.id', 'refunds.caseId')
    .select([
      'refunds.outRefundNo',
      'refunds.amount',
      'orders.orderNo',
      'orders.channelId',
      'payments.transactionId',
      'payments.amount as totalAmount',
      'afterSalesCases.reasonLabel',
    ])
    .where('refunds.id', '=', refundId)
    .executeTakeFirstOrThrow();
  return {
    outRefundNo: row.outRefundNo,
    transactionId: row.transactionId,
    orderNo: row.orderNo,
    channelId: row.channelId,
    refundAmount: row.amount,
    totalAmount: row.totalAmount,
    reason: row.reasonLabel,
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

async function askGateway(
  gateway: PaymentGateway,
  request: RefundRequest,
  timeoutMs: number,
): Promise<GatewayOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const answer = await Promise.race([gateway.requestRefund(request), timeout]);
    if (answer.status === 'accepted') return { kind: 'accepted', gatewayRefundId: answer.gatewayRefundId };
    const error = `${answer.code}: ${answer.message}`.slice(0, 300);
    return answer.retryable ? { kind: 'retry', error } : { kind: 'refused', error };
  } catch (error) {
    return { kind: 'retry', error: `no answer: ${describe(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Records the gateway's answer while the claim is still ours. */
async function record(
  db: Db,
  refundId: number,
  leaseUntil: Date,
  outcome: GatewayOutcome,
  ctx: AuditContext,
): Promise<DispatchResult> {
  const { csSlaHours } = await recentSettings(db);
  return db.transaction().execute(async (trx) => {
    const locked = await lockRefund(trx, refundId);
    const refund = locked?.refund;
    if (!locked || refund?.dispatchLeaseUntil?.getTime() !== leaseUntil.getTime()) return 'skipped';
    const attempts = refund.attempts + 1;
    const settled = refund.status !== 'processing';
    const retry = outcome.kind === 'retry' && !settled;
    const nextDispatchAt = retry
      ? new Date(ctx.at.getTime() + dispatchBackoffMs(attempts))
      : refund.nextDispatchAt;
    const sent = await trx
      .updateTable('refunds')
      .set((eb) => ({
        attempts,
        dispatchLeaseUntil: null,
        nextDispatchAt,
        updatedAt: ctx.at,
        ...(outcome.kind === 'accepted' && {
          dispatchState: 'sent' as const,
          gatewayRefundId: eb.fn.coalesce('gatewayRefundId', eb.val(outcome.gatewayRefundId)),
        }),
        // A refund its notification settled meanwhile keeps the reason that came with it.
        ...(!settled && { failureReason: outcome.kind === 'accepted' ? null : outcome.error }),
      }))
      .where('id', '=', refundId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      ...ctx,
      action: 'dispatch_refund',
      resource: 'refunds',
      resourceId: refundId,
      before: { dispatchState: refund.dispatchState, attempts: refund.attempts },
      after: {
        outRefundNo: refund.outRefundNo,
        answer: outcome.kind,
        dispatchState: sent.dispatchState,
        attempts,
        ...(outcome.kind === 'accepted'
          ? { gatewayRefundId: outcome.gatewayRefundId }
          : { error: outcome.error }),
        ...(retry && { nextDispatchAt }),
      },
    });
    if (outcome.kind === 'accepted') return 'accepted';
    if (outcome.kind === 'retry') return settled ? 'skipped' : 'retry';
    // Refused for good: the gateway will not pay it — failed, as an ABNORMAL notification would.
    await applyRefundFailure(
      trx,
      { ...locked, refund: sent },
      { gatewayRefundId: null, reason: outcome.error, csSlaHours },
      ctx,
    );
    return settled ? 'skipped' : 'failed';
  });
}

/** Who sends: the database, the gateway, the clock. */
export type Dispatcher = { db: Db; gateway: PaymentGateway; clock: Clock };

const systemContext = (at: Date, requestId: string): AuditContext => ({
  actor: systemActor,
  ip: null,
  requestId,
  at,
});

async function send(
  { db, gateway, clock }: Dispatcher,
  refundId: number,
  leaseUntil: Date,
  options: DispatchOptions,
  requestId: string,
): Promise<DispatchResult> {
  let outcome: GatewayOutcome;
  try {
    outcome = await askGateway(gateway, await requestOf(db, refundId), options.timeoutMs ?? 10 * SECOND_MS);
  } catch (error) {
    outcome = { kind: 'retry', error: describe(error) };
  }
  return record(db, refundId, leaseUntil, outcome, systemContext(clock(), requestId));
}

/**
 * Sends one refund now if it waits to be sent (the route that just created it); `skipped` when
 * it does not or someone else is sending it.
 */
export async function dispatchRefund(
  dispatcher: Dispatcher,
  refundId: number,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const now = dispatcher.clock();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 2 * MINUTE_MS));
  if (!(await claimOne(dispatcher.db, refundId, now, leaseUntil))) return 'skipped';
  return send(dispatcher, refundId, leaseUntil, options, options.requestId ?? `refund-dispatch:${refundId}`);
}

export type DispatchRun = Record<Exclude<DispatchResult, 'skipped'>, number>;

/** The job: every refund due to be sent (new ones a crash left, and retries whose wait is over). */
export async function runRefundDispatch(
  dispatcher: Dispatcher,
  options: DispatchOptions & { batchSize?: number; maxBatches?: number } = {},
): Promise<DispatchRun> {
  const batchSize = options.batchSize ?? 20;
  const run: DispatchRun = { accepted: 0, retry: 0, failed: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 5); batch++) {
    const now = dispatcher.clock();
    const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 2 * MINUTE_MS));
    const requestId = options.requestId ?? `refund-dispatch:${now.toISOString()}`;
    const claimed = await claimDue(dispatcher.db, now, leaseUntil, batchSize);
    const results = await Promise.all(
      claimed.map((id) => send(dispatcher, id, leaseUntil, options, requestId)),
    );
    for (const result of results) if (result !== 'skipped') run[result]++;
    if (claimed.length < batchSize) break;
  }
  return run;
}
