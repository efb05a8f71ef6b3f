/**
 * Idempotent writes (DESIGN.md "Storefront channel API"): a route wraps its work in
 * runIdempotent(), keyed by the caller's Idempotency-Key (unique per channel) and bound to the
 * request's hash.
 *
 * - The claim is one INSERT … ON CONFLICT DO NOTHING, committed on its own before the work, so
 *   of any number of parallel requests with one key exactly one runs the work.
 * - Same key and same request: the first answer is replayed (status and body byte for byte);
 *   another request under that key is a 422; while the first is still running, a 409.
 * - 2xx and 4xx answers are stored (a refusal stays a refusal); a 5xx or a crash releases the
 *   claim so a retry runs the work again. A claim left by a process that died is taken over
 *   once it is older than `staleClaimMs`; each claim has its own token, so a request whose
 *   claim was taken over cannot overwrite the answer of the one that took it.
 * - Work that commits in its own transaction may store its answer there too (recordAnswer),
 *   so no crash between its commit and the answer's can make a retry repeat it.
 */
import { randomUUID } from 'node:crypto';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { AppError, errorBody } from './errors.js';

export const IDEMPOTENCY_STALE_CLAIM_MS = 60_000;
/** DESIGN.md: keys are kept at least 24 h. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

export type IdempotencyScope = { channelId: number; key: string; requestHash: string };
/** `answered`: the work stored its answer in its own transaction (recordAnswer), which committed. */
export type Claim = IdempotencyScope & { token: string; answered?: boolean };
export type Answer = { status: ContentfulStatusCode; body: unknown };
export type IdempotentResult = { status: ContentfulStatusCode; bodyText: string; replayed: boolean };

type ClaimOutcome = { claimed: Claim } | { replay: { status: ContentfulStatusCode; bodyText: string } };

const reused = () =>
  new AppError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for another request: send a new key for a new request.',
  );

const inFlight = () =>
  new AppError(
    409,
    'IDEMPOTENCY_IN_FLIGHT',
    'A request with this Idempotency-Key is still being processed: retry in a moment.',
  );

async function claim(
  db: Db,
  scope: IdempotencyScope,
  now: Date,
  staleClaimMs: number,
): Promise<ClaimOutcome> {
  const mine: Claim = { ...scope, token: randomUUID() };
  // Two rounds at most: the row may be purged or taken over between our insert and our read.
  for (let round = 0; round < 3; round++) {
    const inserted = await db
      .insertInto('idempotencyKeys')
      .values({
        channelId: scope.channelId,
        key: scope.key,
        requestHash: scope.requestHash,
        status: 'in_flight',
        claimToken: mine.token,
        claimedAt: now,
        createdAt: now,
      })
      .onConflict((oc) => oc.columns(['channelId', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { claimed: mine };
    const existing = await db
      .selectFrom('idempotencyKeys')
      .selectAll()
      .where('channelId', '=', scope.channelId)
      .where('key', '=', scope.key)
      .executeTakeFirst();
    if (!existing) continue;
    if (existing.requestHash !== scope.requestHash) throw reused();
    if (existing.status === 'done') {
      return {
        replay: {
          status: existing.responseStatus as ContentfulStatusCode,
          bodyText: existing.responseBody as string,
        },
      };
    }
    if (now.getTime() - existing.claimedAt.getTime() < staleClaimMs) throw inFlight();
    const taken = await db
      .updateTable('idempotencyKeys')
      .set({ claimToken: mine.token, claimedAt: now })
      .where('channelId', '=', scope.channelId)
      .where('key', '=', scope.key)
      .where('status', '=', 'in_flight')
      .where('claimToken', '=', existing.claimToken)
      .returning('key')
      .executeTakeFirst();
    if (taken) return { claimed: mine };
  }
  throw inFlight();
}

/** Stores the answer of a claim; pass the work's own transaction to commit both together. */
export async function recordAnswer(
  db: Kysely<Database>,
  claimed: Claim,
  answer: { status: number; bodyText: string },
): Promise<void> {
  await db
    .updateTable('idempotencyKeys')
    .set({ status: 'done', responseStatus: answer.status, responseBody: answer.bodyText })
    .where('channelId', '=', claimed.channelId)
    .where('key', '=', claimed.key)
    .where('claimToken', '=', claimed.token)
    .where('status', '=', 'in_flight')
    .execute();
  claimed.answered = true;
}

async function release(db: Db, claimed: Claim): Promise<void> {
  await db
    .deleteFrom('idempotencyKeys')
    .where('channelId', '=', claimed.channelId)
    .where('key', '=', claimed.key)
    .where('claimToken', '=', claimed.token)
    .where('status', '=', 'in_flight')
    .execute();
}

/** The JSON text an answer is sent and stored as: one serialisation, so replays are identical. */
export const answerText = (answer: Answer) => JSON.stringify(answer.body);

export async function runIdempotent(
  db: Db,
  scope: IdempotencyScope,
  context: { now: Date; requestId: string; staleClaimMs?: number },
  work: (claimed: Claim) => Promise<Answer>,
): Promise<IdempotentResult> {
  const outcome = await claim(db, scope, context.now, context.staleClaimMs ?? IDEMPOTENCY_STALE_CLAIM_MS);
  if ('replay' in outcome) return { ...outcome.replay, replayed: true };
  const claimed = outcome.claimed;
  let answer: Answer;
  try {
    answer = await work(claimed);
  } catch (error) {
    // The work's transaction rolled back, so any answer it recorded there is gone too.
    claimed.answered = false;
    if (!(error instanceof AppError) || error.status >= 500) {
      await release(db, claimed);
      throw error;
    }
    answer = {
      status: error.status,
      body: errorBody(error.code, error.message, context.requestId, error.fields),
    };
  }
  const bodyText = answerText(answer);
  if (answer.status >= 500) await release(db, claimed);
  else if (!claimed.answered) await recordAnswer(db, claimed, { status: answer.status, bodyText });
  return { status: answer.status, bodyText, replayed: false };
}

/** The headers of an idempotent route's answer; a replay says so in `Idempotent-Replayed`. */
export function idempotentHeaders(result: IdempotentResult): Record<string, string> {
  return {
    'content-type': 'application/json; charset=UTF-8',
    ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
  };
}

/** Deletes keys older than the retention; returns how many. */
export async function purgeIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
