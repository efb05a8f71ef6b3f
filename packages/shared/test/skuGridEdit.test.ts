import { describe, expect, it } from 'vitest';
import { ProductUpdate } from '../src/contract/products.js';
import { isDeletableStatus } from '../src/domain/productDeletion.js';
import { productStatuses } from '../src/domain/productStatus.js';
import { specCombinations } from '../src/domain/skuGrid.js';
import { editedGrid, touchesGrid } from '../src/domain/skuGridEdit.js';

const colours = { name: '颜色', values: ['红', '蓝'] };
const sizes = { name: '尺码', values: ['S', 'M', 'L'] };
const current = {
  specDimensions: [colours, sizes],
  skus: specCombinations([colours, sizes]).map((specValues, i) => ({
    id: i + 1,
    code: `C${i + 1}`,
    specValues,
  })),
};
const idOf = (values: string[]) => current.skus.find((s) => s.specValues.join() === values.join())?.id ?? 0;

describe('the grid after an edit', () => {
  it('adding a colour needs its SKUs: 黑 × S/M/L', () => {
    const specDimensions = [{ name: '颜色', values: ['红', '蓝', '黑'] }, sizes];
    const black = ['S', 'M', 'L'].map((s) => ({ specValues: ['黑', s] }));
    const ok = editedGrid(current, { specDimensions, addSkus: black });
    expect(ok.problems).toEqual({});
    expect(ok.skus).toHaveLength(9);
    expect(ok.skus.slice(6)).toEqual(black.map((s, addIndex) => ({ addIndex, specValues: s.specValues })));

    const partial = editedGrid(current, { specDimensions, addSkus: black.slice(0, 2) });
    expect(partial.problems.addSkus).toMatch(/missing SKUs for 黑\/L/);
  });

  it('removing a value needs its SKUs removed in the same edit', () => {
    const specDimensions = [{ name: '颜色', values: ['红'] }, sizes];
    const blueIds = current.skus.filter((s) => s.specValues[0] === '蓝').map((s) => s.id);
    expect(editedGrid(current, { specDimensions, removeSkuIds: blueIds }).problems).toEqual({});
    const stranded = editedGrid(current, { specDimensions, removeSkuIds: blueIds.slice(1) });
    expect(stranded.problems.specDimensions).toMatch(/C4 \(蓝\/S\)/);
  });

  it('removing one SKU but keeping its values leaves a hole in the grid', () => {
    const removed = editedGrid(current, { removeSkuIds: [idOf(['红', 'S'])] });
    expect(removed.problems.addSkus).toMatch(/missing SKUs for 红\/S/);
  });

  it('renames a value through the SKUs’ new spec values', () => {
    const specDimensions = [{ name: '颜色', values: ['酒红', '蓝'] }, sizes];
    const moves = ['S', 'M', 'L'].map((s) => ({ id: idOf(['红', s]), specValues: ['酒红', s] }));
    expect(editedGrid(current, { specDimensions, skus: moves }).problems).toEqual({});
    const wrong = editedGrid(current, {
      specDimensions,
      skus: [...moves.slice(0, 2), { id: moves[2]?.id ?? 0, specValues: ['粉', 'L'] }],
    });
    expect(wrong.problems['skus.2.specValues']).toMatch(/not a combination/);
    expect(wrong.problems.addSkus).toMatch(/酒红\/L/);
  });

  it('a first dimension on a single-SKU product needs the lone SKU moved into it', () => {
    const single = { specDimensions: [], skus: [{ id: 7, code: 'ONE', specValues: [] }] };
    const specDimensions = [{ name: '颜色', values: ['红', '蓝'] }];
    const unmapped = editedGrid(single, { specDimensions, addSkus: [{ specValues: ['蓝'] }] });
    expect(unmapped.problems.specDimensions).toMatch(/ONE \(—\)/);
    const mapped = editedGrid(single, {
      specDimensions,
      skus: [{ id: 7, specValues: ['红'] }],
      addSkus: [{ specValues: ['蓝'] }],
    });
    expect(mapped.problems).toEqual({});
  });

  it('reports an added SKU that duplicates a kept one', () => {
    const res = editedGrid(current, { addSkus: [{ specValues: ['红', 'S'] }] });
    expect(res.problems['addSkus.0.specValues']).toMatch(/twice/);
  });

  it('knows which edits touch the grid', () => {
    expect(touchesGrid({})).toBe(false);
    expect(touchesGrid({ skus: [{ id: 1 }], removeSkuIds: [], addSkus: [] })).toBe(false);
    expect(touchesGrid({ skus: [{ id: 1, specValues: ['红'] }] })).toBe(true);
    expect(touchesGrid({ specDimensions: [] })).toBe(true);
    expect(touchesGrid({ removeSkuIds: [1] })).toBe(true);
  });
});

describe('the update schema', () => {
  it('refuses a code used twice in one edit, a SKU listed twice and unknown fields', () => {
    const sku = { specValues: ['黑'], code: 'NEW-1', price: 100, stock: 0 };
    expect(ProductUpdate.safeParse({ addSkus: [sku] }).success).toBe(true);
    const twice = ProductUpdate.safeParse({ skus: [{ id: 1, code: 'new-1' }], addSkus: [sku] });
    expect(twice.error?.issues[0]?.path).toEqual(['addSkus', 0, 'code']);
    expect(ProductUpdate.safeParse({ skus: [{ id: 1 }, { id: 1, price: 2 }] }).success).toBe(false);
    expect(ProductUpdate.safeParse({ addSkus: [{ ...sku, stock: -1 }] }).success).toBe(false);
    expect(ProductUpdate.safeParse({ addSkus: [{ ...sku, id: 3 }] }).success).toBe(false);
  });
});

describe('deletable products', () => {
  it('are those that never passed review', () => {
    expect(productStatuses.filter(isDeletableStatus)).toEqual(['draft', 'rejected']);
  });
});
