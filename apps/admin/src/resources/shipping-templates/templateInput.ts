/**
 * Form values ↔ the contract's ShippingTemplateCreate: fees typed in yuan become fen, a blank
 * free-shipping threshold means "never". The form keeps fen numbers until they are typed over.
 */
import type { ShippingChargeBy, ShippingTemplateCreate } from '@siyu/shared';
import { isBlank, toFen } from '../products/money';

type RuleValues = {
  firstUnits?: unknown;
  firstFee?: unknown;
  additionalUnits?: unknown;
  additionalFee?: unknown;
};

const units = (value: unknown) => (isBlank(value) ? 0 : Number(value));

function toRule(values: RuleValues | undefined) {
  return {
    firstUnits: units(values?.firstUnits),
    firstFee: toFen(values?.firstFee) ?? 0,
    additionalUnits: units(values?.additionalUnits),
    additionalFee: toFen(values?.additionalFee) ?? 0,
  };
}

export function toTemplateInput(values: Record<string, unknown>): ShippingTemplateCreate {
  const regionRules = (values.regionRules as (RuleValues & { provinces?: string[] })[] | undefined) ?? [];
  return {
    name: String(values.name ?? '').trim(),
    chargeBy: (values.chargeBy as ShippingChargeBy | undefined) ?? 'piece',
    defaultRule: toRule(values.defaultRule as RuleValues | undefined),
    regionRules: regionRules.map((rule) => ({
      provinces: (rule.provinces ?? []) as ShippingTemplateCreate['remoteProvinces'],
      ...toRule(rule),
    })),
    freeShippingThreshold: isBlank(values.freeShippingThreshold)
      ? null
      : (toFen(values.freeShippingThreshold) ?? null),
    remoteProvinces: (values.remoteProvinces ?? []) as ShippingTemplateCreate['remoteProvinces'],
    remoteSurcharge: toFen(values.remoteSurcharge) ?? 0,
    undeliverableProvinces: (values.undeliverableProvinces ??
      []) as ShippingTemplateCreate['remoteProvinces'],
  };
}

export const emptyTemplate = {
  chargeBy: 'piece',
  defaultRule: { firstUnits: 1, firstFee: 0, additionalUnits: 1, additionalFee: 0 },
  regionRules: [],
  freeShippingThreshold: null,
  remoteProvinces: [],
  remoteSurcharge: 0,
  undeliverableProvinces: [],
};
