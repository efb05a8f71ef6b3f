/**
 * The product list as CSV, one row per SKU, for the whole filtered list: products are read in
 * batches by keyset on (sort column, id), in the list's own order, each batch's SKUs and
 * category names with it, and every batch is written out before the next is read, so memory
 * stays flat whatever the list size.
 * UTF-8 with a BOM (Excel then reads Chinese correctly); money in yuan with two decimals; the
 * category as its full path and specs as "颜色:红/尺码:S", so that rows copied with a new
 * sku_code and no product_id import as a new product.
 */
import {
  CATEGORY_PATH_SEPARATOR,
  formatFen,
  formatSpecs,
  ProductFilter,
  productCsvColumns,
  type productSortFields,
} from '@siyu/shared';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { parseFilter } from '../../lib/list.js';
import { descendantIds } from '../categories/service.js';
import { withPaths } from '../categories/tree.js';
import { filteredProducts } from '../products/queries.js';

const BATCH = 200;

export const yuan = (fen: number | null) =>
  fen === null ? '' : formatFen(fen, { symbol: false }).replaceAll(',', '');

/** Text a spreadsheet would run as a formula gets a leading ' (the import removes it again). */
export const guard = (text: string | null) =>
  text === null ? '' : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;

type SortField = (typeof productSortFields)[number];
export type ExportOrder = { sort: SortField; order: 'ASC' | 'DESC' };

/**
 * The keyset cursor carries the sort value as text and casts it back in SQL: a timestamp read
 * into a JS Date would lose its microseconds, and the next batch would repeat rows.
 */
const sqlTypeOf: Record<SortField, string> = {
  id: 'bigint',
  title: 'text',
  status: 'text',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
  minPrice: 'bigint',
  totalStock: 'bigint',
  lowStockSkuCount: 'integer',
};

/**
 * The rows after the cursor in the list's order: (sort, id) compared as a row, with NULL (a
 * product without SKUs has no price) ordered as PostgreSQL orders it, last ascending and
 * first descending, as the list does.
 */
function afterCursor(sort: SortField, order: ExportOrder['order'], key: string | null, id: number) {
  const column = sql.ref(sort);
  const value = sql`cast(${key} as ${sql.raw(sqlTypeOf[sort])})`;
  if (order === 'ASC')
    return key === null
      ? sql<boolean>`(${column} is null and products.id > ${id})`
      : sql<boolean>`(${column} is null or (${column}, products.id) > (${value}, ${id}))`;
  return key === null
    ? sql<boolean>`(${column} is not null or products.id < ${id})`
    : sql<boolean>`(${column} is not null and (${column}, products.id) < (${value}, ${id}))`;
}

/** Parses the filter now (a bad one is a 400 before any byte is sent) and returns the rows to stream. */
export async function productCsvExport(
  db: Db,
  rawFilter: string | undefined,
  { sort, order }: ExportOrder = { sort: 'id', order: 'ASC' },
): Promise<AsyncGenerator<string>> {
  const filter = parseFilter(ProductFilter, rawFilter);
  const direction = order === 'ASC' ? 'asc' : 'desc';
  const sortColumn = sql.ref(sort);
  const categoryIds =
    filter.categoryId === undefined ? undefined : await descendantIds(db, filter.categoryId);
  return (async function* chunks() {
    yield `\uFEFF${stringify([[...productCsvColumns]])}`;
    let last: { id: number; key: string | null } | undefined;
    for (;;) {
      let batch = filteredProducts(db, filter, categoryIds)
        .select([
          'id',
          'title',
          'subtitle',
          'categoryId',
          'status',
          'specDimensions',
          sql<string | null>`${sortColumn}::text`.as('sortKey'),
        ])
        .orderBy(sortColumn, direction)
        .orderBy('id', direction)
        .limit(BATCH);
      // The next batch starts right after the last product written.
      if (last) batch = batch.where(afterCursor(sort, order, last.key, last.id));
      const products = await batch.execute();
      const tail = products.at(-1);
      if (!tail) return;
      last = { id: tail.id, key: tail.sortKey };
      const ids = products.map((p) => p.id);
      const [skus, categories] = await Promise.all([
        db.selectFrom('skus').selectAll().where('productId', 'in', ids).orderBy('id').execute(),
        db
          .selectFrom('categories')
          .selectAll()
          .where('id', 'in', [...new Set(products.map((p) => p.categoryId))])
          .execute()
          .then((rows) => withPaths(db, rows)),
      ]);
      const categoryPath = new Map(categories.map((c) => [c.id, c.path.join(CATEGORY_PATH_SEPARATOR)]));
      const skusOf = new Map<number, typeof skus>();
      for (const sku of skus) {
        const list = skusOf.get(sku.productId);
        if (list) list.push(sku);
        else skusOf.set(sku.productId, [sku]);
      }
      // Rows follow the products' order (the list's sort), each product's SKUs by id.
      const rows = products.flatMap((product) =>
        (skusOf.get(product.id) ?? []).map((sku) => [
          product.id,
          guard(product.title),
          guard(product.subtitle),
          guard(categoryPath.get(product.categoryId) ?? ''),
          product.status,
          sku.code,
          guard(
            formatSpecs(
              product.specDimensions.map((d) => d.name),
              sku.specValues,
            ),
          ),
          yuan(sku.price),
          yuan(sku.originalPrice),
          yuan(sku.cost),
          sku.stock,
          guard(sku.barcode),
          sku.lowStockThreshold,
        ]),
      );
      if (rows.length > 0) yield stringify(rows);
    }
  })();
}

/** An async generator of text as a byte stream that pulls one batch at a time. */
export function toByteStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
