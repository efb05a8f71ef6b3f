/**
 * The customer has sent the goods back (awaiting_return, once): the carrier and tracking number
 * are kept, and CS now has the SLA to watch for the parcel and mark it received.
 */
import type { ChannelAfterSalesCase, ChannelReturnShipment } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { recentSettings } from '../settings/service.js';
import { customerCaseActor, recordCaseEvent } from './case-events.js';
import { moveCase } from './case-move.js';
import { buyerCaseId, toChannelCase } from './channel-case.js';
import { lockCaseAndOrder } from './lock.js';

const HOUR = 3_600_000;

export async function recordReturnShipment(
  db: Db,
  channelId: number,
  caseNo: string,
  input: ChannelReturnShipment,
  ctx: AuditContext,
  alsoInTransaction: (trx: Kysely<Database>, answer: ChannelAfterSalesCase) => Promise<void>,
): Promise<ChannelAfterSalesCase> {
  const caseId = await buyerCaseId(db, channelId, caseNo, input.openid);
  if (caseId === undefined) throw notFound('after-sales case');
  const settings = await recentSettings(db);
  return db.transaction().execute(async (trx) => {
    const { caseRow } = await lockCaseAndOrder(trx, caseId);
    if (caseRow.status !== 'awaiting_return')
      throw new AppError(
        409,
        'ILLEGAL_TRANSITION',
        `A case that is ${caseRow.status.replace('_', ' ')} does not wait for a return parcel.`,
      );
    if (caseRow.returnShippedAt !== null)
      throw new AppError(409, 'ILLEGAL_TRANSITION', 'The return parcel has already been reported.');
    const after = await moveCase(
      trx,
      caseRow.id,
      {
        returnCarrier: input.carrier,
        returnTrackingNo: input.trackingNo,
        returnShippedAt: ctx.at,
        slaDueAt: new Date(ctx.at.getTime() + settings.csSlaHours * HOUR),
      },
      ctx.at,
    );
    await recordCaseEvent(trx, {
      caseId: caseRow.id,
      kind: 'return_shipped',
      status: after.status,
      at: ctx.at,
      actor: await customerCaseActor(trx, caseRow.memberId),
      detail: { carrier: input.carrier, trackingNo: input.trackingNo },
    });
    await writeAudit(trx, {
      ...ctx,
      action: 'return_ship',
      resource: 'after_sales_cases',
      resourceId: caseRow.id,
      after: { carrier: input.carrier, trackingNo: input.trackingNo, returnShippedAt: ctx.at },
    });
    const answer = await toChannelCase(trx, after);
    await alsoInTransaction(trx, answer);
    return answer;
  });
}
