import type { AfterSalesItem } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import { defaultReceiveLines, receiveInput, receiveLineError, receiveTotals } from './receiveForm';

const item = (id: number, quantity: number): AfterSalesItem => ({
  id,
  orderItemId: id + 100,
  skuId: id + 200,
  skuCode: `SKU-${id}`,
  title: `商品 ${id}`,
  specValues: [],
  unitPrice: 1000,
  quantity,
  refundCap: 1000 * quantity,
  sellableQuantity: null,
  damagedQuantity: null,
});

describe('receiving returned goods', () => {
  it('counts every unit sellable by default', () => {
    expect(defaultReceiveLines([item(1, 2), item(2, 1)])).toEqual([
      { caseItemId: 1, quantity: 2, sellable: 2, damaged: 0 },
      { caseItemId: 2, quantity: 1, sellable: 1, damaged: 0 },
    ]);
  });

  it('requires sellable + damaged = the line quantity', () => {
    const line = { caseItemId: 1, quantity: 3, sellable: 1, damaged: 1 };
    expect(receiveLineError(line)).toEqual({
      message: 'resources.refunds.receive.must_sum',
      args: { quantity: 3, sum: 2 },
    });
    expect(receiveLineError({ ...line, damaged: 2 })).toBeUndefined();
    expect(receiveLineError({ ...line, damaged: '2' })).toBeUndefined();
  });

  it('refuses negative, fractional and blank counts', () => {
    for (const bad of [-1, 1.5, '', null, 'x'])
      expect(receiveLineError({ caseItemId: 1, quantity: 1, sellable: bad, damaged: 0 })?.message).toBe(
        'resources.refunds.receive.not_a_count',
      );
  });

  it('builds the input only when every line adds up', () => {
    const lines = [
      { caseItemId: 1, quantity: 2, sellable: 1, damaged: 1 },
      { caseItemId: 2, quantity: 1, sellable: '1', damaged: '0' },
    ];
    expect(receiveInput(lines, '  外箱破损 ')).toEqual({
      items: [
        { caseItemId: 1, sellable: 1, damaged: 1 },
        { caseItemId: 2, sellable: 1, damaged: 0 },
      ],
      note: '外箱破损',
    });
    expect(receiveInput(lines, '  ')).not.toHaveProperty('note');
    expect(receiveInput([{ caseItemId: 1, quantity: 2, sellable: 2, damaged: 1 }])).toBeUndefined();
    expect(receiveInput([])).toBeUndefined();
    expect(receiveTotals(lines)).toEqual({ sellable: 2, damaged: 1 });
  });
});
