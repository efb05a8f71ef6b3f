/**
 * The product list as CSV, one row per SKU, for the whole filtered list: products are read in
 * batches by keyset (id > last id), each batch's SKUs and category names with it, and every
 * batch is written out before the next is read, so memory stays flat whatever the list size.
 * UTF-8 with a BOM (Excel then reads Chinese correctly); money in yuan with two decimals.
 */
import { formatFen, ProductFilter, productCsvColumns } from '@siyu/shared';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connect.js';
import { parseFilter } from '../../lib/list.js';
import { descendantIds } from '../categories/service.js';
import { filteredProducts } from '../products/queries.js';

const BATCH = 200;

const yuan = (fen: number | null) =>
  fen === null ? '' : formatFen(fen, { symbol: false }).replaceAll(',', '');

/** Text a spreadsheet would run as a formula gets a leading ' (the import removes it again). */
const guard = (text: string | null) => (text === null ? '' : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Parses the filter now (a bad one is a 400 before any byte is sent) and returns the rows to stream. */
export async function productCsvExport(
  db: Db,
  rawFilter: string | undefined,
): Promise<AsyncGenerator<string>> {
  const filter = parseFilter(ProductFilter, rawFilter);
  const categoryIds =
    filter.categoryId === undefined ? undefined : await descendantIds(db, filter.categoryId);
  return (async function* chunks() {
    yield `\uFEFF${stringify([[...productCsvColumns]])}`;
    let lastId = 0;
    for (;;) {
      const products = await filteredProducts(db, filter, categoryIds)
        .select(['id', 'title', 'subtitle', 'categoryId', 'status'])
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      const last = products.at(-1);
      if (!last) return;
      lastId = last.id;
      const ids = products.map((p) => p.id);
      const [skus, categories] = await Promise.all([
        db
          .selectFrom('skus')
          .selectAll()
          .where('productId', 'in', ids)
          .orderBy('productId')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('categories')
          .select(['id', 'name'])
          .where('id', 'in', [...new Set(products.map((p) => p.categoryId))])
          .execute(),
      ]);
      const byId = new Map(products.map((p) => [p.id, p]));
      const categoryName = new Map(categories.map((c) => [c.id, c.name]));
      const rows = skus.map((sku) => {
        const product = byId.get(sku.productId);
        return [
          sku.productId,
          guard(product?.title ?? ''),
          guard(product?.subtitle ?? null),
          guard(categoryName.get(product?.categoryId ?? 0) ?? ''),
          product?.status ?? '',
          sku.code,
          guard(sku.specValues.join('/')),
          yuan(sku.price),
          yuan(sku.originalPrice),
          yuan(sku.cost),
          sku.stock,
          guard(sku.barcode),
          sku.lowStockThreshold,
        ];
      });
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
