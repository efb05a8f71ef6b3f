/**
 * The catalog's CSV files: the export's columns (one row per SKU), and the rows the product
 * and stock imports accept, validated cell by cell (every cell arrives as text). An issue's
 * path is the column's header name, so a bad cell is reported as (line, column, message).
 */
import { z } from 'zod';
import { parseYuan } from '../domain/money.js';
import { SkuCode } from './products.js';

/** Export columns, in order; the product import reads the same names back. */
export const productCsvColumns = [
  'product_id',
  'title',
  'subtitle',
  'category',
  'status',
  'sku_code',
  'specs',
  'price',
  'original_price',
  'cost',
  'stock',
  'barcode',
  'low_stock_threshold',
] as const;
export type ProductCsvColumn = (typeof productCsvColumns)[number];

/**
 * A row naming an existing SKU changes only these; the others (stock, status, specs, …) are
 * ignored when present.
 */
export const productImportColumns = [
  'sku_code',
  'title',
  'subtitle',
  'price',
  'original_price',
  'cost',
  'barcode',
  'low_stock_threshold',
] as const;
/**
 * A row whose sku_code is new and whose product_id is empty describes a new product (created
 * as a draft): rows with the same title and category form one product, one row per SKU.
 */
export const productCreateColumns = [
  'title',
  'category',
  'sku_code',
  'specs',
  'price',
  'subtitle',
  'original_price',
  'cost',
  'stock',
  'barcode',
  'low_stock_threshold',
] as const;
export const stockImportColumns = ['sku_code', 'stock'] as const;

/** "美妆个护 › 面部护理 › 洁面"; the import also reads > and / between the names. */
export const CATEGORY_PATH_SEPARATOR = ' › ';
export const splitCategoryPath = (text: string) =>
  text
    .split(/[›>/]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');

/** A SKU's specs as "颜色:红/尺码:S": each value with its dimension's name, in dimension order. */
export const formatSpecs = (names: readonly string[], values: readonly string[]) =>
  values.map((value, i) => `${names[i] ?? ''}:${value}`).join('/');

export type NamedSpec = { name: string; value: string };

/** Reads "颜色:红/尺码:S" (a full-width ： works too); undefined when a part has no name. */
export function parseSpecs(text: string): NamedSpec[] | undefined {
  if (text.trim() === '') return [];
  const specs: NamedSpec[] = [];
  for (const part of text.split('/')) {
    const match = /^([^:：]*)[:：](.*)$/.exec(part);
    const name = match?.[1]?.trim() ?? '';
    const value = match?.[2]?.trim() ?? '';
    if (name === '' || value === '') return undefined;
    specs.push({ name, value });
  }
  return specs;
}

/** At most this many data rows per import file (the body is 1 MB at most anyway). */
export const MAX_IMPORT_ROWS = 20_000;

/** Body of POST /api/products/import and /api/stock/import: the CSV file's text. */
export const CsvImportBody = z
  .strictObject({ csv: z.string().min(1, 'the file is empty').max(1_000_000) })
  .meta({ id: 'CsvImportBody' });
export type CsvImportBody = z.infer<typeof CsvImportBody>;

/** Spreadsheet formula guard: the export prefixes risky text cells with ', the import drops it. */
export const unguardCell = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

const yuanCell = z.string().transform((text, ctx) => {
  const fen = parseYuan(text);
  if (fen === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an amount in yuan (e.g. 99.00)` });
    return z.NEVER;
  }
  if (fen < 0) {
    ctx.addIssue({ code: 'custom', message: 'cannot be negative' });
    return z.NEVER;
  }
  if (fen > 10_000_000_000) {
    ctx.addIssue({ code: 'custom', message: 'at most 100,000,000.00' });
    return z.NEVER;
  }
  return fen;
});

/** An empty cell clears a nullable value. */
const optionalYuanCell = z.string().transform((text, ctx) => {
  if (text.trim() === '') return null;
  const parsed = yuanCell.safeParse(text);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  }
  return parsed.data;
});

const countCell = (max: number) =>
  z.string().transform((text, ctx) => {
    const trimmed = text.trim();
    if (!/^-?\d+$/.test(trimmed)) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a whole number` });
      return z.NEVER;
    }
    const value = Number(trimmed);
    if (value < 0) {
      ctx.addIssue({ code: 'custom', message: 'cannot be negative' });
      return z.NEVER;
    }
    if (value > max) {
      ctx.addIssue({ code: 'custom', message: `at most ${max}` });
      return z.NEVER;
    }
    return value;
  });

/** An empty cell is no value (undefined). */
const optionalCountCell = (max: number) =>
  z.string().transform((text, ctx) => {
    if (text.trim() === '') return undefined;
    const parsed = countCell(max).safeParse(text);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return parsed.data;
  });

const titleCell = z
  .string()
  .transform(unguardCell)
  .pipe(z.string().trim().min(1, 'cannot be empty').max(100, 'at most 100 characters'));
const subtitleCell = z
  .string()
  .transform(unguardCell)
  .pipe(z.string().trim().max(200, 'at most 200 characters'))
  .transform((text) => (text === '' ? null : text));
const barcodeCell = z
  .string()
  .transform((text) => unguardCell(text).trim())
  .refine((text) => text === '' || /^[0-9A-Za-z-]{1,32}$/.test(text), 'digits or letters (32 at most)')
  .transform((text) => (text === '' ? null : text));

/** A product-import row: columns absent from the header are left unchanged. */
export const ProductImportRow = z.object({
  sku_code: SkuCode,
  /** Only read to explain a row whose SKU code is unknown. */
  product_id: z.string().trim().optional(),
  title: titleCell.optional(),
  subtitle: subtitleCell.optional(),
  price: yuanCell.optional(),
  original_price: optionalYuanCell.optional(),
  cost: optionalYuanCell.optional(),
  barcode: barcodeCell.optional(),
  /** Not nullable: an empty cell leaves it as it is (a new SKU: 0). */
  low_stock_threshold: optionalCountCell(1_000_000).optional(),
});
export type ProductImportRow = z.infer<typeof ProductImportRow>;

const needed = 'needed to create a product';
const requiredCell = () => z.string(needed).refine((text) => text.trim() !== '', needed);

const specsCell = z.string().transform((text, ctx) => {
  const specs = parseSpecs(unguardCell(text));
  if (specs === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'name each value with its spec, joined by /, e.g. 颜色:红/尺码:S',
    });
    return z.NEVER;
  }
  return specs;
});

/**
 * A row of a new product: title, category and price are required; specs name their
 * dimensions; stock is the opening stock. status is not read: a new product is a draft.
 */
export const NewProductRow = ProductImportRow.extend({
  title: requiredCell().pipe(titleCell),
  category: requiredCell().transform(unguardCell),
  specs: specsCell.default([]),
  price: requiredCell().pipe(yuanCell),
  stock: optionalCountCell(10_000_000)
    .transform((stock) => stock ?? 0)
    .default(0),
});
export type NewProductRow = z.infer<typeof NewProductRow>;

/** A stock-count row: the counted stock, applied as a delta against the stock at that moment. */
export const StockImportRow = z.object({ sku_code: SkuCode, stock: countCell(10_000_000) });
export type StockImportRow = z.infer<typeof StockImportRow>;
