/** The back office's orders: the record, its detail, and the list's filters (the order desk). */
import { z } from 'zod';
import { OrderStatus, orderStatuses } from '../domain/orderStatus.js';
import { ShippingAddress } from './address.js';
import { Id, listQuery, Timestamp, Version } from './common.js';
import { FenAmount } from './products.js';
import { OrderNote, Shipment } from './shipments.js';

/** How an unpaid order came to be cancelled. */
export const orderCancelReasons = ['customer', 'timeout', 'staff'] as const;
export const OrderCancelReason = z.enum(orderCancelReasons).meta({ id: 'OrderCancelReason' });
export type OrderCancelReason = z.infer<typeof OrderCancelReason>;

/** The state of reporting an order's shipments to the mini-program platform (发货信息录入). */
export const shippingInfoSyncStates = ['not_required', 'pending', 'synced', 'failed'] as const;
export const ShippingInfoSyncState = z.enum(shippingInfoSyncStates).meta({ id: 'ShippingInfoSyncState' });
export type ShippingInfoSyncState = z.infer<typeof ShippingInfoSyncState>;

/** A row of the order list. Personal data arrives masked (DESIGN.md "Data"). */
export const Order = z
  .object({
    id: z.number().int(),
    orderNo: z.string(),
    status: OrderStatus,
    channelId: z.number().int(),
    channelName: z.string(),
    memberId: z.number().int(),
    buyerNickname: z.string().nullable(),
    /** Masked: 138****1234. */
    buyerPhone: z.string().nullable(),
    /** Units over all lines. */
    itemCount: z.number().int(),
    goodsAmount: FenAmount,
    discountAmount: FenAmount,
    shippingFee: FenAmount,
    payableAmount: FenAmount,
    /** 0 until paid. */
    paidAmount: FenAmount,
    refundedAmount: FenAmount,
    hasOpenRefund: z.boolean(),
    /** Masked: 林**. */
    receiverName: z.string(),
    province: z.string(),
    city: z.string(),
    buyerNote: z.string(),
    cancelReason: OrderCancelReason.nullable(),
    shippingInfoSync: ShippingInfoSyncState,
    createdAt: Timestamp,
    payDeadline: Timestamp,
    paidAt: Timestamp.nullable(),
    shippedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    cancelledAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    version: Version,
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;

/** A line as ordered: title, specs and price are copied at ordering, so later edits don't rewrite it. */
export const OrderItem = z
  .object({
    id: z.number().int(),
    skuId: z.number().int().nullable(),
    productId: z.number().int().nullable(),
    skuCode: z.string(),
    title: z.string(),
    specValues: z.array(z.string()),
    unitPrice: FenAmount,
    quantity: z.number().int(),
    lineAmount: FenAmount,
    shippedQuantity: z.number().int(),
  })
  .meta({ id: 'OrderItem' });
export type OrderItem = z.infer<typeof OrderItem>;

/** The address on an order, masked unless revealed (orders:reveal, audited). */
export const OrderAddress = z
  .object({
    name: z.string(),
    phone: z.string(),
    province: z.string(),
    city: z.string(),
    district: z.string(),
    detail: z.string(),
    masked: z.boolean(),
  })
  .meta({ id: 'OrderAddress' });
export type OrderAddress = z.infer<typeof OrderAddress>;

export const OrderPayment = z
  .object({ transactionId: z.string(), amount: FenAmount, paidAt: Timestamp })
  .meta({ id: 'OrderPayment' });
export type OrderPayment = z.infer<typeof OrderPayment>;

/**
 * One step in an order's history: a milestone from the order's own timestamps (`created`,
 * `paid`, …) or an audited change (`audit`, with its action, who did it and the status after).
 * Audit payloads are not passed on whole: they may hold the buyer's unmasked address.
 */
export const orderTimelineEvents = [
  'created',
  'paid',
  'shipped',
  'completed',
  'cancelled',
  'closed',
  'audit',
] as const;
export const OrderTimelineEntry = z
  .object({
    at: Timestamp,
    event: z.enum(orderTimelineEvents),
    action: z.string().nullable(),
    actorName: z.string().nullable(),
    status: OrderStatus.nullable(),
  })
  .meta({ id: 'OrderTimelineEntry' });
export type OrderTimelineEntry = z.infer<typeof OrderTimelineEntry>;

export const OrderDetail = Order.extend({
  items: z.array(OrderItem),
  address: OrderAddress,
  payment: OrderPayment.nullable(),
  /** Oldest first. */
  shipments: z.array(Shipment),
  /** Staff's internal notes, newest first; never shown to the customer. */
  notes: z.array(OrderNote),
  /** Oldest first. */
  timeline: z.array(OrderTimelineEntry),
}).meta({ id: 'OrderDetail' });
export type OrderDetail = z.infer<typeof OrderDetail>;

/** Editing the address before shipping: the whole address, as the storefront sends one. */
export const OrderAddressUpdate = ShippingAddress.meta({ id: 'OrderAddressUpdate' });
export type OrderAddressUpdate = z.infer<typeof OrderAddressUpdate>;

/**
 * The order desk's filters. `status` is one status or several (the "to ship" tab is paid +
 * partially_shipped); `q` matches an order number, a member's nickname, the last 4 digits of
 * a phone, or a tracking number; amounts are the payable amount in fen.
 */
export const OrderFilter = z
  .strictObject({
    status: z.union([OrderStatus, z.array(OrderStatus).min(1).max(orderStatuses.length)]).optional(),
    createdAt_gte: Timestamp.optional(),
    createdAt_lte: Timestamp.optional(),
    q: z.string().trim().max(64).optional(),
    skuId: Id.optional(),
    /** A SKU's code as operators know it (the order keeps the code it was bought under). */
    skuCode: z.string().trim().min(1).max(64).optional(),
    memberId: Id.optional(),
    channelId: Id.optional(),
    payableAmount_gte: FenAmount.optional(),
    payableAmount_lte: FenAmount.optional(),
    hasOpenRefund: z.boolean().optional(),
  })
  .meta({ id: 'OrderFilter' });
export type OrderFilter = z.infer<typeof OrderFilter>;

export const orderSortFields = ['id', 'createdAt', 'paidAt', 'payableAmount', 'status'] as const;
export const OrderListQuery = listQuery(orderSortFields);

/** Counts per status for the list's tabs, under the same filter minus `status`. */
export const OrderStatusCounts = z
  .object({ data: z.record(OrderStatus, z.number().int().nonnegative()) })
  .meta({ id: 'OrderStatusCounts' });
export type OrderStatusCounts = z.infer<typeof OrderStatusCounts>;
