/**
 * Hourly purge of channel Idempotency-Keys past their retention (24 h, DESIGN.md). A plain
 * DELETE by age: safe to run on several instances at once, and the rows are request
 * bookkeeping, not records anyone edits, so the purge is not audited.
 */
import type { Db } from '../db/connect.js';
import { IDEMPOTENCY_RETENTION_MS, purgeIdempotencyKeys } from '../lib/idempotency.js';

export async function runIdempotencyPurge(db: Db, now: Date): Promise<{ deleted: number }> {
  const deleted = await purgeIdempotencyKeys(db, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
  return { deleted };
}
