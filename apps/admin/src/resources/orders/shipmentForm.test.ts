import type { OrderItem } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import { defaultParcel, linesLeft, parcelItems, parcelUnits, trackingNoFits } from './shipmentForm';

const item = (id: number, quantity: number, shippedQuantity: number): OrderItem => ({
  id,
  skuId: id,
  productId: 1,
  skuCode: `SKU-${id}`,
  title: `商品 ${id}`,
  specValues: [],
  unitPrice: 100,
  quantity,
  lineAmount: 100 * quantity,
  shippedQuantity,
});

describe('ship dialog', () => {
  it('offers what is left of each line, all of it by default', () => {
    const lines = linesLeft([item(1, 3, 1), item(2, 2, 2)]);
    expect(lines.map((line) => line.left)).toEqual([2, 0]);
    expect(defaultParcel(lines)).toEqual([
      { orderItemId: 1, quantity: 2 },
      { orderItemId: 2, quantity: 0 },
    ]);
  });

  it('sends only the lines with units, and counts blanks as none', () => {
    const parcel = [
      { orderItemId: 1, quantity: 2 },
      { orderItemId: 2, quantity: 0 },
      { orderItemId: 3, quantity: null },
      { orderItemId: 4, quantity: 1 },
    ];
    expect(parcelItems(parcel)).toEqual([
      { orderItemId: 1, quantity: 2 },
      { orderItemId: 4, quantity: 1 },
    ]);
    expect(parcelUnits(parcel)).toBe(3);
    expect(parcelUnits([{ orderItemId: 1, quantity: 0 }])).toBe(0);
  });

  it('checks the tracking number as the server does: spaces and case do not matter, the carrier does', () => {
    expect(trackingNoFits('SF', 'sf 1234 5678 9012 3')).toBe(true);
    expect(trackingNoFits('SF', 'SF12345')).toBe(false);
    expect(trackingNoFits('ZTO', 'SF1234567890123')).toBe(false);
    expect(trackingNoFits('EMS', 'ea123456789cn')).toBe(true);
  });
});
