/** Reading the audit log, and purging what is older than the retention (never under 180 days). */
import {
  AUDIT_MIN_RETENTION_DAYS,
  type AuditLogEntry,
  AuditLogFilter,
  type auditLogSortFields,
} from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AuditLogRow, Database } from '../../db/schema.js';
import { type AuditContext, writeAudit } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { fetchPage, type ListQuery, parseFilter, parseIds, rowsByIds } from '../../lib/list.js';

const DAY_MS = 86_400_000;

export function toAuditLogEntry(row: AuditLogRow): AuditLogEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole as AuditLogEntry['actorRole'],
    action: row.action,
    resource: row.resource,
    resourceId: row.resourceId,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    requestId: row.requestId,
  };
}

type SortField = (typeof auditLogSortFields)[number];

export async function listAuditLogs(
  db: Db,
  query: ListQuery<SortField>,
): Promise<{ data: AuditLogEntry[]; total?: number }> {
  const ids = parseIds(query.ids);
  if (ids) {
    const rows = await rowsByIds(db, 'auditLogs', ids);
    return { data: rows.map(toAuditLogEntry) };
  }
  const filter = parseFilter(AuditLogFilter, query.filter);
  let base = db.selectFrom('auditLogs');
  if (filter.actorId !== undefined) base = base.where('actorId', '=', filter.actorId);
  if (filter.actorName) base = base.where('actorName', '=', filter.actorName);
  if (filter.resource) base = base.where('resource', '=', filter.resource);
  if (filter.action) base = base.where('action', '=', filter.action);
  if (filter.at_gte) base = base.where('at', '>=', new Date(filter.at_gte));
  if (filter.at_lte) base = base.where('at', '<=', new Date(filter.at_lte));

  return fetchPage(base, query, toAuditLogEntry);
}

export async function getAuditLog(db: Db, id: number): Promise<AuditLogEntry> {
  const row = await db.selectFrom('auditLogs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('audit log entry');
  return toAuditLogEntry(row);
}

/** Deletes rows older than `olderThanDays` and audits the purge, in the caller's transaction. */
export async function purgeAuditLogsIn(
  trx: Kysely<Database>,
  olderThanDays: number,
  ctx: AuditContext,
): Promise<{ deleted: number }> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < AUDIT_MIN_RETENTION_DAYS) {
    throw new AppError(
      422,
      'BUSINESS_RULE',
      `Audit rows are kept at least ${AUDIT_MIN_RETENTION_DAYS} days.`,
      {
        olderThanDays: `at least ${AUDIT_MIN_RETENTION_DAYS}`,
      },
    );
  }
  const cutoff = new Date(ctx.at.getTime() - olderThanDays * DAY_MS);
  const result = await trx.deleteFrom('auditLogs').where('at', '<', cutoff).executeTakeFirst();
  const deleted = Number(result.numDeletedRows);
  await writeAudit(trx, {
    ...ctx,
    action: 'purge',
    resource: 'audit_logs',
    resourceId: null,
    after: { olderThanDays, cutoff: cutoff.toISOString(), deleted },
  });
  return { deleted };
}

export async function purgeAuditLogs(
  db: Db,
  olderThanDays: number,
  ctx: AuditContext,
): Promise<{ deleted: number }> {
  return db.transaction().execute((trx) => purgeAuditLogsIn(trx, olderThanDays, ctx));
}
