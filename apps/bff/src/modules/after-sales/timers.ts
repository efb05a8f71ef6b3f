/**
 * The case timers, kept as columns the job scans (they survive restarts):
 * - a refund-only case of an order with nothing shipped, left silent by CS past its
 *   auto_approve_at, is approved by the system (its refund starts in the same transaction);
 *   one needing an admin (above the approval limit), whose order has shipped since, or that a
 *   refund rule refuses now is left to CS, its timer cleared;
 * - a return the customer has not shipped back by its return_due_at is closed
 *   (expire_return), its reservation given back.
 * Safe on several instances: each case is taken in its own transaction with its order and
 * itself FOR UPDATE SKIP LOCKED (that order, as everywhere) and re-checked, so a case someone is
 * working on is left for the next run and no case is moved twice.
 */
import type { Settings } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow, Database, OrderRow } from '../../db/schema.js';
import { type AuditContext, systemActor, writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { recentSettings } from '../settings/service.js';
import { approveLocked } from './approve.js';
import { type CaseActor, recordCaseEvent } from './case-events.js';
import { moveCase } from './case-move.js';
import { caseTransition, systemCaseDecider } from './case-transition.js';
import { releaseCaseReservation } from './reservation.js';

export type TimerOptions = { now: Date; batchSize?: number; maxBatches?: number; runId?: string };

const systemEventActor: CaseActor = { kind: 'system', id: null, name: 'system' };

type Due = { id: number; orderId: number };
type Held = { order: OrderRow; caseRow: AfterSalesCaseRow };

/** The order, then the case, unless someone holds either; undefined when skipped. */
async function holdUnlessBusy(
  trx: Kysely<Database>,
  due: Due,
  stillDue: (caseRow: AfterSalesCaseRow) => boolean,
): Promise<Held | undefined> {
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', due.orderId)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!order) return undefined;
  const caseRow = await trx
    .selectFrom('afterSalesCases')
    .selectAll()
    .where('id', '=', due.id)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!caseRow || !stillDue(caseRow)) return undefined;
  return { order, caseRow };
}

/** Reads due cases without locks, batch by batch; each is then taken (or skipped) on its own. */
async function forEachDue(
  options: TimerOptions,
  findDue: (afterId: number, limit: number) => Promise<Due[]>,
  handle: (due: Due) => Promise<void>,
) {
  const batchSize = options.batchSize ?? 100;
  let afterId = 0;
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const due = await findDue(afterId, batchSize);
    for (const one of due) await handle(one);
    if (due.length < batchSize) break;
    afterId = due[due.length - 1]?.id ?? afterId;
  }
}

const contextOf = (options: TimerOptions, name: string): AuditContext => ({
  actor: systemActor,
  ip: null,
  requestId: options.runId ?? `${name}:${options.now.toISOString()}`,
  at: options.now,
});

/** Why the system leaves a silent case to CS after all, or undefined when it approves it. */
async function whyNotAuto(trx: Kysely<Database>, { caseRow }: Held, settings: Settings) {
  if (caseRow.type !== 'refund_only') return 'only refund-only cases are approved by the timer';
  if (caseRow.approvalStage !== 'none' || caseRow.requestedAmount > settings.refundApprovalLimit)
    return 'the amount needs an admin’s approval';
  const shipped = await trx
    .selectFrom('orderItems')
    .select('id')
    .where('orderId', '=', caseRow.orderId)
    .where('shippedQuantity', '>', 0)
    .limit(1)
    .executeTakeFirst();
  return shipped ? 'the order has shipped since' : undefined;
}

/** Clears a case's auto-approval: CS decides it after all (the audit says why). */
async function leaveToCs(
  db: Db,
  due: Due,
  why: string,
  stillDue: (caseRow: AfterSalesCaseRow) => boolean,
  ctx: AuditContext,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const held = await holdUnlessBusy(trx, due, stillDue);
    if (!held) return false;
    await moveCase(trx, due.id, { autoApproveAt: null }, ctx.at);
    await writeAudit(trx, {
      ...ctx,
      action: 'update',
      resource: 'after_sales_cases',
      resourceId: due.id,
      before: { autoApproveAt: held.caseRow.autoApproveAt },
      after: { autoApproveAt: null, leftToCs: why },
    });
    return true;
  });
}

export async function autoApproveSilentCases(
  db: Db,
  options: TimerOptions,
): Promise<{ approved: number; left: number; refundIds: number[] }> {
  const settings = await recentSettings(db);
  const ctx = contextOf(options, 'after-sales-auto-approve');
  const run = { approved: 0, left: 0, refundIds: [] as number[] };
  const stillDue = (c: AfterSalesCaseRow) =>
    c.status === 'requested' && c.autoApproveAt !== null && c.autoApproveAt <= options.now;
  await forEachDue(
    options,
    (afterId, limit) =>
      db
        .selectFrom('afterSalesCases')
        .select(['id', 'orderId'])
        .where('status', '=', 'requested')
        .where('autoApproveAt', '<=', options.now)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute(),
    async (due) => {
      const outcome = await db
        .transaction()
        .execute(async (trx) => {
          const held = await holdUnlessBusy(trx, due, stillDue);
          if (!held) return undefined;
          const why = await whyNotAuto(trx, held, settings);
          if (why) return why;
          const approver = {
            decider: systemCaseDecider,
            eventActor: systemEventActor,
            isAdmin: false,
            auto: true,
          };
          return approveLocked(trx, held, {}, approver, settings, ctx);
        })
        // A rule refused it (the order cannot refund that much any more …): CS decides.
        .catch((error: unknown) => {
          if (error instanceof AppError && error.status < 500) return error.message;
          throw error;
        });
      if (typeof outcome === 'string') {
        if (await leaveToCs(db, due, outcome, stillDue, ctx)) run.left++;
      } else if (outcome) {
        run.approved++;
        if (outcome.refundId !== null) run.refundIds.push(outcome.refundId);
      }
    },
  );
  return run;
}

export async function expireUnshippedReturns(db: Db, options: TimerOptions): Promise<{ closed: number }> {
  const ctx = contextOf(options, 'after-sales-expire-returns');
  let closed = 0;
  const stillDue = (c: AfterSalesCaseRow) =>
    c.status === 'awaiting_return' &&
    c.returnShippedAt === null &&
    c.returnDueAt !== null &&
    c.returnDueAt <= options.now;
  await forEachDue(
    options,
    (afterId, limit) =>
      db
        .selectFrom('afterSalesCases')
        .select(['id', 'orderId'])
        .where('status', '=', 'awaiting_return')
        .where('returnShippedAt', 'is', null)
        .where('returnDueAt', '<=', options.now)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute(),
    async (due) => {
      const done = await db.transaction().execute(async (trx) => {
        const held = await holdUnlessBusy(trx, due, stillDue);
        if (!held) return false;
        const { caseRow } = held;
        const to = caseTransition(caseRow, 'expire_return', systemCaseDecider);
        await releaseCaseReservation(trx, caseRow);
        const after = await moveCase(
          trx,
          caseRow.id,
          { status: to, closedAt: ctx.at, slaDueAt: null, autoApproveAt: null },
          ctx.at,
        );
        await recordCaseEvent(trx, {
          caseId: caseRow.id,
          kind: 'closed',
          status: after.status,
          at: ctx.at,
          actor: systemEventActor,
          detail: { reason: 'return_not_shipped', returnDueAt: caseRow.returnDueAt?.toISOString() },
        });
        await writeAudit(trx, {
          ...ctx,
          action: 'expire_return',
          resource: 'after_sales_cases',
          resourceId: caseRow.id,
          before: { status: caseRow.status, returnDueAt: caseRow.returnDueAt },
          after: { status: after.status },
        });
        return true;
      });
      if (done) closed++;
    },
  );
  return { closed };
}
