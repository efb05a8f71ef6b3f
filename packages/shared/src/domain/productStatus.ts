/**
 * The product (SPU) status machine: draft → pending_review → (approved) inactive ⇄ active;
 * pending_review → rejected (with a reason); rejected → draft, or straight back to review.
 * Approval does not put a product on sale: the operator shelves it when the shop is ready.
 * Each transition names the permission action (products:<action>) it needs.
 */
import { z } from 'zod';

export const productStatuses = ['draft', 'pending_review', 'active', 'inactive', 'rejected'] as const;
export const ProductStatus = z.enum(productStatuses).meta({ id: 'ProductStatus' });
export type ProductStatus = z.infer<typeof ProductStatus>;

export const productTransitionNames = [
  'submit',
  'approve',
  'reject',
  'on_shelf',
  'off_shelf',
  'revise',
] as const;
export type ProductTransition = (typeof productTransitionNames)[number];

type TransitionRule = {
  from: readonly ProductStatus[];
  to: ProductStatus;
  /** The products:<action> permission the transition needs. */
  action: 'submit' | 'review' | 'shelve';
};

export const productTransitions: Record<ProductTransition, TransitionRule> = {
  submit: { from: ['draft', 'rejected'], to: 'pending_review', action: 'submit' },
  approve: { from: ['pending_review'], to: 'inactive', action: 'review' },
  reject: { from: ['pending_review'], to: 'rejected', action: 'review' },
  on_shelf: { from: ['inactive'], to: 'active', action: 'shelve' },
  off_shelf: { from: ['active'], to: 'inactive', action: 'shelve' },
  // Taking a rejected product back to draft is its submitter's move, like submitting it.
  revise: { from: ['rejected'], to: 'draft', action: 'submit' },
};

/** The status a transition leads to from `from`, or undefined when it is not allowed there. */
export function nextProductStatus(
  from: ProductStatus,
  transition: ProductTransition,
): ProductStatus | undefined {
  const rule = productTransitions[transition];
  return rule.from.includes(from) ? rule.to : undefined;
}

/** The transition that leads from one status to another, if there is one. */
export function transitionBetween(from: ProductStatus, to: ProductStatus): ProductTransition | undefined {
  return productTransitionNames.find((name) => nextProductStatus(from, name) === to);
}

/** What may be done to a product in this status (the SPA shows only these buttons). */
export function availableProductTransitions(from: ProductStatus): ProductTransition[] {
  return productTransitionNames.filter((name) => nextProductStatus(from, name) !== undefined);
}

/**
 * Why a product with these SKUs may not be on sale (active): it needs at least one SKU and
 * no SKU priced 0. Keys are input paths for inline form errors; empty when it may be sold.
 */
export function sellableProblems(skus: readonly { price: number }[]): Record<string, string> {
  if (skus.length === 0) return { skus: 'a product on sale needs at least one SKU' };
  const problems: Record<string, string> = {};
  skus.forEach((sku, i) => {
    if (sku.price <= 0) problems[`skus.${i}.price`] = 'a product on sale cannot have a SKU priced 0';
  });
  return problems;
}
