/**
 * Every change of a case holds its order first, then the case (FOR UPDATE, always in that
 * order, so two steps on one order never deadlock): refunds are capped by the order's totals.
 */
import type { Kysely } from 'kysely';
import type { AfterSalesCaseRow, Database, OrderRow } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';

/** Locks the order then the case; 404 when the case does not exist. */
export async function lockCaseAndOrder(
  trx: Kysely<Database>,
  caseId: number,
): Promise<{ caseRow: AfterSalesCaseRow; order: OrderRow }> {
  // A case never moves to another order: reading its order id unlocked is safe.
  const ref = await trx
    .selectFrom('afterSalesCases')
    .select('orderId')
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!ref) throw notFound('after-sales case');
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', ref.orderId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const caseRow = await trx
    .selectFrom('afterSalesCases')
    .selectAll()
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { caseRow, order };
}
