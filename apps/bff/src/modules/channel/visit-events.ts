/**
 * Visit events from a storefront, stored append-only for the funnel and UV figures. An event
 * names its visitor by openid (a known member gets linked) or by the storefront's anonymous
 * visitorId; either is kept as `visitor_id`, so unique visitors count both alike.
 */
import type { VisitEvent } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';

export async function recordVisitEvents(
  db: Db,
  channelId: number,
  events: VisitEvent[],
  receivedAt: Date,
  /** Runs in the same transaction once the events are in (the idempotent answer is stored there). */
  alsoInTransaction?: (trx: Kysely<Database>, accepted: number) => Promise<void>,
): Promise<number> {
  const openids = [...new Set(events.flatMap((event) => (event.openid ? [event.openid] : [])))];
  return db.transaction().execute(async (trx) => {
    const members = openids.length
      ? await trx
          .selectFrom('members')
          .select(['id', 'openid'])
          .where('channelId', '=', channelId)
          .where('openid', 'in', openids)
          .execute()
      : [];
    const memberOf = new Map(members.map((member) => [member.openid, member.id]));
    await trx
      .insertInto('visitEvents')
      .values(
        events.map((event) => ({
          channelId,
          memberId: event.openid ? (memberOf.get(event.openid) ?? null) : null,
          visitorId: (event.openid ?? event.visitorId) as string,
          type: event.type,
          productId: 'productId' in event ? event.productId : null,
          skuId: 'skuId' in event ? event.skuId : null,
          quantity: 'quantity' in event ? event.quantity : null,
          page: 'page' in event ? event.page : null,
          at: new Date(event.at),
          receivedAt,
        })),
      )
      .execute();
    await alsoInTransaction?.(trx, events.length);
    return events.length;
  });
}
