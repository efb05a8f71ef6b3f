/**
 * Failed-login bookkeeping: per account (→ lock the account for a while) and per client
 * address (→ 429 for everyone from there). Failures live in the database, so every instance
 * behind a load balancer counts the same ones.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';

type Limits = Config['loginLimits'];

const windowStart = (now: Date, limits: Limits) => new Date(now.getTime() - limits.windowMs);

export async function ipIsThrottled(
  db: Kysely<Database>,
  ip: string,
  now: Date,
  limits: Limits,
): Promise<boolean> {
  const { count } = await db
    .selectFrom('loginFailures')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ip', '=', ip)
    .where('at', '>', windowStart(now, limits))
    .executeTakeFirstOrThrow();
  return count >= limits.maxFailuresPerIp;
}

/** Records a failure and returns how many the account has in the window, this one included. */
export async function recordFailure(
  trx: Kysely<Database>,
  input: { username: string; ip: string; now: Date },
  limits: Limits,
): Promise<number> {
  await trx
    .insertInto('loginFailures')
    .values({ username: input.username, ip: input.ip, at: input.now })
    .execute();
  const { count } = await trx
    .selectFrom('loginFailures')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('username', '=', input.username)
    .where('at', '>', windowStart(input.now, limits))
    .executeTakeFirstOrThrow();
  return count;
}

/** A success, a lockout or a password reset starts the account's count again. */
export async function clearAccountFailures(trx: Kysely<Database>, username: string): Promise<void> {
  await trx.deleteFrom('loginFailures').where('username', '=', username).execute();
}

/** Old rows serve no window any more. */
export async function sweepFailures(db: Kysely<Database>, now: Date, limits: Limits): Promise<void> {
  await db.deleteFrom('loginFailures').where('at', '<=', windowStart(now, limits)).execute();
}
