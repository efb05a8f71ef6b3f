/**
 * The demo after-sales history, planned in memory (no database here): which paid orders get a
 * case, of what type, for which units, and how far each case got by `now` — with every time,
 * amount and timeline step the live flow would have written. after-sales.ts writes the plan.
 *
 * Amounts go through the shared money rules exactly as opening a case does (create.ts): each
 * line's paid share (paidShares), its units' cap (lineRefundCap, never above what is left of
 * the share), the shipping fee only with a full refund, and never more than the order's
 * refundable amount.
 *
 * The queue needs every state on show, so open cases are planned first, by quota: each open
 * variant (overdue, due soon, awaiting the admin, refunding, failed, awaiting the return …) takes
 * the most recently delivered orders its story fits on. The rest of the picked orders get a
 * settled story (mostly refunded), a few of them a second case after the first one ended.
 *
 * Deterministic: each order draws from its own seeded generator (keyed by its number), and
 * orders are visited in the order the caller gives.
 */
import {
  type AfterSalesReason,
  type AfterSalesStatus,
  type AfterSalesType,
  type CaseEventKind,
  isFullRefund,
  lineRefundCap,
  type OrderStatus,
  paidShares,
  type RefundStatus,
  type ReturnAddress,
  refundableAmount,
} from '@siyu/shared';
import {
  caseNotes,
  descriptionsByReason,
  reasonWeights,
  refundFailures,
  rejectTemplateByReason,
  returnCarriers,
} from './after-sales-data.js';
import { seededRandom } from './catalog.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type SeedLine = {
  id: number;
  skuId: number | null;
  productId: number | null;
  skuCode: string;
  quantity: number;
  lineAmount: number;
  shippedQuantity: number;
};

export type SeedOrder = {
  id: number;
  orderNo: string;
  memberId: number;
  nickname: string | null;
  status: OrderStatus;
  discountAmount: number;
  shippingFee: number;
  paidAmount: number;
  paidAt: Date;
  completedAt: Date | null;
  firstShippedAt: Date | null;
  /** When every parcel shipped so far was delivered (null while one is on its way). */
  deliveredAt: Date | null;
  lines: SeedLine[];
};

export type Staff = { id: number; name: string };

export type PlanSettings = {
  csSlaHours: number;
  refundAutoApproveHours: number;
  returnShipDays: number;
  refundApprovalLimit: number;
  refundWindowDays: number;
  afterSalesReasons: readonly AfterSalesReason[];
  rejectReasonTemplates: readonly string[];
  returnAddress: ReturnAddress;
};

export type PlanContext = { now: number; settings: PlanSettings; cs: Staff | null; admin: Staff | null };

export type CaseActor = {
  kind: 'staff' | 'customer' | 'gateway' | 'system';
  id: number | null;
  name: string | null;
};

export type PlannedEvent = {
  at: number;
  kind: CaseEventKind;
  actor: CaseActor;
  status: AfterSalesStatus | null;
  detail: Record<string, unknown>;
};

export type PlannedItem = {
  orderItemId: number;
  skuId: number | null;
  productId: number | null;
  skuCode: string;
  quantity: number;
  refundCap: number;
  sellable: number | null;
  damaged: number | null;
};

export type PlannedRefund = {
  amount: number;
  status: RefundStatus;
  attempts: number;
  failureReason: string | null;
  requestedAt: number;
  succeededAt: number | null;
  failedAt: number | null;
};

export type PlannedCase = {
  orderId: number;
  memberId: number;
  type: AfterSalesType;
  status: AfterSalesStatus;
  source: 'channel' | 'staff';
  createdBy: number | null;
  reason: AfterSalesReason;
  description: string;
  photoCount: number;
  refundLimit: number;
  requestedAmount: number;
  approvedAmount: number | null;
  includesShipping: boolean;
  assigneeId: number | null;
  approvalStage: 'none' | 'admin';
  firstApprovedBy: number | null;
  firstApprovedAt: number | null;
  approvedBy: number | null;
  approvedAt: number | null;
  rejectReason: string | null;
  returnAddress: ReturnAddress | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  returnShippedAt: number | null;
  returnDueAt: number | null;
  receivedAt: number | null;
  autoApproveAt: number | null;
  slaDueAt: number | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
  items: PlannedItem[];
  events: PlannedEvent[];
  refund: PlannedRefund | null;
  /** Who moved the stock (the receiver of the goods, or the approver whose refund cancelled units). */
  stockActor: CaseActor | null;
  /** Unshipped units the refund cancelled (their stock goes back), at the refund's start. */
  cancelledAt: number | null;
  /** Sellable returned units went back to stock at this time. */
  restockedAt: number | null;
};

export type LineOutcome = {
  id: number;
  afterSalesQuantity: number;
  afterSalesAmount: number;
  cancelledQuantity: number;
};

export type OrderOutcome = {
  id: number;
  orderNo: string;
  refundedAmount: number;
  refundingAmount: number;
  refundCount: number;
  openAfterSales: number;
  closedAt: number | null;
  changedAt: number;
  lines: LineOutcome[];
};

type Random = ReturnType<typeof seededRandom>;

type LineState = {
  line: SeedLine;
  share: number;
  asQty: number;
  asAmount: number;
  returning: number;
  cancelled: number;
};

type OrderState = {
  order: SeedOrder;
  lines: LineState[];
  refunded: number;
  refunding: number;
  refundCount: number;
  open: number;
  closedAt: number | null;
  changedAt: number;
  rng: Random;
};

/** Open variants (planned by quota, recent orders first), then the settled ones. */
const openVariants = [
  'requested_overdue',
  // One CS can decide alone: refund-only, within the approval limit.
  'requested_overdue_refund',
  'requested_due_soon',
  'requested_admin',
  'requested',
  'refunding',
  'failed',
  'awaiting_return',
  'awaiting_return_shipped',
  'returned_damaged',
] as const;
const settledVariants = ['refunded_cancel', 'refunded', 'rejected', 'withdrawn', 'closed'] as const;
type Variant = (typeof openVariants)[number] | (typeof settledVariants)[number];

/** Each variant's share of all cases (at least one each), for the open ones and the rare settled ones. */
const quotaShare: Record<Variant, number> = {
  requested_overdue: 0.012,
  requested_overdue_refund: 0.008,
  requested_due_soon: 0.015,
  requested_admin: 0.01,
  requested: 0.04,
  refunding: 0.015,
  failed: 0.008,
  awaiting_return: 0.025,
  awaiting_return_shipped: 0.015,
  returned_damaged: 0.01,
  refunded_cancel: 0.01,
  closed: 0,
  refunded: 0,
  rejected: 0,
  withdrawn: 0,
};

const returnVariants: ReadonlySet<Variant> = new Set([
  'awaiting_return',
  'awaiting_return_shipped',
  'returned_damaged',
  'closed',
]);

const systemActor: CaseActor = { kind: 'system', id: null, name: 'system' };
const gatewayActor: CaseActor = { kind: 'gateway', id: null, name: 'payment gateway' };

/** FNV-1a of a text: an order's own seed. */
function hashOf(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const between = (rng: Random, min: number, max: number) => min + rng.next() * (max - min);

function weighted<T extends string>(rng: Random, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let u = rng.next() * total;
  for (const [value, w] of options) {
    u -= w;
    if (u < 0) return value;
  }
  return (options[options.length - 1] as readonly [T, number])[0];
}

function initialState(order: SeedOrder): OrderState {
  const shares = paidShares(order.lines, order.discountAmount);
  return {
    order,
    lines: order.lines.map((line, i) => ({
      line,
      share: shares[i] ?? 0,
      asQty: 0,
      asAmount: 0,
      returning: 0,
      cancelled: 0,
    })),
    refunded: 0,
    refunding: 0,
    refundCount: 0,
    open: 0,
    closedAt: null,
    changedAt: 0,
    rng: seededRandom(hashOf(order.orderNo, 0x5eed)),
  };
}

/** The shop's reason for a code, or (for a list without it) its first reason that is not no-reason. */
function reasonFor(ctx: PlanContext, code: string): AfterSalesReason {
  const reasons = ctx.settings.afterSalesReasons;
  return (
    reasons.find((r) => r.code === code) ??
    reasons.find((r) => !r.noReason) ??
    reasons[0] ?? { code: 'other', label: '其他', noReason: false }
  );
}

function rejectReasonFor(ctx: PlanContext, rng: Random, code: string): string {
  const templates = ctx.settings.rejectReasonTemplates;
  const preferred = rejectTemplateByReason[code];
  if (preferred && templates.includes(preferred)) return preferred;
  return templates.length > 0 ? rng.pick(templates) : '不符合售后条件';
}

function trackingNo(rng: Random): { carrier: string; trackingNo: string } {
  const c = weighted(
    rng,
    returnCarriers.map((r) => [r.carrier, r.weight] as const),
  );
  const spec =
    returnCarriers.find((r) => r.carrier === c) ?? (returnCarriers[0] as (typeof returnCarriers)[0]);
  let digits = '';
  for (let i = 0; i < spec.digits; i++) digits += String(rng.int(0, 9));
  return { carrier: spec.carrier, trackingNo: spec.prefix + digits };
}

type Claim = { ls: LineState; units: number; cap: number };

/** The units a case claims: whole order when nothing shipped, else shipped lines (all, or one). */
function claimUnits(st: OrderState, type: AfterSalesType, all: boolean): Claim[] | null {
  const { rng } = st;
  const shippedAny = st.lines.some((l) => l.line.shippedQuantity > 0);
  const room = (ls: LineState) => {
    const free = ls.line.quantity - ls.asQty;
    if (!shippedAny) return free;
    const shipped =
      type === 'return_and_refund' ? ls.line.shippedQuantity - ls.returning : ls.line.shippedQuantity;
    return Math.min(free, shipped);
  };
  const open = st.lines.filter((ls) => room(ls) > 0);
  if (open.length === 0) return null;
  const picked: { ls: LineState; units: number }[] =
    all || !shippedAny
      ? open.map((ls) => ({ ls, units: room(ls) }))
      : (() => {
          const ls = rng.pick(open);
          return [{ ls, units: 1 + Math.floor(rng.next() ** 2 * room(ls)) }];
        })();
  return picked.map(({ ls, units }) => ({
    ls,
    units,
    // As createCase computes it: the units' cap, never more than what is left of the share.
    cap: Math.max(
      0,
      Math.min(lineRefundCap(ls.share, ls.line.quantity, ls.asQty, units), ls.share - ls.asAmount),
    ),
  }));
}

type Draft = {
  variant: Variant;
  type: AfterSalesType;
  claims: Claim[];
  reasonGroup: keyof typeof reasonWeights | 'not_received';
  earliest: number;
  refundLimit: number;
  includesShipping: boolean;
};

/** Type, units, limits and the earliest moment this case can be opened; null when it does not fit. */
function draft(st: OrderState, variant: Variant, ctx: PlanContext, notBefore: number): Draft | null {
  const { order, rng } = st;
  const shippedAny = st.lines.some((l) => l.line.shippedQuantity > 0);
  let type: AfterSalesType;
  let reasonGroup: Draft['reasonGroup'];
  let earliest: number;
  if (!shippedAny) {
    if (returnVariants.has(variant)) return null;
    type = 'refund_only';
    reasonGroup = 'unshipped';
    earliest = order.paidAt.getTime() + 3 * MINUTE;
  } else {
    if (variant === 'refunded_cancel') return null;
    type =
      returnVariants.has(variant) || (variant !== 'requested_overdue_refund' && rng.next() < 0.55)
        ? 'return_and_refund'
        : 'refund_only';
    reasonGroup = type === 'return_and_refund' ? 'returns' : 'keepGoods';
    if (order.deliveredAt) earliest = order.deliveredAt.getTime() + 30 * MINUTE;
    else if (
      type === 'refund_only' &&
      order.firstShippedAt &&
      order.firstShippedAt.getTime() + 3 * DAY < ctx.now
    ) {
      // A parcel that has been on its way for days: the customer asks for the money.
      reasonGroup = 'not_received';
      earliest = order.firstShippedAt.getTime() + 3 * DAY;
    } else return null;
  }
  earliest = Math.max(earliest, notBefore);
  const claims = claimUnits(st, type, variant === 'requested_admin' || rng.next() < 0.3);
  if (!claims) return null;
  const units = st.lines.map((ls) => claims.find((c) => c.ls === ls)?.units ?? 0);
  const full = isFullRefund(
    st.lines.map((ls) => ({ quantity: ls.line.quantity, refundedUnits: ls.asQty })),
    units,
  );
  const includesShipping = full && order.shippingFee > 0;
  const goods = claims.reduce((sum, c) => sum + c.cap, 0);
  const refundable = refundableAmount({
    paid: order.paidAmount,
    refunded: st.refunded,
    inFlight: st.refunding,
  });
  const refundLimit = Math.min(goods + (includesShipping ? order.shippingFee : 0), refundable);
  if (refundLimit <= 0) return null;
  return { variant, type, claims, reasonGroup, earliest, refundLimit, includesShipping };
}

/** Amounts in whole yuan, as people type them. */
const yuan = (fen: number) => Math.max(100, Math.round(fen / 100) * 100);

/** One case's story on this order, or null when it cannot have happened by now. */
function story(st: OrderState, variant: Variant, ctx: PlanContext, notBefore = 0): PlannedCase | null {
  const d = draft(st, variant, ctx, notBefore);
  if (!d) return null;
  const { order, rng } = st;
  const { settings, now } = ctx;
  const sla = settings.csSlaHours * HOUR;
  const autoApprove = settings.refundAutoApproveHours * HOUR;
  const returnDays = settings.returnShipDays * DAY;
  const isReturn = d.type === 'return_and_refund';
  const unshipped = d.reasonGroup === 'unshipped';

  // The reason (a no-reason one may be swapped once the day is known) and the amounts.
  let reasonCode: string =
    d.reasonGroup === 'not_received' ? 'not_received' : weighted(rng, reasonWeights[d.reasonGroup]);
  const partialAsk =
    d.reasonGroup === 'keepGoods' && reasonCode !== 'wrong_item' && rng.next() < 0.6 && d.refundLimit > 200;
  const requestedAmount = partialAsk
    ? Math.min(d.refundLimit, yuan(d.refundLimit * between(rng, 0.2, 0.6)))
    : d.refundLimit;
  let approvedAmount =
    d.reasonGroup === 'keepGoods' && rng.next() < 0.15
      ? Math.min(requestedAmount, yuan(requestedAmount * 0.8))
      : requestedAmount;
  if (variant === 'requested_admin' && requestedAmount <= settings.refundApprovalLimit) return null;
  if (variant === 'requested_overdue_refund' && requestedAmount > settings.refundApprovalLimit) return null;
  const needsAdmin = approvedAmount > settings.refundApprovalLimit;

  const cs: CaseActor = ctx.cs
    ? { kind: 'staff', id: ctx.cs.id, name: ctx.cs.name }
    : { kind: 'staff', id: null, name: '客服' };
  const admin: CaseActor = ctx.admin ? { kind: 'staff', id: ctx.admin.id, name: ctx.admin.name } : cs;
  const customer: CaseActor = { kind: 'customer', id: order.memberId, name: order.nickname };
  const byStaff = rng.next() < 0.08;
  const opener = byStaff ? cs : customer;

  // The steps, at times relative to the case's creation (0); placed on the calendar below.
  const events: PlannedEvent[] = [];
  let t = 0;
  let status = 'requested' as AfterSalesStatus;
  const step = (
    kind: CaseEventKind,
    after: number,
    actor: CaseActor,
    to: AfterSalesStatus | null,
    detail = {},
  ) => {
    t += after;
    if (to) status = to;
    events.push({ at: t, kind, actor, status: to ?? status, detail });
    return t;
  };
  const decideAfter = () =>
    rng.next() < 0.85 ? between(rng, 20 * MINUTE, 10 * HOUR) : between(rng, 10 * HOUR, 30 * HOUR);
  const refundAfter = () =>
    rng.next() < 0.8 ? between(rng, MINUTE, 15 * MINUTE) : between(rng, 15 * MINUTE, 3 * HOUR);

  step('created', 0, opener, 'requested', {
    amount: requestedAmount,
    refundLimit: d.refundLimit,
    reasonCode,
    source: byStaff ? 'staff' : 'channel',
  });

  let firstApprovedAt = null as number | null;
  let approvedAt = null as number | null;
  let approvalStage = 'none' as 'none' | 'admin';
  let approver = cs;
  const approve = () => {
    const after = decideAfter();
    if (needsAdmin) {
      firstApprovedAt = step('first_approved', after, cs, null, {
        amount: approvedAmount,
        approvalLimit: settings.refundApprovalLimit,
      });
      approver = admin;
    }
    // A return's due date is written once the day is known (see below).
    approvedAt = step(
      'approved',
      needsAdmin ? between(rng, 30 * MINUTE, 8 * HOUR) : after,
      approver,
      isReturn ? 'awaiting_return' : 'approved',
      {
        amount: approvedAmount,
        requestedAmount,
        ...(needsAdmin && { afterFirstApproval: true }),
        ...(isReturn && { returnAddress: settings.returnAddress }),
      },
    );
  };
  let shipment = null as { carrier: string; trackingNo: string } | null;
  let shippedAt = null as number | null;
  const shipBack = (after: number) => {
    shipment = trackingNo(rng);
    shippedAt = step('return_shipped', after, customer, 'awaiting_return', { ...shipment });
  };
  let receivedAt = null as number | null;
  let restockedAt = null as number | null;
  let damagedUnits = 0;
  const receive = (after: number, damaged: boolean) => {
    const units = d.claims.reduce((sum, c) => sum + c.units, 0);
    damagedUnits = damaged ? 1 + Math.floor(rng.next() * Math.min(units, 2)) : 0;
    let left = damagedUnits;
    const conditions = d.claims.map((c) => {
      const bad = Math.min(left, c.units);
      left -= bad;
      return { orderItemId: c.ls.line.id, sellable: c.units - bad, damaged: bad };
    });
    receivedAt = step('received', after, cs, 'returned', { items: conditions });
    if (damagedUnits < units) stockActor = cs;
    if (damagedUnits < units)
      restockedAt = step('restocked', 0, cs, null, {
        restocked: d.claims
          .map((c, i) => ({ skuCode: c.ls.line.skuCode, quantity: conditions[i]?.sellable ?? 0 }))
          .filter((r) => r.quantity > 0),
      });
    return conditions;
  };
  let conditions = null as { orderItemId: number; sellable: number; damaged: number }[] | null;
  let refund = null as PlannedRefund | null;
  let stockActor = null as CaseActor | null;
  let cancelledAt = null as number | null;
  const startRefund = (after: number, actor: CaseActor, lowered?: number) => {
    const at = step('refund_requested', after, actor, 'refunding', {
      amount: lowered ?? approvedAmount,
      ...(lowered !== undefined && { approvedAmount }),
      ...(unshipped && {
        cancelledUnits: d.claims.map((c) => ({ orderItemId: c.ls.line.id, units: c.units })),
      }),
    });
    if (lowered !== undefined) approvedAmount = lowered;
    if (unshipped) stockActor = actor;
    refund = {
      amount: approvedAmount,
      status: 'processing',
      attempts: 1,
      failureReason: null,
      requestedAt: at,
      succeededAt: null,
      failedAt: null,
    };
    if (unshipped) cancelledAt = at;
    return at;
  };
  const failRefund = (after: number) => {
    const reason = rng.pick(refundFailures);
    const at = step('refund_failed', after, gatewayActor, 'failed', { amount: approvedAmount, reason });
    if (refund) Object.assign(refund, { status: 'failed', failureReason: reason, failedAt: at });
    return at;
  };
  const refundSucceeded = (after: number) => {
    const at = step('refund_succeeded', after, gatewayActor, 'refunded', { amount: approvedAmount });
    // As the live flow leaves it: the last failure's reason stays, its time went with the retry.
    if (refund) Object.assign(refund, { status: 'succeeded', succeededAt: at, failedAt: null });
    return at;
  };
  /** A return from approval to goods received; the refund then starts by itself unless some came back damaged. */
  const returnPath = (damaged: boolean) => {
    approve();
    shipBack(between(rng, 4 * HOUR, Math.min(3 * DAY, returnDays - HOUR)));
    conditions = receive(between(rng, DAY, 4 * DAY), damaged);
  };
  const refundPath = () => {
    if (isReturn) {
      if (damagedUnits > 0) {
        // CS starts it by hand, for less: the damaged units' worth is kept back.
        const lowered = Math.min(approvedAmount, yuan(approvedAmount * between(rng, 0.5, 0.85)));
        startRefund(between(rng, HOUR, 20 * HOUR), cs, lowered < approvedAmount ? lowered : undefined);
      } else startRefund(50, systemActor);
      // Approval starts a refund-only case's refund in the same transaction.
    } else startRefund(0, approver);
  };

  // Anchors: open stories end `ago` before now; settled ones start a while after `earliest`.
  let ago = null as number | null;
  let claimBy = null as number | null;
  switch (variant) {
    case 'requested_overdue':
    case 'requested_overdue_refund':
    case 'requested_due_soon':
    case 'requested_admin':
    case 'requested': {
      const [min, max] =
        variant === 'requested_overdue' || variant === 'requested_overdue_refund'
          ? [sla + 30 * MINUTE, sla + 30 * HOUR]
          : variant === 'requested_due_soon'
            ? [sla - 3.5 * HOUR, sla - 20 * MINUTE]
            : variant === 'requested_admin'
              ? [2 * HOUR, sla + 10 * HOUR]
              : [5 * MINUTE, Math.max(10 * MINUTE, sla - 4.5 * HOUR)];
      // The timer would have approved a silent refund-only case of an unshipped order by now.
      const cap = unshipped ? autoApprove - 15 * MINUTE : Number.POSITIVE_INFINITY;
      if (min >= cap) return null;
      const age = between(rng, min, Math.min(max, cap));
      if (variant === 'requested_admin') {
        firstApprovedAt = step('first_approved', age * between(rng, 0.4, 0.9), cs, null, {
          amount: requestedAmount,
          approvalLimit: settings.refundApprovalLimit,
        });
        approvedAmount = requestedAmount;
        approvalStage = 'admin';
      }
      if (rng.next() < 0.12)
        step('note', (age - t) * between(rng, 0.2, 0.9), cs, null, { body: rng.pick(caseNotes) });
      claimBy = t > 0 ? t : age;
      t = age;
      ago = 0;
      break;
    }
    case 'refunding':
      if (isReturn) returnPath(false);
      else approve();
      refundPath();
      ago = between(rng, 5 * MINUTE, 20 * HOUR);
      break;
    case 'failed':
      if (isReturn) returnPath(false);
      else approve();
      refundPath();
      failRefund(between(rng, MINUTE, 10 * MINUTE));
      ago = between(rng, HOUR, 30 * HOUR);
      break;
    case 'awaiting_return':
      approve();
      ago = between(rng, HOUR, returnDays - 6 * HOUR);
      break;
    case 'awaiting_return_shipped':
      approve();
      shipBack(between(rng, 4 * HOUR, Math.min(3 * DAY, returnDays - HOUR)));
      ago = between(rng, 10 * MINUTE, 3 * DAY);
      break;
    case 'returned_damaged':
      returnPath(true);
      ago = between(rng, 20 * MINUTE, 30 * HOUR);
      break;
    case 'refunded':
    case 'refunded_cancel':
      if (isReturn) returnPath(rng.next() < 0.2);
      else approve();
      refundPath();
      if ((refund as PlannedRefund | null) && rng.next() < 0.04) {
        failRefund(between(rng, MINUTE, 10 * MINUTE));
        step('refund_retried', between(rng, HOUR, DAY), cs, 'refunding', {
          amount: approvedAmount,
          lastFailure: (refund as unknown as PlannedRefund).failureReason,
        });
        (refund as unknown as PlannedRefund).attempts = 2;
      }
      refundSucceeded(refundAfter());
      break;
    case 'rejected':
      step('rejected', decideAfter(), cs, 'rejected', { reason: rejectReasonFor(ctx, rng, reasonCode) });
      break;
    case 'withdrawn':
      if (isReturn && rng.next() < 0.35) {
        approve();
        step('withdrawn', between(rng, HOUR, Math.min(3 * DAY, returnDays - HOUR)), customer, 'withdrawn', {
          from: status,
        });
      } else step('withdrawn', between(rng, 10 * MINUTE, 30 * HOUR), customer, 'withdrawn', { from: status });
      break;
    case 'closed':
      approve();
      step('closed', returnDays + between(rng, MINUTE, 20 * MINUTE), systemActor, 'closed', {
        reason: 'return_not_shipped',
      });
      break;
  }

  const length = t;
  let createdAt: number;
  if (ago !== null) createdAt = now - ago - length;
  else {
    // Most cases come within days of delivery (or of payment, for a cancellation).
    const latest = now - MINUTE - length;
    createdAt = d.earliest + Math.min(isReturn ? 10 * DAY : 4 * DAY, latest - d.earliest) * rng.next() ** 2;
  }
  if (createdAt < d.earliest) return null;

  // A no-reason return only within the window after receipt (completion).
  const completedAt = order.completedAt?.getTime() ?? null;
  if (
    reasonFor(ctx, reasonCode).noReason &&
    completedAt !== null &&
    createdAt > completedAt + settings.refundWindowDays * DAY
  )
    reasonCode = isReturn ? 'quality' : 'not_as_described';
  const reason = reasonFor(ctx, reasonCode);
  const created = events[0] as PlannedEvent;
  created.detail = { ...created.detail, reasonCode: reason.code };

  // Who works the case: CS claims most of what they handle, and a share of what is waiting.
  const assigned =
    ctx.cs !== null &&
    (variant === 'requested_admin' ||
      rng.next() <
        (variant.startsWith('requested')
          ? 0.35
          : ['refunded', 'rejected', 'withdrawn'].includes(variant)
            ? 0.7
            : 0.6));
  if (assigned) {
    const firstDecision =
      events.find((e) => e.kind !== 'created' && e.actor.kind === 'staff')?.at ?? claimBy ?? length;
    const at = Math.min(firstDecision, claimBy ?? firstDecision) * between(rng, 0.05, 0.6);
    events.push({
      at,
      kind: 'claimed',
      actor: cs,
      status: 'requested',
      detail: { assigneeId: cs.id, assigneeName: cs.name },
    });
  }
  events.sort((a, b) => a.at - b.at);
  for (const e of events) e.at += createdAt;
  const abs = (rel: number | null) => (rel === null ? null : rel + createdAt);
  const returnDueAt = isReturn && approvedAt !== null ? approvedAt + createdAt + returnDays : null;
  for (const e of events)
    if (returnDueAt !== null && (e.kind === 'approved' || e.kind === 'closed'))
      e.detail = { ...e.detail, returnDueAt: new Date(returnDueAt).toISOString() };

  const settled =
    status === 'refunded' || status === 'rejected' || status === 'withdrawn' || status === 'closed';
  const last = events[events.length - 1] as PlannedEvent;
  if (status === 'refunded' && st.refunded + approvedAmount === order.paidAmount)
    events.push({
      at: last.at,
      kind: 'order_closed',
      actor: systemActor,
      status: 'refunded',
      detail: { orderNo: order.orderNo, refundedAmount: order.paidAmount },
    });
  const slaDueAt =
    status === 'requested'
      ? createdAt + sla
      : status === 'failed' && refund?.failedAt != null
        ? refund.failedAt + createdAt + sla
        : status === 'returned' && receivedAt !== null
          ? receivedAt + createdAt + sla
          : status === 'awaiting_return' && shippedAt !== null
            ? shippedAt + createdAt + sla
            : null;
  const plannedRefund = refund as PlannedRefund | null;
  if (plannedRefund) {
    plannedRefund.requestedAt += createdAt;
    if (plannedRefund.succeededAt !== null) plannedRefund.succeededAt += createdAt;
    if (plannedRefund.failedAt !== null) plannedRefund.failedAt += createdAt;
  }
  const hasApproval = approvedAt !== null;
  const ship = shipment as { carrier: string; trackingNo: string } | null;
  const planned: PlannedCase = {
    orderId: order.id,
    memberId: order.memberId,
    type: d.type,
    status,
    source: byStaff ? 'staff' : 'channel',
    createdBy: byStaff ? cs.id : null,
    reason,
    description: rng.pick(descriptionsByReason[reason.code] ?? descriptionsByReason.other ?? ['']),
    photoCount:
      ['quality', 'damaged', 'wrong_item', 'not_as_described'].includes(reason.code) && rng.next() < 0.3
        ? rng.int(1, 3)
        : 0,
    refundLimit: d.refundLimit,
    requestedAmount,
    approvedAmount: hasApproval || approvalStage === 'admin' ? approvedAmount : null,
    includesShipping: d.includesShipping,
    assigneeId: assigned ? cs.id : null,
    approvalStage,
    firstApprovedBy: firstApprovedAt !== null ? cs.id : null,
    firstApprovedAt: abs(firstApprovedAt),
    approvedBy: hasApproval ? (needsAdmin ? admin.id : cs.id) : null,
    approvedAt: abs(approvedAt),
    rejectReason:
      status === 'rejected' ? (events.find((e) => e.kind === 'rejected')?.detail.reason as string) : null,
    returnAddress: isReturn && hasApproval ? settings.returnAddress : null,
    returnCarrier: ship?.carrier ?? null,
    returnTrackingNo: ship?.trackingNo ?? null,
    returnShippedAt: abs(shippedAt),
    returnDueAt,
    receivedAt: abs(receivedAt),
    autoApproveAt:
      status === 'requested' && d.type === 'refund_only' && unshipped ? createdAt + autoApprove : null,
    slaDueAt,
    closedAt: settled ? last.at : null,
    createdAt,
    updatedAt: last.at,
    version:
      1 + events.filter((e) => e.kind !== 'created' && e.kind !== 'note' && e.kind !== 'order_closed').length,
    items: d.claims.map((c) => {
      const condition = (conditions as typeof conditions)?.find((x) => x.orderItemId === c.ls.line.id);
      return {
        orderItemId: c.ls.line.id,
        skuId: c.ls.line.skuId,
        productId: c.ls.line.productId,
        skuCode: c.ls.line.skuCode,
        quantity: c.units,
        refundCap: c.cap,
        sellable: condition?.sellable ?? null,
        damaged: condition?.damaged ?? null,
      };
    }),
    events,
    refund: plannedRefund,
    stockActor,
    cancelledAt: abs(cancelledAt),
    restockedAt: abs(restockedAt),
  };
  if (planned.approvedAmount !== null && planned.approvedAmount > planned.refundLimit) return null;
  apply(st, planned, d.claims);
  return planned;
}

/** The case's marks on its order: reservations kept unless released, money, cancelled units, closing. */
function apply(st: OrderState, c: PlannedCase, claims: Claim[]): void {
  const released = c.status === 'rejected' || c.status === 'withdrawn' || c.status === 'closed';
  if (!released)
    for (const claim of claims) {
      claim.ls.asQty += claim.units;
      claim.ls.asAmount += claim.cap;
      if (c.type === 'return_and_refund') claim.ls.returning += claim.units;
    }
  if (c.cancelledAt !== null) for (const claim of claims) claim.ls.cancelled += claim.units;
  if (!(released || c.status === 'refunded')) st.open += 1;
  if (c.refund) {
    st.refundCount += 1;
    if (c.refund.status === 'processing') st.refunding += c.refund.amount;
    if (c.refund.status === 'succeeded') st.refunded += c.refund.amount;
    if (st.refunded === st.order.paidAmount) st.closedAt = c.refund.succeededAt;
  }
  st.changedAt = Math.max(st.changedAt, c.updatedAt);
}

function settledVariant(st: OrderState): Variant {
  const shippedAny = st.lines.some((l) => l.line.shippedQuantity > 0);
  return weighted(
    st.rng,
    shippedAny
      ? [
          ['refunded', 74],
          ['rejected', 10],
          ['withdrawn', 11],
          ['closed', 5],
        ]
      : [
          ['refunded_cancel', 70],
          ['rejected', 12],
          ['withdrawn', 18],
        ],
  );
}

/**
 * Plans `total` cases over `orders` (in the order they were picked): the open variants' quotas on
 * the most recently delivered orders first, then settled stories, a tenth of them followed by a
 * second case on the same order.
 */
export function planAfterSales(
  orders: readonly SeedOrder[],
  total: number,
  ctx: PlanContext,
): { cases: PlannedCase[]; orders: OrderOutcome[] } {
  const states = new Map<number, OrderState>();
  const stateOf = (order: SeedOrder) => {
    let st = states.get(order.id);
    if (!st) {
      st = initialState(order);
      states.set(order.id, st);
    }
    return st;
  };
  const used = new Set<number>();
  const cases: PlannedCase[] = [];

  const activity = (o: SeedOrder) => (o.deliveredAt ?? o.firstShippedAt ?? o.paidAt).getTime();
  const recent = [...orders].sort((a, b) => activity(b) - activity(a) || b.id - a.id);
  const quotas = (Object.keys(quotaShare) as Variant[])
    .map((variant) => ({
      variant,
      left: Math.min(total, Math.max(1, Math.round(total * quotaShare[variant]))),
      next: 0,
    }))
    .filter((q) => total > 0 && q.left > 0);
  // Round robin, so each variant gets some of the most recent orders.
  let busy = true;
  while (busy && cases.length < total) {
    busy = false;
    for (const q of quotas) {
      if (q.left === 0 || cases.length >= total) continue;
      while (q.next < recent.length) {
        const order = recent[q.next++] as SeedOrder;
        if (used.has(order.id)) continue;
        const planned = story(stateOf(order), q.variant, ctx);
        if (!planned) continue;
        used.add(order.id);
        cases.push(planned);
        q.left -= 1;
        busy = true;
        break;
      }
    }
  }

  for (const order of orders) {
    if (cases.length >= total) break;
    if (used.has(order.id)) continue;
    const st = stateOf(order);
    const variant = settledVariant(st);
    const planned = story(st, variant, ctx) ?? (variant === 'withdrawn' ? null : story(st, 'withdrawn', ctx));
    if (!planned) continue;
    used.add(order.id);
    cases.push(planned);
    // Some come back: a second case once the first is over (after a rejection, or for other units).
    if (
      cases.length < total &&
      planned.closedAt !== null &&
      planned.closedAt < ctx.now - 2 * DAY &&
      st.rng.next() < 0.1
    ) {
      const again = story(st, settledVariant(st), ctx, planned.closedAt + between(st.rng, HOUR, 3 * DAY));
      if (again) cases.push(again);
    }
  }

  const outcomes: OrderOutcome[] = [];
  for (const id of used) {
    const st = states.get(id) as OrderState;
    outcomes.push({
      id,
      orderNo: st.order.orderNo,
      refundedAmount: st.refunded,
      refundingAmount: st.refunding,
      refundCount: st.refundCount,
      openAfterSales: st.open,
      closedAt: st.closedAt,
      changedAt: st.changedAt,
      lines: st.lines.map((ls) => ({
        id: ls.line.id,
        afterSalesQuantity: ls.asQty,
        afterSalesAmount: ls.asAmount,
        cancelledQuantity: ls.cancelled,
      })),
    });
  }
  outcomes.sort((a, b) => a.id - b.id);
  cases.sort((a, b) => a.createdAt - b.createdAt || a.orderId - b.orderId);
  return { cases, orders: outcomes };
}
