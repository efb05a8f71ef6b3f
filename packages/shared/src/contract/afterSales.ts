/**
 * After-sales (售后): the cases customers open from the mini-program or CS opens for them, the
 * refund each one pays through the payment gateway, and the customer-service queue they are
 * worked from. Amounts are integer fen; personal data arrives masked.
 */
import { z } from 'zod';
import {
  AfterSalesStatus,
  AfterSalesTransition,
  AfterSalesType,
  afterSalesStatuses,
} from '../domain/afterSalesStatus.js';
import { Carrier, carriers, isValidTrackingNo, normaliseTrackingNo } from '../domain/carriers.js';
import { OrderStatus } from '../domain/orderStatus.js';
import { OpenId, OrderNo } from './channel.js';
import { Id, listQuery, shortText, Timestamp, Version } from './common.js';
import { FenAmount } from './products.js';

/** At most this many photos per application (as the mini-program's uploader allows). */
export const AFTER_SALES_MAX_PHOTOS = 6;
/** WeChat Pay refuses a 51st partial refund of one payment. */
export const MAX_REFUNDS_PER_ORDER = 50;

export const CaseNo = z
  .string()
  .regex(/^AS[0-9]{8,30}$/, 'a case number such as AS20261204123456789012')
  .meta({ id: 'CaseNo' });
export const CaseNoParam = z.object({ caseNo: CaseNo });

/** A reason's code: what the storefront sends and filters use; the label is what people read. */
export const ReasonCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,31}$/, '2–32 lower-case letters, digits or _');

/** One entry of the shop's reason list (a setting). `noReason` = 7-day no-reason return (无理由). */
export const AfterSalesReason = z
  .strictObject({ code: ReasonCode, label: shortText(30), noReason: z.boolean() })
  .meta({ id: 'AfterSalesReason' });
export type AfterSalesReason = z.infer<typeof AfterSalesReason>;

/** Where returned goods go: shown to the customer once a return is approved. */
export const ReturnAddress = z
  .strictObject({
    name: shortText(30),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+()\- ]{5,20}$/, 'a phone number'),
    address: shortText(200),
  })
  .meta({ id: 'ReturnAddress' });
export type ReturnAddress = z.infer<typeof ReturnAddress>;

export const caseSources = ['channel', 'staff'] as const;
export const CaseSource = z.enum(caseSources).meta({ id: 'CaseSource' });

/** The refund's state at the gateway: in flight, paid back, or refused/failed (retryable). */
export const refundStatuses = ['processing', 'succeeded', 'failed'] as const;
export const RefundStatus = z.enum(refundStatuses).meta({ id: 'RefundStatus' });
export type RefundStatus = z.infer<typeof RefundStatus>;

/**
 * Above the CS approval limit a case needs an admin's approval too: `admin` while it waits for
 * it (the first approval is recorded on the case), `none` otherwise.
 */
export const approvalStages = ['none', 'admin'] as const;
export const ApprovalStage = z.enum(approvalStages).meta({ id: 'ApprovalStage' });

const PhotoUrl = z
  .url({ protocol: /^https$/, message: 'an https:// address' })
  .max(500)
  .meta({ id: 'PhotoUrl' });

/** A line of an application: which order line, how many units. */
export const AfterSalesLineInput = z
  .strictObject({ itemId: Id, quantity: z.number().int().min(1).max(9999) })
  .meta({ id: 'AfterSalesLineInput' });

function noRepeatedLines(
  value: { items: readonly { itemId: number }[] },
  ctx: z.core.$RefinementCtx<unknown>,
) {
  const seen = new Set<number>();
  for (const [i, line] of value.items.entries()) {
    if (seen.has(line.itemId))
      ctx.addIssue({ code: 'custom', path: ['items', i, 'itemId'], message: 'this line is listed twice' });
    seen.add(line.itemId);
  }
}

const applicationFields = {
  type: AfterSalesType,
  items: z.array(AfterSalesLineInput).min(1).max(50),
  reasonCode: ReasonCode,
  description: z.string().trim().max(500).default(''),
  /** What the customer asks for; absent = the most these units may refund. */
  amount: FenAmount.min(1).optional(),
};

/** The customer applies from the mini-program (signed channel API). */
export const ChannelAfterSalesCreate = z
  .strictObject({
    openid: OpenId,
    orderNo: OrderNo,
    ...applicationFields,
    photos: z.array(PhotoUrl).max(AFTER_SALES_MAX_PHOTOS).default([]),
  })
  .superRefine(noRepeatedLines)
  .meta({ id: 'ChannelAfterSalesCreate' });
export type ChannelAfterSalesCreate = z.infer<typeof ChannelAfterSalesCreate>;

/** CS opens a case on a customer's behalf (phone call, WeChat chat). */
export const AfterSalesCreate = z
  .strictObject({ orderId: Id, ...applicationFields })
  .superRefine(noRepeatedLines)
  .meta({ id: 'AfterSalesCreate' });
export type AfterSalesCreate = z.infer<typeof AfterSalesCreate>;

export const ChannelAfterSalesWithdraw = z
  .strictObject({ openid: OpenId })
  .meta({ id: 'ChannelAfterSalesWithdraw' });

/** The customer has sent the goods back: carrier and tracking number. */
export const ChannelReturnShipment = z
  .strictObject({
    openid: OpenId,
    carrier: Carrier,
    trackingNo: z.string().max(40).transform(normaliseTrackingNo),
  })
  .superRefine((value, ctx) => {
    if (!isValidTrackingNo(value.carrier, value.trackingNo))
      ctx.addIssue({
        code: 'custom',
        path: ['trackingNo'],
        message: `not a ${carriers[value.carrier].nameEn} tracking number (e.g. ${carriers[value.carrier].example})`,
      });
  })
  .meta({ id: 'ChannelReturnShipment' });
export type ChannelReturnShipment = z.infer<typeof ChannelReturnShipment>;

export const ChannelAfterSalesQuery = z.strictObject({ openid: OpenId });

/** A case as the storefront shows it to its customer. */
export const ChannelAfterSalesCase = z
  .object({
    caseNo: CaseNo,
    orderNo: OrderNo,
    type: AfterSalesType,
    status: AfterSalesStatus,
    reasonCode: z.string(),
    requestedAmount: FenAmount,
    /** What will go (or went) back once approved; null before. */
    approvedAmount: FenAmount.nullable(),
    refundStatus: RefundStatus.nullable(),
    items: z.array(z.object({ itemId: z.number().int(), quantity: z.number().int() })),
    returnAddress: ReturnAddress.nullable(),
    /** By when the goods must be sent back (awaiting_return). */
    returnDueAt: Timestamp.nullable(),
    rejectReason: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'ChannelAfterSalesCase' });
export type ChannelAfterSalesCase = z.infer<typeof ChannelAfterSalesCase>;
export const ChannelAfterSalesResponse = z.object({ data: ChannelAfterSalesCase });

/**
 * The payment gateway's refund notification (as WeChat Pay's refund notify): the final state of
 * the refund with this out_refund_no. May arrive more than once and out of order.
 */
export const gatewayRefundStates = ['SUCCESS', 'ABNORMAL', 'CLOSED'] as const;
export const RefundNotify = z
  .strictObject({
    outRefundNo: z.string().regex(/^R[0-9A-Za-z]{8,63}$/, 'our refund number'),
    refundId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1 to 64 letters, digits, _ or -'),
    status: z.enum(gatewayRefundStates),
    amount: FenAmount.min(1),
    successTime: Timestamp.optional(),
    message: z.string().max(200).optional(),
  })
  .meta({ id: 'RefundNotify' });
export type RefundNotify = z.infer<typeof RefundNotify>;
export const RefundNotifyResponse = z.object({
  data: z.object({ outRefundNo: z.string(), status: RefundStatus }),
});

/** A line of a case: what is returned or refunded, and what those units may refund. */
export const AfterSalesItem = z
  .object({
    id: z.number().int(),
    orderItemId: z.number().int(),
    skuId: z.number().int().nullable(),
    skuCode: z.string(),
    title: z.string(),
    specValues: z.array(z.string()),
    unitPrice: FenAmount,
    quantity: z.number().int(),
    /** These units' paid share (after the order discount). */
    refundCap: FenAmount,
    /** Set when the goods are received: sellable units went back to stock. */
    sellableQuantity: z.number().int().nullable(),
    damagedQuantity: z.number().int().nullable(),
  })
  .meta({ id: 'AfterSalesItem' });
export type AfterSalesItem = z.infer<typeof AfterSalesItem>;

export const Refund = z
  .object({
    outRefundNo: z.string(),
    amount: FenAmount,
    status: RefundStatus,
    gatewayRefundId: z.string().nullable(),
    attempts: z.number().int(),
    failureReason: z.string().nullable(),
    requestedAt: Timestamp,
    succeededAt: Timestamp.nullable(),
    failedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Refund' });
export type Refund = z.infer<typeof Refund>;

/** A row of the CS queue. */
export const AfterSalesCase = z
  .object({
    id: z.number().int(),
    caseNo: CaseNo,
    type: AfterSalesType,
    status: AfterSalesStatus,
    source: CaseSource,
    orderId: z.number().int(),
    orderNo: z.string(),
    orderStatus: OrderStatus,
    memberId: z.number().int(),
    buyerNickname: z.string().nullable(),
    /** Masked: 138****1234. */
    buyerPhone: z.string().nullable(),
    reasonCode: z.string(),
    reasonLabel: z.string(),
    noReason: z.boolean(),
    description: z.string(),
    photos: z.array(z.string()),
    /** Units over all lines. */
    itemCount: z.number().int(),
    /** The most this case may refund (its units' paid shares, plus the shipping fee on a full refund). */
    refundLimit: FenAmount,
    requestedAmount: FenAmount,
    approvedAmount: FenAmount.nullable(),
    includesShipping: z.boolean(),
    assigneeId: z.number().int().nullable(),
    assigneeName: z.string().nullable(),
    approvalStage: ApprovalStage,
    firstApprovedByName: z.string().nullable(),
    approvedByName: z.string().nullable(),
    rejectReason: z.string().nullable(),
    /** When CS must act by; null while the case waits on someone else (customer, gateway) or is over. */
    slaDueAt: Timestamp.nullable(),
    /** When the system approves a silent refund-only case of an unshipped order. */
    autoApproveAt: Timestamp.nullable(),
    returnAddress: ReturnAddress.nullable(),
    returnCarrier: z.string().nullable(),
    returnTrackingNo: z.string().nullable(),
    returnShippedAt: Timestamp.nullable(),
    returnDueAt: Timestamp.nullable(),
    receivedAt: Timestamp.nullable(),
    refundStatus: RefundStatus.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    closedAt: Timestamp.nullable(),
    version: Version,
  })
  .meta({ id: 'AfterSalesCase' });
export type AfterSalesCase = z.infer<typeof AfterSalesCase>;

export const caseEventKinds = [
  'created',
  'claimed',
  'assigned',
  'first_approved',
  'approved',
  'auto_approved',
  'rejected',
  'return_shipped',
  'received',
  'restocked',
  'refund_requested',
  'refund_succeeded',
  'refund_failed',
  'refund_retried',
  'withdrawn',
  'closed',
  'order_closed',
  'note',
] as const;
export const CaseEventKind = z.enum(caseEventKinds).meta({ id: 'CaseEventKind' });
export type CaseEventKind = z.infer<typeof CaseEventKind>;

export const caseActorKinds = ['staff', 'customer', 'gateway', 'system'] as const;

/** One step of a case's history; `detail` holds what the step decided (amount, reason, conditions). */
export const CaseEvent = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    kind: CaseEventKind,
    actorKind: z.enum(caseActorKinds),
    actorName: z.string().nullable(),
    status: AfterSalesStatus.nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof CaseEvent>;

/** The order beside the case: its lines with what each may still refund. */
export const CaseOrderLine = z
  .object({
    id: z.number().int(),
    skuCode: z.string(),
    title: z.string(),
    specValues: z.array(z.string()),
    unitPrice: FenAmount,
    quantity: z.number().int(),
    shippedQuantity: z.number().int(),
    /** Units in after-sales cases (open or refunded). */
    afterSalesQuantity: z.number().int(),
    paidShare: FenAmount,
  })
  .meta({ id: 'CaseOrderLine' });

export const CaseOrderContext = z
  .object({
    id: z.number().int(),
    orderNo: z.string(),
    status: OrderStatus,
    payableAmount: FenAmount,
    paidAmount: FenAmount,
    shippingFee: FenAmount,
    discountAmount: FenAmount,
    refundedAmount: FenAmount,
    /** Refunds at the gateway now. */
    refundingAmount: FenAmount,
    /** paid − refunded − in flight. */
    refundableAmount: FenAmount,
    paidAt: Timestamp.nullable(),
    shippedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    items: z.array(CaseOrderLine),
  })
  .meta({ id: 'CaseOrderContext' });

export const CaseMemberContext = z
  .object({
    id: z.number().int(),
    nickname: z.string().nullable(),
    phone: z.string().nullable(),
    orderCount: z.number().int(),
    /** Paid orders' paid amounts, in fen. */
    totalSpent: FenAmount,
    /** This member's after-sales cases, this one included. */
    caseCount: z.number().int(),
    refundedTotal: FenAmount,
  })
  .meta({ id: 'CaseMemberContext' });

export const AfterSalesDetail = AfterSalesCase.extend({
  items: z.array(AfterSalesItem),
  refund: Refund.nullable(),
  order: CaseOrderContext,
  member: CaseMemberContext,
  /** Oldest first; notes are events of kind `note`. */
  timeline: z.array(CaseEvent),
  /** What the signed-in user may do to this case now (the console shows only these buttons). */
  actions: z.array(AfterSalesTransition),
}).meta({ id: 'AfterSalesDetail' });
export type AfterSalesDetail = z.infer<typeof AfterSalesDetail>;

// --- CS actions -------------------------------------------------------------------------------

/** Approve: a lower amount than asked if CS decides so (never above the limit); a return's address. */
export const AfterSalesApprove = z
  .strictObject({
    amount: FenAmount.min(1).optional(),
    returnAddress: ReturnAddress.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'AfterSalesApprove' });
export type AfterSalesApprove = z.infer<typeof AfterSalesApprove>;

export const AfterSalesReject = z.strictObject({ reason: shortText(200) }).meta({ id: 'AfterSalesReject' });
export type AfterSalesReject = z.infer<typeof AfterSalesReject>;

export const AfterSalesAssign = z
  .strictObject({ assigneeId: Id.nullable() })
  .meta({ id: 'AfterSalesAssign' });
export type AfterSalesAssign = z.infer<typeof AfterSalesAssign>;

/** The returned goods: each case line's units split into sellable (restocked) and damaged. */
export const AfterSalesReceive = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          caseItemId: Id,
          sellable: z.number().int().min(0).max(9999),
          damaged: z.number().int().min(0).max(9999),
        }),
      )
      .min(1)
      .max(50),
    note: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'AfterSalesReceive' });
export type AfterSalesReceive = z.infer<typeof AfterSalesReceive>;

/** Start the refund of received goods (CS, when some came back damaged); an amount ≤ the limit. */
export const AfterSalesStartRefund = z
  .strictObject({ amount: FenAmount.min(1).optional() })
  .meta({ id: 'AfterSalesStartRefund' });
export type AfterSalesStartRefund = z.infer<typeof AfterSalesStartRefund>;

export const AfterSalesNote = z.strictObject({ body: shortText(500) }).meta({ id: 'AfterSalesNote' });
export type AfterSalesNote = z.infer<typeof AfterSalesNote>;

/** Bulk approve: small refund-only cases (at most the bulk-approve amount setting). */
export const AfterSalesBulkApprove = z
  .strictObject({ ids: z.array(Id).min(1).max(100) })
  .meta({ id: 'AfterSalesBulkApprove' });

// --- the queue --------------------------------------------------------------------------------

/**
 * The queue's filters. `q` matches a case number, an order number, a member's nickname or the
 * last 4 digits of a phone; `assigneeId` 0 means unassigned; `awaitingAction` = CS must act
 * (the case has an SLA deadline); amounts are the requested amount.
 */
export const AfterSalesFilter = z
  .strictObject({
    status: z
      .union([AfterSalesStatus, z.array(AfterSalesStatus).min(1).max(afterSalesStatuses.length)])
      .optional(),
    type: AfterSalesType.optional(),
    reasonCode: ReasonCode.optional(),
    requestedAmount_gte: FenAmount.optional(),
    requestedAmount_lte: FenAmount.optional(),
    memberId: Id.optional(),
    orderId: Id.optional(),
    orderNo: z.string().trim().max(32).optional(),
    assigneeId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    q: z.string().trim().max(64).optional(),
    awaitingAction: z.boolean().optional(),
    overdue: z.boolean().optional(),
    approvalStage: ApprovalStage.optional(),
    createdAt_gte: Timestamp.optional(),
    createdAt_lte: Timestamp.optional(),
  })
  .meta({ id: 'AfterSalesFilter' });
export type AfterSalesFilter = z.infer<typeof AfterSalesFilter>;

/** `slaDueAt` (the default): cases awaiting action by deadline, overdue first, then the rest newest first. */
export const afterSalesSortFields = ['slaDueAt', 'createdAt', 'requestedAmount', 'id'] as const;
export const AfterSalesListQuery = listQuery(afterSalesSortFields);

/** For the menu badge and the queue's tabs. `dueSoon`: deadline within the next 4 hours. */
export const AfterSalesCounts = z
  .object({
    data: z.object({
      awaitingAction: z.number().int().nonnegative(),
      overdue: z.number().int().nonnegative(),
      dueSoon: z.number().int().nonnegative(),
      awaitingAdmin: z.number().int().nonnegative(),
      mine: z.number().int().nonnegative(),
      byStatus: z.record(AfterSalesStatus, z.number().int().nonnegative()),
    }),
  })
  .meta({ id: 'AfterSalesCounts' });
export type AfterSalesCounts = z.infer<typeof AfterSalesCounts>;

/** A case due within this many hours is highlighted in the queue. */
export const DUE_SOON_HOURS = 4;

/**
 * What the CS workspace needs from the settings (CS cannot read the settings themselves): the
 * reason list, the reject templates, the default return address and the two amount limits.
 */
export const AfterSalesOptions = z
  .object({
    data: z.object({
      reasons: z.array(AfterSalesReason),
      rejectReasonTemplates: z.array(z.string()),
      returnAddress: ReturnAddress,
      /** Above this, an admin approves too. */
      refundApprovalLimit: FenAmount,
      /** Refund-only cases up to this can be approved in bulk. */
      bulkApproveMaxAmount: FenAmount,
      csSlaHours: z.number().int(),
    }),
  })
  .meta({ id: 'AfterSalesOptions' });
export type AfterSalesOptions = z.infer<typeof AfterSalesOptions>;
