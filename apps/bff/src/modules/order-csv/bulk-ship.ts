/**
 * Bulk shipping from a CSV file (order_no, carrier, tracking_no) as a background job: queue one
 * (the file is read and its header checked up front), and run one (the runner calls it) through
 * the catalog imports' row loop: each row on its own, progress as it goes, errors by line and
 * column. Result counts: shipped, skipped (already shipped with that parcel), failed.
 */
import { BulkShipRow, bulkShipColumns, carriers, type JobRowError, MAX_BULK_SHIP_ROWS } from '@siyu/shared';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import type { AuditContext } from '../../lib/audit.js';
import { validationFailed } from '../../lib/errors.js';
import { CsvFormatError, type CsvTable, missingColumns, readCsv } from '../catalog-csv/csv.js';
import { importRows } from '../catalog-csv/import-rows.js';
import { enqueueJob } from '../jobs/service.js';
import { shipRow } from './ship-row.js';

function checkedTable(csv: string): CsvTable {
  const table = readCsv(csv);
  const missing = missingColumns(table.header, bulkShipColumns);
  if (missing.length > 0)
    throw new CsvFormatError({ line: 1, column: null, message: `The header lacks: ${missing.join(', ')}.` });
  if (table.rows.length > MAX_BULK_SHIP_ROWS)
    throw new CsvFormatError({
      line: 0,
      column: null,
      message: `At most ${MAX_BULK_SHIP_ROWS} rows per file; split it.`,
    });
  return table;
}

/** A file that cannot be read at all (bad CSV, missing columns) is refused now, not a failed job later. */
export async function queueBulkShip(db: Db, csv: string, ctx: AuditContext): Promise<number> {
  let table: CsvTable;
  try {
    table = checkedTable(csv);
  } catch (error) {
    if (error instanceof CsvFormatError) throw validationFailed({ csv: error.message }, error.message);
    throw error;
  }
  return enqueueJob(db, { kind: 'orders_bulk_ship', total: table.rows.length, input: csv }, ctx);
}

export async function runBulkShip(
  deps: Deps,
  job: { input: string },
  ctxAt: () => AuditContext,
  progress: (done: number) => Promise<void>,
): Promise<{ errors: JobRowError[]; result: { shipped: number; skipped: number; failed: number } }> {
  let table: CsvTable;
  try {
    table = checkedTable(job.input);
  } catch (error) {
    if (error instanceof CsvFormatError)
      return { errors: [error.error], result: { shipped: 0, skipped: 0, failed: 0 } };
    throw error;
  }
  // Every row is its own key: the loop's duplicate check is for SKU codes. A row repeated is
  // skipped as already shipped; another parcel for a shipped order is refused by the ship rule.
  let row = 0;
  const { errors, result } = await importRows({
    rows: table.rows,
    schema: BulkShipRow,
    codeOf: () => String(row++),
    apply: (cells) => shipRow(deps.db, cells, ctxAt()),
    progress,
    logger: deps.logger,
  });
  return { errors, result: { shipped: result.applied, skipped: result.unchanged, failed: result.failed } };
}

/** The file to fill in: the header and one example row. */
export const bulkShipTemplate = () =>
  `\uFEFF${stringify([[...bulkShipColumns], ['20260512048213377519', carriers.SF.nameZh, carriers.SF.example]])}`;
