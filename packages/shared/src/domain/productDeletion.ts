/**
 * Which products may be deleted: only those that never passed review. The status machine has
 * no way back to draft or rejected once a product is approved, so these were never on sale.
 * (The BFF also refuses a product whose SKUs have order movements in the stock ledger.)
 */
import type { ProductStatus } from './productStatus.js';

export const deletableProductStatuses = ['draft', 'rejected'] as const satisfies readonly ProductStatus[];

export const isDeletableStatus = (status: ProductStatus): boolean =>
  (deletableProductStatuses as readonly ProductStatus[]).includes(status);
