/**
 * The shipping fee of an order under a shipping template (运费模板): charged by piece or by
 * weight in grams; the first units cost `firstFee`, every further `additionalUnits` (or part
 * of them) cost `additionalFee`; a region rule replaces the default rule for its provinces;
 * goods worth at least the free-shipping threshold ship free, except for the remote-region
 * surcharge (偏远地区加收), which is always charged; undeliverable provinces are refused.
 */
import { z } from 'zod';
import type { Fen } from './money.js';
import { type ProvinceCode, provinceByCode } from './provinces.js';

export const shippingChargeModes = ['piece', 'weight'] as const;
export const ShippingChargeBy = z.enum(shippingChargeModes).meta({ id: 'ShippingChargeBy' });
export type ShippingChargeBy = z.infer<typeof ShippingChargeBy>;

export type ShippingFeeRule = {
  /** Pieces, or grams, covered by the first fee. */
  firstUnits: number;
  firstFee: Fen;
  /** Each step of further pieces or grams (a part step counts whole). */
  additionalUnits: number;
  additionalFee: Fen;
};

export type ShippingTemplateRules = {
  chargeBy: ShippingChargeBy;
  defaultRule: ShippingFeeRule;
  regionRules: readonly (ShippingFeeRule & { provinces: readonly ProvinceCode[] })[];
  /** Goods amount at or above which the fee (not the surcharge) is waived; null = never. */
  freeShippingThreshold: Fen | null;
  remoteProvinces: readonly ProvinceCode[];
  remoteSurcharge: Fen;
  undeliverableProvinces: readonly ProvinceCode[];
};

/** An order line as shipping sees it; a SKU with no weight weighs nothing. */
export type ShippingLine = { quantity: number; weightGrams: number | null };

export type ShippingQuote =
  | {
      ok: true;
      fee: Fen;
      /** The rule's fee, 0 when free shipping applies. */
      baseFee: Fen;
      surcharge: Fen;
      freeShipping: boolean;
      /** Pieces or grams charged for. */
      units: number;
    }
  | { ok: false; reason: 'undeliverable'; message: string };

/** The fee of `units` pieces or grams under one rule. */
export function ruleFee(rule: ShippingFeeRule, units: number): Fen {
  if (units <= rule.firstUnits) return rule.firstFee;
  return rule.firstFee + Math.ceil((units - rule.firstUnits) / rule.additionalUnits) * rule.additionalFee;
}

export function chargedUnits(chargeBy: ShippingChargeBy, lines: readonly ShippingLine[]): number {
  return lines.reduce(
    (sum, line) => sum + (chargeBy === 'piece' ? line.quantity : (line.weightGrams ?? 0) * line.quantity),
    0,
  );
}

/** The rule for a province: its region rule, else the default. */
export function ruleFor(template: ShippingTemplateRules, province: ProvinceCode): ShippingFeeRule {
  return template.regionRules.find((r) => r.provinces.includes(province)) ?? template.defaultRule;
}

function undeliverable(province: ProvinceCode) {
  const name = provinceByCode(province)?.name ?? province;
  return {
    ok: false as const,
    reason: 'undeliverable' as const,
    message: `this shop does not deliver to ${name}`,
  };
}

/** The fee of the lines shipped under one template to one province. */
export function quoteShipping(
  template: ShippingTemplateRules,
  order: { lines: readonly ShippingLine[]; goodsAmount: Fen; province: ProvinceCode },
): ShippingQuote {
  if (template.undeliverableProvinces.includes(order.province)) return undeliverable(order.province);
  const units = chargedUnits(template.chargeBy, order.lines);
  const freeShipping =
    template.freeShippingThreshold !== null && order.goodsAmount >= template.freeShippingThreshold;
  const baseFee = freeShipping ? 0 : ruleFee(ruleFor(template, order.province), units);
  const surcharge = template.remoteProvinces.includes(order.province) ? template.remoteSurcharge : 0;
  return { ok: true, fee: baseFee + surcharge, baseFee, surcharge, freeShipping, units };
}

/**
 * An order whose products use different templates pays each template's fee on its own lines
 * (and each free-shipping threshold on those lines' goods), summed; lines whose product has
 * no template ship free. One undeliverable group refuses the whole order.
 */
export function quoteOrderShipping(
  groups: readonly {
    template: ShippingTemplateRules | null;
    lines: readonly ShippingLine[];
    goodsAmount: Fen;
  }[],
  province: ProvinceCode,
): { ok: true; fee: Fen } | { ok: false; reason: 'undeliverable'; message: string } {
  let fee = 0;
  for (const group of groups) {
    if (!group.template) continue;
    const quote = quoteShipping(group.template, { ...group, province });
    if (!quote.ok) return quote;
    fee += quote.fee;
  }
  return { ok: true, fee };
}

/**
 * What makes a template ambiguous, by input path (for inline form errors): a province in two
 * region rules, or both delivered to by a rule and undeliverable, or both remote and
 * undeliverable. Empty when the template is sound.
 */
export function shippingTemplateProblems(
  template: Pick<ShippingTemplateRules, 'regionRules' | 'remoteProvinces' | 'undeliverableProvinces'>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const undeliverableSet = new Set(template.undeliverableProvinces);
  const ruleOf = new Map<ProvinceCode, number>();
  const name = (code: ProvinceCode) => provinceByCode(code)?.name ?? code;
  template.regionRules.forEach((rule, i) => {
    const path = `regionRules.${i}.provinces`;
    for (const code of rule.provinces) {
      const earlier = ruleOf.get(code);
      if (earlier !== undefined) problems[path] = `${name(code)} is already in region rule ${earlier + 1}`;
      else if (undeliverableSet.has(code)) problems[path] = `${name(code)} is marked as not delivered to`;
      else ruleOf.set(code, i);
    }
    if (new Set(rule.provinces).size !== rule.provinces.length) problems[path] = 'a province is listed twice';
  });
  const remoteBlocked = template.remoteProvinces.find((code) => undeliverableSet.has(code));
  if (remoteBlocked) problems.remoteProvinces = `${name(remoteBlocked)} is marked as not delivered to`;
  return problems;
}
