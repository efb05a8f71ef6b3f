import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Box, Typography } from '@mui/material';
import {
  DataTable,
  type DateFieldProps,
  DateInput,
  FilterButton,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { ServerCsvExportButton } from '../../ui/ServerCsvExportButton';
import { endOfDayIso, startOfDayIso } from '../audit-logs/dateFilter';
import { formatYuanFilter, parseYuanFilter } from '../products/money';
import { BulkShipButton } from './BulkShipButton';
import { BuyerField, MoneyField, OrderStatusField, ShippingInfoSyncField } from './fields';
import { StatusTabs } from './StatusTabs';

const useFilters = () => {
  const translate = useTranslate();
  // Channels are an admin's records: other roles may not list them, so they get no such filter.
  const { canAccess: canReadChannels } = useCanAccess({ resource: 'channels', action: 'list' });
  const search = translate('resources.orders.filters.q');
  return [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={search}
      inputProps={{ 'aria-label': search }}
      sx={{ minWidth: 440 }}
    />,
    ...(canReadChannels
      ? [
          <ReferenceInput key="channelId" source="channelId" reference="channels">
            <SelectInput optionText="name" />
          </ReferenceInput>,
        ]
      : []),
    <TextInput key="skuCode" source="skuCode" label="resources.orders.filters.skuCode" />,
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
    <BulkShipButton />
    <ServerCsvExportButton
      label="resources.orders.export.button"
      fileStem="resources.orders.export.file"
      failed="resources.orders.export.failed"
    />
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

/** Minutes are enough in a row (the order page has the seconds), so ten columns fit. */
const ShortDateTime = (props: DateFieldProps) => (
  <DateTimeField {...props} options={{ dateStyle: 'short', timeStyle: 'short' }} />
);

/** Short cells stay on one line. */
const nowrap = () => ({ whiteSpace: 'nowrap' }) as const;

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
        <DataTable.Col label="resources.orders.fields.buyerPhone" field={BuyerField} cellSx={nowrap} />
        <DataTable.Col source="channelName" disableSort cellSx={nowrap} />
        <DataTable.Col source="itemCount" disableSort />
        <DataTable.Col source="payableAmount">
          <MoneyField source="payableAmount" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" field={ShortDateTime} />
        <DataTable.Col source="paidAt" field={ShortDateTime} />
        <DataTable.Col source="shippingInfoSync" field={ShippingInfoSyncField} disableSort />
      </DataTable>
    </List>
  );
};

export default OrderList;
