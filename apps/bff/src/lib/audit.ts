/**
 * The audit log is written inside the transaction of the change it records, so a failed change
 * leaves no row. Secrets never reach it.
 */
import type { Role } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export type Actor = { id: number | null; name: string; role: Role | 'system' | null };

export const systemActor: Actor = { id: null, name: 'system', role: 'system' };

/** Who is acting, from where, at what time: built once per request (or job run). */
export type AuditContext = { actor: Actor; ip: string | null; requestId: string | null; at: Date };

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'lockout'
  | 'forbidden'
  | 'password_reset'
  | 'password_change'
  | 'reveal'
  | 'purge'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'on_shelf'
  | 'off_shelf'
  | 'revise'
  | 'stock_adjust'
  | 'export'
  // Fulfilment (the order timeline shows these by name).
  | 'ship'
  | 'edit_address'
  | 'note'
  | 'confirm_receipt'
  | 'auto_confirm'
  | 'report_shipment'
  | 'retry_reports'
  // After-sales cases (the case timeline has its own rows; these are the audit's).
  | 'withdraw'
  | 'return_ship'
  | 'claim'
  | 'assign'
  // Decisions and refunds (approve and reject are above).
  | 'first_approve'
  | 'auto_approve'
  | 'receive'
  | 'expire_return'
  | 'start_refund'
  | 'dispatch_refund'
  | 'retry_refund'
  | 'refund_succeeded'
  | 'refund_failed'
  | 'close';

export type AuditEntry = AuditContext & {
  action: AuditAction;
  resource: string;
  resourceId: string | number | null;
  before?: unknown;
  after?: unknown;
};

const SECRET_KEY = /password|hash|secret|token/i;

export function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, inner]) => [key, stripSecrets(inner)]),
    );
  }
  return value;
}

const toJson = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(stripSecrets(value));

/** `trx` is the transaction of the change; pass the plain db only for events that change nothing else. */
export async function writeAudit(trx: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('auditLogs')
    .values({
      at: entry.at,
      actorId: entry.actor.id,
      actorName: entry.actor.name.slice(0, 64),
      actorRole: entry.actor.role,
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId === null ? null : String(entry.resourceId),
      before: toJson(entry.before),
      after: toJson(entry.after),
      ip: entry.ip,
      requestId: entry.requestId,
    })
    .execute();
}
