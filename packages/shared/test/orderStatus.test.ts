import { describe, expect, it } from 'vitest';
import {
  availableOrderTransitions,
  canTransitionOrder,
  checkOrderTransition,
  illegalOrderTransitionMessage,
  nextOrderStatus,
  type OrderActor,
  type OrderStatus,
  orderStatuses,
  orderTransitionNames,
  orderTransitionsBetween,
  shippingTransition,
} from '../src/domain/orderStatus.js';
import { roles } from '../src/permissions.js';

/** The legal moves, written out by hand: from → to → transitions. */
const legal: Record<string, string[]> = {
  'pending_payment→paid': ['pay'],
  'pending_payment→cancelled': ['cancel'],
  'paid→partially_shipped': ['ship_partially'],
  'paid→shipped': ['ship'],
  'partially_shipped→partially_shipped': ['ship_partially'],
  'partially_shipped→shipped': ['ship'],
  'shipped→completed': ['confirm_receipt'],
  'paid→closed': ['close'],
  'partially_shipped→closed': ['close'],
  'shipped→closed': ['close'],
  'completed→closed': ['close'],
};

/** Who may make each transition, by hand: staff roles, the channel, the system. */
const who: Record<string, { staff: string[]; channel: boolean; system: boolean }> = {
  pay: { staff: [], channel: true, system: false },
  cancel: { staff: ['admin'], channel: true, system: true },
  ship_partially: { staff: ['admin', 'operator'], channel: false, system: false },
  ship: { staff: ['admin', 'operator'], channel: false, system: true },
  confirm_receipt: { staff: [], channel: true, system: true },
  close: { staff: [], channel: false, system: true },
};

const actors: [string, OrderActor][] = [
  ...roles.map((role) => [role, { kind: 'staff', role }] as [string, OrderActor]),
  ['channel', { kind: 'channel' }],
  ['system', { kind: 'system' }],
];

const pairs = orderStatuses.flatMap((from) => orderStatuses.map((to) => [from, to] as const));
const every = orderStatuses.flatMap((from) => orderTransitionNames.map((name) => [from, name] as const));

function allowedTo(name: string, actorName: string): boolean {
  const rule = who[name];
  if (!rule) throw new Error(name);
  if (actorName === 'channel') return rule.channel;
  if (actorName === 'system') return rule.system;
  return rule.staff.includes(actorName);
}

describe('order status machine', () => {
  it.each(pairs)('%s → %s is legal exactly when listed', (from, to) => {
    expect(orderTransitionsBetween(from, to)).toEqual(legal[`${from}→${to}`] ?? []);
  });

  it.each(every)('from %s, %s leads where the table says or nowhere', (from, name) => {
    const target = Object.entries(legal).find(([key, ts]) => ts.includes(name) && key.startsWith(`${from}→`));
    expect(nextOrderStatus(from, name)).toBe(target ? target[0].split('→')[1] : undefined);
  });

  const everyWithActor = every.flatMap(([from, name]) =>
    actors.map(([actorName, actor]) => [from, name, actorName, actor] as const),
  );
  it.each(everyWithActor)(
    'from %s, %s by %s: allowed exactly when legal and granted',
    (from, name, actorName, actor) => {
      const isLegal = nextOrderStatus(from, name) !== undefined;
      const granted = allowedTo(name, actorName);
      expect(canTransitionOrder(from, name, actor)).toBe(isLegal && granted);
      const check = checkOrderTransition(from, name, actor);
      if (!granted) expect(check).toMatchObject({ ok: false, reason: 'forbidden' });
      else if (!isLegal) expect(check).toMatchObject({ ok: false, reason: 'illegal_transition' });
      else expect(check).toEqual({ ok: true, to: nextOrderStatus(from, name) });
    },
  );

  it('cancelled and closed are final; every other status has a way on', () => {
    const system: OrderActor = { kind: 'system' };
    const admin: OrderActor = { kind: 'staff', role: 'admin' };
    const channel: OrderActor = { kind: 'channel' };
    for (const status of orderStatuses as readonly OrderStatus[]) {
      const ways = [system, admin, channel].flatMap((a) => availableOrderTransitions(status, a));
      if (status === 'cancelled' || status === 'closed') expect(ways).toEqual([]);
      else expect(ways.length).toBeGreaterThan(0);
    }
  });

  it('lists what an operator may do in each status', () => {
    const operator: OrderActor = { kind: 'staff', role: 'operator' };
    const available = Object.fromEntries(
      orderStatuses.map((s) => [s, availableOrderTransitions(s, operator)]),
    );
    expect(available).toEqual({
      pending_payment: [],
      paid: ['ship_partially', 'ship'],
      partially_shipped: ['ship_partially', 'ship'],
      shipped: [],
      completed: [],
      cancelled: [],
      closed: [],
    });
  });

  it('customer service and managers move no order', () => {
    for (const role of ['customer_service', 'manager'] as const)
      for (const status of orderStatuses)
        expect(availableOrderTransitions(status, { kind: 'staff', role })).toEqual([]);
  });

  it('explains an illegal transition with the status it needs', () => {
    expect(illegalOrderTransitionMessage('shipped', 'cancel')).toBe(
      'an order that is shipped cannot be cancelled (only one that is pending payment)',
    );
    expect(checkOrderTransition('pending_payment', 'ship', { kind: 'staff', role: 'operator' })).toEqual({
      ok: false,
      reason: 'illegal_transition',
      message:
        'an order that is pending payment cannot be shipped (only one that is paid, partially shipped)',
    });
  });

  it('tells a refused caller nothing about the order status', () => {
    const a = checkOrderTransition('shipped', 'ship', { kind: 'staff', role: 'manager' });
    const b = checkOrderTransition('paid', 'ship', { kind: 'staff', role: 'manager' });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});

describe('shippingTransition', () => {
  it.each([
    [3, 1, 'ship_partially'],
    [3, 2, 'ship_partially'],
    [3, 3, 'ship'],
    [1, 1, 'ship'],
  ] as const)('%i ordered, %i shipped with this parcel → %s', (ordered, shipped, expected) => {
    expect(shippingTransition(ordered, shipped)).toBe(expected);
  });

  it.each([
    [3, 0],
    [3, 4],
    [0, 0],
    [3, 1.5],
    [Number.NaN, 1],
  ])('refuses %d ordered, %d shipped', (ordered, shipped) => {
    expect(() => shippingTransition(ordered, shipped)).toThrow(RangeError);
  });
});
