/**
 * The loop every CSV import shares: validate each row with its zod schema, apply each good row
 * on its own (the apply function runs its own transaction, so a failed row writes nothing),
 * collect (line, column, message) for the others, and report progress as it goes.
 */
import type { JobRowError } from '@siyu/shared';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { CsvRow } from './csv.js';

/** A row refused on purpose, pointing at the cell at fault. */
export class RowError extends Error {
  constructor(
    readonly column: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** At most this many errors are kept on the job (the counts stay exact). */
const MAX_STORED_ERRORS = 1000;
const PROGRESS_EVERY = 50;

export type RowOutcome = 'applied' | 'unchanged';

export async function importRows<S extends z.ZodType>(options: {
  rows: CsvRow[];
  schema: S;
  codeOf: (row: z.output<S>) => string;
  apply: (row: z.output<S>, line: number) => Promise<RowOutcome>;
  /** Maps a field of a service's error (e.g. skus.0.price) to a CSV column. */
  columnOfField?: (field: string) => string | null;
  progress: (done: number) => Promise<void>;
  logger: Logger;
}): Promise<{ errors: JobRowError[]; result: { applied: number; unchanged: number; failed: number } }> {
  const errors: JobRowError[] = [];
  const seen = new Map<string, number>();
  let applied = 0;
  let unchanged = 0;
  let failed = 0;
  const fail = (rowErrors: JobRowError[]) => {
    failed++;
    for (const error of rowErrors) if (errors.length < MAX_STORED_ERRORS) errors.push(error);
  };
  for (const [index, { line, cells }] of options.rows.entries()) {
    const parsed = options.schema.safeParse(cells);
    if (!parsed.success) {
      const byColumn = new Map<string, string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (!byColumn.has(column)) byColumn.set(column, issue.message);
      }
      fail([...byColumn].map(([column, message]) => ({ line, column: column || null, message })));
    } else {
      const code = options.codeOf(parsed.data).toLowerCase();
      const earlier = seen.get(code);
      if (earlier !== undefined) {
        fail([{ line, column: 'sku_code', message: `this SKU code is already on line ${earlier}` }]);
      } else {
        seen.set(code, line);
        try {
          const outcome = await options.apply(parsed.data, line);
          if (outcome === 'applied') applied++;
          else unchanged++;
        } catch (error) {
          fail([rowErrorOf(error, line, options.columnOfField, options.logger)]);
        }
      }
    }
    if ((index + 1) % PROGRESS_EVERY === 0) await options.progress(index + 1);
  }
  return { errors, result: { applied, unchanged, failed } };
}

function rowErrorOf(
  error: unknown,
  line: number,
  columnOfField: ((field: string) => string | null) | undefined,
  logger: Logger,
): JobRowError {
  if (error instanceof RowError) return { line, column: error.column, message: error.message };
  if (error instanceof AppError) {
    const [field, message] = Object.entries(error.fields ?? {})[0] ?? [];
    return {
      line,
      column: field && columnOfField ? columnOfField(field) : null,
      message: message ? `${error.message} (${message})` : error.message,
    };
  }
  logger.error('import row failed', { line, error: error instanceof Error ? error.stack : String(error) });
  return {
    line,
    column: null,
    message: 'This row could not be saved (unexpected error); nothing was written.',
  };
}
