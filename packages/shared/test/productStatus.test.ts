import { describe, expect, it } from 'vitest';
import {
  availableProductTransitions,
  nextProductStatus,
  type ProductStatus,
  productStatuses,
  productTransitionNames,
  productTransitions,
  sellableProblems,
  transitionBetween,
} from '../src/domain/productStatus.js';
import { can } from '../src/permissions.js';

/** The legal moves, written out by hand: from → to → transition (and its permission action). */
const legal: Record<string, [string, string]> = {
  'draft→pending_review': ['submit', 'submit'],
  'rejected→pending_review': ['submit', 'submit'],
  'pending_review→inactive': ['approve', 'review'],
  'pending_review→rejected': ['reject', 'review'],
  'active→inactive': ['off_shelf', 'shelve'],
  'inactive→active': ['on_shelf', 'shelve'],
  'rejected→draft': ['revise', 'submit'],
};

const pairs = productStatuses.flatMap((from) => productStatuses.map((to) => [from, to] as const));

describe('product status machine', () => {
  it.each(pairs)('%s → %s is legal exactly when listed', (from, to) => {
    const expected = legal[`${from}→${to}`];
    const transition = transitionBetween(from, to);
    if (expected) {
      expect(transition).toBe(expected[0]);
      expect(productTransitions[transition as keyof typeof productTransitions].action).toBe(expected[1]);
    } else {
      expect(transition).toBeUndefined();
    }
  });

  const every = productStatuses.flatMap((from) =>
    productTransitionNames.map((name) => [from, name] as const),
  );
  it.each(every)('from %s, %s leads where the table says or nowhere', (from, name) => {
    const target = Object.entries(legal).find(([key, [t]]) => t === name && key.startsWith(`${from}→`));
    expect(nextProductStatus(from, name)).toBe(target ? target[0].split('→')[1] : undefined);
  });

  it('lists the transitions available in each status', () => {
    const available = Object.fromEntries(productStatuses.map((s) => [s, availableProductTransitions(s)]));
    expect(available).toEqual({
      draft: ['submit'],
      pending_review: ['approve', 'reject'],
      active: ['off_shelf'],
      inactive: ['on_shelf'],
      rejected: ['submit', 'revise'],
    });
  });

  it('review is an admin action; operators submit and shelve', () => {
    for (const name of productTransitionNames) {
      const { action } = productTransitions[name];
      expect(can('admin', 'products', action)).toBe(true);
      expect(can('operator', 'products', action)).toBe(action !== 'review');
      expect(can('customer_service', 'products', action)).toBe(false);
      expect(can('manager', 'products', action)).toBe(false);
    }
  });

  it('no status is a dead end', () => {
    for (const status of productStatuses as readonly ProductStatus[])
      expect(availableProductTransitions(status).length).toBeGreaterThan(0);
  });
});

describe('sellableProblems', () => {
  it('needs at least one SKU', () => {
    expect(sellableProblems([])).toEqual({ skus: expect.any(String) });
  });
  it('refuses a SKU priced 0, pointing at it', () => {
    expect(Object.keys(sellableProblems([{ price: 100 }, { price: 0 }]))).toEqual(['skus.1.price']);
  });
  it('accepts priced SKUs', () => {
    expect(sellableProblems([{ price: 1 }, { price: 9900 }])).toEqual({});
  });
});
