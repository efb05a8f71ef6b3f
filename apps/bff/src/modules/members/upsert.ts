/**
 * A member from a channel order's buyer: created on the first order, matched by (channel,
 * openid) after; a nickname or phone the buyer now sends replaces the stored one, a missing one
 * keeps it. Writes are INSERT … ON CONFLICT, so two first orders at once make one member; a
 * returning buyer with nothing new costs one read. Audited in the caller's transaction, with the
 * phone masked.
 */
import type { ChannelBuyer } from '@siyu/shared';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database, MemberRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { toMember } from './service.js';

type Buyer = z.output<typeof ChannelBuyer>;

export async function upsertMemberFromBuyer(
  trx: Kysely<Database>,
  channelId: number,
  buyer: Buyer,
  ctx: AuditContext,
): Promise<MemberRow> {
  const nickname = buyer.nickname || null;
  const phone = buyer.phone || null;
  // Most orders come from a returning buyer who sends what we have: one read, nothing written.
  const known = await trx
    .selectFrom('members')
    .selectAll()
    .where('channelId', '=', channelId)
    .where('openid', '=', buyer.openid)
    .executeTakeFirst();
  if (known && (nickname ?? known.nickname) === known.nickname && (phone ?? known.phone) === known.phone)
    return known;
  if (!known) {
    // A first order: one insert, unless another first order of this buyer got there first.
    const created = await trx
      .insertInto('members')
      .values({
        channelId,
        openid: buyer.openid,
        nickname,
        phone,
        registeredAt: ctx.at,
        createdAt: ctx.at,
        updatedAt: ctx.at,
      })
      .onConflict((oc) => oc.columns(['channelId', 'openid']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (created) {
      await writeAudit(trx, {
        ...ctx,
        action: 'create',
        resource: 'members',
        resourceId: created.id,
        after: toMember(created),
      });
      return created;
    }
  }
  const before = await trx
    .selectFrom('members')
    .selectAll()
    .where('channelId', '=', channelId)
    .where('openid', '=', buyer.openid)
    .forUpdate()
    .executeTakeFirst();
  const written = await trx
    .insertInto('members')
    .values({
      channelId,
      openid: buyer.openid,
      nickname,
      phone,
      registeredAt: ctx.at,
      createdAt: ctx.at,
      updatedAt: ctx.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['channelId', 'openid'])
        .doUpdateSet({
          nickname: sql`coalesce(excluded.nickname, members.nickname)`,
          phone: sql`coalesce(excluded.phone, members.phone)`,
          updatedAt: ctx.at,
          version: sql`members.version + 1`,
        })
        // Unchanged: no write, no new version.
        .where(
          sql<boolean>`(coalesce(excluded.nickname, members.nickname), coalesce(excluded.phone, members.phone)) is distinct from (members.nickname, members.phone)`,
        ),
    )
    .returningAll()
    .executeTakeFirst();
  if (!written) {
    // The conflict's WHERE was false: the member exists and nothing changed.
    return trx
      .selectFrom('members')
      .selectAll()
      .where('channelId', '=', channelId)
      .where('openid', '=', buyer.openid)
      .executeTakeFirstOrThrow();
  }
  await writeAudit(trx, {
    ...ctx,
    action: before ? 'update' : 'create',
    resource: 'members',
    resourceId: written.id,
    ...(before ? { before: toMember(before) } : {}),
    after: toMember(written),
  });
  return written;
}
