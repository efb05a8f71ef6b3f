import { z } from 'zod';
import { ProductStatus } from '../domain/productStatus.js';
import { skuGridProblems } from '../domain/skuGrid.js';
import { Id, listQuery, shortText, Timestamp, Version } from './common.js';

/** An amount in integer fen: never a float, never negative, at most ¥100,000,000. */
export const FenAmount = z.number().int().min(0).max(10_000_000_000).meta({ id: 'FenAmount' });

const SpecValue = shortText(20);

export const SpecDimension = z
  .strictObject({
    name: shortText(20),
    values: z
      .array(SpecValue)
      .min(1)
      .max(30)
      .refine((values) => new Set(values).size === values.length, 'values must differ'),
  })
  .meta({ id: 'SpecDimension' });
export type SpecDimension = z.infer<typeof SpecDimension>;

const SpecDimensions = z
  .array(SpecDimension)
  .max(3)
  .refine((dims) => new Set(dims.map((d) => d.name)).size === dims.length, 'dimension names must differ');

export const SkuCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, . _ - (40 at most)');
const Barcode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,32}$/, 'digits or letters (32 at most)');
const Stock = z.number().int().min(0).max(10_000_000);
const Threshold = z.number().int().min(0).max(1_000_000);
const Weight = z.number().int().min(0).max(1_000_000);

export const Sku = z
  .object({
    id: z.number().int(),
    productId: z.number().int(),
    code: z.string(),
    specValues: z.array(z.string()),
    price: FenAmount,
    originalPrice: FenAmount.nullable(),
    cost: FenAmount.nullable(),
    stock: z.number().int(),
    lowStockThreshold: z.number().int(),
    weightGrams: z.number().int().nullable(),
    barcode: z.string().nullable(),
    version: Version,
  })
  .meta({ id: 'Sku' });
export type Sku = z.infer<typeof Sku>;

/** A product row in lists: price range and total stock are derived from its SKUs. */
export const Product = z
  .object({
    id: z.number().int(),
    title: z.string(),
    subtitle: z.string().nullable(),
    categoryId: z.number().int(),
    brand: z.string().nullable(),
    status: ProductStatus,
    rejectReason: z.string().nullable(),
    specDimensions: z.array(SpecDimension),
    /** The product's shipping template (运费模板); null: it ships free. */
    shippingTemplateId: z.number().int().nullable(),
    minPrice: FenAmount.nullable(),
    maxPrice: FenAmount.nullable(),
    totalStock: z.number().int(),
    skuCount: z.number().int(),
    lowStockSkuCount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

export const ProductDetail = Product.extend({
  descriptionHtml: z.string(),
  skus: z.array(Sku),
}).meta({ id: 'ProductDetail' });
export type ProductDetail = z.infer<typeof ProductDetail>;

export const SkuInput = z
  .strictObject({
    specValues: z.array(SpecValue).max(3),
    code: SkuCode,
    price: FenAmount,
    originalPrice: FenAmount.nullable().optional(),
    cost: FenAmount.nullable().optional(),
    stock: Stock,
    lowStockThreshold: Threshold.optional(),
    weightGrams: Weight.nullable().optional(),
    barcode: Barcode.nullable().optional(),
  })
  .meta({ id: 'SkuInput' });
export type SkuInput = z.infer<typeof SkuInput>;

const DescriptionHtml = z.string().max(200_000);

export const ProductCreate = z
  .strictObject({
    title: shortText(100),
    subtitle: z.string().trim().max(200).nullable().optional(),
    categoryId: Id,
    brand: z.string().trim().max(50).nullable().optional(),
    descriptionHtml: DescriptionHtml.optional(),
    specDimensions: SpecDimensions.default([]),
    /** None (or null): the product ships free. */
    shippingTemplateId: Id.nullable().optional(),
    skus: z.array(SkuInput).min(1).max(1000),
  })
  .superRefine((input, ctx) => {
    for (const [path, message] of Object.entries(skuGridProblems(input.specDimensions, input.skus))) {
      ctx.addIssue({
        code: 'custom',
        path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message,
      });
    }
    const codes = input.skus.map((s) => s.code.toLowerCase());
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i)
        ctx.addIssue({ code: 'custom', path: ['skus', i, 'code'], message: 'code used twice' });
    });
  })
  .meta({ id: 'ProductCreate' });
export type ProductCreate = z.infer<typeof ProductCreate>;

/**
 * Edits of an existing SKU; stock is never set here, only changed by a stock adjustment.
 * `specValues` moves the SKU to another cell of the grid: it is how a renamed spec value or a
 * first spec dimension keeps the SKU (and its stock and ledger) instead of replacing it.
 */
export const SkuUpdate = z
  .strictObject({
    id: Id,
    specValues: z.array(SpecValue).max(3).optional(),
    code: SkuCode.optional(),
    price: FenAmount.optional(),
    originalPrice: FenAmount.nullable().optional(),
    cost: FenAmount.nullable().optional(),
    lowStockThreshold: Threshold.optional(),
    weightGrams: Weight.nullable().optional(),
    barcode: Barcode.nullable().optional(),
  })
  .meta({ id: 'SkuUpdate' });
export type SkuUpdate = z.infer<typeof SkuUpdate>;

/**
 * An edit. When it touches the grid (`specDimensions`, `addSkus`, `removeSkuIds` or a SKU's
 * `specValues`), the SKUs the product ends with must be exactly the grid of its final
 * dimensions; the server checks that against the stored SKUs (editedGrid).
 */
export const ProductUpdate = z
  .strictObject({
    title: shortText(100).optional(),
    subtitle: z.string().trim().max(200).nullable().optional(),
    categoryId: Id.optional(),
    brand: z.string().trim().max(50).nullable().optional(),
    descriptionHtml: DescriptionHtml.optional(),
    /** null: ship free from now on. */
    shippingTemplateId: Id.nullable().optional(),
    /** The full new list of spec dimensions. */
    specDimensions: SpecDimensions.optional(),
    skus: z.array(SkuUpdate).max(1000).optional(),
    /** New SKUs, with their opening stock (written to the ledger). */
    addSkus: z.array(SkuInput).max(1000).optional(),
    removeSkuIds: z.array(Id).max(1000).optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, string>();
    const check = (code: string | undefined, path: (string | number)[]) => {
      if (code === undefined) return;
      const key = code.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path, message: 'code used twice' });
      else seen.set(key, path.join('.'));
    };
    input.skus?.forEach((s, i) => {
      check(s.code, ['skus', i, 'code']);
    });
    input.addSkus?.forEach((s, i) => {
      check(s.code, ['addSkus', i, 'code']);
    });
    input.skus?.forEach((s, i) => {
      if (input.skus?.findIndex((other) => other.id === s.id) !== i)
        ctx.addIssue({ code: 'custom', path: ['skus', i, 'id'], message: 'SKU listed twice' });
    });
  })
  .meta({ id: 'ProductUpdate' });
export type ProductUpdate = z.infer<typeof ProductUpdate>;

export const ProductReject = z.strictObject({ reason: shortText(200) }).meta({ id: 'ProductReject' });
export type ProductReject = z.infer<typeof ProductReject>;

export const NoBody = z.strictObject({});

export const BulkIds = z.strictObject({ ids: z.array(Id).min(1).max(200) }).meta({ id: 'BulkIds' });
export type BulkIds = z.infer<typeof BulkIds>;

export const ProductFilter = z
  .strictObject({
    q: z.string().trim().max(100).optional(),
    categoryId: Id.optional(),
    status: ProductStatus.optional(),
    price_gte: FenAmount.optional(),
    price_lte: FenAmount.optional(),
    lowStock: z.boolean().optional(),
    createdAt_gte: Timestamp.optional(),
    createdAt_lte: Timestamp.optional(),
  })
  .meta({ id: 'ProductFilter' });
export type ProductFilter = z.infer<typeof ProductFilter>;

/** minPrice, totalStock and lowStockSkuCount are derived from the SKUs (sorted server-side too). */
export const productSortFields = [
  'id',
  'title',
  'status',
  'createdAt',
  'updatedAt',
  'minPrice',
  'totalStock',
  'lowStockSkuCount',
] as const;
export const ProductListQuery = listQuery(productSortFields);
