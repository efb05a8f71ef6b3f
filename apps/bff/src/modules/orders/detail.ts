/**
 * One order for the back office: the listed record, its lines, its payment, its address
 * (masked), its parcels with their tracking and platform reports, staff notes, and a timeline
 * from the order's own timestamps and the audit rows about it. After the order row, every
 * part is read at once (the detail's budget is 20 ms p95).
 */
import {
  maskAddressDetail,
  maskName,
  maskPhone,
  type OrderDetail,
  OrderStatus,
  type OrderTimelineEntry,
} from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { AuditLogRow, OrderRow } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { itemsOf } from './channel-order.js';
import { toOrders } from './order-record.js';
import { notesOf, shipmentRowsOf, toShipments } from './shipments-of.js';

const milestones = [
  ['created', 'createdAt'],
  ['paid', 'paidAt'],
  ['shipped', 'shippedAt'],
  ['completed', 'completedAt'],
  ['cancelled', 'cancelledAt'],
  ['closed', 'closedAt'],
] as const;

function statusAfter(after: unknown): OrderStatus | null {
  const status = (after as { status?: unknown } | null)?.status;
  const parsed = OrderStatus.safeParse(status);
  return parsed.success ? parsed.data : null;
}

type TimelineAudit = Pick<AuditLogRow, 'at' | 'action' | 'actorName' | 'after'>;

function timelineOf(order: OrderRow, audits: TimelineAudit[]): OrderTimelineEntry[] {
  const entries: OrderTimelineEntry[] = [];
  for (const [event, field] of milestones) {
    const at = order[field];
    if (at) entries.push({ at: at.toISOString(), event, action: null, actorName: null, status: null });
  }
  for (const row of audits)
    entries.push({
      at: row.at.toISOString(),
      event: 'audit',
      action: row.action,
      actorName: row.actorName,
      status: statusAfter(row.after),
    });
  // Stable: at the same instant the milestone comes before the audit row that records it.
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export async function getOrderDetail(db: Db, id: number): Promise<OrderDetail> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('order');
  const [[order], items, payment, audits, shipmentRows, notes] = await Promise.all([
    toOrders(db, [row]),
    itemsOf(db, id),
    db.selectFrom('payments').selectAll().where('orderId', '=', id).executeTakeFirst(),
    db
      .selectFrom('auditLogs')
      // Staff by the name colleagues know them by; the channel and the system by their audit name.
      .leftJoin('staffUsers', 'staffUsers.id', 'auditLogs.actorId')
      .select((eb) => [
        'auditLogs.at',
        'auditLogs.action',
        'auditLogs.after',
        eb.fn.coalesce('staffUsers.displayName', 'auditLogs.actorName').as('actorName'),
      ])
      .where('auditLogs.resource', '=', 'orders')
      .where('auditLogs.resourceId', '=', String(id))
      .orderBy('auditLogs.at')
      .orderBy('auditLogs.id')
      .execute(),
    shipmentRowsOf(db, id),
    notesOf(db, id),
  ]);
  if (!order) throw notFound('order');
  const address = row.address;
  return {
    ...order,
    items: items.map((item) => ({
      id: item.id,
      skuId: item.skuId,
      productId: item.productId,
      skuCode: item.skuCode,
      title: item.title,
      specValues: item.specValues,
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      lineAmount: item.lineAmount,
      shippedQuantity: item.shippedQuantity,
    })),
    address: {
      name: maskName(address.name) ?? '',
      phone: maskPhone(address.phone) ?? '',
      province: address.province,
      city: address.city,
      district: address.district,
      detail: maskAddressDetail(address.detail) ?? '',
      masked: true,
    },
    payment: payment
      ? { transactionId: payment.transactionId, amount: payment.amount, paidAt: payment.paidAt.toISOString() }
      : null,
    shipments: toShipments(shipmentRows, items),
    notes,
    timeline: timelineOf(row, audits),
  };
}
