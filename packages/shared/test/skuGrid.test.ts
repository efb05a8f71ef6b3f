import { describe, expect, it } from 'vitest';
import { ProductCreate } from '../src/contract/products.js';
import { skuGridProblems, specCombinations } from '../src/domain/skuGrid.js';

const dims = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M', 'L'] },
];

describe('SKU grid', () => {
  it('generates every combination in dimension order', () => {
    expect(specCombinations(dims)).toEqual([
      ['红', 'S'],
      ['红', 'M'],
      ['红', 'L'],
      ['蓝', 'S'],
      ['蓝', 'M'],
      ['蓝', 'L'],
    ]);
    expect(specCombinations([])).toEqual([[]]);
  });

  it('accepts SKUs matching the grid in any order', () => {
    const skus = specCombinations(dims)
      .reverse()
      .map((specValues) => ({ specValues }));
    expect(skuGridProblems(dims, skus)).toEqual({});
  });

  it('reports missing, duplicate and foreign combinations', () => {
    const problems = skuGridProblems(dims, [
      { specValues: ['红', 'S'] },
      { specValues: ['红', 'S'] },
      { specValues: ['绿', 'S'] },
    ]);
    expect(problems['skus.1.specValues']).toMatch(/twice/);
    expect(problems['skus.2.specValues']).toMatch(/not a combination/);
    expect(problems.skus).toMatch(/missing/);
  });

  it('the create schema refuses a grid mismatch, floats for money and unknown fields', () => {
    const base = {
      title: 'T 恤',
      categoryId: 1,
      specDimensions: [{ name: '颜色', values: ['红'] }],
      skus: [{ specValues: ['红'], code: 'T-R', price: 100, stock: 1 }],
    };
    expect(ProductCreate.safeParse(base).success).toBe(true);
    expect(ProductCreate.safeParse({ ...base, skus: [{ ...base.skus[0], price: 1.5 }] }).success).toBe(false);
    expect(ProductCreate.safeParse({ ...base, skus: [{ ...base.skus[0], price: -1 }] }).success).toBe(false);
    expect(ProductCreate.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(
      ProductCreate.safeParse({ ...base, skus: [{ ...base.skus[0], specValues: ['蓝'] }] }).success,
    ).toBe(false);
  });
});
