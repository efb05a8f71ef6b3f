/**
 * Stock-count import: a row gives the counted stock of a SKU. The count becomes a delta
 * against the stock at that moment, computed and applied in the row's own transaction (the
 * SKU row locked, the conditional UPDATE backed by the CHECK), with a ledger line (reason
 * 'import') and an audit row; it never overwrites stock blindly. Applying a row twice in
 * one job changes stock once.
 */
import type { StockImportRow } from '@siyu/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AuditContext } from '../../lib/audit.js';
import { applyStockDelta } from '../stock/service.js';
import { RowError, type RowOutcome } from './import-rows.js';

export async function applyStockRow(
  db: Db,
  row: StockImportRow,
  context: { ctx: AuditContext; jobId: number; line: number },
): Promise<RowOutcome> {
  const { ctx } = context;
  return db.transaction().execute(async (trx) => {
    const sku = await trx
      .selectFrom('skus')
      .select(['id', 'stock'])
      .where(sql`lower(code)`, '=', row.sku_code.toLowerCase())
      .forUpdate()
      .executeTakeFirst();
    if (!sku) throw new RowError('sku_code', `There is no SKU with the code "${row.sku_code}".`);
    // A job run again after its runner died (jobs/runner.ts) skips the rows it already saved:
    // a SKU appears once per file, so its ledger line for this job marks the row as done, and
    // stock sold since then is not counted back.
    const done = await trx
      .selectFrom('inventoryMovements')
      .select('id')
      .where('skuId', '=', sku.id)
      .where('reference', '=', `job:${context.jobId}`)
      .executeTakeFirst();
    if (done) return 'applied';
    const delta = row.stock - sku.stock;
    if (delta === 0) return 'unchanged';
    const moved = await applyStockDelta(
      trx,
      sku.id,
      { delta, reason: 'import', reference: `job:${context.jobId}`, note: `CSV line ${context.line}` },
      ctx,
    );
    // The SKU row is locked and a count is never negative, so this is only a guard.
    if (!moved) throw new RowError('stock', 'The stock changed while importing; count again.');
    return 'applied';
  });
}
