import type { AfterSalesStatus } from '@siyu/shared';
import { afterSalesStatuses } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import zhCN from '../../i18n/zh-CN';
import { whoseTurn } from './whoseTurn';

const base = {
  type: 'refund_only' as const,
  approvalStage: 'none' as const,
  firstApprovedByName: null,
  returnShippedAt: null,
  assigneeName: null,
};
const of = (status: AfterSalesStatus, over: Partial<typeof base> | Record<string, unknown> = {}) =>
  whoseTurn({ ...base, status, ...over });

const exists = (key: string) =>
  typeof key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN) ===
  'string';

describe('whose turn', () => {
  it('names the first approver while an admin must approve too', () => {
    expect(of('requested', { approvalStage: 'admin', firstApprovedByName: '小美' })).toEqual({
      key: 'resources.refunds.turn.admin',
      values: { name: '小美' },
      waitsOn: 'admin',
    });
  });

  it('waits on the buyer until the parcel is on its way, then on us', () => {
    expect(of('awaiting_return', { type: 'return_and_refund' })?.waitsOn).toBe('buyer');
    expect(
      of('awaiting_return', { type: 'return_and_refund', returnShippedAt: '2026-03-01T00:00:00Z' })?.waitsOn,
    ).toBe('us');
  });

  it('waits on the payment channel while refunding and on nobody once over', () => {
    expect(of('refunding')?.key).toBe('resources.refunds.turn.gateway');
    for (const status of ['refunded', 'rejected', 'withdrawn', 'closed'] as const)
      expect(of(status)).toBeNull();
  });

  it('names the assignee who must decide', () => {
    expect(of('requested', { assigneeName: '阿强' })?.values).toEqual({ name: '阿强' });
  });

  it('has a text for every status that waits', () => {
    for (const status of afterSalesStatuses) {
      const turn = of(status);
      if (turn) expect(exists(turn.key), turn.key).toBe(true);
    }
    expect(exists(of('requested', { assigneeName: 'x' })?.key ?? '')).toBe(true);
    expect(exists(of('requested', { approvalStage: 'admin' })?.key ?? '')).toBe(true);
    expect(exists(of('awaiting_return', { returnShippedAt: '2026-03-01T00:00:00Z' })?.key ?? '')).toBe(true);
  });
});
