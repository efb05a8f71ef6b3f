/**
 * Form values ↔ the contract's ProductCreate / ProductUpdate: prices typed in yuan become fen,
 * spec values typed as "红, 蓝" become arrays, and an edit sends only the SKU fields that changed,
 * the new SKUs and the removed ones.
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
    if (JSON.stringify(next.specValues) !== JSON.stringify(before.specValues))
      update.specValues = next.specValues;
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

/** The spec dimensions as the form edits them: one text of values per dimension. */
export const toDimensionRows = (dimensions: readonly SpecDimension[]): DimensionRow[] =>
  dimensions.map((d) => ({ name: d.name, valuesText: d.values.join(', ') }));

/**
 * Where an existing SKU lands when the dimensions change, matching dimensions by name: a
 * renamed value (gone, with a new value at its place) carries its SKUs; a new dimension gives
 * them its first value; a removed dimension keeps only the SKUs of its first value.
 * Undefined when the SKU has no place left (its value was removed).
 */
export function carrySpecValues(
  before: readonly SpecDimension[],
  after: readonly SpecDimension[],
  values: readonly string[],
): string[] | undefined {
  const carried: string[] = [];
  for (const dimension of after) {
    const i = before.findIndex((d) => d.name === dimension.name);
    const old = before[i];
    if (!old) {
      const first = dimension.values[0];
      if (first === undefined) return undefined;
      carried.push(first);
      continue;
    }
    const value = values[i] ?? '';
    if (dimension.values.includes(value)) {
      carried.push(value);
      continue;
    }
    const renamed = dimension.values[old.values.indexOf(value)];
    if (renamed === undefined || old.values.includes(renamed)) return undefined;
    carried.push(renamed);
  }
  const dropped = before.some((d, i) => !after.some((a) => a.name === d.name) && values[i] !== d.values[0]);
  return dropped ? undefined : carried;
}

/**
 * The edit form's SKU rows for new dimensions: the product's own SKUs first (in their order,
 * keeping what was typed in them), then one new row per uncovered combination. Existing rows
 * come first so the server's `skus.<i>` and `addSkus.<j>` errors map back onto form rows.
 */
export function editGridRows(
  product: Pick<ProductDetail, 'specDimensions' | 'skus'>,
  dimensions: readonly SpecDimension[],
  current: readonly SkuRow[],
): SkuRow[] {
  const keyOf = (values: readonly string[]) => JSON.stringify(values);
  const grid = new Set(specCombinations(dimensions).map(keyOf));
  const taken = new Set<string>();
  const kept: SkuRow[] = [];
  for (const sku of product.skus) {
    const values = carrySpecValues(product.specDimensions, dimensions, sku.specValues);
    if (!values || !grid.has(keyOf(values)) || taken.has(keyOf(values))) continue;
    taken.add(keyOf(values));
    const typed = current.find((row) => row.id === sku.id) ?? sku;
    kept.push({ ...typed, specValues: values, specLabel: specLabel(values) });
  }
  const added = gridRows(
    dimensions,
    current.filter((row) => row.id === undefined),
  ).filter((row) => !taken.has(keyOf(row.specValues ?? [])));
  return [...kept, ...added.map(({ id: _id, ...row }) => row)];
}

/** Edit form values → what the data provider diffs and PATCHes. */
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
    const dimensions = toDimensions(values.specRows as DimensionRow[] | undefined);
    if (
      values.specRows !== undefined &&
      JSON.stringify(dimensions) !== JSON.stringify(previous.specDimensions)
    )
      out.specDimensions = dimensions;
    const existing = rows.filter((row) => row.id !== undefined);
    const updates = skuUpdates(existing, previous.skus);
    if (updates.length > 0) out.skus = updates;
    const added = rows.filter((row) => row.id === undefined).map(toSkuInput);
    if (added.length > 0) out.addSkus = added;
    const kept = new Set(existing.map((row) => row.id));
    const removed = previous.skus.filter((sku) => !kept.has(sku.id)).map((sku) => sku.id);
    if (removed.length > 0) out.removeSkuIds = removed;
  }
  return out;
}

/**
 * The server's field paths → the edit form's: added SKUs are the rows after the existing ones;
 * whatever concerns the grid as a whole (dimensions, removals, missing SKUs) goes on the specs.
 */
export function editFormErrors<T>(errors: Record<string, T>, existingRows: number): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [path, message] of Object.entries(errors)) {
    const added = /^addSkus\.(\d+)(\..*)?$/.exec(path);
    if (added) out[`skus.${existingRows + Number(added[1])}${added[2] ?? ''}`] = message;
    else if (/^(specDimensions|removeSkuIds|addSkus)(\.|$)/.test(path)) out.specRows ??= message;
    else out[path] = message;
  }
  return out;
}
