/**
 * Who works a case: CS claims an unassigned one for themselves, or a case is assigned to a
 * colleague who may decide it (refunds:approve: customer service or an admin), or unassigned.
 * Final cases are nobody's work any more.
 */
import { can, finalAfterSalesStatuses } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow, Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { recordCaseEvent, staffCaseActor } from './case-events.js';
import { moveCase } from './case-move.js';
import { lockCaseAndOrder } from './lock.js';

function assertOpen(caseRow: AfterSalesCaseRow) {
  if ((finalAfterSalesStatuses as readonly string[]).includes(caseRow.status))
    throw new AppError(409, 'ILLEGAL_TRANSITION', `A case that is ${caseRow.status} cannot be assigned.`);
}

async function assign(
  trx: Kysely<Database>,
  caseRow: AfterSalesCaseRow,
  assignee: { id: number; name: string } | null,
  kind: 'claimed' | 'assigned',
  ctx: AuditContext,
) {
  const after = await moveCase(trx, caseRow.id, { assigneeId: assignee?.id ?? null }, ctx.at);
  await recordCaseEvent(trx, {
    caseId: caseRow.id,
    kind,
    status: after.status,
    at: ctx.at,
    actor: await staffCaseActor(trx, ctx),
    detail: { assigneeId: assignee?.id ?? null, assigneeName: assignee?.name ?? null },
  });
  await writeAudit(trx, {
    ...ctx,
    action: kind === 'claimed' ? 'claim' : 'assign',
    resource: 'after_sales_cases',
    resourceId: caseRow.id,
    before: { assigneeId: caseRow.assigneeId },
    after: { assigneeId: after.assigneeId },
  });
}

/** The signed-in user takes the case; 409 when a colleague already has it. */
export async function claimCase(db: Db, caseId: number, ctx: AuditContext): Promise<void> {
  const userId = ctx.actor.id;
  if (userId === null) throw new AppError(403, 'FORBIDDEN', 'Only staff can claim a case.');
  await db.transaction().execute(async (trx) => {
    const { caseRow } = await lockCaseAndOrder(trx, caseId);
    assertOpen(caseRow);
    if (caseRow.assigneeId === userId) return;
    if (caseRow.assigneeId !== null)
      throw new AppError(409, 'CONFLICT', 'A colleague has already claimed this case.');
    const me = await staffCaseActor(trx, ctx);
    await assign(trx, caseRow, { id: userId, name: me.name ?? ctx.actor.name }, 'claimed', ctx);
  });
}

/** Gives the case to a colleague who may decide it (or to nobody). */
export async function assignCase(
  db: Db,
  caseId: number,
  assigneeId: number | null,
  ctx: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { caseRow } = await lockCaseAndOrder(trx, caseId);
    assertOpen(caseRow);
    let assignee: { id: number; name: string } | null = null;
    if (assigneeId !== null) {
      const user = await trx
        .selectFrom('staffUsers')
        .select(['id', 'displayName', 'role', 'disabled'])
        .where('id', '=', assigneeId)
        .executeTakeFirst();
      if (!user || user.disabled || !can(user.role, 'refunds', 'approve'))
        throw new AppError(
          422,
          'BUSINESS_RULE',
          'Cases go to an enabled colleague who may decide refunds (customer service or admin).',
          { assigneeId: 'not an enabled customer-service or admin user' },
        );
      assignee = { id: user.id, name: user.displayName };
    }
    if (caseRow.assigneeId === assigneeId) return;
    await assign(trx, caseRow, assignee, 'assigned', ctx);
  });
}
