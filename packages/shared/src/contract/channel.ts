/**
 * The storefront channel API's bodies and answers (DESIGN.md "Storefront channel API"). The
 * channel is a server (the mini-program's backend, a payment gateway); customers are named by
 * their openid, and an order is only ever touched on behalf of the buyer who placed it.
 */
import { z } from 'zod';
import {
  ORDER_MAX_LINES,
  ORDER_MAX_QUANTITY_PER_LINE,
  ORDER_MAX_TOTAL_QUANTITY,
} from '../domain/orderPricing.js';
import { OrderStatus } from '../domain/orderStatus.js';
import { MainlandMobile, ShippingAddress } from './address.js';
import { Timestamp } from './common.js';
import { FenAmount } from './products.js';

/** A channel's public key name, e.g. `demo-miniapp`. */
export const ChannelKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,39}$/, 'lower-case letters, digits and -, 3 to 40')
  .meta({ id: 'ChannelKey' });

export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, _ or -')
  .meta({ id: 'IdempotencyKey' });

/** Headers every channel request carries (names as Node hands them over: lower case). */
export const ChannelSignedHeaders = z.object({
  'x-channel-key': ChannelKey,
  'x-timestamp': z.string().regex(/^\d{1,10}$/, 'unix seconds'),
  'x-signature': z.string().regex(/^[0-9a-fA-F]{64}$/, 'hex HMAC-SHA256'),
});
/** …and writes an Idempotency-Key as well. */
export const ChannelWriteHeaders = ChannelSignedHeaders.extend({ 'idempotency-key': IdempotencyKey });

/** WeChat openids are 28 characters; other channels' user ids are allowed their own length. */
export const OpenId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,64}$/, '6 to 64 letters, digits, _ or -')
  .meta({ id: 'OpenId' });

/** Our order number, as the storefront and the gateway quote it. */
export const OrderNo = z
  .string()
  .regex(/^[0-9A-Za-z]{8,32}$/, '8 to 32 letters or digits')
  .meta({ id: 'OrderNo' });
export const OrderNoParam = z.object({ orderNo: OrderNo });

/** Our row ids, which storefronts may send as numbers or as decimal strings. */
const ChannelId = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'a positive whole number')
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER)),
]);

export const ChannelBuyer = z
  .strictObject({
    openid: OpenId,
    nickname: z.string().trim().max(32).nullable().optional(),
    phone: MainlandMobile.nullable().optional(),
  })
  .meta({ id: 'ChannelBuyer' });

export const ChannelOrderItem = z
  .strictObject({
    skuId: ChannelId,
    quantity: z.number().int().min(1).max(ORDER_MAX_QUANTITY_PER_LINE),
  })
  .meta({ id: 'ChannelOrderItem' });

export const ChannelOrderCreate = z
  .strictObject({
    buyer: ChannelBuyer,
    items: z.array(ChannelOrderItem).min(1).max(ORDER_MAX_LINES),
    address: ShippingAddress,
    note: z.string().trim().max(200).default(''),
    /** A member coupon's id; refused (422) until coupons exist. */
    couponId: ChannelId.nullable().default(null),
  })
  .superRefine((order, ctx) => {
    const seen = new Set<number>();
    order.items.forEach((item, i) => {
      if (seen.has(item.skuId))
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'skuId'],
          message: 'a SKU appears twice: send one line',
        });
      seen.add(item.skuId);
    });
    const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
    if (units > ORDER_MAX_TOTAL_QUANTITY)
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: `at most ${ORDER_MAX_TOTAL_QUANTITY} items per order`,
      });
  })
  .meta({ id: 'ChannelOrderCreate' });
export type ChannelOrderCreate = z.infer<typeof ChannelOrderCreate>;

export const ChannelOrderLine = z
  .object({
    /** The line's id: what an after-sales application names. */
    itemId: z.number().int(),
    skuId: z.number().int(),
    productId: z.number().int(),
    title: z.string(),
    specValues: z.array(z.string()),
    unitPrice: FenAmount,
    quantity: z.number().int(),
    lineAmount: FenAmount,
  })
  .meta({ id: 'ChannelOrderLine' });

export const ChannelShipment = z
  .object({ carrier: z.string(), trackingNo: z.string(), shippedAt: Timestamp })
  .meta({ id: 'ChannelShipment' });

/** An order as the storefront sees it: amounts computed by the server, in fen. */
export const ChannelOrder = z
  .object({
    orderNo: OrderNo,
    status: OrderStatus,
    goodsAmount: FenAmount,
    discountAmount: FenAmount,
    shippingFee: FenAmount,
    payableAmount: FenAmount,
    items: z.array(ChannelOrderLine),
    note: z.string(),
    createdAt: Timestamp,
    /** When an unpaid order closes by itself. */
    payDeadline: Timestamp,
    paidAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    cancelledAt: Timestamp.nullable(),
    shipments: z.array(ChannelShipment),
  })
  .meta({ id: 'ChannelOrder' });
export type ChannelOrder = z.infer<typeof ChannelOrder>;
export const ChannelOrderResponse = z.object({ data: ChannelOrder });

/** The gateway's payment notification; the amount must equal the order's payable amount. */
export const PaymentNotify = z
  .strictObject({
    orderNo: OrderNo,
    transactionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1 to 64 letters, digits, _ or -'),
    amount: FenAmount.min(1),
    paidAt: Timestamp,
  })
  .meta({ id: 'PaymentNotify' });
export type PaymentNotify = z.infer<typeof PaymentNotify>;

export const PaymentNotifyResponse = z.object({
  data: z.object({ orderNo: OrderNo, status: OrderStatus, paidAt: Timestamp }),
});

/** The buyer cancels an unpaid order. */
export const ChannelOrderCancel = z
  .strictObject({ openid: OpenId, reason: z.string().trim().max(100).optional() })
  .meta({ id: 'ChannelOrderCancel' });
export type ChannelOrderCancel = z.infer<typeof ChannelOrderCancel>;

/** The buyer confirms a shipped order has arrived. */
export const ChannelOrderConfirmReceipt = z
  .strictObject({ openid: OpenId })
  .meta({ id: 'ChannelOrderConfirmReceipt' });
export type ChannelOrderConfirmReceipt = z.infer<typeof ChannelOrderConfirmReceipt>;

/** `GET /api/channel/orders/<orderNo>?openid=`: one order, its buyer's. */
export const ChannelOrderQuery = z.strictObject({ openid: OpenId });

export const visitEventTypes = ['page_view', 'product_view', 'add_to_cart', 'checkout'] as const;
export const VisitEventType = z.enum(visitEventTypes).meta({ id: 'VisitEventType' });
export type VisitEventType = z.infer<typeof VisitEventType>;

export const VISIT_EVENTS_MAX_PER_BATCH = 100;

/** Who visited: a known customer's openid, or the anonymous id the storefront keeps for a visitor. */
const visitor = {
  openid: OpenId.optional(),
  visitorId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, _ or -')
    .optional(),
  at: Timestamp,
};

export const VisitEvent = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('page_view'), ...visitor, page: z.string().trim().min(1).max(200) }),
    z.strictObject({ type: z.literal('product_view'), ...visitor, productId: ChannelId }),
    z.strictObject({
      type: z.literal('add_to_cart'),
      ...visitor,
      productId: ChannelId,
      skuId: ChannelId,
      quantity: z.number().int().min(1).max(ORDER_MAX_QUANTITY_PER_LINE),
    }),
    z.strictObject({ type: z.literal('checkout'), ...visitor }),
  ])
  .meta({ id: 'VisitEvent' });
export type VisitEvent = z.infer<typeof VisitEvent>;

export const VisitEventBatch = z
  .strictObject({ events: z.array(VisitEvent).min(1).max(VISIT_EVENTS_MAX_PER_BATCH) })
  .superRefine((batch, ctx) => {
    batch.events.forEach((event, i) => {
      if ((event.openid === undefined) === (event.visitorId === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['events', i],
          message: 'name the visitor by openid or visitorId, one of them',
        });
    });
  })
  .meta({ id: 'VisitEventBatch' });
export type VisitEventBatch = z.infer<typeof VisitEventBatch>;

export const VisitEventBatchResponse = z.object({
  data: z.object({ accepted: z.number().int().nonnegative() }),
});
