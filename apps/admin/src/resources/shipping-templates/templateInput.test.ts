import { ShippingTemplateCreate } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import { emptyTemplate, toTemplateInput } from './templateInput';

describe('toTemplateInput', () => {
  it('turns yuan typed into fen and keeps stored fen as is', () => {
    const input = toTemplateInput({
      name: ' 标准快递 ',
      chargeBy: 'piece',
      defaultRule: { firstUnits: 1, firstFee: '8', additionalUnits: '1', additionalFee: 200 },
      regionRules: [
        { provinces: ['650000'], firstUnits: 1, firstFee: '20.5', additionalUnits: 2, additionalFee: '10' },
      ],
      freeShippingThreshold: '99',
      remoteProvinces: ['540000'],
      remoteSurcharge: '10',
      undeliverableProvinces: ['810000'],
    });
    expect(input).toEqual({
      name: '标准快递',
      chargeBy: 'piece',
      defaultRule: { firstUnits: 1, firstFee: 800, additionalUnits: 1, additionalFee: 200 },
      regionRules: [
        { provinces: ['650000'], firstUnits: 1, firstFee: 2050, additionalUnits: 2, additionalFee: 1000 },
      ],
      freeShippingThreshold: 9900,
      remoteProvinces: ['540000'],
      remoteSurcharge: 1000,
      undeliverableProvinces: ['810000'],
    });
    expect(ShippingTemplateCreate.safeParse(input).success).toBe(true);
  });

  it('reads a blank threshold as "never free" and the empty form as a valid template once named', () => {
    const input = toTemplateInput({ ...emptyTemplate, name: '包邮', freeShippingThreshold: '' });
    expect(input.freeShippingThreshold).toBeNull();
    expect(ShippingTemplateCreate.safeParse(input).success).toBe(true);
  });
});
