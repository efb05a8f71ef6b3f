/**
 * Members: read for staff with the phone masked; revealing a phone needs `members:reveal`
 * (the route's rule) and is audited. Members are created by the channel's orders (upsert.ts).
 */
import { type Member, MemberFilter, maskPhone, type memberSortFields } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { MemberRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';
import { fetchPage, type ListQuery, likePattern, parseFilter, parseIds, rowsByIds } from '../../lib/list.js';

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    channelId: row.channelId,
    openid: row.openid,
    nickname: row.nickname,
    phone: maskPhone(row.phone),
    registeredAt: row.registeredAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

type SortField = (typeof memberSortFields)[number];

const PHONE_TAIL = /^\d{4}$/;

export async function listMembers(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: Member[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = await rowsByIds(db, 'members', ids);
    return { data: rows.map(toMember) };
  }
  const filter = parseFilter(MemberFilter, query.filter);
  let base = db.selectFrom('members');
  if (filter.q) {
    const q = filter.q;
    base = base.where((eb) =>
      eb.or([
        eb('nickname', 'ilike', likePattern(q)),
        eb('openid', '=', q),
        // Four digits: the phone's tail, as CS asks a caller (an expression index answers it).
        ...(PHONE_TAIL.test(q) ? [eb(eb.fn('right', ['phone', eb.val(4)]), '=', q)] : []),
      ]),
    );
  }
  if (filter.channelId) base = base.where('channelId', '=', filter.channelId);
  if (filter.registeredAt_gte) base = base.where('registeredAt', '>=', new Date(filter.registeredAt_gte));
  if (filter.registeredAt_lte) base = base.where('registeredAt', '<=', new Date(filter.registeredAt_lte));
  return fetchPage(base, query, toMember);
}

export async function getMember(db: Db, id: number): Promise<Member> {
  const row = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('member');
  return toMember(row);
}

/** The whole phone, for a role allowed to see it; the reveal itself is audited. */
export async function revealMemberPhone(
  db: Db,
  id: number,
  ctx: AuditContext,
): Promise<{ id: number; phone: string | null }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('members')
      .select(['id', 'phone'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('member');
    await writeAudit(trx, {
      ...ctx,
      action: 'reveal',
      resource: 'members',
      resourceId: id,
      after: { field: 'phone' },
    });
    return { id: row.id, phone: row.phone };
  });
}
