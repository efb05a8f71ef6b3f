import { z } from 'zod';
import { ORDER_MAX_LINES, ORDER_MAX_QUANTITY_PER_LINE } from '../domain/orderPricing.js';
import { ProvinceCode, provinceCodes } from '../domain/provinces.js';
import { ShippingChargeBy, shippingTemplateProblems } from '../domain/shippingFee.js';
import { Id, listQuery, shortText, Timestamp, Version } from './common.js';
import { FenAmount } from './products.js';

/** A parcel's fee: at most ¥10,000. */
const ShippingFeeAmount = z.number().int().min(0).max(1_000_000);
/** Pieces, or grams (up to a tonne). */
const Units = z.number().int().min(1).max(1_000_000);

const ProvinceList = z
  .array(ProvinceCode)
  .max(provinceCodes.length)
  .refine((codes) => new Set(codes).size === codes.length, 'a province is listed twice');

const ruleFields = {
  firstUnits: Units,
  firstFee: ShippingFeeAmount,
  additionalUnits: Units,
  additionalFee: ShippingFeeAmount,
};

export const ShippingRule = z.strictObject(ruleFields).meta({ id: 'ShippingRule' });
export type ShippingRule = z.infer<typeof ShippingRule>;

export const RegionShippingRule = z
  .strictObject({ provinces: ProvinceList.min(1), ...ruleFields })
  .meta({ id: 'RegionShippingRule' });
export type RegionShippingRule = z.infer<typeof RegionShippingRule>;

const templateFields = {
  name: shortText(40),
  chargeBy: ShippingChargeBy,
  defaultRule: ShippingRule,
  regionRules: z.array(RegionShippingRule).max(provinceCodes.length),
  /** Goods worth this much or more ship free (the remote surcharge still applies); null = never. */
  freeShippingThreshold: FenAmount.nullable(),
  remoteProvinces: ProvinceList,
  remoteSurcharge: ShippingFeeAmount,
  undeliverableProvinces: ProvinceList,
};

export const ShippingTemplate = z
  .object({
    id: z.number().int(),
    ...templateFields,
    name: z.string(),
    /** Products that use it: a template in use cannot be deleted. */
    productCount: z.number().int().nonnegative(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'ShippingTemplate' });
export type ShippingTemplate = z.infer<typeof ShippingTemplate>;

function addTemplateProblems(
  template: Parameters<typeof shippingTemplateProblems>[0],
  ctx: { addIssue: (issue: { code: 'custom'; path: (string | number)[]; message: string }) => void },
) {
  for (const [path, message] of Object.entries(shippingTemplateProblems(template)))
    ctx.addIssue({
      code: 'custom',
      path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      message,
    });
}

export const ShippingTemplateCreate = z
  .strictObject({
    ...templateFields,
    regionRules: templateFields.regionRules.default([]),
    freeShippingThreshold: templateFields.freeShippingThreshold.default(null),
    remoteProvinces: templateFields.remoteProvinces.default([]),
    remoteSurcharge: templateFields.remoteSurcharge.default(0),
    undeliverableProvinces: templateFields.undeliverableProvinces.default([]),
  })
  .superRefine(addTemplateProblems)
  .meta({ id: 'ShippingTemplateCreate' });
export type ShippingTemplateCreate = z.infer<typeof ShippingTemplateCreate>;

/**
 * A partial edit; the service checks `shippingTemplateProblems` again on the merged record,
 * since the clash may be between a sent field and a stored one.
 */
export const ShippingTemplateUpdate = z
  .strictObject({
    name: templateFields.name.optional(),
    chargeBy: templateFields.chargeBy.optional(),
    defaultRule: templateFields.defaultRule.optional(),
    regionRules: templateFields.regionRules.optional(),
    freeShippingThreshold: templateFields.freeShippingThreshold.optional(),
    remoteProvinces: templateFields.remoteProvinces.optional(),
    remoteSurcharge: templateFields.remoteSurcharge.optional(),
    undeliverableProvinces: templateFields.undeliverableProvinces.optional(),
  })
  .superRefine((update, ctx) =>
    addTemplateProblems(
      {
        regionRules: update.regionRules ?? [],
        remoteProvinces: update.remoteProvinces ?? [],
        undeliverableProvinces: update.undeliverableProvinces ?? [],
      },
      ctx,
    ),
  )
  .meta({ id: 'ShippingTemplateUpdate' });
export type ShippingTemplateUpdate = z.infer<typeof ShippingTemplateUpdate>;

export const ShippingTemplateFilter = z
  .strictObject({
    q: z.string().trim().max(100).optional(),
    chargeBy: ShippingChargeBy.optional(),
  })
  .meta({ id: 'ShippingTemplateFilter' });
export type ShippingTemplateFilter = z.infer<typeof ShippingTemplateFilter>;

export const shippingTemplateSortFields = ['id', 'name', 'updatedAt', 'productCount'] as const;
export const ShippingTemplateListQuery = listQuery(shippingTemplateSortFields);

/** What the console's "试算" panel (and, inside its transaction, order placement) asks. */
export const ShippingQuoteRequest = z
  .strictObject({
    province: ProvinceCode,
    lines: z
      .array(
        z.strictObject({
          skuId: Id,
          quantity: z.number().int().min(1).max(ORDER_MAX_QUANTITY_PER_LINE),
        }),
      )
      .min(1)
      .max(ORDER_MAX_LINES)
      .refine((lines) => new Set(lines.map((l) => l.skuId)).size === lines.length, 'a SKU is listed twice'),
  })
  .meta({ id: 'ShippingQuoteRequest' });
export type ShippingQuoteRequest = z.infer<typeof ShippingQuoteRequest>;

/** The fee of the lines that share one template (or none: they ship free). */
export const ShippingQuoteGroup = z
  .object({
    templateId: z.number().int().nullable(),
    templateName: z.string().nullable(),
    chargeBy: ShippingChargeBy.nullable(),
    skuIds: z.array(z.number().int()),
    goodsAmount: FenAmount,
    /** Pieces or grams charged for. */
    units: z.number().int().nonnegative(),
    baseFee: FenAmount,
    surcharge: FenAmount,
    freeShipping: z.boolean(),
    fee: FenAmount,
  })
  .meta({ id: 'ShippingQuoteGroup' });
export type ShippingQuoteGroup = z.infer<typeof ShippingQuoteGroup>;

export const ShippingFeeQuote = z
  .object({ province: ProvinceCode, fee: FenAmount, groups: z.array(ShippingQuoteGroup) })
  .meta({ id: 'ShippingFeeQuote' });
export type ShippingFeeQuote = z.infer<typeof ShippingFeeQuote>;
