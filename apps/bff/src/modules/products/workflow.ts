/**
 * Status transitions (the machine lives in @siyu/shared) and the bulk shelf actions. A
 * product is locked while it moves; going on sale re-checks that it is sellable.
 */
import { type BulkResult, nextProductStatus, type ProductDetail, type ProductTransition } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { assertSellable, getProduct } from './service.js';

const RESOURCE = 'products';

export async function transitionProduct(
  db: Db,
  id: number,
  transition: ProductTransition,
  ctx: AuditContext,
  reason?: string,
): Promise<ProductDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('products')
      .select(['id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('product');
    const next = nextProductStatus(row.status, transition);
    if (!next) {
      throw new AppError(
        409,
        'ILLEGAL_TRANSITION',
        `A product that is ${row.status} cannot be moved by "${transition}".`,
      );
    }
    const before = await getProduct(trx, id);
    // A reviewer approves what is to be sold, so approval checks it as shelving does.
    if (next === 'active' || transition === 'approve') assertSellable(before.skus);
    const rejectReason =
      transition === 'reject' ? (reason ?? null) : transition === 'submit' ? null : before.rejectReason;
    await trx
      .updateTable('products')
      .set((eb) => ({ status: next, rejectReason, updatedAt: ctx.at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const after = await getProduct(trx, id);
    await writeAudit(trx, { ...ctx, action: transition, resource: RESOURCE, resourceId: id, before, after });
    return after;
  });
}

/** Each id moves in its own transaction, so one refusal does not undo the others. */
export async function bulkTransition(
  db: Db,
  ids: number[],
  transition: 'on_shelf' | 'off_shelf',
  ctx: AuditContext,
): Promise<BulkResult> {
  const data: BulkResult['data'] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await transitionProduct(db, id, transition, ctx);
      data.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      data.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { data };
}
