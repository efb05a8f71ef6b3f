import { describe, expect, it } from 'vitest';
import {
  type AfterSalesActor,
  type AfterSalesStatus,
  type AfterSalesType,
  afterSalesStatuses,
  afterSalesTransitionNames,
  afterSalesTypes,
  availableAfterSalesTransitions,
  checkAfterSalesTransition,
  finalAfterSalesStatuses,
  nextAfterSalesStatus,
} from '../src/domain/afterSalesStatus.js';

/** The legal moves written out by hand: type:from→to → transitions. */
const legal: Record<string, string[]> = {
  'refund_only:requested→approved': ['approve'],
  'refund_only:requested→rejected': ['reject'],
  'refund_only:approved→refunding': ['start_refund'],
  'refund_only:refunding→refunded': ['refund_succeeded'],
  'refund_only:refunding→failed': ['refund_failed'],
  'refund_only:failed→refunding': ['retry_refund'],
  'refund_only:requested→withdrawn': ['withdraw'],
  'refund_only:approved→withdrawn': ['withdraw'],
  'return_and_refund:requested→approved': ['approve'],
  'return_and_refund:requested→rejected': ['reject'],
  'return_and_refund:approved→awaiting_return': ['await_return'],
  'return_and_refund:awaiting_return→returned': ['receive_return'],
  'return_and_refund:awaiting_return→closed': ['expire_return'],
  'return_and_refund:returned→refunding': ['start_refund'],
  'return_and_refund:refunding→refunded': ['refund_succeeded'],
  'return_and_refund:refunding→failed': ['refund_failed'],
  'return_and_refund:failed→refunding': ['retry_refund'],
  'return_and_refund:requested→withdrawn': ['withdraw'],
  'return_and_refund:approved→withdrawn': ['withdraw'],
  'return_and_refund:awaiting_return→withdrawn': ['withdraw'],
  'return_and_refund:returned→withdrawn': ['withdraw'],
};

describe('after-sales status machine', () => {
  it('allows exactly the hand-written moves, for every type × status × transition', () => {
    for (const type of afterSalesTypes)
      for (const from of afterSalesStatuses)
        for (const to of afterSalesStatuses) {
          const found = afterSalesTransitionNames.filter((t) => nextAfterSalesStatus(from, t, type) === to);
          expect(found, `${type}:${from}→${to}`).toEqual(legal[`${type}:${from}→${to}`] ?? []);
        }
  });

  it('final statuses have no way out', () => {
    for (const type of afterSalesTypes)
      for (const from of finalAfterSalesStatuses)
        for (const t of afterSalesTransitionNames)
          expect(nextAfterSalesStatus(from, t, type)).toBeUndefined();
  });

  it('only the gateway settles a refund; only the customer withdraws; CS approves, rejects and receives', () => {
    const cs: AfterSalesActor = { kind: 'staff', role: 'customer_service' };
    const operator: AfterSalesActor = { kind: 'staff', role: 'operator' };
    const check = (
      from: AfterSalesStatus,
      t: Parameters<typeof checkAfterSalesTransition>[1],
      type: AfterSalesType,
      a: AfterSalesActor,
    ) => checkAfterSalesTransition(from, t, type, a);
    expect(check('refunding', 'refund_succeeded', 'refund_only', { kind: 'gateway' })).toEqual({
      ok: true,
      to: 'refunded',
    });
    expect(check('refunding', 'refund_succeeded', 'refund_only', cs)).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(check('requested', 'withdraw', 'refund_only', cs)).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(check('requested', 'withdraw', 'refund_only', { kind: 'customer' })).toEqual({
      ok: true,
      to: 'withdrawn',
    });
    expect(check('requested', 'approve', 'refund_only', cs)).toEqual({ ok: true, to: 'approved' });
    expect(check('requested', 'approve', 'refund_only', operator)).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(check('awaiting_return', 'receive_return', 'return_and_refund', cs)).toEqual({
      ok: true,
      to: 'returned',
    });
    // A refund-only case never waits for goods; a return never refunds straight from approval.
    expect(check('approved', 'await_return', 'refund_only', { kind: 'system' })).toMatchObject({
      ok: false,
      reason: 'illegal_transition',
    });
    expect(check('approved', 'start_refund', 'return_and_refund', { kind: 'system' })).toMatchObject({
      ok: false,
      reason: 'illegal_transition',
    });
    expect(check('refunded', 'reject', 'refund_only', cs)).toMatchObject({
      ok: false,
      reason: 'illegal_transition',
    });
    // CS starts the refund of returned goods by hand (refunds:approve); an operator may not.
    expect(check('returned', 'start_refund', 'return_and_refund', cs)).toEqual({ ok: true, to: 'refunding' });
    expect(check('returned', 'start_refund', 'return_and_refund', operator)).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
  });

  it('offers each role only its own buttons', () => {
    expect(
      availableAfterSalesTransitions('requested', 'refund_only', { kind: 'staff', role: 'customer_service' }),
    ).toEqual(['approve', 'reject']);
    expect(
      availableAfterSalesTransitions('requested', 'refund_only', { kind: 'staff', role: 'operator' }),
    ).toEqual([]);
    expect(
      availableAfterSalesTransitions('requested', 'refund_only', { kind: 'staff', role: 'manager' }),
    ).toEqual([]);
    expect(availableAfterSalesTransitions('failed', 'refund_only', { kind: 'staff', role: 'admin' })).toEqual(
      ['retry_refund'],
    );
    expect(
      availableAfterSalesTransitions('returned', 'return_and_refund', {
        kind: 'staff',
        role: 'customer_service',
      }),
    ).toEqual(['start_refund']);
  });
});
