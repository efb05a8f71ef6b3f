/**
 * Channels: the storefronts (and gateways) allowed to call /api/channel/*. Keys are unique and
 * never change; the secret is generated here, stored plain (the HMAC needs it) and returned
 * only by create and rotate-secret; the audit never sees it.
 */
import { randomBytes } from 'node:crypto';
import {
  type Channel,
  type ChannelCreate,
  ChannelFilter,
  type ChannelUpdate,
  type ChannelWithSecret,
  type channelSortFields,
} from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { ChannelRow } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { AppError, notFound } from '../../lib/errors.js';
import { versionConflict } from '../../lib/if-match.js';
import { fetchPage, type ListQuery, likePattern, parseFilter, parseIds, rowsByIds } from '../../lib/list.js';
import { shortLivedCache } from '../../lib/short-lived-cache.js';

const RESOURCE = 'channels';

/** 192 random bits, URL-safe: pasted into a storefront's config as is. */
export const newChannelSecret = () => randomBytes(24).toString('base64url');

export function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export async function findChannelByKey(db: Db, key: string): Promise<ChannelRow | undefined> {
  if (key.length > 40) return undefined;
  return db.selectFrom('channels').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * How long another instance may keep honouring a channel that was just disabled or whose secret
 * was just rotated: every signed request reads its channel, so it is kept in memory this long.
 * This instance forgets it as soon as the change commits (create, update, rotate below).
 */
export const CHANNEL_CACHE_TTL_MS = 5_000;
const channelsByKey = shortLivedCache<string, ChannelRow>(CHANNEL_CACHE_TTL_MS);

/** The channel of a signed request: findChannelByKey, kept for up to CHANNEL_CACHE_TTL_MS. */
export async function signingChannelByKey(db: Db, key: string): Promise<ChannelRow | undefined> {
  if (key.length > 40) return undefined;
  return channelsByKey.get(db, key, () => findChannelByKey(db, key));
}

type SortField = (typeof channelSortFields)[number];

export async function listChannels(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: Channel[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = await rowsByIds(db, 'channels', ids);
    return { data: rows.map(toChannel) };
  }
  const filter = parseFilter(ChannelFilter, query.filter);
  let base = db.selectFrom('channels');
  if (filter.q) {
    const pattern = likePattern(filter.q);
    base = base.where((eb) => eb.or([eb('key', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  if (filter.enabled !== undefined) base = base.where('enabled', '=', filter.enabled);
  return fetchPage(base, query, toChannel);
}

export async function getChannel(db: Db, id: number): Promise<Channel> {
  const row = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('channel');
  return toChannel(row);
}

const keyTaken = () =>
  new AppError(409, 'CHANNEL_KEY_TAKEN', 'Another channel already has this key.', { key: 'already taken' });

export async function createChannel(
  db: Db,
  input: ChannelCreate,
  ctx: AuditContext,
  secret: string = newChannelSecret(),
): Promise<ChannelWithSecret> {
  try {
    const created = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('channels')
        .values({ ...input, secret, createdAt: ctx.at, updatedAt: ctx.at })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = toChannel(row);
      await writeAudit(trx, {
        ...ctx,
        action: 'create',
        resource: RESOURCE,
        resourceId: row.id,
        after: created,
      });
      return { ...created, secret: row.secret };
    });
    channelsByKey.clear(db);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken();
    throw error;
  }
}

export async function updateChannel(
  db: Db,
  id: number,
  expectedVersion: number,
  patch: ChannelUpdate,
  ctx: AuditContext,
): Promise<Channel> {
  const updated = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('channels')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('channel');
    if (row.version !== expectedVersion) throw versionConflict();
    const next = { name: patch.name ?? row.name, enabled: patch.enabled ?? row.enabled };
    if (next.name === row.name && next.enabled === row.enabled) return toChannel(row);
    const updated = await trx
      .updateTable('channels')
      .set((eb) => ({ ...next, updatedAt: ctx.at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = toChannel(row);
    const after = toChannel(updated);
    await writeAudit(trx, { ...ctx, action: 'update', resource: RESOURCE, resourceId: id, before, after });
    return after;
  });
  // Committed: a disabled channel is refused here from the next request on.
  channelsByKey.clear(db);
  return updated;
}

/**
 * A new secret at once; the old one stops working with this commit on this instance, and on
 * the others within CHANNEL_CACHE_TTL_MS.
 */
export async function rotateChannelSecret(db: Db, id: number, ctx: AuditContext): Promise<ChannelWithSecret> {
  const secret = newChannelSecret();
  const rotated = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('channels')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('channel');
    const updated = await trx
      .updateTable('channels')
      .set((eb) => ({ secret, updatedAt: ctx.at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toChannel(updated);
    // The audit says a new secret was issued (the version moved), never what it is.
    await writeAudit(trx, {
      ...ctx,
      action: 'update',
      resource: RESOURCE,
      resourceId: id,
      before: toChannel(row),
      after: { ...after, rotated: 'new signing key issued' },
    });
    return { ...after, secret: updated.secret };
  });
  // Committed: the old secret is refused here from the next request on.
  channelsByKey.clear(db);
  return rotated;
}
