/**
 * Reading products: the list filters, the list page and a product with its SKUs. The figures
 * derived from a product's SKUs (price range, total stock, SKU and low-stock counts) are kept
 * on the product row by the database itself (triggers, migration 0005), so they sort, filter
 * and read like any column.
 */
import type { Product, ProductDetail, ProductFilter, productSortFields, Sku } from '@siyu/shared';
import {
  type ColumnType,
  type Expression,
  type Kysely,
  type QueryCreator,
  type Selectable,
  sql,
} from 'kysely';
import type { Database, SkuRow } from '../../db/schema.js';
import { type ListQuery, pageWindow, prefixPattern } from '../../lib/list.js';

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
  /** lower(title), generated: the keyword scan looks for the lower-cased keyword in it. */
  titleSearch: ColumnType<string, never, never>;
}

type ProductsDatabase = Database & { products: ProductFiguresColumns };
export type ProductListRow = Selectable<ProductsDatabase['products']>;

export const withFigures = (db: Kysely<Database>): Kysely<ProductsDatabase> =>
  db.withTables<{ products: ProductFiguresColumns }>();

/** What a list row shows: not the description (rich text of any length) nor the search copies. */
const listColumns = [
  'id',
  'title',
  'subtitle',
  'categoryId',
  'brand',
  'status',
  'rejectReason',
  'specDimensions',
  'shippingTemplateId',
  'minPrice',
  'maxPrice',
  'totalStock',
  'skuCount',
  'lowStockSkuCount',
  'createdAt',
  'updatedAt',
  'version',
] as const satisfies readonly (keyof ProductListRow)[];

export function toProduct(row: Pick<ProductListRow, (typeof listColumns)[number]>): Product {
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    categoryId: row.categoryId,
    brand: row.brand,
    status: row.status,
    rejectReason: row.rejectReason,
    specDimensions: row.specDimensions,
    shippingTemplateId: row.shippingTemplateId,
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
  const rows = await withFigures(db)
    .selectFrom('products')
    .select(listColumns)
    .where('id', 'in', ids)
    .execute();
  return rows.map(toProduct);
}

export async function loadProductDetail(
  db: Kysely<Database>,
  id: number,
): Promise<ProductDetail | undefined> {
  const row = await withFigures(db)
    .selectFrom('products')
    .select([...listColumns, 'descriptionHtml'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const skus = await db.selectFrom('skus').selectAll().where('productId', '=', id).orderBy('id').execute();
  return { ...toProduct(row), descriptionHtml: row.descriptionHtml, skus: skus.map(toSku) };
}

/** The ids of the products a keyword matches, gathered once per list page (WITH). */
interface KeywordHits {
  keywordHits: { id: number };
}
type ListDatabase = ProductsDatabase & KeywordHits;

/**
 * The ids a keyword matches: the title contains it, or a SKU's code or barcode starts with
 * it. Each part reads its own index (the title's grams by GIN, migration 0010, then `strpos`
 * for the titles that really contain it; code and barcode by a prefix range), instead of an
 * OR with a semi-join that read the whole products table per keyword.
 */
function keywordMatches(db: Kysely<Database>, keyword: string) {
  const q = keyword.toLowerCase();
  return withFigures(db)
    .selectFrom('products')
    .select('id')
    .where(sql<boolean>`${sql.ref('titleGrams')} @> text_grams(${q})`)
    .where(sql`strpos(${sql.ref('titleSearch')}, ${q})`, '>', 0)
    .union(db.selectFrom('skus').select('productId as id').where(sql`lower(code)`, 'like', prefixPattern(q)))
    .union(
      db.selectFrom('skus').select('productId as id').where(sql`lower(barcode)`, 'like', prefixPattern(q)),
    );
}

/** No `keywordHits` is declared by this creator; only queries that filter by keyword name it. */
const plainCreator = (db: Kysely<Database>) => withFigures(db) as unknown as QueryCreator<ListDatabase>;

/**
 * The filters on a products query made by `from`; `keywordIds` selects the ids the keyword
 * matches (gathered inline when not given).
 *
 * Keyword: the products are read by id, `id = any(array(…))`.
 *
 * Price range, "has a SKU priced within [gte, lte]", from the kept range of each product:
 * one bound alone is decided by it (max_price ≥ gte, min_price ≤ lte); with both, a product
 * whose range overlaps the window has its cheapest SKU inside when min_price ≥ gte and its
 * dearest inside when max_price ≤ lte, so only a product whose range straddles the whole
 * window has its SKUs looked at.
 */
function narrowed(
  db: Kysely<Database>,
  from: QueryCreator<ListDatabase>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
  keywordIds?: Expression<{ id: number }>,
) {
  let base = from.selectFrom('products');
  if (filter.q) {
    const ids = keywordIds ?? keywordMatches(db, filter.q);
    base = base.where('id', '=', sql<number>`any(array(${ids}))`);
  }
  if (categoryIds) base = base.where('categoryId', 'in', categoryIds);
  if (filter.status) base = base.where('status', '=', filter.status);
  const { price_gte: gte, price_lte: lte } = filter;
  if (gte !== undefined) base = base.where('maxPrice', '>=', gte);
  if (lte !== undefined) base = base.where('minPrice', '<=', lte);
  if (gte !== undefined && lte !== undefined) {
    base = base.where((eb) =>
      eb.or([
        eb('minPrice', '>=', gte),
        eb('maxPrice', '<=', lte),
        eb.exists(
          eb
            .selectFrom('skus')
            .select(sql.lit(1).as('one'))
            .whereRef('skus.productId', '=', 'products.id')
            .where('skus.price', '>=', gte)
            .where('skus.price', '<=', lte),
        ),
      ]),
    );
  }
  if (filter.lowStock !== undefined) base = base.where('lowStockSkuCount', filter.lowStock ? '>' : '=', 0);
  if (filter.createdAt_gte) base = base.where('createdAt', '>=', new Date(filter.createdAt_gte));
  if (filter.createdAt_lte) base = base.where('createdAt', '<=', new Date(filter.createdAt_lte));
  return base;
}

/** The filtered product list as one self-contained query (the CSV export pages through it). */
export function filteredProducts(
  db: Kysely<Database>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
) {
  return narrowed(db, plainCreator(db), filter, categoryIds);
}

export type ProductSortField = (typeof productSortFields)[number];

/**
 * One page of the filtered list with its total, as the BFF runs them (the benchmark compiles
 * these builders to time the same SQL directly). Every sort field is a column with an index,
 * the derived figures included; `id` breaks ties so that paging is stable. A product without
 * a price sorts as the most expensive (PostgreSQL's NULL order).
 *
 * The total rides on the page: every row carries it, from a scalar subquery PostgreSQL runs
 * once, so a page is one round trip instead of two; the keyword's ids are gathered once for
 * both (WITH). A page past the end has no row to carry it: `count` is the same count on its
 * own, for that case.
 */
export function productListStatements(
  db: Kysely<Database>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
  query: ListQuery<ProductSortField>,
) {
  const { limit, offset } = pageWindow(query);
  const direction = query.order === 'ASC' ? 'asc' : 'desc';
  const plain = plainCreator(db);
  const keyword = filter.q;
  const outer: QueryCreator<ListDatabase> = keyword
    ? withFigures(db).with('keywordHits', () => keywordMatches(db, keyword))
    : plain;
  const keywordIds = keyword ? plain.selectFrom('keywordHits').select('id') : undefined;
  const total = narrowed(db, plain, filter, categoryIds, keywordIds).select(
    sql<number>`count(*)`.as('total'),
  );
  const page = narrowed(db, outer, filter, categoryIds, keywordIds)
    .select(listColumns)
    .select(total.as('total'))
    .orderBy(sql.ref(query.sort ?? 'id'), direction)
    .orderBy('id', direction)
    .limit(limit)
    .offset(offset);
  const count = filteredProducts(db, filter, categoryIds).select(sql<number>`count(*)`.as('total'));
  return { page, count, offset };
}

export async function productListPage(
  db: Kysely<Database>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
  query: ListQuery<ProductSortField>,
): Promise<{ data: Product[]; total: number }> {
  const { page, count, offset } = productListStatements(db, filter, categoryIds, query);
  const rows = await page.execute();
  const first = rows[0];
  // An empty page: nothing matched at all, or the page lies past the end.
  let total = 0;
  if (first) total = Number(first.total);
  else if (offset > 0) total = Number((await count.executeTakeFirstOrThrow()).total);
  return { data: rows.map(toProduct), total };
}
