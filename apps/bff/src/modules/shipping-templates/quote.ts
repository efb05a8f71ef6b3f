/**
 * The shipping fee of some SKUs sent to a province, from their products' templates: the
 * console's "试算" panel calls it, and order placement calls it inside its own transaction
 * (pass the transaction as `db`, and the SKUs it has already read as `catalog`). Lines are
 * grouped by template, each group pays its own fee under its own free-shipping threshold (on
 * the group's goods, at catalog prices), and lines whose product has no template ship free
 * (quoteOrderShipping in packages/shared).
 */
import {
  type ProvinceCode,
  provinceByCode,
  quoteShipping,
  type ShippingFeeQuote,
  type ShippingQuoteGroup,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, validationFailed } from '../../lib/errors.js';
import { rulesOf } from './service.js';

export type ShippingFeeRequest = {
  lines: readonly { skuId: number; quantity: number }[];
  province: ProvinceCode;
};

/** What the quote needs of a SKU; a caller that has just read its SKUs passes them in. */
export type QuotedSku = {
  id: number;
  price: number;
  weightGrams: number | null;
  shippingTemplateId: number | null;
};

const undeliverable = (province: ProvinceCode, templateNames: string[]) =>
  new AppError(
    422,
    'UNDELIVERABLE_REGION',
    `${provinceByCode(province)?.name ?? province} is not delivered to (shipping template ${templateNames.join(', ')}).`,
    { province: 'not delivered to' },
  );

/** Refuses (422 UNDELIVERABLE_REGION) when any line's template does not deliver there. */
export async function shippingFeeFor(
  db: Kysely<Database>,
  request: ShippingFeeRequest,
  catalog?: readonly QuotedSku[],
): Promise<ShippingFeeQuote> {
  const skuIds = request.lines.map((l) => l.skuId);
  const skus: readonly QuotedSku[] = catalog
    ? catalog
    : skuIds.length
      ? await db
          .selectFrom('skus')
          .innerJoin('products', 'products.id', 'skus.productId')
          .select(['skus.id', 'skus.price', 'skus.weightGrams', 'products.shippingTemplateId'])
          .where('skus.id', 'in', skuIds)
          .execute()
      : [];
  const skuById = new Map(skus.map((s) => [s.id, s]));
  const missing: Record<string, string> = {};
  request.lines.forEach((line, i) => {
    if (!skuById.has(line.skuId)) missing[`lines.${i}.skuId`] = 'no such SKU';
  });
  if (Object.keys(missing).length > 0) throw validationFailed(missing);

  const templateIds = [
    ...new Set(skus.flatMap((s) => (s.shippingTemplateId === null ? [] : [s.shippingTemplateId]))),
  ];
  const templates = templateIds.length
    ? await db.selectFrom('shippingTemplates').selectAll().where('id', 'in', templateIds).execute()
    : [];
  const templateById = new Map(templates.map((t) => [t.id, t]));

  const groups = new Map<
    number | null,
    { skuIds: number[]; lines: { quantity: number; weightGrams: number | null }[]; goodsAmount: number }
  >();
  for (const line of request.lines) {
    const sku = skuById.get(line.skuId);
    if (!sku) continue;
    const group = groups.get(sku.shippingTemplateId) ?? { skuIds: [], lines: [], goodsAmount: 0 };
    group.skuIds.push(sku.id);
    group.lines.push({ quantity: line.quantity, weightGrams: sku.weightGrams });
    group.goodsAmount += sku.price * line.quantity;
    groups.set(sku.shippingTemplateId, group);
  }

  const quoted: ShippingQuoteGroup[] = [];
  const refusedBy: string[] = [];
  for (const [templateId, group] of groups) {
    const template = templateId === null ? undefined : templateById.get(templateId);
    if (!template) {
      const units = group.lines.reduce((sum, l) => sum + l.quantity, 0);
      quoted.push({
        templateId: null,
        templateName: null,
        chargeBy: null,
        skuIds: group.skuIds,
        goodsAmount: group.goodsAmount,
        units,
        baseFee: 0,
        surcharge: 0,
        freeShipping: true,
        fee: 0,
      });
      continue;
    }
    const quote = quoteShipping(rulesOf(template), { ...group, province: request.province });
    if (!quote.ok) {
      refusedBy.push(template.name);
      continue;
    }
    quoted.push({
      templateId: template.id,
      templateName: template.name,
      chargeBy: template.chargeBy,
      skuIds: group.skuIds,
      goodsAmount: group.goodsAmount,
      units: quote.units,
      baseFee: quote.baseFee,
      surcharge: quote.surcharge,
      freeShipping: quote.freeShipping,
      fee: quote.fee,
    });
  }
  if (refusedBy.length > 0) throw undeliverable(request.province, refusedBy);
  return { province: request.province, fee: quoted.reduce((sum, g) => sum + g.fee, 0), groups: quoted };
}
