/**
 * The customer withdraws an application before the refund starts (the state machine says
 * from which statuses): the case is over, and the units and value it reserved go back to the
 * order's lines so they can be applied for again.
 */
import { type ChannelAfterSalesCase, checkAfterSalesTransition } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { customerCaseActor, recordCaseEvent } from './case-events.js';
import { moveCase } from './case-move.js';
import { buyerCaseId, toChannelCase } from './channel-case.js';
import { lockCaseAndOrder } from './lock.js';
import { releaseCaseReservation } from './reservation.js';

export async function withdrawByBuyer(
  db: Db,
  channelId: number,
  caseNo: string,
  openid: string,
  ctx: AuditContext,
  alsoInTransaction: (trx: Kysely<Database>, answer: ChannelAfterSalesCase) => Promise<void>,
): Promise<ChannelAfterSalesCase> {
  const caseId = await buyerCaseId(db, channelId, caseNo, openid);
  if (caseId === undefined) throw notFound('after-sales case');
  return db.transaction().execute(async (trx) => {
    const { caseRow } = await lockCaseAndOrder(trx, caseId);
    const check = checkAfterSalesTransition(caseRow.status, 'withdraw', caseRow.type, { kind: 'customer' });
    if (!check.ok) throw new AppError(409, 'ILLEGAL_TRANSITION', `${check.message}.`);
    await releaseCaseReservation(trx, caseRow);
    const after = await moveCase(
      trx,
      caseRow.id,
      { status: check.to, closedAt: ctx.at, slaDueAt: null, autoApproveAt: null, approvalStage: 'none' },
      ctx.at,
    );
    await recordCaseEvent(trx, {
      caseId: caseRow.id,
      kind: 'withdrawn',
      status: after.status,
      at: ctx.at,
      actor: await customerCaseActor(trx, caseRow.memberId),
      detail: { from: caseRow.status },
    });
    await writeAudit(trx, {
      ...ctx,
      action: 'withdraw',
      resource: 'after_sales_cases',
      resourceId: caseRow.id,
      before: { status: caseRow.status },
      after: { status: after.status },
    });
    const answer = await toChannelCase(trx, after);
    await alsoInTransaction(trx, answer);
    return answer;
  });
}
