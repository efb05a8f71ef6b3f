/**
 * Reading products: the list filters, the list page and a product with its SKUs. The figures
 * derived from a product's SKUs (price range, total stock, SKU and low-stock counts) are kept
 * on the product row by the database itself (triggers, migration 0005), so they sort, filter
 * and read like any column.
 */
import type { Product, ProductDetail, ProductFilter, productSortFields, Sku } from '@siyu/shared';
import { type ColumnType, type Kysely, type Selectable, sql } from 'kysely';
import type { Database, SkuRow } from '../../db/schema.js';
import { type ListQuery, likePattern, pageWindow, prefixPattern } from '../../lib/list.js';

/**
 * The figures migration 0005 keeps on each product row (triggers on `skus`), declared here
 * beside their only reader and merged into the database type with `withTables`.
 */
export interface ProductFiguresColumns {
  minPrice: ColumnType<number | null, never, never>;
  maxPrice: ColumnType<number | null, never, never>;
  totalStock: ColumnType<number, never, never>;
  skuCount: ColumnType<number, never, never>;
  lowStockSkuCount: ColumnType<number, never, never>;
  /** lower(title), generated: the keyword scan matches it with a plain LIKE. */
  titleSearch: ColumnType<string, never, never>;
}

type ProductsDatabase = Database & { products: ProductFiguresColumns };
export type ProductListRow = Selectable<ProductsDatabase['products']>;

export const withFigures = (db: Kysely<Database>): Kysely<ProductsDatabase> =>
  db.withTables<{ products: ProductFiguresColumns }>();

export function toProduct(row: ProductListRow): Product {
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    categoryId: row.categoryId,
    brand: row.brand,
    status: row.status,
    rejectReason: row.rejectReason,
    specDimensions: row.specDimensions,
    minPrice: row.minPrice === null ? null : Number(row.minPrice),
    maxPrice: row.maxPrice === null ? null : Number(row.maxPrice),
    totalStock: Number(row.totalStock),
    skuCount: row.skuCount,
    lowStockSkuCount: row.lowStockSkuCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toSku(row: SkuRow): Sku {
  return {
    id: row.id,
    productId: row.productId,
    code: row.code,
    specValues: row.specValues,
    price: row.price,
    originalPrice: row.originalPrice,
    cost: row.cost,
    stock: row.stock,
    lowStockThreshold: row.lowStockThreshold,
    weightGrams: row.weightGrams,
    barcode: row.barcode,
    version: row.version,
  };
}

/** getMany: the products with these ids. */
export async function productsByIds(db: Kysely<Database>, ids: number[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  const rows = await withFigures(db).selectFrom('products').selectAll().where('id', 'in', ids).execute();
  return rows.map(toProduct);
}

export async function loadProductDetail(
  db: Kysely<Database>,
  id: number,
): Promise<ProductDetail | undefined> {
  const row = await withFigures(db)
    .selectFrom('products')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const skus = await db.selectFrom('skus').selectAll().where('productId', '=', id).orderBy('id').execute();
  return { ...toProduct(row), descriptionHtml: row.descriptionHtml, skus: skus.map(toSku) };
}

/**
 * The filtered product list. Keyword: title contains (a LIKE on the stored lower-cased title),
 * or a SKU's code or barcode starts with it (btree prefix indexes); SKU conditions are
 * `id IN (SELECT product_id …)` so the planner can use the SKU indexes once rather than probe
 * per product. Low stock reads the product's kept count (partial index).
 */
export function filteredProducts(
  db: Kysely<Database>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
) {
  let base = withFigures(db).selectFrom('products');
  if (filter.q) {
    const q = filter.q.toLowerCase();
    base = base.where((eb) =>
      eb.or([
        eb('titleSearch', 'like', likePattern(q)),
        eb(
          'id',
          'in',
          eb
            .selectFrom('skus')
            .select('productId')
            .where((s) =>
              s.or([
                s(sql`lower(code)`, 'like', prefixPattern(q)),
                s(sql`lower(barcode)`, 'like', prefixPattern(q)),
              ]),
            ),
        ),
      ]),
    );
  }
  if (categoryIds) base = base.where('categoryId', 'in', categoryIds);
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.price_gte !== undefined || filter.price_lte !== undefined) {
    const { price_gte: gte, price_lte: lte } = filter;
    // The kept price range rules out, by index, the products that cannot have such a SKU.
    if (gte !== undefined) base = base.where('maxPrice', '>=', gte);
    if (lte !== undefined) base = base.where('minPrice', '<=', lte);
    base = base.where((eb) => {
      let skus = eb.selectFrom('skus').select('productId');
      if (gte !== undefined) skus = skus.where('price', '>=', gte);
      if (lte !== undefined) skus = skus.where('price', '<=', lte);
      return eb('id', 'in', skus);
    });
  }
  if (filter.lowStock !== undefined) base = base.where('lowStockSkuCount', filter.lowStock ? '>' : '=', 0);
  if (filter.createdAt_gte) base = base.where('createdAt', '>=', new Date(filter.createdAt_gte));
  if (filter.createdAt_lte) base = base.where('createdAt', '<=', new Date(filter.createdAt_lte));
  return base;
}

export type ProductSortField = (typeof productSortFields)[number];

/**
 * One page of the filtered list and its total, as the BFF runs them (the benchmark compiles
 * these builders to time the same SQL directly). Every sort field is a column with an index,
 * the derived figures included; `id` breaks ties so that paging is stable. A product without
 * a price sorts as the most expensive (PostgreSQL's NULL order).
 */
export function productListStatements(
  db: Kysely<Database>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
  query: ListQuery<ProductSortField>,
) {
  const { limit, offset } = pageWindow(query);
  const direction = query.order === 'ASC' ? 'asc' : 'desc';
  const filtered = filteredProducts(db, filter, categoryIds);
  const page = filtered
    .selectAll()
    .orderBy(sql.ref(query.sort ?? 'id'), direction)
    .orderBy('id', direction)
    .limit(limit)
    .offset(offset);
  const count = filtered.select(sql<number>`count(*)`.as('total'));
  return { page, count };
}

export async function productListPage(
  db: Kysely<Database>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
  query: ListQuery<ProductSortField>,
): Promise<{ data: Product[]; total: number }> {
  const { page, count } = productListStatements(db, filter, categoryIds, query);
  const [rows, counted] = await Promise.all([page.execute(), count.executeTakeFirstOrThrow()]);
  return { data: rows.map(toProduct), total: Number(counted.total) };
}
