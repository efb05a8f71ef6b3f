/**
 * A staff member moving an order: the shared state machine decides, with the role from the
 * request's audit context; a refusal becomes 403 (the role may not) or 409 (not from here).
 */
import {
  checkOrderTransition,
  type OrderActor,
  type OrderStatus,
  type OrderTransition,
  type Role,
} from '@siyu/shared';
import type { AuditContext } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';

export function staffOrderActor(ctx: AuditContext): OrderActor {
  const role = ctx.actor.role;
  // Only a signed-in staff member acts here; the system and anonymous callers are not staff.
  if (role === null || role === 'system') throw new AppError(403, 'FORBIDDEN', 'Your role may not do this.');
  return { kind: 'staff', role: role as Role };
}

/** The status the transition leads to, or the refusal as the API sends it. */
export function staffTransition(
  from: OrderStatus,
  transition: OrderTransition,
  actor: OrderActor,
): OrderStatus {
  const check = checkOrderTransition(from, transition, actor);
  if (check.ok) return check.to;
  if (check.reason === 'forbidden') throw new AppError(403, 'FORBIDDEN', `Your role is ${check.message}.`);
  throw new AppError(409, 'ILLEGAL_TRANSITION', `${capitalise(check.message)}.`);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
