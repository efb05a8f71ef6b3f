import { auditActions } from '@siyu/shared';
import { DataTable, DateInput, FilterButton, List, SelectInput, TextInput, TopToolbar } from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { ActorRoleField, AuditActionField } from './AuditActionField';
import { AuditLogDetail } from './AuditLogDetail';
import { endOfDayIso, startOfDayIso } from './dateFilter';
import { PurgeButton } from './PurgeButton';

const actionChoices = auditActions.map((action) => ({
  id: action,
  name: `resources.audit-logs.action_names.${action}`,
}));

const filters = [
  <TextInput key="actorName" source="actorName" alwaysOn />,
  <TextInput key="resource" source="resource" />,
  <SelectInput key="action" source="action" choices={actionChoices} />,
  <DateInput
    key="at_gte"
    source="at_gte"
    label="resources.audit-logs.filters.at_gte"
    parse={startOfDayIso}
    alwaysOn
  />,
  <DateInput
    key="at_lte"
    source="at_lte"
    label="resources.audit-logs.filters.at_lte"
    parse={endOfDayIso}
    alwaysOn
  />,
];

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <PurgeButton />
  </TopToolbar>
);

/** Read-only: the audit log is append-only; rows expand to their before/after snapshots. */
const AuditLogList = () => (
  <List
    filters={filters}
    actions={<ListActions />}
    sort={{ field: 'at', order: 'DESC' }}
    perPage={25}
    exporter={false}
  >
    <DataTable bulkActionButtons={false} expand={<AuditLogDetail />} rowClick="expand">
      <DataTable.Col source="at" field={DateTimeField} />
      <DataTable.Col source="actorName" disableSort />
      <DataTable.Col source="actorRole" field={ActorRoleField} disableSort />
      <DataTable.Col source="action" field={AuditActionField} disableSort />
      <DataTable.Col source="resource" disableSort />
      <DataTable.Col source="resourceId" disableSort />
      <DataTable.Col source="ip" disableSort />
      <DataTable.Col source="requestId" disableSort />
    </DataTable>
  </List>
);

export default AuditLogList;
