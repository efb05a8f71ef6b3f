/**
 * Starting a case's refund (start_refund): in the transaction that moves the case to
 * `refunding`, with the order and the case held (lockCaseAndOrder), the refund row and its
 * out_refund_no are written BEFORE the gateway hears of it (it is dispatched after the commit).
 * The order must still be refundable — paid, less than a year ago (the gateway's limit), fewer
 * than 50 refunds, and the amount within paid − refunded − in flight — checked here and again
 * by the conditional UPDATE that raises the order's in-flight amount (and by its CHECK).
 * A refund-only case cancels its units not yet shipped: they will never ship, and their stock
 * goes back on the shelf.
 */
import {
  type AfterSalesActor,
  type AfterSalesStartRefund,
  checkOrderTransition,
  formatFen,
  MAX_REFUNDS_PER_ORDER,
  paidOrderStatuses,
  refundableAmount,
} from '@siyu/shared';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow, Database, OrderRow, RefundRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { moveOrder } from '../orders/order-move.js';
import { newOrderNo } from '../orders/order-no.js';
import { releaseStock } from '../orders/stock-moves.js';
import { hasUnitsLeftToShip } from '../orders/units-left-to-ship.js';
import { recentSettings } from '../settings/service.js';
import { type CaseActor, recordCaseEvent, staffCaseActor } from './case-events.js';
import { moveCase } from './case-move.js';
import { caseTransition, staffCaseDecider } from './case-transition.js';
import { lockCaseAndOrder } from './lock.js';
import { stockLinesOf } from './stock-lines.js';

const DAY_MS = 86_400_000;
/** WeChat Pay refunds payments up to a year old. */
const REFUNDABLE_DAYS = 365;

/** Our refund number: R, the shop's date, 12 random digits (unique index on it). */
export const newOutRefundNo = (at: Date, timeZone: string) => `R${newOrderNo(at, timeZone)}`;

export const amountExceeded = (message: string) =>
  new AppError(422, 'REFUND_AMOUNT_EXCEEDED', message, { amount: message });

/** The gateway's limits and what is left of the payment; the caller holds the order row. */
export function assertRefundable(order: OrderRow, amount: number, at: Date, options: { newRefund: boolean }) {
  if (!(paidOrderStatuses as readonly string[]).includes(order.status) || order.paidAt === null)
    throw new AppError(
      422,
      'ORDER_NOT_REFUNDABLE',
      `A ${order.status.replace('_', ' ')} order cannot be refunded.`,
    );
  if (at.getTime() - order.paidAt.getTime() >= REFUNDABLE_DAYS * DAY_MS)
    throw new AppError(
      422,
      'ORDER_NOT_REFUNDABLE',
      'This order was paid more than a year ago: the payment gateway no longer refunds it.',
    );
  if (options.newRefund && order.refundCount >= MAX_REFUNDS_PER_ORDER)
    throw new AppError(
      422,
      'REFUND_COUNT_EXCEEDED',
      `This order already has ${MAX_REFUNDS_PER_ORDER} refunds, the most the payment gateway makes of one payment.`,
    );
  const left = refundableAmount({
    paid: order.paidAmount,
    refunded: order.refundedAmount,
    inFlight: order.refundingAmount,
  });
  if (amount > left)
    throw amountExceeded(
      `At most ${formatFen(left)} of this order can still be refunded (paid, less refunded and in flight).`,
    );
}

/**
 * Raises the order's in-flight amount (and, for a new refund, its refund count) only while
 * refunded + in flight stays within paid: the database's last word on the amount.
 */
export async function holdRefundAmount(
  trx: Kysely<Database>,
  orderId: number,
  amount: number,
  at: Date,
  options: { newRefund: boolean },
) {
  let hold = trx
    .updateTable('orders')
    .set((eb) => ({
      refundingAmount: eb('refundingAmount', '+', amount),
      ...(options.newRefund && { refundCount: eb('refundCount', '+', 1) }),
      updatedAt: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', orderId)
    .where(sql<boolean>`refunded_amount + refunding_amount + ${amount} <= paid_amount`);
  if (options.newRefund) hold = hold.where('refundCount', '<', MAX_REFUNDS_PER_ORDER);
  const held = await hold.returning('id').executeTakeFirst();
  if (!held) throw amountExceeded('This order cannot refund that much any more.');
}

type CancelledLine = { orderItemId: number; skuId: number | null; units: number };

/**
 * Units of the case's lines not yet shipped will never ship: cancelled on their lines (never
 * past shipped + cancelled = quantity, the UPDATE's condition and the table's CHECK) and their
 * stock released.
 */
async function cancelUnshippedUnits(
  trx: Kysely<Database>,
  caseRow: AfterSalesCaseRow,
  ctx: AuditContext,
): Promise<CancelledLine[]> {
  const lines = await trx
    .selectFrom('afterSalesItems')
    .innerJoin('orderItems', 'orderItems.id', 'afterSalesItems.orderItemId')
    .select([
      'orderItems.id',
      'orderItems.skuId',
      'orderItems.quantity',
      'orderItems.shippedQuantity',
      'orderItems.cancelledQuantity',
      'afterSalesItems.quantity as units',
    ])
    .where('afterSalesItems.caseId', '=', caseRow.id)
    .orderBy('orderItems.id')
    .execute();
  const cancelled = lines.flatMap((l) => {
    const units = Math.min(l.units, l.quantity - l.shippedQuantity - l.cancelledQuantity);
    return units > 0 ? [{ orderItemId: l.id, skuId: l.skuId, units }] : [];
  });
  if (cancelled.length === 0) return [];
  const values = sql.join(cancelled.map((c) => sql`(${c.orderItemId}::bigint, ${c.units}::integer)`));
  const { rows } = await sql<{ id: number }>`
    update order_items oi
       set cancelled_quantity = oi.cancelled_quantity + v.units
      from (values ${values}) as v (id, units)
     where oi.id = v.id and oi.order_id = ${caseRow.orderId}
       and oi.shipped_quantity + oi.cancelled_quantity + v.units <= oi.quantity
    returning oi.id`.execute(trx);
  if (rows.length !== cancelled.length)
    throw new AppError(409, 'CONFLICT', 'The order shipped while the refund started: try again.');
  await releaseStock(trx, stockLinesOf(cancelled), `after-sales:${caseRow.caseNo}`, ctx);
  return cancelled;
}

/**
 * A partially shipped order whose units left to ship were all just cancelled has shipped all it
 * will: it becomes `shipped` (the system's move), so receipt and auto-confirm follow as usual.
 */
async function finishShippingIfNothingLeft(trx: Kysely<Database>, order: OrderRow, ctx: AuditContext) {
  if (order.status !== 'partially_shipped') return;
  if (await hasUnitsLeftToShip(trx, order.id)) return;
  const check = checkOrderTransition(order.status, 'ship', { kind: 'system' });
  if (!check.ok) return;
  const moved = await moveOrder(
    trx,
    order.id,
    { status: check.to, shippedAt: order.shippedAt ?? ctx.at },
    ctx,
  );
  await writeAudit(trx, {
    ...ctx,
    action: 'ship',
    resource: 'orders',
    resourceId: order.id,
    before: { status: order.status },
    after: { status: moved.status, reason: 'remaining units refunded' },
  });
}

export type StartRefund = {
  caseRow: AfterSalesCaseRow;
  order: OrderRow;
  /** At most the approved amount; CS may lower it for goods that came back damaged. */
  amount?: number | undefined;
  /** Who moves the case: the approver's follow-on step is the system's. */
  decider: AfterSalesActor;
  /** Who the timeline names. */
  eventActor: CaseActor;
  timeZone: string;
};

export async function startRefund(
  trx: Kysely<Database>,
  input: StartRefund,
  ctx: AuditContext,
): Promise<{ caseRow: AfterSalesCaseRow; refund: RefundRow }> {
  const { caseRow, order } = input;
  const to = caseTransition(caseRow, 'start_refund', input.decider);
  const approved = caseRow.approvedAmount ?? caseRow.refundLimit;
  const amount = input.amount ?? approved;
  if (amount > approved)
    throw amountExceeded(`At most the approved ${formatFen(approved)} can be refunded for this case.`);
  assertRefundable(order, amount, ctx.at, { newRefund: true });
  await holdRefundAmount(trx, order.id, amount, ctx.at, { newRefund: true });
  const cancelled = caseRow.type === 'refund_only' ? await cancelUnshippedUnits(trx, caseRow, ctx) : [];
  if (cancelled.length > 0) await finishShippingIfNothingLeft(trx, order, ctx);

  const refund = await trx
    .insertInto('refunds')
    .values({
      outRefundNo: newOutRefundNo(ctx.at, input.timeZone),
      caseId: caseRow.id,
      orderId: order.id,
      amount,
      requestedAt: ctx.at,
      nextDispatchAt: ctx.at,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = await moveCase(
    trx,
    caseRow.id,
    { status: to, approvedAmount: amount, slaDueAt: null, autoApproveAt: null },
    ctx.at,
  );
  const cancelledUnits = cancelled.map((c) => ({ orderItemId: c.orderItemId, units: c.units }));
  await recordCaseEvent(trx, {
    caseId: caseRow.id,
    kind: 'refund_requested',
    status: after.status,
    at: ctx.at,
    actor: input.eventActor,
    detail: {
      outRefundNo: refund.outRefundNo,
      amount,
      ...(amount < approved && { approvedAmount: approved }),
      ...(cancelledUnits.length > 0 && { cancelledUnits }),
    },
  });
  await writeAudit(trx, {
    ...ctx,
    action: 'create',
    resource: 'refunds',
    resourceId: refund.id,
    after: {
      caseId: caseRow.id,
      orderId: order.id,
      outRefundNo: refund.outRefundNo,
      amount,
      status: refund.status,
    },
  });
  await writeAudit(trx, {
    ...ctx,
    action: 'start_refund',
    resource: 'after_sales_cases',
    resourceId: caseRow.id,
    before: { status: caseRow.status, approvedAmount: caseRow.approvedAmount },
    after: {
      status: after.status,
      approvedAmount: after.approvedAmount,
      outRefundNo: refund.outRefundNo,
      ...(cancelledUnits.length > 0 && { cancelledUnits }),
    },
  });
  return { caseRow: after, refund };
}

/** CS starts the refund of returned goods by hand (some came back damaged), possibly for less. */
export async function startRefundByStaff(
  db: Db,
  caseId: number,
  input: AfterSalesStartRefund,
  ctx: AuditContext,
  options: { expectedVersion?: number | undefined } = {},
): Promise<{ caseRow: AfterSalesCaseRow; refund: RefundRow }> {
  const { timeZone } = await recentSettings(db);
  return db.transaction().execute(async (trx) => {
    const held = await lockCaseAndOrder(trx, caseId);
    const decider = staffCaseDecider(ctx);
    if (options.expectedVersion !== undefined && held.caseRow.version !== options.expectedVersion)
      throw versionConflict();
    return startRefund(
      trx,
      { ...held, amount: input.amount, decider, eventActor: await staffCaseActor(trx, ctx), timeZone },
      ctx,
    );
  });
}
