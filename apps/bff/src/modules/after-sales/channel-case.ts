/** A case as the storefront shows it to its customer, and the case a channel's buyer may touch. */
import type { ChannelAfterSalesCase } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { AfterSalesCaseRow, Database } from '../../db/schema.js';

export async function toChannelCase(
  db: Kysely<Database>,
  row: AfterSalesCaseRow,
): Promise<ChannelAfterSalesCase> {
  const [order, items, refund] = await Promise.all([
    db.selectFrom('orders').select('orderNo').where('id', '=', row.orderId).executeTakeFirstOrThrow(),
    db
      .selectFrom('afterSalesItems')
      .select(['orderItemId', 'quantity'])
      .where('caseId', '=', row.id)
      .orderBy('id')
      .execute(),
    db.selectFrom('refunds').select('status').where('caseId', '=', row.id).executeTakeFirst(),
  ]);
  return {
    caseNo: row.caseNo,
    orderNo: order.orderNo,
    type: row.type,
    status: row.status,
    reasonCode: row.reasonCode,
    requestedAmount: row.requestedAmount,
    approvedAmount: row.approvedAmount,
    refundStatus: refund?.status ?? null,
    items: items.map((i) => ({ itemId: i.orderItemId, quantity: i.quantity })),
    returnAddress: row.returnAddress,
    returnDueAt: row.returnDueAt?.toISOString() ?? null,
    rejectReason: row.rejectReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The id of the case a channel's buyer may touch. Another buyer's case, or another channel's,
 * is "not found": a case number alone reveals nothing.
 */
export async function buyerCaseId(
  db: Kysely<Database>,
  channelId: number,
  caseNo: string,
  openid: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('afterSalesCases')
    .innerJoin('members', 'members.id', 'afterSalesCases.memberId')
    .select('afterSalesCases.id')
    .where('afterSalesCases.caseNo', '=', caseNo)
    .where('afterSalesCases.channelId', '=', channelId)
    .where('members.openid', '=', openid)
    .executeTakeFirst();
  return row?.id;
}
