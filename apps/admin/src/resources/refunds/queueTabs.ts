/**
 * The queue's tabs: views of the same list, each one a filter (待处理 = customer service must
 * act, 已超时, 我的, 待管理员复核, 全部). Other filters the person set stay as they are.
 */
import type { AfterSalesCounts } from '@siyu/shared';

export const queueTabs = ['awaiting', 'overdue', 'mine', 'awaitingAdmin', 'all'] as const;
export type QueueTab = (typeof queueTabs)[number];

type Filter = Record<string, unknown>;

/** The filter keys the tabs own. */
const tabKeys = ['awaitingAction', 'overdue', 'approvalStage', 'assigneeId'] as const;

export function tabFilter(tab: QueueTab, me: number | undefined): Filter {
  switch (tab) {
    case 'awaiting':
      return { awaitingAction: true };
    case 'overdue':
      return { overdue: true };
    case 'mine':
      return me === undefined ? {} : { assigneeId: me, awaitingAction: true };
    case 'awaitingAdmin':
      return { approvalStage: 'admin' };
    default:
      return {};
  }
}

/** The tab whose filter the list has now ("all" when none fits exactly). */
export function currentTab(filter: Filter, me: number | undefined): QueueTab {
  for (const tab of queueTabs) {
    if (tab === 'all') continue;
    const wanted = tabFilter(tab, me);
    const keys = Object.keys(wanted);
    if (keys.length === 0) continue;
    const others = tabKeys.filter((k) => !keys.includes(k));
    if (keys.every((k) => filter[k] === wanted[k]) && others.every((k) => filter[k] === undefined))
      return tab;
  }
  return 'all';
}

/** The list's filter with the tab's own keys swapped for the chosen tab's. */
export function withTab(filter: Filter, tab: QueueTab, me: number | undefined): Filter {
  const rest = Object.fromEntries(
    Object.entries(filter).filter(([k]) => !(tabKeys as readonly string[]).includes(k)),
  );
  return { ...rest, ...tabFilter(tab, me) };
}

export function tabCount(tab: QueueTab, counts: AfterSalesCounts['data'] | undefined): number | undefined {
  if (!counts) return undefined;
  switch (tab) {
    case 'awaiting':
      return counts.awaitingAction;
    case 'overdue':
      return counts.overdue;
    case 'mine':
      return counts.mine;
    case 'awaitingAdmin':
      return counts.awaitingAdmin;
    default:
      return Object.values(counts.byStatus).reduce((sum, n) => sum + (n ?? 0), 0);
  }
}
