/**
 * What every change of a case writes besides its own fields: the time and a new version (so a
 * CS console's If-Match sees it). Callers hold the order and the case (lockCaseAndOrder).
 */
import type { Kysely, Updateable } from 'kysely';
import type { AfterSalesCaseRow, AfterSalesCasesTable, Database } from '../../db/schema.js';

export type CaseChanges = Omit<Updateable<AfterSalesCasesTable>, 'version' | 'updatedAt' | 'id'>;

export async function moveCase(
  trx: Kysely<Database>,
  caseId: number,
  changes: CaseChanges,
  at: Date,
): Promise<AfterSalesCaseRow> {
  return trx
    .updateTable('afterSalesCases')
    .set((eb) => ({ ...changes, updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', caseId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
