import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/** The image types an upload may be: checked against the file's own magic bytes. */
export const imageContentTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const ImageContentType = z.enum(imageContentTypes).meta({ id: 'ImageContentType' });
export type ImageContentType = z.infer<typeof ImageContentType>;

/** Decoded size limit of one image (the base64 JSON body stays under the 1 MB body limit). */
export const MAX_IMAGE_BYTES = 700 * 1024;
/** A product shows at most this many images (a WeChat-style gallery of nine). */
export const MAX_IMAGES_PER_PRODUCT = 9;

export const ProductImageUpload = z
  .strictObject({
    filename: z.string().trim().min(1).max(120),
    contentType: ImageContentType,
    // Base64 of the file; the decoded size is checked by the server (413 above MAX_IMAGE_BYTES).
    dataBase64: z.string().min(1).max(1_048_576),
  })
  .meta({ id: 'ProductImageUpload' });
export type ProductImageUpload = z.infer<typeof ProductImageUpload>;

/** A new gallery order: each of the product's images exactly once; the first is the main image. */
export const ProductImageOrder = z
  .strictObject({ imageIds: z.array(Id).min(1).max(MAX_IMAGES_PER_PRODUCT) })
  .meta({ id: 'ProductImageOrder' });
export type ProductImageOrder = z.infer<typeof ProductImageOrder>;

export const ProductImage = z
  .object({
    id: Id,
    productId: Id,
    key: z.string(),
    /** Where the SPA loads it from: /api/files/<key> (immutable, cacheable for a year). */
    url: z.string(),
    filename: z.string(),
    contentType: ImageContentType,
    bytes: z.number().int().nonnegative(),
    width: z.number().int().positive().nullable(),
    height: z.number().int().positive().nullable(),
    sortOrder: z.number().int(),
    createdAt: Timestamp,
  })
  .meta({ id: 'ProductImage' });
export type ProductImage = z.infer<typeof ProductImage>;

export const ProductImageParams = z.object({ id: Id, imageId: Id });
