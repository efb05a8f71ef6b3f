import {
  DataTable,
  DateTimeInput,
  List,
  ReferenceField,
  SearchInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';

const useFilters = () => {
  const translate = useTranslate();
  const search = translate('resources.members.filters.q');
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={search} inputProps={{ 'aria-label': search }} />,
    <DateTimeInput
      key="gte"
      source="registeredAt_gte"
      parse={(value: string) => value && new Date(value).toISOString()}
    />,
    <DateTimeInput
      key="lte"
      source="registeredAt_lte"
      parse={(value: string) => value && new Date(value).toISOString()}
    />,
  ];
};

/** Phones arrive masked from the server; there is no way to unmask them in a list. */
const MemberList = () => {
  const filters = useFilters();
  return (
    <List filters={filters} sort={{ field: 'registeredAt', order: 'DESC' }} perPage={25} exporter={false}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="nickname" />
        <DataTable.Col source="phone" field={TextField} disableSort />
        <DataTable.Col source="openid" field={TextField} disableSort />
        <DataTable.Col source="channelId" disableSort>
          <ReferenceField source="channelId" reference="channels" link={false} />
        </DataTable.Col>
        <DataTable.Col source="registeredAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};

export default MemberList;
