import Inventory2Icon from '@mui/icons-material/Inventory2';
import { Box, Typography } from '@mui/material';
import {
  BooleanInput,
  CreateButton,
  DataTable,
  DateInput,
  FilterButton,
  List,
  SearchInput,
  TextInput,
  TopToolbar,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { endOfDayIso, startOfDayIso } from '../audit-logs/dateFilter';
import { BulkShelfButton } from './BulkShelfButton';
import { CategoryInput } from './CategoryInput';
import { ExportCsvButton } from './ExportCsvButton';
import { PriceRangeField, ProductStatusField, TotalStockField } from './fields';
import { ImportCsvButton } from './ImportCsvDialog';
import { formatYuanFilter, parseYuanFilter } from './money';
import { StatusTabs } from './StatusTabs';

const useFilters = () => {
  const translate = useTranslate();
  const search = translate('resources.products.filters.q');
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={search} inputProps={{ 'aria-label': search }} />,
    <CategoryInput key="categoryId" source="categoryId" alwaysOn />,
    <TextInput
      key="price_gte"
      source="price_gte"
      label="resources.products.filters.price_gte"
      parse={parseYuanFilter}
      format={formatYuanFilter}
    />,
    <TextInput
      key="price_lte"
      source="price_lte"
      label="resources.products.filters.price_lte"
      parse={parseYuanFilter}
      format={formatYuanFilter}
    />,
    <BooleanInput
      key="lowStock"
      source="lowStock"
      label="resources.products.filters.lowStock"
      parse={(value: boolean) => (value ? true : undefined)}
    />,
    <DateInput
      key="createdAt_gte"
      source="createdAt_gte"
      label="resources.products.filters.createdAt_gte"
      parse={startOfDayIso}
    />,
    <DateInput
      key="createdAt_lte"
      source="createdAt_lte"
      label="resources.products.filters.createdAt_lte"
      parse={endOfDayIso}
    />,
  ];
};

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <ExportCsvButton />
    <ImportCsvButton />
  </TopToolbar>
);

const BulkActions = () => {
  const { canAccess } = useCanAccess({ resource: 'products', action: 'shelve' });
  if (!canAccess) return null;
  return (
    <>
      <BulkShelfButton transition="on_shelf" />
      <BulkShelfButton transition="off_shelf" />
    </>
  );
};

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', m: 6 }}>
      <Inventory2Icon sx={{ fontSize: 64, color: 'text.secondary' }} />
      <Typography variant="h6" gutterBottom>
        {translate('resources.products.empty.title')}
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {translate('resources.products.empty.message')}
      </Typography>
      <CreateButton variant="contained" />
    </Box>
  );
};

const ProductList = () => {
  const filters = useFilters();
  const { canAccess: canShelve } = useCanAccess({ resource: 'products', action: 'shelve' });
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
      <DataTable rowClick="show" bulkActionButtons={canShelve ? <BulkActions /> : false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="title" />
        <DataTable.Col source="status" field={ProductStatusField} />
        <DataTable.Col
          source="minPrice"
          label="resources.products.fields.priceRange"
          field={PriceRangeField}
        />
        <DataTable.Col source="totalStock" field={TotalStockField} />
        <DataTable.Col source="skuCount" disableSort />
        <DataTable.Col source="brand" disableSort />
        <DataTable.Col source="createdAt" field={DateTimeField} />
        <DataTable.Col source="updatedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};

export default ProductList;
