/**
 * Daily purge of audit rows older than the retention (config, never under 180 days), as the
 * system actor and audited. The job's row in job_runs is taken FOR UPDATE SKIP LOCKED, so with
 * several instances one runs it and the others skip; a run within the interval is not repeated.
 */
import type { Db } from '../db/connect.js';
import { type AuditContext, systemActor } from '../lib/audit.js';
import { purgeAuditLogsIn } from '../modules/audit-logs/service.js';

export const AUDIT_RETENTION_JOB = 'audit-retention';

export type JobOutcome = { ran: false } | { ran: true; deleted: number };

export async function runAuditRetention(
  db: Db,
  options: { retentionDays: number; now: Date; minIntervalMs: number },
): Promise<JobOutcome> {
  await db
    .insertInto('jobRuns')
    .values({ name: AUDIT_RETENTION_JOB, lastStartedAt: null, lastResult: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('jobRuns')
      .select('lastStartedAt')
      .where('name', '=', AUDIT_RETENTION_JOB)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!job) return { ran: false };
    if (job.lastStartedAt && options.now.getTime() - job.lastStartedAt.getTime() < options.minIntervalMs) {
      return { ran: false };
    }
    const ctx: AuditContext = {
      actor: systemActor,
      ip: null,
      requestId: `job:${AUDIT_RETENTION_JOB}`,
      at: options.now,
    };
    const { deleted } = await purgeAuditLogsIn(trx, options.retentionDays, ctx);
    await trx
      .updateTable('jobRuns')
      .set({ lastStartedAt: options.now, lastResult: JSON.stringify({ deleted }) })
      .where('name', '=', AUDIT_RETENTION_JOB)
      .execute();
    return { ran: true, deleted };
  });
}
