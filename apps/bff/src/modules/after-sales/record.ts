/**
 * A case as the back office lists it: the row plus its order's number and status, its member's
 * nickname and masked phone, the names of its assignee and approvers, its refund's state and
 * its unit count, fetched for a whole page at once.
 */
import { type AfterSalesCase, maskPhone, type OrderStatus, type RefundStatus } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { AfterSalesCaseRow, Database } from '../../db/schema.js';

type Parties = {
  order: Map<number, { orderNo: string; status: OrderStatus }>;
  member: Map<number, { nickname: string | null; phone: string | null }>;
  staffName: Map<number, string>;
  refundStatus: Map<number, RefundStatus>;
  units: Map<number, number>;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function partiesOf(db: Kysely<Database>, rows: readonly AfterSalesCaseRow[]): Promise<Parties> {
  const parties: Parties = {
    order: new Map(),
    member: new Map(),
    staffName: new Map(),
    refundStatus: new Map(),
    units: new Map(),
  };
  if (rows.length === 0) return parties;
  const caseIds = rows.map((r) => r.id);
  const orderIds = [...new Set(rows.map((r) => r.orderId))];
  const memberIds = [...new Set(rows.map((r) => r.memberId))];
  const staffIds = [
    ...new Set(
      rows.flatMap((r) => [r.assigneeId, r.firstApprovedBy, r.approvedBy]).filter((id) => id !== null),
    ),
  ];
  const [orders, members, staff, refunds, units] = await Promise.all([
    db.selectFrom('orders').select(['id', 'orderNo', 'status']).where('id', 'in', orderIds).execute(),
    db.selectFrom('members').select(['id', 'nickname', 'phone']).where('id', 'in', memberIds).execute(),
    staffIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('staffUsers').select(['id', 'displayName']).where('id', 'in', staffIds).execute(),
    db.selectFrom('refunds').select(['caseId', 'status']).where('caseId', 'in', caseIds).execute(),
    db
      .selectFrom('afterSalesItems')
      .select((eb) => ['caseId', eb.fn.sum<number | string>('quantity').as('units')])
      .where('caseId', 'in', caseIds)
      .groupBy('caseId')
      .execute(),
  ]);
  for (const o of orders) parties.order.set(o.id, { orderNo: o.orderNo, status: o.status });
  for (const m of members) parties.member.set(m.id, { nickname: m.nickname, phone: m.phone });
  for (const s of staff) parties.staffName.set(s.id, s.displayName);
  for (const r of refunds) parties.refundStatus.set(r.caseId, r.status);
  for (const u of units) parties.units.set(u.caseId, Number(u.units));
  return parties;
}

function toCase(row: AfterSalesCaseRow, parties: Parties): AfterSalesCase {
  const order = parties.order.get(row.orderId);
  const member = parties.member.get(row.memberId);
  const nameOf = (id: number | null) => (id === null ? null : (parties.staffName.get(id) ?? null));
  return {
    id: row.id,
    caseNo: row.caseNo,
    type: row.type,
    status: row.status,
    source: row.source,
    orderId: row.orderId,
    orderNo: order?.orderNo ?? '',
    orderStatus: order?.status ?? 'paid',
    memberId: row.memberId,
    buyerNickname: member?.nickname ?? null,
    buyerPhone: maskPhone(member?.phone),
    reasonCode: row.reasonCode,
    reasonLabel: row.reasonLabel,
    noReason: row.noReason,
    description: row.description,
    photos: row.photos,
    itemCount: parties.units.get(row.id) ?? 0,
    refundLimit: row.refundLimit,
    requestedAmount: row.requestedAmount,
    approvedAmount: row.approvedAmount,
    includesShipping: row.includesShipping,
    assigneeId: row.assigneeId,
    assigneeName: nameOf(row.assigneeId),
    approvalStage: row.approvalStage,
    firstApprovedByName: nameOf(row.firstApprovedBy),
    approvedByName: nameOf(row.approvedBy),
    rejectReason: row.rejectReason,
    slaDueAt: iso(row.slaDueAt),
    autoApproveAt: iso(row.autoApproveAt),
    returnAddress: row.returnAddress,
    returnCarrier: row.returnCarrier,
    returnTrackingNo: row.returnTrackingNo,
    returnShippedAt: iso(row.returnShippedAt),
    returnDueAt: iso(row.returnDueAt),
    receivedAt: iso(row.receivedAt),
    refundStatus: parties.refundStatus.get(row.id) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
    version: row.version,
  };
}

/** Rows in, records out, in the same order. */
export async function toCases(
  db: Kysely<Database>,
  rows: readonly AfterSalesCaseRow[],
): Promise<AfterSalesCase[]> {
  const parties = await partiesOf(db, rows);
  return rows.map((row) => toCase(row, parties));
}

export async function toCaseRecord(db: Kysely<Database>, row: AfterSalesCaseRow): Promise<AfterSalesCase> {
  const [record] = await toCases(db, [row]);
  return record as AfterSalesCase;
}
