/**
 * Internal notes on a case (never shown to the customer): events of kind `note` on the case's
 * timeline. The audit row keeps the note's length, not its text, which may hold a buyer's
 * details and the audit log is read more widely than the case.
 */
import type { AfterSalesNote, CaseEvent } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';
import { recordCaseEvent, staffCaseActor } from './case-events.js';

export async function addCaseNote(
  db: Db,
  caseId: number,
  input: AfterSalesNote,
  ctx: AuditContext,
): Promise<CaseEvent> {
  return db.transaction().execute(async (trx) => {
    const caseRow = await trx
      .selectFrom('afterSalesCases')
      .select(['id', 'status'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    if (!caseRow) throw notFound('after-sales case');
    const event = await recordCaseEvent(trx, {
      caseId,
      kind: 'note',
      status: caseRow.status,
      at: ctx.at,
      actor: await staffCaseActor(trx, ctx),
      detail: { body: input.body },
    });
    await writeAudit(trx, {
      ...ctx,
      action: 'note',
      resource: 'after_sales_cases',
      resourceId: caseId,
      after: { eventId: event.id, length: input.body.length },
    });
    return event;
  });
}
