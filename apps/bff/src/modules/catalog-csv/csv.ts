/**
 * Reading an uploaded CSV (csv-parse): a BOM is dropped, header names are trimmed and
 * lower-cased, blank lines are skipped, and each data row keeps the file line it came from
 * (the header is line 1) so that errors point at it.
 */
import type { JobRowError } from '@siyu/shared';
import { CsvError, parse } from 'csv-parse/sync';

export type CsvRow = { line: number; cells: Record<string, string> };
export type CsvTable = { header: string[]; rows: CsvRow[] };

export class CsvFormatError extends Error {
  constructor(readonly error: JobRowError) {
    super(error.message);
  }
}

export function readCsv(text: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
      throw new CsvFormatError({
        line,
        column: null,
        message: `The file is not valid CSV: ${error.message}`,
      });
    }
    throw error;
  }
  const [first, ...rest] = records;
  if (!first) throw new CsvFormatError({ line: 1, column: null, message: 'The file has no header line.' });
  const header = first.record.map((name) => name.trim().toLowerCase());
  const rows = rest.map(({ record, info }) => {
    const cells: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name !== '' && !(name in cells)) cells[name] = record[i] ?? '';
    });
    return { line: info.lines, cells };
  });
  return { header, rows };
}

/** The header must name every required column. */
export function missingColumns(header: string[], required: readonly string[]): string[] {
  return required.filter((name) => !header.includes(name));
}
