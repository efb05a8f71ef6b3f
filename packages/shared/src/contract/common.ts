import { z } from 'zod';

/** Every error the API returns has this shape (DESIGN.md "HTTP contract"). */
export const errorCodes = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'FOREIGN_ORIGIN',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'ILLEGAL_TRANSITION',
  'PRECONDITION_REQUIRED',
  'PAYLOAD_TOO_LARGE',
  'BUSINESS_RULE',
  'LAST_ADMIN',
  'USERNAME_TAKEN',
  'INSUFFICIENT_STOCK',
  'PRODUCT_NOT_AVAILABLE',
  'COUPONS_NOT_SUPPORTED',
  'ORDER_TOO_LARGE',
  'PAYMENT_AMOUNT_MISMATCH',
  'ORDER_ALREADY_PAID',
  'CATEGORY_NOT_EMPTY',
  'CATEGORY_TOO_DEEP',
  'NAME_TAKEN',
  'SKU_CODE_TAKEN',
  'SHIPPING_TEMPLATE_IN_USE',
  'UNDELIVERABLE_REGION',
  'RATE_LIMITED',
  'CHANNEL_UNKNOWN',
  'CHANNEL_DISABLED',
  'SIGNATURE_INVALID',
  'TIMESTAMP_INVALID',
  'TIMESTAMP_STALE',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_FLIGHT',
  'CHANNEL_KEY_TAKEN',
  'SHIPMENT_EXCEEDS_ORDER',
  'TRACKING_NO_TAKEN',
  'ADDRESS_LOCKED',
  'AFTER_SALES_QUANTITY_EXCEEDED',
  'REFUND_AMOUNT_EXCEEDED',
  'REFUND_WINDOW_PASSED',
  'ORDER_NOT_REFUNDABLE',
  'REFUND_COUNT_EXCEEDED',
  'REASON_UNKNOWN',
  'NOT_ELIGIBLE_FOR_BULK',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      /** Input path (dot-joined) → message, for inline form errors. */
      fields: z.record(z.string(), z.string()).optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Row ids are positive integers (bigint columns) serialised as numbers. */
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const IdParam = z.object({ id: Id });

export const Timestamp = z.iso.datetime({ offset: true });

/** Optimistic-locking version carried by every editable row and sent back as `If-Match`. */
export const Version = z.number().int().nonnegative();

export const sortOrders = ['ASC', 'DESC'] as const;

/**
 * The list query every resource accepts: `?page=&perPage=&sort=&order=&filter=<json>` or
 * `?ids=1,2` (getMany). `filter` is parsed with the resource's own strict filter schema.
 */
export function listQuery<const S extends readonly [string, ...string[]]>(sortFields: S) {
  return z.strictObject({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    perPage: z.coerce.number().int().min(1).max(500).default(25),
    sort: z.enum(sortFields).optional(),
    order: z.enum(sortOrders).default('DESC'),
    filter: z.string().max(4000).optional(),
    ids: z
      .string()
      .max(4000)
      .regex(/^\d+(,\d+)*$/, 'ids must be a comma-separated list of numbers')
      .optional(),
  });
}

export function listResponse<T extends z.ZodType>(record: T) {
  return z.object({ data: z.array(record), total: z.number().int().nonnegative().optional() });
}

export function recordResponse<T extends z.ZodType>(record: T) {
  return z.object({ data: record });
}

/** A bulk action's answer: one result per id, so a partial success is visible. */
export const BulkResult = z
  .object({
    data: z.array(
      z.object({
        id: z.number().int(),
        ok: z.boolean(),
        error: z.object({ code: ErrorCode, message: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof BulkResult>;

/** Trimmed, bounded text: every free-text input goes through one of these. */
export const shortText = (max: number) => z.string().trim().min(1).max(max);
