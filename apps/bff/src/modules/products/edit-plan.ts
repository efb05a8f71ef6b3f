/**
 * A product edit, worked out before anything is written: what really changes (an edit that
 * changes nothing writes nothing), whether the SKU grid it leaves is whole, and then the SKU
 * writes themselves. Removed SKUs must be out of stock (stock moves only by ledgered deltas);
 * added SKUs start at 0 and get their opening stock through applyStockDelta.
 */
import {
  editedGrid,
  type ProductDetail,
  type ProductUpdate,
  type SpecDimension,
  touchesGrid,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../../lib/audit.js';
import { AppError, type FieldErrors, validationFailed } from '../../lib/errors.js';
import { sanitizeHtml } from '../../lib/sanitize-html.js';
import { applyStockDelta } from '../stock/service.js';

type OwnFields = Partial<
  Pick<ProductDetail, 'title' | 'subtitle' | 'categoryId' | 'brand' | 'descriptionHtml'> & {
    shippingTemplateId: number | null;
  }
>;
type SkuChange = NonNullable<ProductUpdate['skus']>[number];

export type EditPlan = {
  unchanged: boolean;
  own: OwnFields;
  specDimensions: SpecDimension[] | undefined;
  /** Per kept SKU, only the fields that differ (specValues still as an array). */
  skuChanges: SkuChange[];
  removed: number[];
  added: NonNullable<ProductUpdate['addSkus']>;
  /** Prices the product ends with, and where each came from, for the "sellable" rule. */
  sellable: { price: number; pricePath?: string }[];
  /** Codes that are new to the product's SKUs, with their input paths. */
  newCodes: { code: string; path: string }[];
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function ownChanges(before: ProductDetail, patch: ProductUpdate): OwnFields {
  const own: OwnFields = {};
  if (patch.title !== undefined && patch.title !== before.title) own.title = patch.title;
  if (patch.subtitle !== undefined && patch.subtitle !== before.subtitle) own.subtitle = patch.subtitle;
  if (patch.categoryId !== undefined && patch.categoryId !== before.categoryId)
    own.categoryId = patch.categoryId;
  if (patch.brand !== undefined && patch.brand !== before.brand) own.brand = patch.brand;
  if (patch.shippingTemplateId !== undefined && patch.shippingTemplateId !== before.shippingTemplateId)
    own.shippingTemplateId = patch.shippingTemplateId;
  if (patch.descriptionHtml !== undefined) {
    const html = sanitizeHtml(patch.descriptionHtml);
    if (html !== before.descriptionHtml) own.descriptionHtml = html;
  }
  return own;
}

/** Works out the edit; refuses ids that are not this product's and removals of SKUs in stock. */
export function planEdit(before: ProductDetail, patch: ProductUpdate): EditPlan {
  const byId = new Map(before.skus.map((s) => [s.id, s]));
  const fields: FieldErrors = {};
  patch.skus?.forEach((s, i) => {
    if (!byId.has(s.id)) fields[`skus.${i}.id`] = 'not a SKU of this product';
  });
  patch.removeSkuIds?.forEach((skuId, i) => {
    if (!byId.has(skuId)) fields[`removeSkuIds.${i}`] = 'not a SKU of this product';
  });
  if (Object.keys(fields).length > 0) throw validationFailed(fields);

  const removed = [...new Set(patch.removeSkuIds ?? [])];
  const removedSet = new Set(removed);
  const skuChanges: SkuChange[] = [];
  const sellable: EditPlan['sellable'] = [];
  const newCodes: EditPlan['newCodes'] = [];
  const changeIndex = new Map((patch.skus ?? []).map((s, i) => [s.id, i]));
  for (const sku of before.skus) {
    if (removedSet.has(sku.id)) continue;
    const i = changeIndex.get(sku.id);
    const update = i === undefined ? undefined : patch.skus?.[i];
    const change: SkuChange = { id: sku.id };
    for (const [key, value] of Object.entries(update ?? {}) as [keyof SkuChange, unknown][]) {
      if (key !== 'id' && value !== undefined && !same(value, sku[key]))
        Object.assign(change, { [key]: value });
    }
    if (change.code !== undefined && change.code.toLowerCase() === sku.code.toLowerCase()) {
      // A change of case only: the unique index is case-insensitive, the code is still this SKU's.
    } else if (change.code !== undefined) newCodes.push({ code: change.code, path: `skus.${i}.code` });
    if (Object.keys(change).length > 1) skuChanges.push(change);
    sellable.push({
      price: change.price ?? sku.price,
      pricePath: i === undefined ? undefined : `skus.${i}.price`,
    });
  }
  const added = patch.addSkus ?? [];
  added.forEach((sku, j) => {
    newCodes.push({ code: sku.code, path: `addSkus.${j}.code` });
    sellable.push({ price: sku.price, pricePath: `addSkus.${j}.price` });
  });

  const specDimensions =
    patch.specDimensions && !same(patch.specDimensions, before.specDimensions)
      ? patch.specDimensions
      : undefined;
  const own = ownChanges(before, patch);
  const unchanged =
    Object.keys(own).length === 0 &&
    !specDimensions &&
    skuChanges.length === 0 &&
    removed.length === 0 &&
    added.length === 0;

  const inStock: FieldErrors = {};
  patch.removeSkuIds?.forEach((skuId, i) => {
    const sku = byId.get(skuId);
    if (sku && sku.stock > 0) inStock[`removeSkuIds.${i}`] = stockedMessage(sku.code, sku.stock);
  });
  if (Object.keys(inStock).length > 0) throw stockedRemoval(inStock);

  return { unchanged, own, specDimensions, skuChanges, removed, added, sellable, newCodes };
}

const stockedMessage = (code: string, stock: number) =>
  `SKU ${code} still has ${stock} in stock: adjust it to 0 before removing it`;
const stockedRemoval = (fields: FieldErrors) =>
  new AppError(422, 'BUSINESS_RULE', 'A SKU that still has stock cannot be removed.', fields);

/** 400 when the SKUs the edit leaves are not exactly the grid, or two of them share a code. */
export function checkGridEdit(before: ProductDetail, patch: ProductUpdate, plan: EditPlan): void {
  const fields: FieldErrors = touchesGrid(patch) ? { ...editedGrid(before, patch).problems } : {};
  // Codes the product keeps (after renames) against the new ones: one SKU per code.
  const finalCodes = new Map<string, string>();
  for (const sku of before.skus) {
    if (plan.removed.includes(sku.id)) continue;
    const code = plan.skuChanges.find((c) => c.id === sku.id)?.code ?? sku.code;
    finalCodes.set(code.toLowerCase(), sku.code);
  }
  plan.added.forEach((sku, j) => {
    if (finalCodes.has(sku.code.toLowerCase())) fields[`addSkus.${j}.code`] = 'already used by another SKU';
  });
  if (Object.keys(fields).length > 0) throw validationFailed(fields, 'The SKUs do not match the specs.');
}

/** The SKU writes: removals (only if still out of stock), edits, then additions with their opening stock. */
export async function applySkuChanges(
  trx: Kysely<Database>,
  productId: number,
  plan: EditPlan,
  ctx: AuditContext,
): Promise<void> {
  if (plan.removed.length > 0) {
    const deleted = await trx
      .deleteFrom('skus')
      .where('id', 'in', plan.removed)
      .where('productId', '=', productId)
      .where('stock', '=', 0)
      .returning('id')
      .execute();
    // Stock adjustments do not lock the product: one may have landed since the plan was made.
    if (deleted.length !== plan.removed.length)
      throw stockedRemoval({ removeSkuIds: 'stock changed meanwhile' });
  }
  for (const { id, specValues, ...changes } of plan.skuChanges) {
    await trx
      .updateTable('skus')
      .set((eb) => ({
        ...changes,
        ...(specValues ? { specValues: JSON.stringify(specValues) } : {}),
        updatedAt: ctx.at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  }
  if (plan.added.length === 0) return;
  const inserted = await trx
    .insertInto('skus')
    .values(
      plan.added.map((s) => ({
        productId,
        code: s.code,
        specValues: JSON.stringify(s.specValues),
        price: s.price,
        originalPrice: s.originalPrice ?? null,
        cost: s.cost ?? null,
        stock: 0,
        lowStockThreshold: s.lowStockThreshold ?? 0,
        weightGrams: s.weightGrams ?? null,
        barcode: s.barcode ?? null,
        createdAt: ctx.at,
        updatedAt: ctx.at,
      })),
    )
    .returning('id')
    .execute();
  for (const [j, sku] of plan.added.entries()) {
    const skuId = inserted[j]?.id;
    if (skuId === undefined || sku.stock === 0) continue;
    await applyStockDelta(
      trx,
      skuId,
      {
        delta: sku.stock,
        reason: 'opening_stock',
        reference: `product:${productId}`,
      },
      ctx,
    );
  }
}
