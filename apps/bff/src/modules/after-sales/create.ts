/**
 * Opening a case (the customer in the mini-program, or CS on their behalf). In one transaction
 * with the order row locked: the order must be paid, the lines must be the order's and still
 * free, returns only for shipped units, the reason must be on the shop's list (no-reason ones
 * only within the refund window after receipt), and the amount within what these units may
 * refund. The units and their value are then reserved on the lines by a conditional update, so
 * two applications for the last unit can never both succeed.
 */
import {
  type AfterSalesType,
  isFullRefund,
  lineRefundCap,
  MAX_REFUNDS_PER_ORDER,
  paidOrderStatuses,
  paidShares,
  refundableAmount,
  type Settings,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AfterSalesCaseRow, Database, OrderItemRow, OrderRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound, validationFailed } from '../../lib/errors.js';
import { itemsOf } from '../orders/channel-order.js';
import { recentSettings } from '../settings/service.js';
import { customerCaseActor, recordCaseEvent, staffCaseActor } from './case-events.js';
import { newCaseNo } from './case-no.js';
import { type LineReservation, reserveCaseUnits } from './reservation.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** WeChat Pay refunds payments up to a year old. */
const REFUNDABLE_DAYS = 365;

export type CaseApplication = {
  orderId: number;
  source: 'channel' | 'staff';
  type: AfterSalesType;
  items: readonly { itemId: number; quantity: number }[];
  reasonCode: string;
  description: string;
  photos: readonly string[];
  amount?: number | undefined;
  createdBy: number | null;
};

/**
 * Only paid orders; and none the payment gateway could no longer refund (paid over a year ago,
 * or as many refunds made and pending as it makes of one payment).
 */
function assertRefundable(order: OrderRow, at: Date) {
  if (!(paidOrderStatuses as readonly string[]).includes(order.status))
    throw new AppError(
      422,
      'ORDER_NOT_REFUNDABLE',
      `An order that is ${order.status.replace('_', ' ')} cannot have after-sales.`,
    );
  if (order.paidAt && at.getTime() - order.paidAt.getTime() > REFUNDABLE_DAYS * DAY)
    throw new AppError(
      422,
      'ORDER_NOT_REFUNDABLE',
      'This order was paid more than a year ago: it can no longer be refunded.',
    );
  if (order.refundCount + order.openAfterSales >= MAX_REFUNDS_PER_ORDER)
    throw new AppError(
      422,
      'REFUND_COUNT_EXCEEDED',
      `This order already has ${MAX_REFUNDS_PER_ORDER} refunds and open cases, the most the payment gateway refunds of one payment.`,
    );
}

type Claimed = { line: OrderItemRow; index: number; units: number; share: number };

/** The order's lines the application names, with their paid shares; 400 for a line not of this order. */
function claimedLines(order: OrderRow, lines: OrderItemRow[], input: CaseApplication): Claimed[] {
  const shares = paidShares(
    lines.map((l) => ({ lineAmount: l.lineAmount, quantity: l.quantity })),
    order.discountAmount,
  );
  const fields: Record<string, string> = {};
  const claimed: Claimed[] = [];
  for (const [index, item] of input.items.entries()) {
    const at = lines.findIndex((l) => l.id === item.itemId);
    const line = lines[at];
    if (!line) fields[`items.${index}.itemId`] = 'not a line of this order';
    else claimed.push({ line, index, units: item.quantity, share: shares[at] ?? 0 });
  }
  if (Object.keys(fields).length > 0)
    throw validationFailed(fields, 'A listed line is not a line of this order.');
  return claimed;
}

function reasonOf(settings: Settings, input: CaseApplication, order: OrderRow, at: Date) {
  const reason = settings.afterSalesReasons.find((r) => r.code === input.reasonCode);
  if (!reason)
    throw new AppError(422, 'REASON_UNKNOWN', 'This reason is not on the shop’s list.', {
      reasonCode: 'not one of the shop’s reasons',
    });
  // Receipt is completion; an order not yet received is still within the window.
  if (
    reason.noReason &&
    order.completedAt &&
    at.getTime() > order.completedAt.getTime() + settings.refundWindowDays * DAY
  )
    throw new AppError(
      422,
      'REFUND_WINDOW_PASSED',
      `No-reason returns are accepted within ${settings.refundWindowDays} days of receipt.`,
      { reasonCode: 'the no-reason window has passed' },
    );
  return reason;
}

/** Units of these lines already in open or refunded return cases (they cannot be returned twice). */
async function unitsInReturns(trx: Kysely<Database>, lineIds: number[]): Promise<Map<number, number>> {
  const rows = await trx
    .selectFrom('afterSalesItems')
    .innerJoin('afterSalesCases', 'afterSalesCases.id', 'afterSalesItems.caseId')
    .select((eb) => [
      'afterSalesItems.orderItemId',
      eb.fn.sum<number | string>('afterSalesItems.quantity').as('n'),
    ])
    .where('afterSalesItems.orderItemId', 'in', lineIds)
    .where('afterSalesCases.type', '=', 'return_and_refund')
    .where('afterSalesCases.status', 'not in', ['rejected', 'withdrawn', 'closed'])
    .groupBy('afterSalesItems.orderItemId')
    .execute();
  return new Map(rows.map((r) => [r.orderItemId, Number(r.n)]));
}

async function checkUnits(trx: Kysely<Database>, type: AfterSalesType, claimed: Claimed[]) {
  for (const { line, index, units } of claimed) {
    const free = line.quantity - line.afterSalesQuantity;
    if (units > free)
      throw new AppError(
        422,
        'AFTER_SALES_QUANTITY_EXCEEDED',
        `「${line.title}」: ${free === 0 ? 'every unit is already in after-sales' : `at most ${free} more units can be refunded`}.`,
        { [`items.${index}.quantity`]: `at most ${free}` },
      );
  }
  if (type !== 'return_and_refund') return;
  const returning = await unitsInReturns(
    trx,
    claimed.map((c) => c.line.id),
  );
  for (const { line, index, units } of claimed) {
    const returnable = line.shippedQuantity - (returning.get(line.id) ?? 0);
    if (units > returnable)
      throw new AppError(
        422,
        'BUSINESS_RULE',
        `「${line.title}」: only shipped units can be returned (${Math.max(0, returnable)} can).`,
        { [`items.${index}.quantity`]: `at most ${Math.max(0, returnable)} shipped units` },
      );
  }
}

/** Each line's cap, and the case's limit: the caps, plus the shipping fee on a full refund. */
function limitsOf(order: OrderRow, lines: OrderItemRow[], claimed: Claimed[]) {
  const reservations: LineReservation[] = claimed.map(({ line, units, share }) => ({
    orderItemId: line.id,
    units,
    share,
    cap: Math.max(
      0,
      Math.min(
        lineRefundCap(share, line.quantity, line.afterSalesQuantity, units),
        share - line.afterSalesAmount,
      ),
    ),
  }));
  const full = isFullRefund(
    lines.map((l) => ({ quantity: l.quantity, refundedUnits: l.afterSalesQuantity })),
    lines.map((l) => claimed.find((c) => c.line.id === l.id)?.units ?? 0),
  );
  const includesShipping = full && order.shippingFee > 0;
  const goods = reservations.reduce((sum, r) => sum + r.cap, 0);
  const refundable = refundableAmount({
    paid: order.paidAmount,
    refunded: order.refundedAmount,
    inFlight: order.refundingAmount,
  });
  const refundLimit = Math.min(goods + (includesShipping ? order.shippingFee : 0), refundable);
  return { reservations, includesShipping, refundLimit };
}

export async function createCase(
  db: Db,
  input: CaseApplication,
  ctx: AuditContext,
  alsoInTransaction?: (trx: Kysely<Database>, caseRow: AfterSalesCaseRow) => Promise<void>,
): Promise<AfterSalesCaseRow> {
  const settings = await recentSettings(db);
  return db.transaction().execute(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', input.orderId)
      .forUpdate()
      .executeTakeFirst();
    if (!order) throw notFound('order');
    assertRefundable(order, ctx.at);
    const lines = await itemsOf(trx, order.id);
    const claimed = claimedLines(order, lines, input);
    const reason = reasonOf(settings, input, order, ctx.at);
    await checkUnits(trx, input.type, claimed);
    const { reservations, includesShipping, refundLimit } = limitsOf(order, lines, claimed);
    if (refundLimit <= 0)
      throw new AppError(422, 'REFUND_AMOUNT_EXCEEDED', 'Nothing is left to refund on these units.');
    const requestedAmount = input.amount ?? refundLimit;
    if (requestedAmount > refundLimit)
      throw new AppError(
        422,
        'REFUND_AMOUNT_EXCEEDED',
        `At most ${refundLimit} fen can be refunded for these units.`,
        {
          amount: `at most ${refundLimit}`,
        },
      );
    await reserveCaseUnits(trx, order.id, reservations);

    const nothingShipped = lines.every((l) => l.shippedQuantity === 0);
    const caseRow = await trx
      .insertInto('afterSalesCases')
      .values({
        caseNo: newCaseNo(ctx.at, settings.timeZone),
        orderId: order.id,
        memberId: order.memberId,
        channelId: order.channelId,
        type: input.type,
        status: 'requested',
        source: input.source,
        createdBy: input.createdBy,
        reasonCode: reason.code,
        reasonLabel: reason.label,
        noReason: reason.noReason,
        description: input.description,
        photos: JSON.stringify(input.photos),
        refundLimit,
        requestedAmount,
        approvedAmount: null,
        includesShipping,
        assigneeId: null,
        firstApprovedBy: null,
        firstApprovedAt: null,
        approvedBy: null,
        approvedAt: null,
        rejectReason: null,
        returnAddress: null,
        returnCarrier: null,
        returnTrackingNo: null,
        returnShippedAt: null,
        returnDueAt: null,
        receivedAt: null,
        // A refund-only case of an order with nothing shipped is approved by itself if CS stays silent.
        autoApproveAt:
          input.type === 'refund_only' && nothingShipped
            ? new Date(ctx.at.getTime() + settings.refundAutoApproveHours * HOUR)
            : null,
        slaDueAt: new Date(ctx.at.getTime() + settings.csSlaHours * HOUR),
        closedAt: null,
        createdAt: ctx.at,
        updatedAt: ctx.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('afterSalesItems')
      .values(
        reservations.map((r) => ({
          caseId: caseRow.id,
          orderItemId: r.orderItemId,
          quantity: r.units,
          refundCap: r.cap,
          sellableQuantity: null,
          damagedQuantity: null,
        })),
      )
      .execute();
    const actor =
      input.source === 'channel'
        ? await customerCaseActor(trx, order.memberId)
        : await staffCaseActor(trx, ctx);
    const summary = {
      caseNo: caseRow.caseNo,
      orderId: order.id,
      type: caseRow.type,
      status: caseRow.status,
      reasonCode: caseRow.reasonCode,
      refundLimit,
      requestedAmount,
      includesShipping,
      items: reservations.map((r) => ({ orderItemId: r.orderItemId, quantity: r.units, refundCap: r.cap })),
    };
    await recordCaseEvent(trx, {
      caseId: caseRow.id,
      kind: 'created',
      status: caseRow.status,
      at: ctx.at,
      actor,
      detail: { amount: requestedAmount, refundLimit, reasonCode: caseRow.reasonCode, source: input.source },
    });
    await writeAudit(trx, {
      ...ctx,
      action: 'create',
      resource: 'after_sales_cases',
      resourceId: caseRow.id,
      after: summary,
    });
    await alsoInTransaction?.(trx, caseRow);
    return caseRow;
  });
}
