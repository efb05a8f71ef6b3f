import { describe, expect, it } from 'vitest';
import { ShippingTemplateCreate, ShippingTemplateUpdate } from '../src/contract/shippingTemplates.js';
import { provinceByName, provinces } from '../src/domain/provinces.js';
import {
  chargedUnits,
  quoteOrderShipping,
  quoteShipping,
  ruleFee,
  type ShippingTemplateRules,
  shippingTemplateProblems,
} from '../src/domain/shippingFee.js';

const ZHEJIANG = '330000';
const XINJIANG = '650000';
const TIBET = '540000';
const HONG_KONG = '810000';

/** First 1 kg ¥8, each further kg ¥2; 新疆 first kg ¥20, each further ¥10; free from ¥99. */
const byWeight: ShippingTemplateRules = {
  chargeBy: 'weight',
  defaultRule: { firstUnits: 1000, firstFee: 800, additionalUnits: 1000, additionalFee: 200 },
  regionRules: [
    { provinces: [XINJIANG], firstUnits: 1000, firstFee: 2000, additionalUnits: 1000, additionalFee: 1000 },
  ],
  freeShippingThreshold: 9900,
  remoteProvinces: [XINJIANG, TIBET],
  remoteSurcharge: 1000,
  undeliverableProvinces: [HONG_KONG],
};

/** First piece ¥10, each further 2 pieces ¥5, never free. */
const byPiece: ShippingTemplateRules = {
  chargeBy: 'piece',
  defaultRule: { firstUnits: 1, firstFee: 1000, additionalUnits: 2, additionalFee: 500 },
  regionRules: [],
  freeShippingThreshold: null,
  remoteProvinces: [],
  remoteSurcharge: 0,
  undeliverableProvinces: [],
};

const grams = (weightGrams: number | null, quantity = 1) => ({ weightGrams, quantity });

describe('ruleFee', () => {
  const rule = byWeight.defaultRule;
  it.each([
    [0, 800],
    [1, 800],
    [1000, 800],
    [1001, 1000],
    [2000, 1000],
    [2300, 1200], // the worked example: 2.3 kg → ¥8 + 2 × ¥2 = ¥12
    [3000, 1200],
    [3001, 1400],
  ])('%i g → %i fen', (units, fee) => {
    expect(ruleFee(rule, units)).toBe(fee);
  });

  it.each([
    [1, 1000],
    [2, 1500],
    [3, 1500],
    [4, 2000], // ¥10 + ceil(3 / 2) × ¥5
  ])('by piece: %i pieces → %i fen', (units, fee) => {
    expect(ruleFee(byPiece.defaultRule, units)).toBe(fee);
  });
});

describe('chargedUnits', () => {
  it('counts pieces, or grams × quantity; a SKU without weight weighs nothing', () => {
    const lines = [grams(500, 2), grams(null, 3), grams(300)];
    expect(chargedUnits('piece', lines)).toBe(6);
    expect(chargedUnits('weight', lines)).toBe(1300);
  });
});

describe('quoteShipping', () => {
  it('charges the default rule by weight: 2.3 kg to 浙江 → ¥12', () => {
    expect(
      quoteShipping(byWeight, { lines: [grams(1150, 2)], goodsAmount: 5000, province: ZHEJIANG }),
    ).toEqual({ ok: true, fee: 1200, baseFee: 1200, surcharge: 0, freeShipping: false, units: 2300 });
  });

  it('uses the region rule, plus the remote surcharge: 2.3 kg to 新疆 → ¥40 + ¥10', () => {
    expect(quoteShipping(byWeight, { lines: [grams(2300)], goodsAmount: 5000, province: XINJIANG })).toEqual({
      ok: true,
      fee: 5000,
      baseFee: 4000,
      surcharge: 1000,
      freeShipping: false,
      units: 2300,
    });
  });

  it('ships free from the threshold, not a fen below', () => {
    const at = quoteShipping(byWeight, { lines: [grams(2300)], goodsAmount: 9900, province: ZHEJIANG });
    const below = quoteShipping(byWeight, { lines: [grams(2300)], goodsAmount: 9899, province: ZHEJIANG });
    expect(at).toMatchObject({ ok: true, fee: 0, freeShipping: true });
    expect(below).toMatchObject({ ok: true, fee: 1200, freeShipping: false });
  });

  it('keeps the remote surcharge when shipping is free', () => {
    expect(quoteShipping(byWeight, { lines: [grams(2300)], goodsAmount: 20000, province: TIBET })).toEqual({
      ok: true,
      fee: 1000,
      baseFee: 0,
      surcharge: 1000,
      freeShipping: true,
      units: 2300,
    });
  });

  it('refuses a province it does not deliver to, naming it', () => {
    expect(quoteShipping(byWeight, { lines: [grams(100)], goodsAmount: 20000, province: HONG_KONG })).toEqual(
      {
        ok: false,
        reason: 'undeliverable',
        message: 'this shop does not deliver to 香港特别行政区',
      },
    );
  });

  it('charges the first fee when no SKU has a weight', () => {
    expect(
      quoteShipping(byWeight, { lines: [grams(null, 5)], goodsAmount: 100, province: ZHEJIANG }),
    ).toMatchObject({ fee: 800, units: 0 });
  });

  it('charges by piece: 4 pieces → ¥20', () => {
    expect(
      quoteShipping(byPiece, {
        lines: [grams(null, 3), grams(5000)],
        goodsAmount: 1_000_000,
        province: ZHEJIANG,
      }),
    ).toMatchObject({ ok: true, fee: 2000, units: 4, freeShipping: false });
  });
});

describe('quoteOrderShipping', () => {
  it('sums each template on its own lines; lines with no template ship free', () => {
    const quote = quoteOrderShipping(
      [
        { template: byWeight, lines: [grams(2300)], goodsAmount: 5000 },
        { template: byPiece, lines: [grams(null, 4)], goodsAmount: 8000 },
        { template: null, lines: [grams(9000)], goodsAmount: 100 },
      ],
      ZHEJIANG,
    );
    expect(quote).toEqual({ ok: true, fee: 1200 + 2000 });
  });

  it('applies each threshold to its own lines', () => {
    const quote = quoteOrderShipping(
      [
        { template: byWeight, lines: [grams(500)], goodsAmount: 5000 },
        { template: byWeight, lines: [grams(500)], goodsAmount: 9900 },
      ],
      ZHEJIANG,
    );
    expect(quote).toEqual({ ok: true, fee: 800 });
  });

  it('refuses the order when one group cannot go there', () => {
    expect(
      quoteOrderShipping(
        [
          { template: byPiece, lines: [grams(null)], goodsAmount: 100 },
          { template: byWeight, lines: [grams(100)], goodsAmount: 100 },
        ],
        HONG_KONG,
      ),
    ).toMatchObject({ ok: false, reason: 'undeliverable' });
  });

  it('costs nothing for an order with no template', () => {
    expect(quoteOrderShipping([{ template: null, lines: [grams(1)], goodsAmount: 1 }], HONG_KONG)).toEqual({
      ok: true,
      fee: 0,
    });
  });
});

describe('provinces', () => {
  it('lists the 34 provincial-level divisions with distinct codes and names', () => {
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    expect(new Set(provinces.flatMap((p) => [p.name, p.short])).size).toBe(68);
    for (const p of provinces) expect(p.code).toMatch(/^\d{2}0000$/);
  });

  it.each([
    ['浙江省', '330000'],
    ['浙江', '330000'],
    [' 内蒙古自治区 ', '150000'],
    ['广西', '450000'],
    ['北京市', '110000'],
  ])('finds %s', (name, code) => {
    expect(provinceByName(name)?.code).toBe(code);
  });

  it.each(['浙', 'Zhejiang', '杭州市', '', '__proto__', 'constructor'])('does not guess %s', (name) => {
    expect(provinceByName(name)).toBeUndefined();
  });
});

describe('shippingTemplateProblems', () => {
  it('accepts a sound template', () => {
    expect(shippingTemplateProblems(byWeight)).toEqual({});
  });

  it('points at a province in two region rules', () => {
    const rule = byWeight.defaultRule;
    expect(
      shippingTemplateProblems({
        ...byWeight,
        regionRules: [
          { ...rule, provinces: [XINJIANG] },
          { ...rule, provinces: [TIBET, XINJIANG] },
        ],
      }),
    ).toEqual({ 'regionRules.1.provinces': '新疆维吾尔自治区 is already in region rule 1' });
  });

  it('points at a province both delivered to by a rule, or remote, and undeliverable', () => {
    expect(
      shippingTemplateProblems({
        ...byWeight,
        undeliverableProvinces: [XINJIANG],
      }),
    ).toEqual({
      'regionRules.0.provinces': '新疆维吾尔自治区 is marked as not delivered to',
      remoteProvinces: '新疆维吾尔自治区 is marked as not delivered to',
    });
  });
});

describe('ShippingTemplateCreate', () => {
  const input = {
    name: '默认运费模板',
    chargeBy: 'weight',
    defaultRule: { firstUnits: 1000, firstFee: 800, additionalUnits: 1000, additionalFee: 200 },
  };

  it('fills the optional parts and types as the rules the fee is computed from', () => {
    const parsed = ShippingTemplateCreate.parse(input);
    expect(parsed).toEqual({
      ...input,
      regionRules: [],
      freeShippingThreshold: null,
      remoteProvinces: [],
      remoteSurcharge: 0,
      undeliverableProvinces: [],
    });
    const rules: ShippingTemplateRules = parsed;
    expect(quoteShipping(rules, { lines: [grams(2300)], goodsAmount: 1, province: ZHEJIANG })).toMatchObject({
      fee: 1200,
    });
  });

  it.each([
    ['an unknown key', { ...input, isDefault: true }, ''],
    [
      'an unknown key in a rule',
      { ...input, defaultRule: { ...input.defaultRule, perKg: 1 } },
      'defaultRule',
    ],
    [
      'a float fee',
      { ...input, defaultRule: { ...input.defaultRule, firstFee: 8.5 } },
      'defaultRule.firstFee',
    ],
    [
      'a negative fee',
      { ...input, defaultRule: { ...input.defaultRule, additionalFee: -1 } },
      'defaultRule.additionalFee',
    ],
    [
      'a zero step',
      { ...input, defaultRule: { ...input.defaultRule, additionalUnits: 0 } },
      'defaultRule.additionalUnits',
    ],
    ['another charge mode', { ...input, chargeBy: 'volume' }, 'chargeBy'],
    ['a province name instead of a code', { ...input, remoteProvinces: ['新疆'] }, 'remoteProvinces.0'],
    [
      'a province listed twice',
      { ...input, undeliverableProvinces: [HONG_KONG, HONG_KONG] },
      'undeliverableProvinces',
    ],
    [
      'a region rule without provinces',
      { ...input, regionRules: [{ ...input.defaultRule, provinces: [] }] },
      'regionRules.0.provinces',
    ],
    [
      'a province in a rule and undeliverable',
      {
        ...input,
        regionRules: [{ ...input.defaultRule, provinces: [HONG_KONG] }],
        undeliverableProvinces: [HONG_KONG],
      },
      'regionRules.0.provinces',
    ],
    ['an empty name', { ...input, name: '  ' }, 'name'],
  ])('refuses %s', (_name, value, path) => {
    const result = ShippingTemplateCreate.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('checks the clashes an update carries', () => {
    expect(ShippingTemplateUpdate.safeParse({ name: '新名字' }).success).toBe(true);
    expect(
      ShippingTemplateUpdate.safeParse({ remoteProvinces: [TIBET], undeliverableProvinces: [TIBET] }).success,
    ).toBe(false);
    expect(ShippingTemplateUpdate.safeParse({ version: 2 }).success).toBe(false);
  });
});
