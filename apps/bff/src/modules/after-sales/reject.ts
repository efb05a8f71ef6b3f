/**
 * CS rejects an application, with a reason the customer reads (a template or their own words):
 * the case is over, and the units and value it reserved go back to the order's lines.
 */
import type { AfterSalesReject } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { versionConflict } from '../../lib/if-match.js';
import { recordCaseEvent, staffCaseActor } from './case-events.js';
import { moveCase } from './case-move.js';
import { caseTransition, staffCaseDecider } from './case-transition.js';
import { lockCaseAndOrder } from './lock.js';
import { releaseCaseReservation } from './reservation.js';

export async function rejectCase(
  db: Db,
  caseId: number,
  input: AfterSalesReject,
  ctx: AuditContext,
  options: { expectedVersion?: number | undefined } = {},
): Promise<AfterSalesCaseRow> {
  return db.transaction().execute(async (trx) => {
    const { caseRow } = await lockCaseAndOrder(trx, caseId);
    const to = caseTransition(caseRow, 'reject', staffCaseDecider(ctx));
    if (options.expectedVersion !== undefined && caseRow.version !== options.expectedVersion)
      throw versionConflict();
    await releaseCaseReservation(trx, caseRow);
    const after = await moveCase(
      trx,
      caseRow.id,
      {
        status: to,
        rejectReason: input.reason,
        closedAt: ctx.at,
        slaDueAt: null,
        autoApproveAt: null,
        approvalStage: 'none',
      },
      ctx.at,
    );
    await recordCaseEvent(trx, {
      caseId: caseRow.id,
      kind: 'rejected',
      status: after.status,
      at: ctx.at,
      actor: await staffCaseActor(trx, ctx),
      detail: { reason: input.reason },
    });
    await writeAudit(trx, {
      ...ctx,
      action: 'reject',
      resource: 'after_sales_cases',
      resourceId: caseRow.id,
      before: { status: caseRow.status },
      after: { status: after.status, rejectReason: input.reason },
    });
    return after;
  });
}
