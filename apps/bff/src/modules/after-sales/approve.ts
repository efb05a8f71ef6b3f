/**
 * Approving a case (CS, an admin, or the system for a silent refund-only case), with the order
 * and the case held (lockCaseAndOrder), so of any number of clicks one approves and the rest
 * find it approved (409):
 * - the amount is the one asked for unless CS lowers it, never above the case's refund limit;
 * - above the shop's approval limit a non-admin's approval is only the first one (recorded on
 *   the case, which stays requested and waits for an admin); a second non-admin approval is
 *   refused; an admin's completes it;
 * - a refund-only case starts its refund in the same transaction (the refund row and its number
 *   exist before the gateway is called, after the commit); a return waits for the goods, at the
 *   address given or the shop's, for the settings' days.
 * Bulk approval takes small refund-only cases only, each in its own transaction.
 */
import {
  type AfterSalesActor,
  type AfterSalesApprove,
  type BulkResult,
  formatFen,
  type Settings,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow, Database, OrderRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, validationFailed } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { recentSettings } from '../settings/service.js';
import { type CaseActor, recordCaseEvent, staffCaseActor } from './case-events.js';
import { moveCase } from './case-move.js';
import { caseTransition, staffCaseDecider, systemCaseDecider } from './case-transition.js';
import { lockCaseAndOrder } from './lock.js';
import { amountExceeded, startRefund } from './refund-start.js';

const DAY_MS = 86_400_000;

export type Approver = {
  decider: AfterSalesActor;
  eventActor: CaseActor;
  /** Admins approve above the approval limit. */
  isAdmin: boolean;
  /** The system's approval of a case CS left silent. */
  auto?: boolean;
};

export type Approved = {
  caseRow: AfterSalesCaseRow;
  /** The refund to dispatch after the commit (refund-only cases). */
  refundId: number | null;
};

const adminMustApprove = (limit: number) =>
  new AppError(403, 'FORBIDDEN', `An admin must approve amounts above ${formatFen(limit)}.`);

/** Approves a held case; the caller holds its order and the case. */
export async function approveLocked(
  trx: Kysely<Database>,
  { caseRow, order }: { caseRow: AfterSalesCaseRow; order: OrderRow },
  input: AfterSalesApprove,
  approver: Approver,
  settings: Settings,
  ctx: AuditContext,
): Promise<Approved> {
  const approved = caseTransition(caseRow, 'approve', approver.decider);
  if (caseRow.type === 'refund_only' && input.returnAddress)
    throw validationFailed({ returnAddress: 'only a return-and-refund case has a return address' });
  // After a first approval, the amount it proposed unless the admin names another.
  const amount =
    input.amount ??
    (caseRow.approvalStage === 'admin'
      ? (caseRow.approvedAmount ?? caseRow.requestedAmount)
      : caseRow.requestedAmount);
  if (amount > caseRow.refundLimit)
    throw amountExceeded(`At most ${formatFen(caseRow.refundLimit)} can be refunded for this case.`);
  const staffId = approver.decider.kind === 'staff' ? ctx.actor.id : null;
  const limit = settings.refundApprovalLimit;

  if (amount > limit && !approver.isAdmin) {
    if (caseRow.approvalStage === 'admin' || approver.decider.kind !== 'staff') throw adminMustApprove(limit);
    const waiting = await moveCase(
      trx,
      caseRow.id,
      { approvalStage: 'admin', firstApprovedBy: staffId, firstApprovedAt: ctx.at, approvedAmount: amount },
      ctx.at,
    );
    await recordCaseEvent(trx, {
      caseId: caseRow.id,
      kind: 'first_approved',
      status: waiting.status,
      at: ctx.at,
      actor: approver.eventActor,
      detail: { amount, approvalLimit: limit, ...(input.note && { note: input.note }) },
    });
    await writeAudit(trx, {
      ...ctx,
      action: 'first_approve',
      resource: 'after_sales_cases',
      resourceId: caseRow.id,
      before: { status: caseRow.status, approvalStage: caseRow.approvalStage },
      after: { status: waiting.status, approvalStage: waiting.approvalStage, approvedAmount: amount },
    });
    return { caseRow: waiting, refundId: null };
  }

  let after = await moveCase(
    trx,
    caseRow.id,
    {
      status: approved,
      approvedAmount: amount,
      approvedBy: staffId,
      approvedAt: ctx.at,
      approvalStage: 'none',
      autoApproveAt: null,
      slaDueAt: null,
    },
    ctx.at,
  );
  let returnDetail = {};
  if (caseRow.type === 'return_and_refund') {
    const returnAddress = input.returnAddress ?? settings.returnAddress;
    const returnDueAt = new Date(ctx.at.getTime() + settings.returnShipDays * DAY_MS);
    after = await moveCase(
      trx,
      caseRow.id,
      {
        status: caseTransition(after, 'await_return', systemCaseDecider),
        returnAddress: JSON.stringify(returnAddress),
        returnDueAt,
      },
      ctx.at,
    );
    returnDetail = { returnAddress, returnDueAt: returnDueAt.toISOString() };
  }
  await recordCaseEvent(trx, {
    caseId: caseRow.id,
    kind: approver.auto ? 'auto_approved' : 'approved',
    status: after.status,
    at: ctx.at,
    actor: approver.eventActor,
    detail: {
      amount,
      requestedAmount: caseRow.requestedAmount,
      ...(caseRow.approvalStage === 'admin' && { afterFirstApproval: true }),
      ...returnDetail,
      ...(input.note && { note: input.note }),
    },
  });
  await writeAudit(trx, {
    ...ctx,
    action: approver.auto ? 'auto_approve' : 'approve',
    resource: 'after_sales_cases',
    resourceId: caseRow.id,
    before: {
      status: caseRow.status,
      approvalStage: caseRow.approvalStage,
      approvedAmount: caseRow.approvedAmount,
    },
    after: {
      status: after.status,
      approvalStage: after.approvalStage,
      approvedAmount: amount,
      ...returnDetail,
    },
  });
  if (caseRow.type !== 'refund_only') return { caseRow: after, refundId: null };
  // Approval starts a refund-only case's refund at once: the system's follow-on step.
  const started = await startRefund(
    trx,
    {
      caseRow: after,
      order,
      decider: systemCaseDecider,
      eventActor: approver.eventActor,
      timeZone: settings.timeZone,
    },
    ctx,
  );
  return { caseRow: started.caseRow, refundId: started.refund.id };
}

async function staffApprover(trx: Kysely<Database>, ctx: AuditContext): Promise<Approver> {
  const decider = staffCaseDecider(ctx);
  return { decider, eventActor: await staffCaseActor(trx, ctx), isAdmin: decider.role === 'admin' };
}

/** A refusal for the role is audited (outside the rolled-back transaction) and passed on. */
async function auditRefusal(db: Db, caseId: number, ctx: AuditContext, error: unknown): Promise<never> {
  if (error instanceof AppError && error.status === 403)
    await writeAudit(db, {
      ...ctx,
      action: 'forbidden',
      resource: 'after_sales_cases',
      resourceId: caseId,
      after: { action: 'approve', reason: error.message },
    });
  throw error;
}

export async function approveCase(
  db: Db,
  caseId: number,
  input: AfterSalesApprove,
  ctx: AuditContext,
  options: { expectedVersion?: number | undefined } = {},
): Promise<Approved> {
  const settings = await recentSettings(db);
  return db
    .transaction()
    .execute(async (trx) => {
      const held = await lockCaseAndOrder(trx, caseId);
      const approver = await staffApprover(trx, ctx);
      if (options.expectedVersion !== undefined && held.caseRow.version !== options.expectedVersion)
        throw versionConflict();
      return approveLocked(trx, held, input, approver, settings, ctx);
    })
    .catch((error: unknown) => auditRefusal(db, caseId, ctx, error));
}

const notEligible = (message: string) => new AppError(422, 'NOT_ELIGIBLE_FOR_BULK', message);

/**
 * Approves each small refund-only case that is still requested, in its own transaction, for
 * the amount asked; the others are answered NOT_ELIGIBLE_FOR_BULK (or why they could not be).
 */
export async function bulkApprove(
  db: Db,
  ids: readonly number[],
  ctx: AuditContext,
): Promise<{ results: BulkResult['data']; refundIds: number[] }> {
  const settings = await recentSettings(db);
  const results: BulkResult['data'] = [];
  const refundIds: number[] = [];
  for (const id of new Set(ids)) {
    try {
      const approved = await db.transaction().execute(async (trx) => {
        const held = await lockCaseAndOrder(trx, id);
        const approver = await staffApprover(trx, ctx);
        const { caseRow } = held;
        if (caseRow.type !== 'refund_only') throw notEligible('Only refund-only cases are approved in bulk.');
        if (caseRow.status !== 'requested' || caseRow.approvalStage !== 'none')
          throw notEligible(
            `The case is ${caseRow.status.replace('_', ' ')}${caseRow.approvalStage === 'admin' ? ', awaiting an admin' : ''}.`,
          );
        const most = approver.isAdmin
          ? settings.bulkApproveMaxAmount
          : Math.min(settings.bulkApproveMaxAmount, settings.refundApprovalLimit);
        if (caseRow.requestedAmount > most)
          throw notEligible(`Only cases of at most ${formatFen(most)} are approved in bulk.`);
        return approveLocked(trx, held, {}, approver, settings, ctx);
      });
      results.push({ id, ok: true });
      if (approved.refundId !== null) refundIds.push(approved.refundId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 403) await auditRefusal(db, id, ctx, error).catch(() => {});
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results, refundIds };
}
