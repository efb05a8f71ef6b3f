import { Tab, Tabs } from '@mui/material';
import type { AfterSalesCase } from '@siyu/shared';
import { useGetIdentity, useListContext, useTranslate } from 'react-admin';
import { useCaseCounts } from './queries';
import { currentTab, type QueueTab, queueTabs, tabCount, withTab } from './queueTabs';

/** Tabs above the queue; the counts are the whole queue's (GET /api/refunds/counts). */
export const QueueTabs = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const me = typeof identity?.id === 'number' ? identity.id : undefined;
  const { filterValues, setFilters, displayedFilters } = useListContext<AfterSalesCase>();
  const { data: counts } = useCaseCounts();
  const value = currentTab(filterValues, me);
  return (
    <Tabs
      value={value}
      variant="scrollable"
      indicatorColor="primary"
      aria-label={translate('resources.refunds.tabs.label')}
      onChange={(_event, next: QueueTab) => setFilters(withTab(filterValues, next, me), displayedFilters)}
    >
      {queueTabs.map((tab) => {
        const n = tabCount(tab, counts);
        const label = translate(`resources.refunds.tabs.${tab}`);
        return (
          <Tab
            key={tab}
            value={tab}
            data-testid={`queue-tab-${tab}`}
            label={n === undefined ? label : `${label} (${n})`}
            sx={tab === 'overdue' && n ? { color: 'error.main' } : undefined}
          />
        );
      })}
    </Tabs>
  );
};
