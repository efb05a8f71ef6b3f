/**
 * Product images: upload (magic-byte check, size limit, nine per product), list, delete.
 * The file goes to the FileStore first and the row is written after, in a transaction that
 * locks the product (so two uploads cannot both be the ninth); a failed write removes the
 * file again. A deleted image's file is removed after its row is gone.
 */
import { randomBytes } from 'node:crypto';
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_PRODUCT,
  type ProductImage,
  type ProductImageUpload,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { ProductImageRow } from '../../db/product-images-table.js';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound, validationFailed } from '../../lib/errors.js';
import type { FileStore } from '../../lib/file-store.js';
import { extensionOf, sniffImage } from '../../lib/image-sniff.js';

const RESOURCE = 'product_images';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const fileUrl = (key: string) => `/api/files/${key}`;

export function toProductImage(row: ProductImageRow): ProductImage {
  return {
    id: row.id,
    productId: row.productId,
    key: row.key,
    url: fileUrl(row.key),
    filename: row.filename,
    contentType: row.contentType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    sortOrder: row.sortOrder,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Decodes and checks an upload: real base64, within the size limit, the declared type is the real one. */
export function checkUpload(input: ProductImageUpload) {
  const data = input.dataBase64.replace(/\s+/g, '');
  if (data.length % 4 !== 0 || !BASE64.test(data)) throw validationFailed({ dataBase64: 'not valid base64' });
  const bytes = new Uint8Array(Buffer.from(data, 'base64'));
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      `The image is too large (${Math.ceil(bytes.length / 1024)} KB; ${MAX_IMAGE_BYTES / 1024} KB at most).`,
      { dataBase64: `${MAX_IMAGE_BYTES / 1024} KB at most` },
    );
  }
  if (bytes.length === 0) throw validationFailed({ dataBase64: 'the file is empty' });
  const sniffed = sniffImage(bytes);
  if (!sniffed) {
    throw validationFailed(
      { dataBase64: 'not a PNG, JPEG or WebP image' },
      'Only PNG, JPEG and WebP images.',
    );
  }
  if (sniffed.contentType !== input.contentType) {
    throw validationFailed(
      { contentType: `the file is ${sniffed.contentType}, not ${input.contentType}` },
      'The declared type does not match the file.',
    );
  }
  return { bytes, ...sniffed };
}

export async function listProductImages(db: Kysely<Database>, productId: number): Promise<ProductImage[]> {
  const product = await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!product) throw notFound('product');
  const rows = await db
    .selectFrom('productImages')
    .selectAll()
    .where('productId', '=', productId)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
  return rows.map(toProductImage);
}

export async function uploadProductImage(
  db: Db,
  store: FileStore,
  productId: number,
  input: ProductImageUpload,
  ctx: AuditContext,
): Promise<ProductImage> {
  const image = checkUpload(input);
  const exists = await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!exists) throw notFound('product');
  // 128 random bits: the key is the file's public name and cannot be guessed.
  const key = `${randomBytes(16).toString('hex')}.${extensionOf(image.contentType)}`;
  await store.put(key, image.bytes, image.contentType);
  try {
    return await db.transaction().execute(async (trx) => {
      const product = await trx
        .selectFrom('products')
        .select('id')
        .where('id', '=', productId)
        .forUpdate()
        .executeTakeFirst();
      if (!product) throw notFound('product');
      const { n, last } = await trx
        .selectFrom('productImages')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('sortOrder').as('last')])
        .where('productId', '=', productId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_IMAGES_PER_PRODUCT) {
        throw new AppError(
          422,
          'BUSINESS_RULE',
          `A product has ${MAX_IMAGES_PER_PRODUCT} images at most; delete one first.`,
        );
      }
      const row = await trx
        .insertInto('productImages')
        .values({
          productId,
          key,
          filename: input.filename,
          contentType: image.contentType,
          bytes: image.bytes.length,
          width: image.width,
          height: image.height,
          sortOrder: last === null ? 0 : Number(last) + 1,
          createdAt: ctx.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = toProductImage(row);
      await writeAudit(trx, {
        ...ctx,
        action: 'create',
        resource: RESOURCE,
        resourceId: row.id,
        after: created,
      });
      return created;
    });
  } catch (error) {
    await store.delete(key).catch(() => {});
    throw error;
  }
}

export async function deleteProductImage(
  db: Db,
  store: FileStore,
  productId: number,
  imageId: number,
  ctx: AuditContext,
): Promise<void> {
  const removed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('productImages')
      .where('id', '=', imageId)
      .where('productId', '=', productId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('image');
    const before = toProductImage(row);
    await writeAudit(trx, { ...ctx, action: 'delete', resource: RESOURCE, resourceId: row.id, before });
    return row;
  });
  await store.delete(removed.key);
}

export async function readFile(store: FileStore, key: string) {
  const file = await store.get(key);
  if (!file) throw notFound('file');
  return file;
}
