import { Tab, Tabs } from '@mui/material';
import { type Order, orderStatuses } from '@siyu/shared';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useListContext, useTranslate } from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';

const tabs = ['all', ...orderStatuses] as const;

/**
 * Status tabs above the order list; a tab sets the `status` filter. The counts come in one
 * request (status-counts) under the other filters, so every tab agrees with the same search.
 */
export const StatusTabs = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const { filterValues, setFilters, displayedFilters } = useListContext<Order>();
  const { status, ...others } = filterValues as Record<string, unknown>;
  const value = typeof status === 'string' ? status : 'all';
  const { data } = useQuery({
    queryKey: ['orders', 'statusCounts', others],
    queryFn: () => dataProvider.orderStatusCounts(others),
  });
  const counts = data?.data;
  const count = (tab: (typeof tabs)[number]) => {
    if (!counts) return undefined;
    if (tab === 'all') return Object.values(counts).reduce((sum, n) => sum + n, 0);
    return counts[tab] ?? 0;
  };
  return (
    <Tabs
      value={value}
      variant="scrollable"
      indicatorColor="primary"
      onChange={(_event, next: string) =>
        setFilters(next === 'all' ? others : { ...others, status: next }, displayedFilters)
      }
    >
      {tabs.map((tab) => {
        const n = count(tab);
        const label = translate(`resources.orders.status.${tab}`);
        return <Tab key={tab} value={tab} label={n === undefined ? label : `${label} (${n})`} />;
      })}
    </Tabs>
  );
};
