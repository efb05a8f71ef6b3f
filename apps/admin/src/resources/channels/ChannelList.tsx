import {
  BooleanField,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';

const useFilters = () => {
  const translate = useTranslate();
  const search = translate('resources.channels.filters.q');
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={search} inputProps={{ 'aria-label': search }} />,
    <NullableBooleanInput key="enabled" source="enabled" />,
  ];
};

const ChannelList = () => {
  const filters = useFilters();
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="key" field={TextField} />
        <DataTable.Col source="enabled" field={BooleanField} />
        <DataTable.Col source="createdAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};

export default ChannelList;
