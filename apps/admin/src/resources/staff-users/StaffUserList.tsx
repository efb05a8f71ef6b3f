import {
  BooleanField,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { RoleField } from './RoleField';
import { roleChoices } from './roles';

const useFilters = () => {
  const translate = useTranslate();
  const search = translate('resources.staff-users.filters.q');
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={search} inputProps={{ 'aria-label': search }} />,
    <SelectInput key="role" source="role" choices={roleChoices} />,
    <NullableBooleanInput key="disabled" source="disabled" />,
  ];
};

/** Export is a server-side streamed CSV (DESIGN.md), so react-admin's client exporter is off. */
const StaffUserList = () => {
  const filters = useFilters();
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="username" />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="role" field={RoleField} />
        <DataTable.Col source="phone" field={TextField} disableSort />
        <DataTable.Col source="disabled" field={BooleanField} disableSort />
        <DataTable.Col source="lastLoginAt" field={DateTimeField} />
        <DataTable.Col source="createdAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};

export default StaffUserList;
