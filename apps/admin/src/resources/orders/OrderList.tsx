import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Box, Typography } from '@mui/material';
import {
  DataTable,
  DateInput,
  FilterButton,
  List,
  SearchInput,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { endOfDayIso, startOfDayIso } from '../audit-logs/dateFilter';
import { formatYuanFilter, parseYuanFilter } from '../products/money';
import { BuyerField, MoneyField, OrderStatusField } from './fields';
import { StatusTabs } from './StatusTabs';

const useFilters = () => {
  const translate = useTranslate();
  const search = translate('resources.orders.filters.q');
  return [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={search}
      inputProps={{ 'aria-label': search }}
      sx={{ minWidth: 300 }}
    />,
    <DateInput
      key="createdAt_gte"
      source="createdAt_gte"
      label="resources.orders.filters.createdAt_gte"
      parse={startOfDayIso}
    />,
    <DateInput
      key="createdAt_lte"
      source="createdAt_lte"
      label="resources.orders.filters.createdAt_lte"
      parse={endOfDayIso}
    />,
    <TextInput
      key="payableAmount_gte"
      source="payableAmount_gte"
      label="resources.orders.filters.payableAmount_gte"
      parse={parseYuanFilter}
      format={formatYuanFilter}
    />,
    <TextInput
      key="payableAmount_lte"
      source="payableAmount_lte"
      label="resources.orders.filters.payableAmount_lte"
      parse={parseYuanFilter}
      format={formatYuanFilter}
    />,
  ];
};

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', m: 6 }}>
      <ReceiptLongIcon sx={{ fontSize: 64, color: 'text.secondary' }} />
      <Typography variant="h6">{translate('resources.orders.empty')}</Typography>
    </Box>
  );
};

const OrderList = () => {
  const filters = useFilters();
  return (
    <List
      filters={filters}
      actions={<ListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={<Empty />}
    >
      <StatusTabs />
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="orderNo" disableSort />
        <DataTable.Col source="status" field={OrderStatusField} />
        <DataTable.Col label="resources.orders.fields.buyerPhone" field={BuyerField} />
        <DataTable.Col source="channelName" disableSort />
        <DataTable.Col source="itemCount" disableSort />
        <DataTable.Col source="payableAmount">
          <MoneyField source="payableAmount" />
        </DataTable.Col>
        <DataTable.Col source="paidAmount" disableSort>
          <MoneyField source="paidAmount" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" field={DateTimeField} />
        <DataTable.Col source="paidAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};

export default OrderList;
