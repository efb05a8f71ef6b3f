import { afterSalesStatuses } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import { currentTab, queueTabs, tabCount, tabFilter, withTab } from './queueTabs';

const counts = {
  awaitingAction: 12,
  overdue: 3,
  dueSoon: 2,
  awaitingAdmin: 1,
  mine: 4,
  byStatus: {
    ...Object.fromEntries(afterSalesStatuses.map((s) => [s, 0])),
    requested: 10,
    refunded: 5,
    failed: 2,
  } as Record<(typeof afterSalesStatuses)[number], number>,
};

describe('queue tabs', () => {
  it('round-trips every tab through its filter', () => {
    for (const tab of queueTabs) expect(currentTab(tabFilter(tab, 7), 7)).toBe(tab);
  });

  it('keeps the other filters when switching tabs and drops the old tab keys', () => {
    const filter = { q: '138', type: 'refund_only', overdue: true };
    expect(withTab(filter, 'awaitingAdmin', 7)).toEqual({
      q: '138',
      type: 'refund_only',
      approvalStage: 'admin',
    });
    expect(withTab(filter, 'all', 7)).toEqual({ q: '138', type: 'refund_only' });
    expect(currentTab(withTab(filter, 'mine', 7), 7)).toBe('mine');
  });

  it('shows "all" for a mix no tab stands for', () => {
    expect(currentTab({ overdue: true, approvalStage: 'admin' }, 7)).toBe('all');
    expect(currentTab({ assigneeId: 9, awaitingAction: true }, 7)).toBe('all');
    expect(currentTab({}, 7)).toBe('all');
  });

  it('counts each tab from the counts answer', () => {
    expect(queueTabs.map((tab) => tabCount(tab, counts))).toEqual([12, 3, 4, 1, 17]);
    expect(tabCount('awaiting', undefined)).toBeUndefined();
  });
});
