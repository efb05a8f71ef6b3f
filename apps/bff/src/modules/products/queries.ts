/**
 * Reading products: the list filters, and the figures derived from a product's SKUs (price
 * range, total stock, low-stock count), computed in SQL from the SKU rows, never stored.
 */
import type { Product, ProductDetail, ProductFilter, Sku } from '@siyu/shared';
import { type Kysely, sql } from 'kysely';
import type { Database, ProductRow, SkuRow } from '../../db/schema.js';
import { likePattern, prefixPattern } from '../../lib/list.js';

type Summary = Pick<Product, 'minPrice' | 'maxPrice' | 'totalStock' | 'skuCount' | 'lowStockSkuCount'>;

const emptySummary: Summary = {
  minPrice: null,
  maxPrice: null,
  totalStock: 0,
  skuCount: 0,
  lowStockSkuCount: 0,
};

export async function skuSummaries(
  db: Kysely<Database>,
  productIds: number[],
): Promise<Map<number, Summary>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('skus')
    .select([
      'productId',
      sql<number>`min(price)`.as('minPrice'),
      sql<number>`max(price)`.as('maxPrice'),
      sql<number>`coalesce(sum(stock), 0)::bigint`.as('totalStock'),
      sql<number>`count(*)`.as('skuCount'),
      sql<number>`count(*) filter (where stock <= low_stock_threshold)`.as('lowStockSkuCount'),
    ])
    .where('productId', 'in', productIds)
    .groupBy('productId')
    .execute();
  return new Map(
    rows.map((r) => [
      r.productId,
      {
        minPrice: Number(r.minPrice),
        maxPrice: Number(r.maxPrice),
        totalStock: Number(r.totalStock),
        skuCount: Number(r.skuCount),
        lowStockSkuCount: Number(r.lowStockSkuCount),
      },
    ]),
  );
}

export function toProduct(row: ProductRow, summary: Summary | undefined): Product {
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    categoryId: row.categoryId,
    brand: row.brand,
    status: row.status,
    rejectReason: row.rejectReason,
    specDimensions: row.specDimensions,
    ...(summary ?? emptySummary),
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

/** Products with their summaries, in the order given. */
export async function withSummaries(db: Kysely<Database>, rows: ProductRow[]): Promise<Product[]> {
  const summaries = await skuSummaries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toProduct(row, summaries.get(row.id)));
}

export async function loadProductDetail(
  db: Kysely<Database>,
  id: number,
): Promise<ProductDetail | undefined> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [product] = await withSummaries(db, [row]);
  const skus = await db.selectFrom('skus').selectAll().where('productId', '=', id).orderBy('id').execute();
  return { ...(product as Product), descriptionHtml: row.descriptionHtml, skus: skus.map(toSku) };
}

/**
 * The filtered product list. Keyword: title contains (ILIKE), or a SKU's code or barcode
 * starts with it (btree prefix indexes); SKU conditions are `id IN (SELECT product_id …)`
 * so the planner can use the SKU indexes once rather than probe per product.
 */
export function filteredProducts(
  db: Kysely<Database>,
  filter: ProductFilter,
  categoryIds: number[] | undefined,
) {
  let base = db.selectFrom('products');
  if (filter.q) {
    const q = filter.q;
    base = base.where((eb) =>
      eb.or([
        eb('title', 'ilike', likePattern(q)),
        eb(
          'id',
          'in',
          eb
            .selectFrom('skus')
            .select('productId')
            .where((s) =>
              s.or([
                s(sql`lower(code)`, 'like', prefixPattern(q.toLowerCase())),
                s(sql`lower(barcode)`, 'like', prefixPattern(q.toLowerCase())),
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
    base = base.where((eb) => {
      let skus = eb.selectFrom('skus').select('productId');
      if (gte !== undefined) skus = skus.where('price', '>=', gte);
      if (lte !== undefined) skus = skus.where('price', '<=', lte);
      return eb('id', 'in', skus);
    });
  }
  if (filter.lowStock !== undefined) {
    const low = filter.lowStock;
    base = base.where((eb) => {
      const lowSkus = eb
        .selectFrom('skus')
        .select('productId')
        .where(sql<boolean>`stock <= low_stock_threshold`);
      return low ? eb('id', 'in', lowSkus) : eb('id', 'not in', lowSkus);
    });
  }
  if (filter.createdAt_gte) base = base.where('createdAt', '>=', new Date(filter.createdAt_gte));
  if (filter.createdAt_lte) base = base.where('createdAt', '<=', new Date(filter.createdAt_lte));
  return base;
}
