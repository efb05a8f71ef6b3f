/**
 * The list query every resource shares: paging, a sort whitelist, `ids=` for getMany and a
 * JSON `filter` parsed with the resource's strict schema (bad JSON or keys → 400 with fields).
 */
import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.js';
import { validationFailed } from './errors.js';
import { fieldsOf } from './zod-fields.js';

export type ListQuery<S extends string> = {
  page: number;
  perPage: number;
  sort?: S | undefined;
  order: 'ASC' | 'DESC';
  filter?: string | undefined;
  ids?: string | undefined;
};

export function parseFilter<F extends z.ZodType>(schema: F, raw: string | undefined): z.output<F> {
  let value: unknown = {};
  if (raw !== undefined && raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw validationFailed({ filter: 'filter must be a JSON object' }, 'The filter is not valid JSON.');
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(fieldsOf(result.error, 'filter'), 'The filter is not valid.');
  return result.data;
}

export function parseIds(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const ids = raw.split(',').map(Number);
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0))
    throw validationFailed({ ids: 'ids must be positive integers' });
  return [...new Set(ids)];
}

export function pageWindow(query: { page: number; perPage: number }): { limit: number; offset: number } {
  return { limit: query.perPage, offset: (query.page - 1) * query.perPage };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** `%` and `_` typed by a user are literal characters in a keyword search. */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** "Starts with", which a btree index (text_pattern_ops) can answer. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/**
 * One page of a filtered list and the list's total, as react-admin's getList wants them. The
 * sort column comes from the resource's whitelist (the query schema); `id` breaks ties so that
 * paging is stable. `total`, when given, answers the total instead of a count(*) of the filter
 * (a count the database keeps).
 */
export async function fetchPage<DB, TB extends keyof DB & string, Row>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  query: { page: number; perPage: number; order: 'ASC' | 'DESC'; sort?: string | undefined },
  toRecord: (row: Selectable<DB[TB]>) => Row,
  total?: () => Promise<number>,
): Promise<{ data: Row[]; total: number }> {
  const { limit, offset } = pageWindow(query);
  const direction = query.order === 'ASC' ? 'asc' : 'desc';
  const [rows, count] = await Promise.all([
    filtered
      .selectAll()
      .orderBy(sql.ref(query.sort ?? 'id'), direction)
      .orderBy(sql.ref('id'), direction)
      .limit(limit)
      .offset(offset)
      .execute(),
    total
      ? total()
      : filtered
          .select(sql<number | string>`count(*)`.as('total'))
          .executeTakeFirstOrThrow()
          .then((row) => Number((row as { total: number | string }).total)),
  ]);
  return { data: (rows as Selectable<DB[TB]>[]).map(toRecord), total: count };
}

/** The rows of a getMany (`?ids=1,2`): none asked, no query. */
export async function rowsByIds<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  ids: number[],
): Promise<Selectable<Database[T]>[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom(table as keyof Database)
    .selectAll()
    .where(sql.ref('id'), 'in', ids)
    .execute();
  return rows as Selectable<Database[T]>[];
}
