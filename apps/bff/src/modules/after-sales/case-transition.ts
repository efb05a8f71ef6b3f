/**
 * Moving a case through the shared state machine from the services: who asks (a staff member
 * by role, the system, the gateway) and the refusal as the API sends it — 403 when the actor
 * may not, 409 ILLEGAL_TRANSITION when the case is not where the move starts.
 */
import {
  type AfterSalesActor,
  type AfterSalesStatus,
  type AfterSalesTransition,
  checkAfterSalesTransition,
  type Role,
} from '@siyu/shared';
import type { AfterSalesCaseRow } from '../../db/schema.js';
import type { AuditContext } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';

export const systemCaseDecider: AfterSalesActor = { kind: 'system' };
export const gatewayCaseDecider: AfterSalesActor = { kind: 'gateway' };

/** The signed-in staff member as the state machine sees them; anyone else is refused. */
export function staffCaseDecider(ctx: AuditContext): AfterSalesActor & { kind: 'staff' } {
  const role = ctx.actor.role;
  if (role === null || role === 'system') throw new AppError(403, 'FORBIDDEN', 'Your role may not do this.');
  return { kind: 'staff', role: role as Role };
}

/** The status this move leads to, or the refusal (403 / 409). */
export function caseTransition(
  caseRow: Pick<AfterSalesCaseRow, 'status' | 'type'>,
  transition: AfterSalesTransition,
  actor: AfterSalesActor,
): AfterSalesStatus {
  const check = checkAfterSalesTransition(caseRow.status, transition, caseRow.type, actor);
  if (check.ok) return check.to;
  if (check.reason === 'forbidden') throw new AppError(403, 'FORBIDDEN', `Your role is ${check.message}.`);
  throw new AppError(
    409,
    'ILLEGAL_TRANSITION',
    `${check.message.charAt(0).toUpperCase()}${check.message.slice(1)}.`,
  );
}

const HOUR_MS = 3_600_000;

/** When CS must have acted on a case that needs them from `at`. */
export const slaDueFrom = (at: Date, csSlaHours: number) => new Date(at.getTime() + csSlaHours * HOUR_MS);
