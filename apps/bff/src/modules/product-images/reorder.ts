/**
 * A new gallery order for a product's images. The product row is locked (as uploads lock it),
 * so the list checked here is the list reordered: the new order must name each image exactly
 * once, else nothing changes. Each moved image gets its own audit row (sortOrder before/after).
 */
import type { ProductImage, ProductImageOrder } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import { toProductImage } from './service.js';

const RESOURCE = 'product_images';

export async function reorderProductImages(
  db: Db,
  productId: number,
  input: ProductImageOrder,
  ctx: AuditContext,
): Promise<ProductImage[]> {
  return db.transaction().execute(async (trx) => {
    const product = await trx
      .selectFrom('products')
      .select('id')
      .where('id', '=', productId)
      .forUpdate()
      .executeTakeFirst();
    if (!product) throw notFound('product');
    const rows = await trx
      .selectFrom('productImages')
      .selectAll()
      .where('productId', '=', productId)
      .orderBy('sortOrder')
      .orderBy('id')
      .forUpdate()
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const wanted = input.imageIds;
    if (
      wanted.length !== rows.length ||
      new Set(wanted).size !== wanted.length ||
      !wanted.every((id) => byId.has(id))
    )
      throw validationFailed({
        imageIds: `must list each of the product's ${rows.length} images exactly once`,
      });

    const reordered = [];
    for (const [sortOrder, id] of wanted.entries()) {
      const row = byId.get(id);
      if (!row) continue; // checked above
      if (row.sortOrder === sortOrder) {
        reordered.push(toProductImage(row));
        continue;
      }
      const updated = await trx
        .updateTable('productImages')
        .set({ sortOrder })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, {
        ...ctx,
        action: 'update',
        resource: RESOURCE,
        resourceId: id,
        before: { sortOrder: row.sortOrder },
        after: { sortOrder },
      });
      reordered.push(toProductImage(updated));
    }
    return reordered;
  });
}
