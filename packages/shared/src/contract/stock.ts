import { z } from 'zod';
import { Id, listQuery, Timestamp } from './common.js';

/** `opening_stock`: the first line of a SKU's ledger, the stock it was created with. */
export const movementReasons = [
  'opening_stock',
  'manual_adjust',
  'import',
  'order_reserve',
  'cancel_release',
  'refund_restock',
] as const;
export const MovementReason = z.enum(movementReasons).meta({ id: 'MovementReason' });
export type MovementReason = z.infer<typeof MovementReason>;

/** One line of the stock ledger. */
export const InventoryMovement = z
  .object({
    id: z.number().int(),
    skuId: z.number().int().nullable(),
    productId: z.number().int().nullable(),
    skuCode: z.string(),
    delta: z.number().int(),
    reason: MovementReason,
    stockAfter: z.number().int(),
    actorId: z.number().int().nullable(),
    actorName: z.string(),
    reference: z.string().nullable(),
    note: z.string().nullable(),
    at: Timestamp,
  })
  .meta({ id: 'InventoryMovement' });
export type InventoryMovement = z.infer<typeof InventoryMovement>;

/** A manual change of stock: a delta, never an absolute value (that would erase reservations). */
export const StockAdjustment = z
  .strictObject({
    delta: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((d) => d !== 0, 'the change cannot be 0'),
    reason: z.literal('manual_adjust'),
    note: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'StockAdjustment' });
export type StockAdjustment = z.infer<typeof StockAdjustment>;

export const InventoryMovementFilter = z
  .strictObject({
    skuId: Id.optional(),
    productId: Id.optional(),
    reason: MovementReason.optional(),
    at_gte: Timestamp.optional(),
    at_lte: Timestamp.optional(),
  })
  .meta({ id: 'InventoryMovementFilter' });
export type InventoryMovementFilter = z.infer<typeof InventoryMovementFilter>;

export const inventoryMovementSortFields = ['id', 'at', 'delta'] as const;
export const InventoryMovementListQuery = listQuery(inventoryMovementSortFields);
