import type { InventoryMovement } from '@siyu/shared';
import { movementReasons } from '@siyu/shared';
import {
  DataTable,
  DateInput,
  FunctionField,
  List,
  NumberInput,
  ReferenceField,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { endOfDayIso, startOfDayIso } from '../audit-logs/dateFilter';

const reasonChoices = movementReasons.map((reason) => ({
  id: reason,
  name: `resources.inventory-movements.reasons.${reason}`,
}));

const filters = [
  <NumberInput key="productId" source="productId" alwaysOn />,
  <NumberInput key="skuId" source="skuId" alwaysOn />,
  <SelectInput key="reason" source="reason" choices={reasonChoices} alwaysOn />,
  <DateInput
    key="at_gte"
    source="at_gte"
    label="resources.inventory-movements.filters.at_gte"
    parse={startOfDayIso}
  />,
  <DateInput
    key="at_lte"
    source="at_lte"
    label="resources.inventory-movements.filters.at_lte"
    parse={endOfDayIso}
  />,
];

const ReasonField = (_props: { source?: string }) => {
  const translate = useTranslate();
  return (
    <FunctionField<InventoryMovement>
      render={(record) => translate(`resources.inventory-movements.reasons.${record.reason}`)}
    />
  );
};

const DeltaField = (_props: { source?: string }) => (
  <FunctionField<InventoryMovement>
    render={(record) => (
      <span style={{ color: record.delta < 0 ? '#c62828' : '#2e7d32' }}>
        {record.delta > 0 ? `+${record.delta}` : record.delta}
      </span>
    )}
  />
);

/** The stock ledger, read-only: every change of stock is one line here. */
const InventoryMovementList = () => (
  <List filters={filters} sort={{ field: 'at', order: 'DESC' }} perPage={25} exporter={false}>
    <DataTable bulkActionButtons={false} rowClick={false}>
      <DataTable.Col source="at" field={DateTimeField} />
      <DataTable.Col source="productId" disableSort>
        <ReferenceField source="productId" reference="products" link="show" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="skuCode" disableSort />
      <DataTable.Col source="delta" field={DeltaField} />
      <DataTable.Col source="stockAfter" disableSort />
      <DataTable.Col source="reason" field={ReasonField} disableSort />
      <DataTable.Col source="actorName" disableSort />
      <DataTable.Col source="reference" disableSort />
      <DataTable.Col source="note" disableSort />
    </DataTable>
  </List>
);

export default InventoryMovementList;
