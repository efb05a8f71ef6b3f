/**
 * Form values ↔ the contract's ProductCreate / ProductUpdate: prices typed in yuan become fen,
 * spec values typed as "红, 蓝" become arrays, and an edit sends only the SKU fields that changed.
 */
import type { ProductCreate, ProductDetail, Sku, SkuInput, SkuUpdate, SpecDimension } from '@siyu/shared';
import { specCombinations } from '@siyu/shared';
import { isBlank, toFen } from './money';

export interface DimensionRow {
  name?: string;
  valuesText?: string;
}

export interface SkuRow {
  id?: number;
  specValues?: string[];
  specLabel?: string;
  code?: string;
  price?: unknown;
  originalPrice?: unknown;
  cost?: unknown;
  stock?: unknown;
  lowStockThreshold?: unknown;
  weightGrams?: unknown;
  barcode?: string | null;
}

export const splitValues = (text: string | undefined) =>
  (text ?? '')
    .split(/[,，、]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

export function toDimensions(rows: readonly DimensionRow[] | undefined): SpecDimension[] {
  return (rows ?? [])
    .map((row) => ({ name: (row.name ?? '').trim(), values: splitValues(row.valuesText) }))
    .filter((d) => d.name !== '' || d.values.length > 0);
}

export const specLabel = (values: readonly string[]) => values.join(' / ');

/** The SKU rows for the dimensions' grid, keeping what was typed in rows that still exist. */
export function gridRows(dimensions: readonly SpecDimension[], current: readonly SkuRow[]): SkuRow[] {
  const byKey = new Map(current.map((row) => [JSON.stringify(row.specValues ?? []), row]));
  return specCombinations(dimensions).map((values) => {
    const existing = byKey.get(JSON.stringify(values));
    return { stock: 0, ...existing, specValues: values, specLabel: specLabel(values) };
  });
}

const optionalInt = (value: unknown): number | null =>
  isBlank(value) || !Number.isFinite(Number(value)) ? null : Math.trunc(Number(value));
const optionalFen = (value: unknown): number | null => (isBlank(value) ? null : (toFen(value) ?? null));
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function toSkuInput(row: SkuRow): SkuInput {
  const sku: SkuInput = {
    specValues: row.specValues ?? [],
    code: (row.code ?? '').trim(),
    price: toFen(row.price) ?? 0,
    originalPrice: optionalFen(row.originalPrice),
    cost: optionalFen(row.cost),
    stock: optionalInt(row.stock) ?? 0,
    weightGrams: optionalInt(row.weightGrams),
    barcode: text(row.barcode),
  };
  const threshold = optionalInt(row.lowStockThreshold);
  if (threshold !== null) sku.lowStockThreshold = threshold;
  return sku;
}

export function toProductCreate(values: Record<string, unknown>): ProductCreate {
  return {
    title: String(values.title ?? '').trim(),
    subtitle: text(values.subtitle),
    categoryId: Number(values.categoryId),
    brand: text(values.brand),
    descriptionHtml: String(values.descriptionHtml ?? ''),
    specDimensions: toDimensions(values.specDimensions as DimensionRow[] | undefined),
    skus: ((values.skus as SkuRow[] | undefined) ?? []).map(toSkuInput),
  };
}

/** Each kept SKU as its id plus the fields that differ (empty list when nothing changed). */
export function skuUpdates(rows: readonly SkuRow[], previous: readonly Sku[]): SkuUpdate[] {
  const updates: SkuUpdate[] = [];
  for (const row of rows) {
    const before = previous.find((sku) => sku.id === row.id);
    if (!before) continue;
    const next = toSkuInput(row);
    const update: SkuUpdate = { id: before.id };
    if (next.code !== before.code) update.code = next.code;
    if (next.price !== before.price) update.price = next.price;
    if (next.originalPrice !== before.originalPrice) update.originalPrice = next.originalPrice ?? null;
    if (next.cost !== before.cost) update.cost = next.cost ?? null;
    if (next.weightGrams !== before.weightGrams) update.weightGrams = next.weightGrams ?? null;
    if (next.barcode !== before.barcode) update.barcode = next.barcode ?? null;
    if (next.lowStockThreshold !== undefined && next.lowStockThreshold !== before.lowStockThreshold)
      update.lowStockThreshold = next.lowStockThreshold;
    updates.push(update);
  }
  // One entry per remaining row, in form order, so the server's `skus.<i>.<field>` errors land
  // on the right row; nothing is sent when no SKU changed.
  return updates.some((update) => Object.keys(update).length > 1) ? updates : [];
}

/** Edit form values → what the data provider diffs and PATCHes (skus as SkuUpdate, removals by id). */
export function toProductEdit(values: Record<string, unknown>, previous: ProductDetail | undefined) {
  const rows = (values.skus as SkuRow[] | undefined) ?? [];
  const out: Record<string, unknown> = {
    title: String(values.title ?? '').trim(),
    subtitle: text(values.subtitle),
    categoryId: Number(values.categoryId),
    brand: text(values.brand),
    descriptionHtml: String(values.descriptionHtml ?? ''),
  };
  if (previous) {
    const updates = skuUpdates(rows, previous.skus);
    if (updates.length > 0) out.skus = updates;
    const kept = new Set(rows.map((row) => row.id));
    const removed = previous.skus.filter((sku) => !kept.has(sku.id)).map((sku) => sku.id);
    if (removed.length > 0) out.removeSkuIds = removed;
  }
  return out;
}
