/** The two CSV import jobs (a product import may also create products): queue one (header checked up front), and run one (the runner calls it). */
import {
  type JobKind,
  type JobRowError,
  MAX_IMPORT_ROWS,
  ProductImportRow,
  StockImportRow,
  stockImportColumns,
} from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../deps.js';
import type { AuditContext } from '../../lib/audit.js';
import { validationFailed } from '../../lib/errors.js';
import { enqueueJob } from '../jobs/service.js';
import { CsvFormatError, type CsvTable, missingColumns, readCsv } from './csv.js';
import { importRows } from './import-rows.js';
import { planNewProducts } from './new-products.js';
import { applyProductRow, type ProductTexts, productColumnOfField } from './product-import.js';
import { applyStockRow } from './stock-import.js';

/** The job kinds this module runs (the runner sends the others elsewhere). */
export type CatalogImportKind = Extract<JobKind, 'products_import' | 'stock_import'>;

const requiredColumns: Record<CatalogImportKind, readonly string[]> = {
  products_import: ['sku_code'],
  stock_import: stockImportColumns,
};

function checkedTable(kind: CatalogImportKind, csv: string): CsvTable {
  const table = readCsv(csv);
  const missing = missingColumns(table.header, requiredColumns[kind]);
  if (missing.length > 0)
    throw new CsvFormatError({ line: 1, column: null, message: `The header lacks: ${missing.join(', ')}.` });
  if (table.rows.length > MAX_IMPORT_ROWS)
    throw new CsvFormatError({
      line: 0,
      column: null,
      message: `At most ${MAX_IMPORT_ROWS} rows per file; split it.`,
    });
  return table;
}

/** A file that cannot be read at all (bad CSV, missing columns) is a 400 now, not a failed job later. */
export async function queueImport(
  db: Db,
  kind: CatalogImportKind,
  csv: string,
  ctx: AuditContext,
): Promise<number> {
  let table: CsvTable;
  try {
    table = checkedTable(kind, csv);
  } catch (error) {
    if (error instanceof CsvFormatError) throw validationFailed({ csv: error.message }, error.message);
    throw error;
  }
  return enqueueJob(db, { kind, total: table.rows.length, input: csv }, ctx);
}

export type ImportOutcome = { errors: JobRowError[]; result: Record<string, number> };

export async function runImport(
  deps: Deps,
  job: { id: number; kind: CatalogImportKind; input: string },
  ctxAt: () => AuditContext,
  progress: (done: number) => Promise<void>,
): Promise<ImportOutcome> {
  let table: CsvTable;
  try {
    table = checkedTable(job.kind, job.input);
  } catch (error) {
    if (error instanceof CsvFormatError) return { errors: [error.error], result: { applied: 0, failed: 0 } };
    throw error;
  }
  const common = { rows: table.rows, progress, logger: deps.logger };
  if (job.kind === 'products_import') {
    const before: ProductTexts = new Map();
    const newProducts = await planNewProducts(deps.db, table);
    const outcome = await importRows({
      ...common,
      schema: ProductImportRow,
      codeOf: (row) => row.sku_code,
      columnOfField: productColumnOfField,
      apply: (row, line) =>
        newProducts.apply(line, ctxAt()) ?? applyProductRow(deps.db, row, ctxAt(), before),
    });
    return { ...outcome, result: { ...outcome.result, created: newProducts.created() } };
  }
  return importRows({
    ...common,
    schema: StockImportRow,
    codeOf: (row) => row.sku_code,
    columnOfField: () => 'stock',
    apply: (row, line) => applyStockRow(deps.db, row, { ctx: ctxAt(), jobId: job.id, line }),
  });
}
