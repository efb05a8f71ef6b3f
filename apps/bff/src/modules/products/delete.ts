/**
 * Deleting a product is for mistakes that never reached the shop: only a draft or rejected
 * product (the status machine has no way back to either from approval, so it has never been on
 * sale) whose SKUs have no order movement in the ledger. Order lines, when they exist, will
 * reference SKUs without cascade, so a foreign-key refusal means the same thing.
 *
 * The ledger is kept: its rows lose their SKU/product link (ON DELETE SET NULL) but keep the
 * code, and any stock left is written off first, so every code's ledger still adds up. The
 * audit row holds the whole product, SKUs and images. Image files are removed from the store
 * after the commit: a file without a row is only litter, a row without its file would be a
 * broken picture.
 */
import { isDeletableStatus, type ProductDetail } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { isForeignKeyViolation } from '../../lib/db-errors.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { FileStore } from '../../lib/file-store.js';
import type { Logger } from '../../lib/logger.js';
import { toProductImage } from '../product-images/service.js';
import { applyStockDelta } from '../stock/service.js';
import { getProduct } from './service.js';

/** Ledger reasons that mean the product was sold (or reserved for an order). */
const saleReasons = ['order_reserve', 'cancel_release', 'refund_restock'] as const;

const notDeletable = (message: string) => new AppError(422, 'BUSINESS_RULE', message);
const onSale = () =>
  notDeletable('This product has order history and cannot be deleted; take it off the shelf.');

export async function deleteProduct(
  db: Db,
  store: FileStore,
  logger: Logger,
  id: number,
  ctx: AuditContext,
): Promise<ProductDetail> {
  let removed: { product: ProductDetail; keys: string[] };
  try {
    removed = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('products')
        .select(['id', 'status'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound('product');
      if (!isDeletableStatus(row.status)) {
        throw notDeletable('Only a draft or rejected product can be deleted; take it off the shelf instead.');
      }
      const sold = await trx
        .selectFrom('inventoryMovements')
        .select('id')
        .where('productId', '=', id)
        .where('reason', 'in', saleReasons)
        .limit(1)
        .executeTakeFirst();
      if (sold) throw onSale();
      const product = await getProduct(trx, id);
      const images = (
        await trx
          .selectFrom('productImages')
          .selectAll()
          .where('productId', '=', id)
          .orderBy('sortOrder')
          .execute()
      ).map(toProductImage);
      for (const sku of product.skus.filter((s) => s.stock > 0)) {
        await applyStockDelta(
          trx,
          sku.id,
          { delta: -sku.stock, reason: 'manual_adjust', reference: `product:${id}`, note: 'product deleted' },
          ctx,
        );
      }
      await trx.deleteFrom('productImages').where('productId', '=', id).execute();
      await trx.deleteFrom('skus').where('productId', '=', id).execute();
      await trx.deleteFrom('products').where('id', '=', id).execute();
      await writeAudit(trx, {
        ...ctx,
        action: 'delete',
        resource: 'products',
        resourceId: id,
        before: { ...product, images },
      });
      return { product, keys: images.map((image) => image.key) };
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw onSale();
    throw error;
  }
  const results = await Promise.allSettled(removed.keys.map((key) => store.delete(key)));
  results.forEach((result, i) => {
    if (result.status === 'rejected')
      logger.error('product image file not removed', { key: removed.keys[i], error: String(result.reason) });
  });
  return removed.product;
}
