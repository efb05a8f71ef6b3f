import { Badge, Tab, Tabs } from '@mui/material';
import { type Product, type ProductStatus, productStatuses } from '@siyu/shared';
import { useGetList, useListContext, useTranslate } from 'react-admin';

/** How many products the other filters leave in one status: the total of a one-row page. */
const TabLabel = ({ status, filter }: { status: ProductStatus | 'all'; filter: Record<string, unknown> }) => {
  const translate = useTranslate();
  const { total } = useGetList<Product>('products', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'id', order: 'DESC' },
    filter: status === 'all' ? filter : { ...filter, status },
  });
  const label = translate(
    status === 'all' ? 'resources.products.status.all' : `resources.products.status.${status}`,
  );
  return (
    <span>
      {label}
      {total !== undefined ? <Badge sx={{ ml: 1, color: 'text.secondary' }}>({total})</Badge> : null}
    </span>
  );
};

const tabs = ['all', ...productStatuses] as const;

/** Status tabs with counts above the product list; a tab sets the `status` filter. */
export const StatusTabs = () => {
  const { filterValues, setFilters, displayedFilters } = useListContext<Product>();
  const { status, ...others } = filterValues as Record<string, unknown>;
  const value = typeof status === 'string' ? status : 'all';
  return (
    <Tabs
      value={value}
      variant="scrollable"
      indicatorColor="primary"
      onChange={(_event, next: string) =>
        setFilters(next === 'all' ? others : { ...others, status: next }, displayedFilters)
      }
    >
      {tabs.map((tab) => (
        <Tab key={tab} value={tab} label={<TabLabel status={tab} filter={others} />} />
      ))}
    </Tabs>
  );
};
