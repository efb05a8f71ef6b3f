/**
 * The after-sales case machine (DESIGN.md "Domain rules"):
 * requested → approved | rejected; refund-only: approved → refunding; return-and-refund:
 * approved → awaiting_return → returned (restock) → refunding; refunding → refunded | failed,
 * failed → refunding again with the same refund number; the customer may withdraw before the
 * refund starts; a return the customer never ships back is closed by the system.
 *
 * Each transition says who may make it: staff holding the refunds:<action> permission, the
 * customer through the signed channel, the payment gateway's signed notification, or the
 * system (timers, and the steps that follow another: approval of a return asks for the goods,
 * approval or receipt starts the refund).
 */
import { z } from 'zod';
import { type Action, can, type Role } from '../permissions.js';

export const afterSalesTypes = ['refund_only', 'return_and_refund'] as const;
export const AfterSalesType = z.enum(afterSalesTypes).meta({ id: 'AfterSalesType' });
export type AfterSalesType = z.infer<typeof AfterSalesType>;

export const afterSalesStatuses = [
  'requested',
  'approved',
  'rejected',
  'awaiting_return',
  'returned',
  'refunding',
  'refunded',
  'failed',
  'withdrawn',
  'closed',
] as const;
export const AfterSalesStatus = z.enum(afterSalesStatuses).meta({ id: 'AfterSalesStatus' });
export type AfterSalesStatus = z.infer<typeof AfterSalesStatus>;

/** No transition leaves these. */
export const finalAfterSalesStatuses = ['rejected', 'refunded', 'withdrawn', 'closed'] as const;

export const afterSalesTransitionNames = [
  'approve',
  'reject',
  'await_return',
  'receive_return',
  'start_refund',
  'refund_succeeded',
  'refund_failed',
  'retry_refund',
  'withdraw',
  'expire_return',
] as const;
export const AfterSalesTransition = z.enum(afterSalesTransitionNames).meta({ id: 'AfterSalesTransition' });
export type AfterSalesTransition = z.infer<typeof AfterSalesTransition>;

export type AfterSalesActor =
  | { kind: 'staff'; role: Role }
  | { kind: 'customer' }
  | { kind: 'gateway' }
  | { kind: 'system' };

type Rule = {
  from: readonly AfterSalesStatus[];
  to: AfterSalesStatus;
  /** Only cases of this type; absent: both. */
  type?: AfterSalesType;
  /** The refunds:<action> permission staff need; absent when staff may not make it. */
  staffAction?: Action<'refunds'>;
  customer: boolean;
  gateway: boolean;
  system: boolean;
};

export const afterSalesTransitions: Record<AfterSalesTransition, Rule> = {
  // CS decides; the system approves a refund-only case of an unshipped order after N silent hours.
  approve: {
    from: ['requested'],
    to: 'approved',
    staffAction: 'approve',
    customer: false,
    gateway: false,
    system: true,
  },
  reject: {
    from: ['requested'],
    to: 'rejected',
    staffAction: 'reject',
    customer: false,
    gateway: false,
    system: false,
  },
  // An approved return waits for the goods: follows the approval at once.
  await_return: {
    from: ['approved'],
    to: 'awaiting_return',
    type: 'return_and_refund',
    customer: false,
    gateway: false,
    system: true,
  },
  // CS marks the goods received, with each item's condition.
  receive_return: {
    from: ['awaiting_return'],
    to: 'returned',
    type: 'return_and_refund',
    staffAction: 'edit',
    customer: false,
    gateway: false,
    system: false,
  },
  // The refund row and its out_refund_no exist before the gateway is called.
  // CS starts it by hand when returned goods came back damaged (possibly for less).
  start_refund: {
    from: ['approved', 'returned'],
    to: 'refunding',
    staffAction: 'approve',
    customer: false,
    gateway: false,
    system: true,
  },
  // Only the gateway's signed notification says the money went back.
  refund_succeeded: { from: ['refunding'], to: 'refunded', customer: false, gateway: true, system: false },
  refund_failed: { from: ['refunding'], to: 'failed', customer: false, gateway: true, system: false },
  // Again with the same refund number, so the gateway can never pay it twice.
  retry_refund: {
    from: ['failed'],
    to: 'refunding',
    staffAction: 'approve',
    customer: false,
    gateway: false,
    system: true,
  },
  withdraw: {
    from: ['requested', 'approved', 'awaiting_return', 'returned'],
    to: 'withdrawn',
    customer: true,
    gateway: false,
    system: false,
  },
  // The customer did not send the goods back within the setting's days.
  expire_return: {
    from: ['awaiting_return'],
    to: 'closed',
    type: 'return_and_refund',
    customer: false,
    gateway: false,
    system: true,
  },
};

/** Statuses only a return-and-refund case can be in. */
const returnOnlyStatuses: readonly AfterSalesStatus[] = ['awaiting_return', 'returned'];

/** start_refund leaves `approved` only for refund-only cases and `returned` only for returns. */
function fromAllowedForType(transition: AfterSalesTransition, from: AfterSalesStatus, type: AfterSalesType) {
  if (transition !== 'start_refund') return true;
  return type === 'refund_only' ? from === 'approved' : from === 'returned';
}

/** The status a transition leads to, or undefined when it is not allowed for this case. */
export function nextAfterSalesStatus(
  from: AfterSalesStatus,
  transition: AfterSalesTransition,
  type: AfterSalesType,
): AfterSalesStatus | undefined {
  const rule = afterSalesTransitions[transition];
  if (rule.type !== undefined && rule.type !== type) return undefined;
  if (type === 'refund_only' && returnOnlyStatuses.includes(from)) return undefined;
  if (!rule.from.includes(from) || !fromAllowedForType(transition, from, type)) return undefined;
  return rule.to;
}

export function mayMakeAfterSalesTransition(
  actor: AfterSalesActor,
  transition: AfterSalesTransition,
): boolean {
  const rule = afterSalesTransitions[transition];
  if (actor.kind === 'customer') return rule.customer;
  if (actor.kind === 'gateway') return rule.gateway;
  if (actor.kind === 'system') return rule.system;
  return rule.staffAction !== undefined && can(actor.role, 'refunds', rule.staffAction);
}

/** What this actor may do to a case in this status (the console shows only these buttons). */
export function availableAfterSalesTransitions(
  from: AfterSalesStatus,
  type: AfterSalesType,
  actor: AfterSalesActor,
): AfterSalesTransition[] {
  return afterSalesTransitionNames.filter(
    (name) =>
      nextAfterSalesStatus(from, name, type) !== undefined && mayMakeAfterSalesTransition(actor, name),
  );
}

export type AfterSalesTransitionCheck =
  | { ok: true; to: AfterSalesStatus }
  | { ok: false; reason: 'illegal_transition' | 'forbidden'; message: string };

/**
 * The one check a service runs before moving a case: `forbidden` → 403, `illegal_transition`
 * → 409. The actor's right comes first so a refused caller learns nothing about the case.
 */
export function checkAfterSalesTransition(
  from: AfterSalesStatus,
  transition: AfterSalesTransition,
  type: AfterSalesType,
  actor: AfterSalesActor,
): AfterSalesTransitionCheck {
  if (!mayMakeAfterSalesTransition(actor, transition))
    return {
      ok: false,
      reason: 'forbidden',
      message: `not allowed to ${transition.replace('_', ' ')} a case`,
    };
  const to = nextAfterSalesStatus(from, transition, type);
  if (to === undefined)
    return {
      ok: false,
      reason: 'illegal_transition',
      message: `a ${type.replaceAll('_', '-')} case that is ${from.replace('_', ' ')} cannot ${transition.replaceAll('_', ' ')}`,
    };
  return { ok: true, to };
}
