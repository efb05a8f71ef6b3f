import type { ProductDetail } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import { gridRows, toDimensions, toProductCreate, toProductEdit } from './productInput';

describe('product form values', () => {
  it('generates the grid and keeps typed rows', () => {
    const dims = toDimensions([
      { name: '颜色', valuesText: '红，蓝' },
      { name: '尺码', valuesText: 'S, M, L' },
    ]);
    const rows = gridRows(dims, [{ specValues: ['红', 'S'], code: 'R-S' }]);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ specValues: ['红', 'S'], code: 'R-S', specLabel: '红 / S' });
  });

  it('sends prices in fen', () => {
    const input = toProductCreate({
      title: ' 洁面乳 ',
      categoryId: 3,
      specDimensions: [],
      skus: [{ specValues: [], code: 'A1', price: '12.5', originalPrice: '', stock: '7' }],
    });
    expect(input.title).toBe('洁面乳');
    expect(input.skus[0]).toMatchObject({ price: 1250, originalPrice: null, stock: 7, code: 'A1' });
  });

  it('edits send only changed SKU fields and removed ids', () => {
    const sku = {
      id: 1,
      productId: 9,
      code: 'A1',
      specValues: [],
      price: 1000,
      originalPrice: null,
      cost: null,
      stock: 5,
      lowStockThreshold: 2,
      weightGrams: null,
      barcode: null,
      version: 1,
    };
    const previous = { skus: [sku, { ...sku, id: 2, code: 'A2' }] } as unknown as ProductDetail;
    const out = toProductEdit({ title: 't', categoryId: 1, skus: [{ ...sku, price: '11' }] }, previous);
    expect(out.skus).toEqual([{ id: 1, price: 1100 }]);
    expect(out.removeSkuIds).toEqual([2]);
    const rows = [sku, { ...sku, id: 2, code: 'B2' }];
    expect(toProductEdit({ title: 't', categoryId: 1, skus: rows }, previous).skus).toEqual([
      { id: 1 },
      { id: 2, code: 'B2' },
    ]);
    expect(toProductEdit({ title: 't', categoryId: 1, skus: [sku] }, previous).skus).toBeUndefined();
  });
});
