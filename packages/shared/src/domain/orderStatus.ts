/**
 * The order status machine (DESIGN.md "Domain rules"):
 * pending_payment → paid → partially_shipped → shipped → completed;
 * pending_payment → cancelled (the customer, an admin, or the unpaid timeout: stock and coupon
 * come back); any paid status → closed once everything paid has been refunded.
 *
 * Each transition says who may make it: the storefront channel (the customer, or the payment
 * gateway's callback), the system (scheduled jobs and consequences of other records, e.g. the
 * last refund), or staff holding the orders:<action> permission.
 */
import { z } from 'zod';
import { type Action, can, type Role } from '../permissions.js';

export const orderStatuses = [
  'pending_payment',
  'paid',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
  'closed',
] as const;
export const OrderStatus = z.enum(orderStatuses).meta({ id: 'OrderStatus' });
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Statuses in which the order has been paid: refunds, and so closing, apply only to these. */
export const paidOrderStatuses = ['paid', 'partially_shipped', 'shipped', 'completed'] as const;

/** No transition leaves these. */
export const finalOrderStatuses = ['cancelled', 'closed'] as const;

export const orderTransitionNames = [
  'pay',
  'cancel',
  'ship_partially',
  'ship',
  'confirm_receipt',
  'close',
] as const;
export const OrderTransition = z.enum(orderTransitionNames).meta({ id: 'OrderTransition' });
export type OrderTransition = z.infer<typeof OrderTransition>;

/** Who moves an order: staff by role, the signed storefront channel, or the system's jobs. */
export type OrderActor = { kind: 'staff'; role: Role } | { kind: 'channel' } | { kind: 'system' };

type TransitionRule = {
  from: readonly OrderStatus[];
  to: OrderStatus;
  /** The orders:<action> permission staff need; absent when staff may not make it at all. */
  staffAction?: Action<'orders'>;
  channel: boolean;
  system: boolean;
};

export const orderTransitions: Record<OrderTransition, TransitionRule> = {
  // Only the gateway's signed notification marks an order paid: never a person.
  pay: { from: ['pending_payment'], to: 'paid', channel: true, system: false },
  // The customer while unpaid, the auto-close job at the timeout, or an admin.
  cancel: { from: ['pending_payment'], to: 'cancelled', staffAction: 'cancel', channel: true, system: true },
  // A parcel that leaves items unshipped; another such parcel keeps the order here.
  ship_partially: {
    from: ['paid', 'partially_shipped'],
    to: 'partially_shipped',
    staffAction: 'ship',
    channel: false,
    system: false,
  },
  // The parcel that ships the last items; or the system, when a refund cancels the units a
  // partially shipped order still had to ship.
  ship: {
    from: ['paid', 'partially_shipped'],
    to: 'shipped',
    staffAction: 'ship',
    channel: false,
    system: true,
  },
  // The customer confirms, or the auto-confirm job does N days after shipping.
  confirm_receipt: { from: ['shipped'], to: 'completed', channel: true, system: true },
  // Follows the refund that brings refunded up to paid; a completed order can still be returned.
  close: { from: paidOrderStatuses, to: 'closed', channel: false, system: true },
};

const statusLabels: Record<OrderStatus, string> = {
  pending_payment: 'pending payment',
  paid: 'paid',
  partially_shipped: 'partially shipped',
  shipped: 'shipped',
  completed: 'completed',
  cancelled: 'cancelled',
  closed: 'closed',
};

const transitionLabels: Record<OrderTransition, string> = {
  pay: 'paid',
  cancel: 'cancelled',
  ship_partially: 'shipped in part',
  ship: 'shipped',
  confirm_receipt: 'confirmed as received',
  close: 'closed',
};

/** The status a transition leads to from `from`, or undefined when it is not allowed there. */
export function nextOrderStatus(from: OrderStatus, transition: OrderTransition): OrderStatus | undefined {
  const rule = orderTransitions[transition];
  return rule.from.includes(from) ? rule.to : undefined;
}

/** Whether this actor may make this transition at all, whatever the order's status. */
export function mayMakeOrderTransition(actor: OrderActor, transition: OrderTransition): boolean {
  const rule = orderTransitions[transition];
  if (actor.kind === 'channel') return rule.channel;
  if (actor.kind === 'system') return rule.system;
  return rule.staffAction !== undefined && can(actor.role, 'orders', rule.staffAction);
}

/** Legal from this status and allowed to this actor. */
export function canTransitionOrder(
  from: OrderStatus,
  transition: OrderTransition,
  actor: OrderActor,
): boolean {
  return nextOrderStatus(from, transition) !== undefined && mayMakeOrderTransition(actor, transition);
}

/** The transitions that lead from one status to another (ship_partially and ship share a source). */
export function orderTransitionsBetween(from: OrderStatus, to: OrderStatus): OrderTransition[] {
  return orderTransitionNames.filter((name) => nextOrderStatus(from, name) === to);
}

/** What this actor may do to an order in this status (the SPA shows only these buttons). */
export function availableOrderTransitions(from: OrderStatus, actor: OrderActor): OrderTransition[] {
  return orderTransitionNames.filter((name) => canTransitionOrder(from, name, actor));
}

/** Why an order in `from` cannot be `transition`ed: the message of the 409. */
export function illegalOrderTransitionMessage(from: OrderStatus, transition: OrderTransition): string {
  const allowed = orderTransitions[transition].from.map((s) => statusLabels[s]).join(', ');
  return `an order that is ${statusLabels[from]} cannot be ${transitionLabels[transition]} (only one that is ${allowed})`;
}

export type OrderTransitionCheck =
  | { ok: true; to: OrderStatus }
  | { ok: false; reason: 'illegal_transition' | 'forbidden'; message: string };

/**
 * The one check a service runs before moving an order: `forbidden` → 403, `illegal_transition`
 * → 409 ILLEGAL_TRANSITION. The actor's right is checked first so a refused caller learns
 * nothing about the order's status.
 */
export function checkOrderTransition(
  from: OrderStatus,
  transition: OrderTransition,
  actor: OrderActor,
): OrderTransitionCheck {
  if (!mayMakeOrderTransition(actor, transition))
    return {
      ok: false,
      reason: 'forbidden',
      message: `not allowed to mark an order ${transitionLabels[transition]}`,
    };
  const to = nextOrderStatus(from, transition);
  if (to === undefined)
    return {
      ok: false,
      reason: 'illegal_transition',
      message: illegalOrderTransitionMessage(from, transition),
    };
  return { ok: true, to };
}

/**
 * Which shipping transition a parcel makes: `ship` when, with it, every ordered unit has
 * shipped, else `ship_partially`. Quantities are units summed over the order's lines.
 */
export function shippingTransition(orderedUnits: number, shippedUnitsAfter: number): OrderTransition {
  if (!Number.isSafeInteger(orderedUnits) || !Number.isSafeInteger(shippedUnitsAfter) || orderedUnits < 1)
    throw new RangeError('units must be whole numbers and the order must have at least one');
  if (shippedUnitsAfter < 1 || shippedUnitsAfter > orderedUnits)
    throw new RangeError(`shipped units must be between 1 and ${orderedUnits}`);
  return shippedUnitsAfter === orderedUnits ? 'ship' : 'ship_partially';
}
