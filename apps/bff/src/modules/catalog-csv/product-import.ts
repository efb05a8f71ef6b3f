/**
 * Product import of existing SKUs (rows of new products: new-products.ts): a row names a SKU
 * by code and sets its price, original price, cost, barcode and low-stock threshold, and its
 * product's title and subtitle. A row goes
 * through updateProduct (one transaction, version bump, audit, the "on sale" rules), so it
 * is saved whole or not at all; a row that changes nothing writes nothing.
 *
 * Title and subtitle belong to the product but repeat on each of its SKU rows. A cell that
 * still holds the value the product had when the import first met it is no change: editing
 * the title on one SKU row of an exported file is not undone by the product's other rows.
 */
import type { ProductImportRow, ProductUpdate, SkuUpdate } from '@siyu/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AuditContext } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { updateProduct } from '../products/service.js';
import { RowError, type RowOutcome } from './import-rows.js';

const columnOfSkuField: Record<string, string> = {
  price: 'price',
  originalPrice: 'original_price',
  cost: 'cost',
  barcode: 'barcode',
  lowStockThreshold: 'low_stock_threshold',
  code: 'sku_code',
  title: 'title',
  subtitle: 'subtitle',
};

export const productColumnOfField = (field: string) =>
  columnOfSkuField[field.split('.').at(-1) ?? ''] ?? null;

/** Per import: each product's title and subtitle as they were before the import changed them. */
export type ProductTexts = Map<number, { title: string; subtitle: string | null }>;

/** Why a row naming an unknown SKU code is not a new product (see new-products.ts). */
function unknownSku(row: ProductImportRow) {
  return new RowError(
    'sku_code',
    row.product_id
      ? `There is no SKU with the code "${row.sku_code}" in product ${row.product_id}: add SKUs to an existing product on its edit page, or leave product_id empty to create a new product.`
      : `There is no SKU with the code "${row.sku_code}". To create a product with it, add the columns category, title and price (and specs).`,
  );
}

export async function applyProductRow(
  db: Db,
  row: ProductImportRow,
  ctx: AuditContext,
  before: ProductTexts,
): Promise<RowOutcome> {
  // A concurrent edit between reading the version and saving is retried once with fresh values.
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(db, row, ctx, before);
    } catch (error) {
      if (attempt < 2 && error instanceof AppError && error.code === 'VERSION_CONFLICT') continue;
      throw error;
    }
  }
}

async function applyOnce(
  db: Db,
  row: ProductImportRow,
  ctx: AuditContext,
  before: ProductTexts,
): Promise<RowOutcome> {
  const current = await db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.productId')
    .select([
      'skus.id as skuId',
      'skus.price',
      'skus.originalPrice',
      'skus.cost',
      'skus.barcode',
      'skus.lowStockThreshold',
      'products.id as productId',
      'products.title',
      'products.subtitle',
      'products.version',
    ])
    .where(sql`lower(skus.code)`, '=', row.sku_code.toLowerCase())
    .executeTakeFirst();
  if (!current) throw unknownSku(row);

  const sku: SkuUpdate = { id: current.skuId };
  if (row.price !== undefined && row.price !== current.price) sku.price = row.price;
  if (row.original_price !== undefined && row.original_price !== current.originalPrice)
    sku.originalPrice = row.original_price;
  if (row.cost !== undefined && row.cost !== current.cost) sku.cost = row.cost;
  if (row.barcode !== undefined && row.barcode !== current.barcode) sku.barcode = row.barcode;
  if (row.low_stock_threshold !== undefined && row.low_stock_threshold !== current.lowStockThreshold)
    sku.lowStockThreshold = row.low_stock_threshold;

  const original = before.get(current.productId) ?? { title: current.title, subtitle: current.subtitle };
  before.set(current.productId, original);
  const patch: ProductUpdate = {};
  if (row.title !== undefined && row.title !== original.title && row.title !== current.title)
    patch.title = row.title;
  if (row.subtitle !== undefined && row.subtitle !== original.subtitle && row.subtitle !== current.subtitle)
    patch.subtitle = row.subtitle;
  if (Object.keys(sku).length > 1) patch.skus = [sku];
  if (Object.keys(patch).length === 0) return 'unchanged';

  await updateProduct(db, current.productId, current.version, patch, ctx);
  return 'applied';
}
