/**
 * Server-side sessions. The cookie holds a random token (256 bits); the table holds only its
 * sha256, so a leaked table cannot be replayed. Idle and absolute expiry, touched once a minute.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { AuthUser } from '../env.js';

export const newSessionToken = () => randomBytes(32).toString('base64url');

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  trx: Kysely<Database>,
  input: { userId: number; ip: string | null; userAgent: string | null; now: Date; absoluteMs: number },
): Promise<string> {
  const token = newSessionToken();
  await trx
    .insertInto('sessions')
    .values({
      id: sessionIdOf(token),
      userId: input.userId,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.absoluteMs),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
    })
    .execute();
  return token;
}

export type LiveSession = { sessionId: string; user: AuthUser };

export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  lifetimes: Config['session'],
): Promise<LiveSession | undefined> {
  const sessionId = sessionIdOf(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staffUsers', 'staffUsers.id', 'sessions.userId')
    .select([
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'staffUsers.id',
      'staffUsers.username',
      'staffUsers.displayName',
      'staffUsers.role',
      'staffUsers.disabled',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const idleSince = now.getTime() - row.lastSeenAt.getTime();
  if (row.disabled || row.expiresAt.getTime() <= now.getTime() || idleSince >= lifetimes.idleMs) {
    await endSession(db, sessionId);
    return undefined;
  }
  if (idleSince >= lifetimes.touchEveryMs) {
    await db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', sessionId).execute();
  }
  return {
    sessionId,
    user: { id: row.id, username: row.username, displayName: row.displayName, role: row.role },
  };
}

export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Disabling a user, resetting or changing a password ends their sessions (but the one that changed it). */
export async function endUserSessions(
  trx: Kysely<Database>,
  userId: number,
  keepSessionId?: string,
): Promise<void> {
  let query = trx.deleteFrom('sessions').where('userId', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}
