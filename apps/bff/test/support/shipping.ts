/** Building blocks for shipping-template tests: a template input and its creation. */
import type { TestContext } from './context.js';

let serial = 0;

export const ZHEJIANG = '330000';
export const SHANGHAI = '310000';
export const XINJIANG = '650000';
export const TIBET = '540000';
export const HONG_KONG = '810000';

/** 首件 ¥8 续件 ¥2, 上海 ¥5 + ¥1, free from ¥99, 新疆/西藏 +¥10, 香港 not delivered. */
export function templateInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `标准快递 ${Date.now().toString(36)}${serial++}`,
    chargeBy: 'piece',
    defaultRule: { firstUnits: 1, firstFee: 800, additionalUnits: 1, additionalFee: 200 },
    regionRules: [
      { provinces: [SHANGHAI], firstUnits: 1, firstFee: 500, additionalUnits: 1, additionalFee: 100 },
    ],
    freeShippingThreshold: 9900,
    remoteProvinces: [XINJIANG, TIBET],
    remoteSurcharge: 1000,
    undeliverableProvinces: [HONG_KONG],
    ...overrides,
  };
}

export async function createTemplate(
  t: TestContext,
  cookie: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await t.request('/api/shipping-templates', { cookie, body: templateInput(overrides) });
  if (res.status !== 201) throw new Error(`template: ${res.status} ${res.text}`);
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON record.
  return res.body.data as any;
}
