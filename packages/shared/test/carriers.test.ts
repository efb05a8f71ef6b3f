import { describe, expect, it } from 'vitest';
import {
  Carrier,
  carrierByName,
  carrierCodes,
  carriers,
  isValidTrackingNo,
  normaliseTrackingNo,
  ShipmentCreate,
} from '../src/index.js';

describe('carriers', () => {
  it.each(carrierCodes)('%s accepts its own example and refuses another carrier shape', (code) => {
    expect(isValidTrackingNo(code, carriers[code].example)).toBe(true);
    expect(isValidTrackingNo(code, 'ABC')).toBe(false);
    expect(isValidTrackingNo(code, `${carriers[code].example}99999999`)).toBe(false);
  });

  it('normalises spaces and case', () => {
    expect(normaliseTrackingNo(' sf 1234 5678 90123 ')).toBe('SF1234567890123');
  });

  it('finds a carrier by code, Chinese name, short name or English name', () => {
    expect(carrierByName('SF')).toBe('SF');
    expect(carrierByName('顺丰')).toBe('SF');
    expect(carrierByName('中通快递')).toBe('ZTO');
    expect(carrierByName('j&t express')).toBe('JTSD');
    expect(carrierByName('')).toBeUndefined();
    expect(carrierByName('火星快递')).toBeUndefined();
  });

  it('refuses an unknown carrier code', () => {
    expect(Carrier.safeParse('DHL').success).toBe(false);
  });
});

describe('ShipmentCreate', () => {
  it('takes a valid parcel, normalising the tracking number', () => {
    const parsed = ShipmentCreate.parse({
      carrier: 'SF',
      trackingNo: 'sf1234567890123',
      items: [{ orderItemId: 1, quantity: 2 }],
    });
    expect(parsed.trackingNo).toBe('SF1234567890123');
  });

  it('refuses a tracking number in another carrier’s format, on the trackingNo field', () => {
    const result = ShipmentCreate.safeParse({ carrier: 'SF', trackingNo: 'YT1234567890123' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['trackingNo']);
  });

  it('refuses a line listed twice, zero quantities and unknown fields', () => {
    const base = { carrier: 'SF', trackingNo: 'SF1234567890123' };
    expect(
      ShipmentCreate.safeParse({
        ...base,
        items: [
          { orderItemId: 1, quantity: 1 },
          { orderItemId: 1, quantity: 1 },
        ],
      }).success,
    ).toBe(false);
    expect(ShipmentCreate.safeParse({ ...base, items: [{ orderItemId: 1, quantity: 0 }] }).success).toBe(
      false,
    );
    expect(ShipmentCreate.safeParse({ ...base, items: [] }).success).toBe(false);
    expect(ShipmentCreate.safeParse({ ...base, price: 1 }).success).toBe(false);
  });
});
