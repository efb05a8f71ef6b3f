import type { ProductDetail } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import {
  carrySpecValues,
  editFormErrors,
  editGridRows,
  gridRows,
  toDimensions,
  toProductCreate,
  toProductEdit,
} from './productInput';

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

  it('carries SKUs to new dimensions: renamed values, a new dimension, a removed one', () => {
    const colours = { name: '颜色', values: ['红', '蓝'] };
    const sizes = { name: '尺码', values: ['S', 'M'] };
    const renamed = [{ name: '颜色', values: ['酒红', '蓝'] }, sizes];
    expect(carrySpecValues([colours, sizes], renamed, ['红', 'M'])).toEqual(['酒红', 'M']);
    expect(
      carrySpecValues([colours, sizes], [{ name: '颜色', values: ['蓝'] }, sizes], ['红', 'S']),
    ).toBeUndefined();
    expect(carrySpecValues([], [colours], [])).toEqual(['红']);
    expect(carrySpecValues([colours, sizes], [sizes], ['红', 'S'])).toEqual(['S']);
    expect(carrySpecValues([colours, sizes], [sizes], ['蓝', 'S'])).toBeUndefined();
  });
});

describe('editing the grid', () => {
  const sku = (id: number, specValues: string[]) => ({
    id,
    productId: 9,
    code: `C${id}`,
    specValues,
    price: 1000,
    originalPrice: null,
    cost: null,
    stock: 5,
    lowStockThreshold: 0,
    weightGrams: null,
    barcode: null,
    version: 1,
  });
  const product = {
    specDimensions: [
      { name: '颜色', values: ['红', '蓝'] },
      { name: '尺码', values: ['S', 'M'] },
    ],
    skus: [sku(1, ['红', 'S']), sku(2, ['红', 'M']), sku(3, ['蓝', 'S']), sku(4, ['蓝', 'M'])],
  } as unknown as ProductDetail;

  it('adding a colour keeps the SKUs first and appends the new ones; the edit sends them as addSkus', () => {
    const dims = toDimensions([
      { name: '颜色', valuesText: '黑, 红, 蓝' },
      { name: '尺码', valuesText: 'S, M' },
    ]);
    const typed = [
      { ...product.skus[0], price: '12' },
      { specValues: ['黑', 'M'], code: 'BK-M' },
    ];
    const rows = editGridRows(product, dims, typed as never);
    expect(rows.map((r) => [r.id, r.specLabel])).toEqual([
      [1, '红 / S'],
      [2, '红 / M'],
      [3, '蓝 / S'],
      [4, '蓝 / M'],
      [undefined, '黑 / S'],
      [undefined, '黑 / M'],
    ]);
    expect(rows[0]?.price).toBe('12');
    expect(rows[5]?.code).toBe('BK-M');
    const out = toProductEdit(
      {
        title: 't',
        categoryId: 1,
        specRows: [
          { name: '颜色', valuesText: '黑, 红, 蓝' },
          { name: '尺码', valuesText: 'S, M' },
        ],
        skus: rows.map((r, i) => (r.id ? r : { ...r, code: `N${i}`, price: '9.9', stock: 3 })),
      },
      product,
    );
    expect(out.specDimensions).toEqual(dims);
    expect(out.skus).toEqual([{ id: 1, price: 1200 }, { id: 2 }, { id: 3 }, { id: 4 }]);
    expect(out.addSkus).toEqual([
      expect.objectContaining({ specValues: ['黑', 'S'], code: 'N4', price: 990, stock: 3 }),
      expect.objectContaining({ specValues: ['黑', 'M'], code: 'N5', price: 990, stock: 3 }),
    ]);
    expect(out.removeSkuIds).toBeUndefined();
  });

  it('removing a value drops its SKUs (sent as removeSkuIds); renaming one moves them', () => {
    const rows = editGridRows(
      product,
      toDimensions([
        { name: '颜色', valuesText: '红' },
        { name: '尺码', valuesText: 'S, M' },
      ]),
      [],
    );
    const out = toProductEdit({ title: 't', categoryId: 1, specRows: [], skus: rows }, product);
    expect(out.removeSkuIds).toEqual([3, 4]);
    const renamedDims = toDimensions([
      { name: '颜色', valuesText: '红, 藏青' },
      { name: '尺码', valuesText: 'S, M' },
    ]);
    const renamed = editGridRows(product, renamedDims, []);
    expect(renamed.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    const moved = toProductEdit({ title: 't', categoryId: 1, skus: renamed }, product);
    expect(moved.skus).toEqual([
      { id: 1 },
      { id: 2 },
      { id: 3, specValues: ['藏青', 'S'] },
      { id: 4, specValues: ['藏青', 'M'] },
    ]);
    expect(moved.specDimensions).toBeUndefined(); // no specRows in the values: the dimensions are left alone
  });

  it('maps server field errors onto the form rows', () => {
    expect(
      editFormErrors(
        {
          'skus.1.price': 'a',
          'addSkus.0.code': 'b',
          'addSkus.2.specValues': 'c',
          removeSkuIds: 'd',
          'removeSkuIds.0': 'e',
          specDimensions: 'f',
          title: 'g',
        },
        4,
      ),
    ).toEqual({
      'skus.1.price': 'a',
      'skus.4.code': 'b',
      'skus.6.specValues': 'c',
      specRows: 'd',
      title: 'g',
    });
  });
});
