/**
 * The product_images table as Kysely sees it, merged into `Database` here so this feature
 * adds its table without editing the shared schema file.
 */
import type { ImageContentType } from '@siyu/shared';
import type { Generated, Selectable } from 'kysely';

export interface ProductImagesTable {
  id: Generated<number>;
  productId: number;
  key: string;
  filename: string;
  contentType: ImageContentType;
  bytes: number;
  width: number | null;
  height: number | null;
  sortOrder: Generated<number>;
  createdAt: Generated<Date>;
}

export type ProductImageRow = Selectable<ProductImagesTable>;

declare module './schema.js' {
  interface Database {
    productImages: ProductImagesTable;
  }
}
