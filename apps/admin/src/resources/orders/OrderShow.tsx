import { Grid } from '@mui/material';
import type { OrderDetail } from '@siyu/shared';
import {
  ArrayField,
  DataTable,
  Labeled,
  ListButton,
  RecordContextProvider,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { SpecValuesField } from '../products/fields';
import { OrderCasesPanel } from '../refunds/OrderCasesPanel';
import { AddressSection } from './AddressSection';
import { BuyerField, MoneyField, OrderStatusField } from './fields';
import { NotesPanel } from './NotesPanel';
import { OrderTimeline } from './OrderTimeline';
import { ShipButton } from './ShipButton';
import { ShipmentsPanel } from './ShipmentsPanel';

const ShowActions = () => (
  <TopToolbar>
    <ShipButton />
    <ListButton />
  </TopToolbar>
);

const amounts = ['goodsAmount', 'discountAmount', 'shippingFee', 'payableAmount', 'paidAmount'] as const;

const Amounts = (_props: { label?: string }) => (
  <Grid container spacing={3}>
    {amounts.map((source) => (
      <Grid key={source}>
        <Labeled label={`resources.orders.fields.${source}`}>
          <MoneyField source={source} />
        </Labeled>
      </Grid>
    ))}
  </Grid>
);

const PaymentInfo = (_props: { label?: string }) => {
  const record = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  // `undefined` while the list's row stands in for the detail; `null` when not paid.
  if (!record || record.payment === undefined) return null;
  if (record.payment === null) return <span>{translate('resources.orders.payment.none')}</span>;
  return (
    <RecordContextProvider value={record.payment}>
      <Grid container spacing={3}>
        <Grid>
          <Labeled label="resources.orders.payment.transactionId">
            <TextField source="transactionId" />
          </Labeled>
        </Grid>
        <Grid>
          <Labeled label="resources.orders.payment.amount">
            <MoneyField source="amount" />
          </Labeled>
        </Grid>
        <Grid>
          <Labeled label="resources.orders.payment.paidAt">
            <DateTimeField source="paidAt" />
          </Labeled>
        </Grid>
      </Grid>
    </RecordContextProvider>
  );
};

const OrderShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="orderNo" />
      <OrderStatusField label="resources.orders.fields.status" />
      <TextField source="channelName" />
      <BuyerField label="resources.orders.fields.buyerPhone" />
      <DateTimeField source="createdAt" />
      <Labeled label="resources.orders.fields.items" fullWidth>
        <ArrayField source="items">
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="title" label="resources.orders.item.title" />
            <DataTable.Col source="skuCode" label="resources.orders.item.skuCode" />
            <DataTable.Col label="resources.orders.item.specValues" field={SpecValuesField} />
            <DataTable.Col label="resources.orders.item.unitPrice">
              <MoneyField source="unitPrice" />
            </DataTable.Col>
            <DataTable.Col source="quantity" label="resources.orders.item.quantity" />
            <DataTable.Col label="resources.orders.item.lineAmount">
              <MoneyField source="lineAmount" />
            </DataTable.Col>
            <DataTable.Col source="shippedQuantity" label="resources.orders.item.shippedQuantity" />
          </DataTable>
        </ArrayField>
      </Labeled>
      <Amounts label="resources.orders.fields.amounts" />
      <AddressSection label="resources.orders.fields.address" />
      <TextField source="buyerNote" emptyText="—" />
      <PaymentInfo label="resources.orders.fields.payment" />
      <ShipmentsPanel label="resources.orders.fields.shipments" />
      <OrderCasesPanel label="resources.refunds.order_cases.label" />
      <NotesPanel label="resources.orders.fields.notes" />
      <OrderTimeline label="resources.orders.fields.timeline" />
    </SimpleShowLayout>
  </Show>
);

export default OrderShow;
