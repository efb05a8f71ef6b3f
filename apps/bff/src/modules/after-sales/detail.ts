/**
 * One case for the CS console: the listed record, its lines, its refund, the order beside it
 * (each line with its paid share and what is already in after-sales, and what the order may
 * still refund), the member's history, the timeline, and the moves the signed-in role may make
 * now. After the case row, every part is read at once.
 */
import {
  type AfterSalesDetail,
  availableAfterSalesTransitions,
  type CaseEvent,
  maskPhone,
  paidShares,
  type Refund,
  type Role,
  refundableAmount,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, OrderItemRow, OrderRow, RefundRow } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { itemsOf } from '../orders/channel-order.js';
import { toCaseRecord } from './record.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toRefund(row: RefundRow): Refund {
  return {
    outRefundNo: row.outRefundNo,
    amount: row.amount,
    status: row.status,
    gatewayRefundId: row.gatewayRefundId,
    attempts: row.attempts,
    failureReason: row.failureReason,
    requestedAt: row.requestedAt.toISOString(),
    succeededAt: iso(row.succeededAt),
    failedAt: iso(row.failedAt),
  };
}

function orderContext(order: OrderRow, lines: OrderItemRow[]): AfterSalesDetail['order'] {
  const shares = paidShares(
    lines.map((l) => ({ lineAmount: l.lineAmount, quantity: l.quantity })),
    order.discountAmount,
  );
  return {
    id: order.id,
    orderNo: order.orderNo,
    status: order.status,
    payableAmount: order.payableAmount,
    paidAmount: order.paidAmount,
    shippingFee: order.shippingFee,
    discountAmount: order.discountAmount,
    refundedAmount: order.refundedAmount,
    refundingAmount: order.refundingAmount,
    refundableAmount: refundableAmount({
      paid: order.paidAmount,
      refunded: order.refundedAmount,
      inFlight: order.refundingAmount,
    }),
    paidAt: iso(order.paidAt),
    shippedAt: iso(order.shippedAt),
    completedAt: iso(order.completedAt),
    items: lines.map((l, i) => ({
      id: l.id,
      skuCode: l.skuCode,
      title: l.title,
      specValues: l.specValues,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      shippedQuantity: l.shippedQuantity,
      afterSalesQuantity: l.afterSalesQuantity,
      paidShare: shares[i] ?? 0,
    })),
  };
}

/** The member's orders, spend, cases and refunds (their orders by the member index). */
async function memberContext(db: Kysely<Database>, memberId: number): Promise<AfterSalesDetail['member']> {
  const [member, orders, cases] = await Promise.all([
    db
      .selectFrom('members')
      .select(['id', 'nickname', 'phone'])
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('orders')
      .where('memberId', '=', memberId)
      .where('paidAt', 'is not', null)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('orderCount'),
        eb.fn.coalesce(eb.fn.sum<number | string>('paidAmount'), eb.lit(0)).as('totalSpent'),
        eb.fn.coalesce(eb.fn.sum<number | string>('refundedAmount'), eb.lit(0)).as('refundedTotal'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('afterSalesCases')
      .where('memberId', '=', memberId)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    id: member.id,
    nickname: member.nickname,
    phone: maskPhone(member.phone),
    orderCount: Number(orders.orderCount),
    totalSpent: Number(orders.totalSpent),
    caseCount: Number(cases.n),
    refundedTotal: Number(orders.refundedTotal),
  };
}

export async function getCaseDetail(db: Db, id: number, role: Role): Promise<AfterSalesDetail> {
  const row = await db.selectFrom('afterSalesCases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('after-sales case');
  const [record, items, refund, order, lines, member, events] = await Promise.all([
    toCaseRecord(db, row),
    db
      .selectFrom('afterSalesItems')
      .innerJoin('orderItems', 'orderItems.id', 'afterSalesItems.orderItemId')
      .select([
        'afterSalesItems.id',
        'afterSalesItems.orderItemId',
        'orderItems.skuId',
        'orderItems.skuCode',
        'orderItems.title',
        'orderItems.specValues',
        'orderItems.unitPrice',
        'afterSalesItems.quantity',
        'afterSalesItems.refundCap',
        'afterSalesItems.sellableQuantity',
        'afterSalesItems.damagedQuantity',
      ])
      .where('afterSalesItems.caseId', '=', id)
      .orderBy('afterSalesItems.id')
      .execute(),
    db.selectFrom('refunds').selectAll().where('caseId', '=', id).executeTakeFirst(),
    db.selectFrom('orders').selectAll().where('id', '=', row.orderId).executeTakeFirstOrThrow(),
    itemsOf(db, row.orderId),
    memberContext(db, row.memberId),
    db.selectFrom('afterSalesEvents').selectAll().where('caseId', '=', id).orderBy('id').execute(),
  ]);
  const timeline: CaseEvent[] = events.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    kind: e.kind,
    actorKind: e.actorKind,
    actorName: e.actorName,
    status: e.status,
    detail: e.detail,
  }));
  return {
    ...record,
    items,
    refund: refund ? toRefund(refund) : null,
    order: orderContext(order, lines),
    member,
    timeline,
    actions: availableAfterSalesTransitions(row.status, row.type, { kind: 'staff', role }),
  };
}
