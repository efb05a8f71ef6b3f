/**
 * CS marks a return's goods received, each case line's units split into sellable and damaged
 * (every unit of every line, exactly once). Sellable units go back on the shelf through the
 * stock ledger (`refund_restock`, reference after-sales:<caseNo>); damaged ones do not; a SKU
 * deleted since is skipped, and the timeline says so. When everything came back sellable the
 * refund starts by itself (the system's step, right after); otherwise CS starts it by hand,
 * possibly for less, and the case waits for them under the SLA.
 */
import type { AfterSalesReceive } from '@siyu/shared';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow, Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, validationFailed } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { restockReturn } from '../orders/stock-moves.js';
import { recentSettings } from '../settings/service.js';
import { recordCaseEvent, staffCaseActor } from './case-events.js';
import { moveCase } from './case-move.js';
import { caseTransition, slaDueFrom, staffCaseDecider, systemCaseDecider } from './case-transition.js';
import { lockCaseAndOrder } from './lock.js';
import { startRefund } from './refund-start.js';
import { stockLinesOf } from './stock-lines.js';

type CaseLine = { id: number; quantity: number; skuId: number | null; skuCode: string };
type Condition = { caseItemId: number; sellable: number; damaged: number };

/** Each line of the case exactly once, its units all accounted for; 400 with fields otherwise. */
function conditionsOf(lines: readonly CaseLine[], input: AfterSalesReceive): Condition[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const seen = new Set<number>();
  const fields: Record<string, string> = {};
  input.items.forEach((item, i) => {
    const line = byId.get(item.caseItemId);
    if (!line) fields[`items.${i}.caseItemId`] = 'not a line of this case';
    else if (seen.has(item.caseItemId)) fields[`items.${i}.caseItemId`] = 'this line is listed twice';
    else if (item.sellable + item.damaged !== line.quantity)
      fields[`items.${i}.sellable`] = `sellable + damaged must be the ${line.quantity} units returned`;
    seen.add(item.caseItemId);
  });
  const missing = lines.filter((l) => !seen.has(l.id));
  if (missing.length > 0 && Object.keys(fields).length === 0)
    fields.items = `say the condition of every returned line (${missing.length} missing)`;
  if (Object.keys(fields).length > 0)
    throw validationFailed(fields, 'The returned goods do not match the case.');
  return input.items.map(({ caseItemId, sellable, damaged }) => ({ caseItemId, sellable, damaged }));
}

async function recordConditions(trx: Kysely<Database>, caseId: number, conditions: readonly Condition[]) {
  const values = sql.join(
    conditions.map((c) => sql`(${c.caseItemId}::bigint, ${c.sellable}::integer, ${c.damaged}::integer)`),
  );
  await sql`
    update after_sales_items i
       set sellable_quantity = v.sellable, damaged_quantity = v.damaged
      from (values ${values}) as v (id, sellable, damaged)
     where i.id = v.id and i.case_id = ${caseId}`.execute(trx);
}

export type Received = { caseRow: AfterSalesCaseRow; refundId: number | null };

export async function receiveReturn(
  db: Db,
  caseId: number,
  input: AfterSalesReceive,
  ctx: AuditContext,
  options: { expectedVersion?: number | undefined } = {},
): Promise<Received> {
  const settings = await recentSettings(db);
  const received = await db.transaction().execute(async (trx) => {
    const { caseRow } = await lockCaseAndOrder(trx, caseId);
    const to = caseTransition(caseRow, 'receive_return', staffCaseDecider(ctx));
    if (options.expectedVersion !== undefined && caseRow.version !== options.expectedVersion)
      throw versionConflict();
    const lines: CaseLine[] = await trx
      .selectFrom('afterSalesItems')
      .innerJoin('orderItems', 'orderItems.id', 'afterSalesItems.orderItemId')
      .select(['afterSalesItems.id', 'afterSalesItems.quantity', 'orderItems.skuId', 'orderItems.skuCode'])
      .where('afterSalesItems.caseId', '=', caseId)
      .orderBy('afterSalesItems.id')
      .execute();
    const conditions = conditionsOf(lines, input);
    await recordConditions(trx, caseId, conditions);

    const byId = new Map(lines.map((l) => [l.id, l]));
    const sellable = conditions.flatMap((c) => {
      const line = byId.get(c.caseItemId) as CaseLine;
      return c.sellable > 0 ? [{ ...line, units: c.sellable }] : [];
    });
    const stockLines = stockLinesOf(sellable);
    const moved = new Set(
      (await restockReturn(trx, stockLines, `after-sales:${caseRow.caseNo}`, ctx)).map((m) => m.id),
    );
    const restocked = sellable.filter((l) => l.skuId !== null && moved.has(l.skuId));
    const skipped = sellable.filter((l) => l.skuId === null || !moved.has(l.skuId));

    const after = await moveCase(
      trx,
      caseId,
      // CS must act unless the refund starts by itself (which clears it).
      { status: to, receivedAt: ctx.at, slaDueAt: slaDueFrom(ctx.at, settings.csSlaHours) },
      ctx.at,
    );
    const actor = await staffCaseActor(trx, ctx);
    await recordCaseEvent(trx, {
      caseId,
      kind: 'received',
      status: after.status,
      at: ctx.at,
      actor,
      detail: { items: conditions, ...(input.note && { note: input.note }) },
    });
    if (sellable.length > 0)
      await recordCaseEvent(trx, {
        caseId,
        kind: 'restocked',
        status: after.status,
        at: ctx.at,
        actor,
        detail: {
          restocked: restocked.map((l) => ({ skuCode: l.skuCode, quantity: l.units })),
          ...(skipped.length > 0 && {
            skipped: skipped.map((l) => ({
              skuCode: l.skuCode,
              quantity: l.units,
              why: 'the SKU was deleted',
            })),
          }),
        },
      });
    await writeAudit(trx, {
      ...ctx,
      action: 'receive',
      resource: 'after_sales_cases',
      resourceId: caseId,
      before: { status: caseRow.status },
      after: { status: after.status, items: conditions, skippedSkus: skipped.map((l) => l.skuCode) },
    });
    return { caseRow: after, allSellable: conditions.every((c) => c.damaged === 0) };
  });
  if (!received.allSellable) return { caseRow: received.caseRow, refundId: null };
  return startRefundOfReceived(db, caseId, ctx, settings.timeZone, received.caseRow);
}

/**
 * Everything came back sellable: the system starts the refund for the approved amount, in its
 * own transaction so the receipt stands even when the order can no longer refund it (then CS
 * sees the case, due under the SLA, and the reason when they start it).
 */
async function startRefundOfReceived(
  db: Db,
  caseId: number,
  ctx: AuditContext,
  timeZone: string,
  receivedCase: AfterSalesCaseRow,
): Promise<Received> {
  try {
    return await db.transaction().execute(async (trx) => {
      const held = await lockCaseAndOrder(trx, caseId);
      const started = await startRefund(
        trx,
        {
          ...held,
          decider: systemCaseDecider,
          eventActor: { kind: 'system', id: null, name: 'system' },
          timeZone,
        },
        { ...ctx, actor: { id: null, name: 'system', role: 'system' } },
      );
      return { caseRow: started.caseRow, refundId: started.refund.id };
    });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { caseRow: receivedCase, refundId: null };
    throw error;
  }
}
