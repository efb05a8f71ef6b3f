import { z } from 'zod';
import { Role } from '../permissions.js';
import { listQuery, Timestamp } from './common.js';

/** What the audit log records besides ordinary create/update/delete. */
export const auditActions = [
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'lockout',
  'forbidden',
  'password_reset',
  'password_change',
  'reveal',
  'purge',
] as const;

export const AuditLogEntry = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    actorId: z.number().int().nullable(),
    /** Username, or "system" for scheduled jobs. */
    actorName: z.string(),
    actorRole: Role.or(z.literal('system')).nullable(),
    action: z.string(),
    resource: z.string(),
    resourceId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditLogEntry' });
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

export const AuditLogFilter = z
  .strictObject({
    actorId: z.number().int().positive().optional(),
    actorName: z.string().trim().max(64).optional(),
    resource: z.string().trim().max(64).optional(),
    action: z.string().trim().max(64).optional(),
    at_gte: Timestamp.optional(),
    at_lte: Timestamp.optional(),
  })
  .meta({ id: 'AuditLogFilter' });
export type AuditLogFilter = z.infer<typeof AuditLogFilter>;

export const auditLogSortFields = ['id', 'at'] as const;
export const AuditLogListQuery = listQuery(auditLogSortFields);

/** Retention: rows younger than this are never purged, whatever is asked. */
export const AUDIT_MIN_RETENTION_DAYS = 180;

export const AuditPurgeInput = z
  .strictObject({ olderThanDays: z.number().int().min(AUDIT_MIN_RETENTION_DAYS).max(3650) })
  .meta({ id: 'AuditPurgeInput' });
export type AuditPurgeInput = z.infer<typeof AuditPurgeInput>;
