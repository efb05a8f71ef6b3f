/**
 * An order as the back office lists it: the row plus its channel's name, its member's nickname
 * and phone, and its unit count, fetched for a whole page at once. Personal data leaves masked.
 */
import { maskName, maskPhone, type Order } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database, OrderRow } from '../../db/schema.js';

type Parties = {
  channelName: Map<number, string>;
  member: Map<number, { nickname: string | null; phone: string | null }>;
  units: Map<number, number>;
};

async function partiesOf(db: Kysely<Database>, rows: readonly OrderRow[]): Promise<Parties> {
  const parties: Parties = { channelName: new Map(), member: new Map(), units: new Map() };
  if (rows.length === 0) return parties;
  const channelIds = [...new Set(rows.map((r) => r.channelId))];
  const memberIds = [...new Set(rows.map((r) => r.memberId))];
  const orderIds = rows.map((r) => r.id);
  const [channels, members, units] = await Promise.all([
    db.selectFrom('channels').select(['id', 'name']).where('id', 'in', channelIds).execute(),
    db.selectFrom('members').select(['id', 'nickname', 'phone']).where('id', 'in', memberIds).execute(),
    db
      .selectFrom('orderItems')
      .select((eb) => ['orderId', eb.fn.sum<number | string>('quantity').as('units')])
      .where('orderId', 'in', orderIds)
      .groupBy('orderId')
      .execute(),
  ]);
  for (const c of channels) parties.channelName.set(c.id, c.name);
  for (const m of members) parties.member.set(m.id, { nickname: m.nickname, phone: m.phone });
  for (const u of units) parties.units.set(u.orderId, Number(u.units));
  return parties;
}

function toOrder(row: OrderRow, parties: Parties): Order {
  const member = parties.member.get(row.memberId);
  return {
    id: row.id,
    orderNo: row.orderNo,
    status: row.status,
    channelId: row.channelId,
    channelName: parties.channelName.get(row.channelId) ?? '',
    memberId: row.memberId,
    buyerNickname: member?.nickname ?? null,
    buyerPhone: maskPhone(member?.phone),
    itemCount: parties.units.get(row.id) ?? 0,
    goodsAmount: row.goodsAmount,
    discountAmount: row.discountAmount,
    shippingFee: row.shippingFee,
    payableAmount: row.payableAmount,
    paidAmount: row.paidAmount,
    refundedAmount: row.refundedAmount,
    hasOpenRefund: row.openAfterSales > 0,
    receiverName: maskName(row.address.name) ?? '',
    province: row.address.province,
    city: row.address.city,
    buyerNote: row.buyerNote,
    cancelReason: row.cancelReason,
    shippingInfoSync: row.shippingInfoSync,
    createdAt: row.createdAt.toISOString(),
    payDeadline: row.payDeadline.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    shippedAt: row.shippedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** Rows in, records out, in the same order. */
export async function toOrders(db: Kysely<Database>, rows: readonly OrderRow[]): Promise<Order[]> {
  const parties = await partiesOf(db, rows);
  return rows.map((row) => toOrder(row, parties));
}
