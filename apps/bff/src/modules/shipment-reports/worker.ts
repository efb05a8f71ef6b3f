/**
 * Works the queue of parcel reports to the platform (shipment_reports). Each batch is claimed
 * in a short transaction — due pending rows whose lease is free or has run out, FOR UPDATE SKIP
 * LOCKED, stamped with a lease — so several instances never upload the same report at once.
 * The platform is called outside any transaction; then one transaction per report records the
 * outcome (synced; pending again after a backoff; or failed), refreshes the order's sync state
 * and audits it as the system. An outcome is recorded only while the lease is still this run's:
 * a run that overstayed its lease leaves the report to whoever re-claimed it (a repeat upload is
 * harmless, the platform answers it "already shipped").
 */
import type { Db } from '../../db/connect.js';
import { type AuditContext, systemActor, writeAudit } from '../../lib/audit.js';
import { refreshShippingInfoSync } from './sync-state.js';
import { UnreportableShipment, uploadRequestFor } from './upload-request.js';
import {
  classifyAnswer,
  classifyFailure,
  type ShippingInfoUploader,
  type UploadOutcome,
} from './uploader.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export type ShipmentReportOptions = {
  /** Reports claimed (and uploaded in parallel) at a time (default 20). */
  batchSize?: number;
  /** Batches in one run at most (default 5): a run lasts at most that many timeouts. */
  maxBatches?: number;
  /** How long a claim holds (default 5 min): well past the longest run (5 × 10 s). */
  leaseMs?: number;
  /** A call without an answer after this long counts as a transient failure (default 10 s). */
  timeoutMs?: number;
  /** Attempts after which a report that keeps failing transiently is given up (default 8). */
  maxAttempts?: number;
  runId?: string;
};

export type ShipmentReportRun = { synced: number; retried: number; failed: number };

/** The wait before the next attempt after `attempts` failed ones: 1 min, 2, 4 … at most 1 h. */
export const backoffMs = (attempts: number) => Math.min(MINUTE_MS * 2 ** Math.max(0, attempts - 1), HOUR_MS);

type Claimed = { shipmentId: number; orderId: number };
type Recorded = 'synced' | 'retried' | 'failed' | 'lost';

async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<Claimed[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('shipmentReports')
      .select(['shipmentId', 'orderId'])
      .where('state', '=', 'pending')
      .where('nextAttemptAt', '<=', now)
      .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', now)]))
      .orderBy('nextAttemptAt')
      .orderBy('shipmentId')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length > 0)
      await trx
        .updateTable('shipmentReports')
        .set({ leaseUntil })
        .where(
          'shipmentId',
          'in',
          due.map((row) => row.shipmentId),
        )
        .execute();
    return due;
  });
}

async function uploadWithin(
  uploader: ShippingInfoUploader,
  request: Parameters<ShippingInfoUploader['upload']>[0],
  timeoutMs: number,
): Promise<UploadOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return classifyAnswer(await Promise.race([uploader.upload(request), timeout]));
  } catch (error) {
    return classifyFailure(error);
  } finally {
    clearTimeout(timer);
  }
}

async function attempt(
  db: Db,
  uploader: ShippingInfoUploader,
  shipmentId: number,
  now: Date,
  timeoutMs: number,
) {
  try {
    return await uploadWithin(uploader, await uploadRequestFor(db, shipmentId, now), timeoutMs);
  } catch (error) {
    if (error instanceof UnreportableShipment) return { kind: 'permanent', error: error.message } as const;
    return classifyFailure(error);
  }
}

async function record(
  db: Db,
  claimed: Claimed,
  outcome: UploadOutcome,
  leaseUntil: Date,
  maxAttempts: number,
  ctx: AuditContext,
): Promise<Recorded> {
  return db.transaction().execute(async (trx) => {
    // The order first, as everything that writes an order's reports takes it.
    const order = await trx
      .selectFrom('orders')
      .select('shippingInfoSync')
      .where('id', '=', claimed.orderId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const report = await trx
      .selectFrom('shipmentReports')
      .selectAll()
      .where('shipmentId', '=', claimed.shipmentId)
      .where('state', '=', 'pending')
      .where('leaseUntil', '=', leaseUntil)
      .forUpdate()
      .executeTakeFirst();
    if (!report) return 'lost';
    const attempts = report.attempts + 1;
    const done = outcome.kind === 'ok' || outcome.kind === 'already_reported';
    const lastError = done ? null : outcome.error;
    const state = done
      ? 'synced'
      : outcome.kind === 'permanent' || attempts >= maxAttempts
        ? 'failed'
        : 'pending';
    const nextAttemptAt =
      state === 'pending' ? new Date(ctx.at.getTime() + backoffMs(attempts)) : report.nextAttemptAt;
    await trx
      .updateTable('shipmentReports')
      .set({
        state,
        attempts,
        nextAttemptAt,
        leaseUntil: null,
        lastError,
        syncedAt: state === 'synced' ? ctx.at : null,
      })
      .where('shipmentId', '=', claimed.shipmentId)
      .execute();
    const shippingInfoSync = await refreshShippingInfoSync(trx, claimed.orderId);
    const parcel = await trx
      .selectFrom('shipments')
      .select(['carrier', 'trackingNo'])
      .where('id', '=', claimed.shipmentId)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      ...ctx,
      action: 'report_shipment',
      resource: 'orders',
      resourceId: claimed.orderId,
      before: {
        shippingInfoSync: order.shippingInfoSync,
        report: { state: report.state, attempts: report.attempts },
      },
      after: {
        shippingInfoSync,
        shipmentId: claimed.shipmentId,
        carrier: parcel.carrier,
        trackingNo: parcel.trackingNo,
        report: {
          state,
          attempts,
          lastError,
          answer: outcome.kind,
          nextAttemptAt: state === 'pending' ? nextAttemptAt : null,
        },
      },
    });
    return state === 'synced' ? 'synced' : state === 'failed' ? 'failed' : 'retried';
  });
}

export async function runShipmentReports(
  db: Db,
  uploader: ShippingInfoUploader,
  now: Date,
  options: ShipmentReportOptions = {},
): Promise<ShipmentReportRun> {
  const batchSize = options.batchSize ?? 20;
  const maxBatches = options.maxBatches ?? 5;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 5 * MINUTE_MS));
  const ctx: AuditContext = {
    actor: systemActor,
    ip: null,
    requestId: options.runId ?? `shipment-reports:${now.toISOString()}`,
    at: now,
  };
  const run: ShipmentReportRun = { synced: 0, retried: 0, failed: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const claimed = await claimDue(db, now, leaseUntil, batchSize);
    const recorded = await Promise.all(
      claimed.map(async (report) => {
        const outcome = await attempt(db, uploader, report.shipmentId, now, timeoutMs);
        return record(db, report, outcome, leaseUntil, maxAttempts, ctx);
      }),
    );
    for (const result of recorded) if (result !== 'lost') run[result]++;
    if (claimed.length < batchSize) break;
  }
  return run;
}
