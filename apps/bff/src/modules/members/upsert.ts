/**
 * A member from a channel order's buyer: created on the first order, matched by (channel,
 * openid) after; a nickname or phone the buyer now sends replaces the stored one, a missing one
 * keeps it. One statement (INSERT … ON CONFLICT), so two first orders at once make one member.
 * Audited in the caller's transaction, with the phone masked.
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
  const before = await trx
    .selectFrom('members')
    .selectAll()
    .where('channelId', '=', channelId)
    .where('openid', '=', buyer.openid)
    .forUpdate()
    .executeTakeFirst();
  const nickname = buyer.nickname || null;
  const phone = buyer.phone || null;
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
