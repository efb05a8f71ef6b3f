import type { ShippingTemplate } from '@siyu/shared';
import { formatFen } from '@siyu/shared';
import {
  CreateButton,
  DataTable,
  FunctionField,
  List,
  SearchInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { provinceName } from './ProvincesInput';
import { QuotePanel } from './QuotePanel';

const ListActions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

const useFilters = () => {
  const translate = useTranslate();
  const search = translate('resources.shipping-templates.filters.q');
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={search} inputProps={{ 'aria-label': search }} />,
  ];
};

const yuan = (fen: number) => formatFen(fen, { symbol: false });

/** "首 1件 ¥8.00，每续 1件 加 ¥2.00": the default rule in one line. */
const RuleSummary = ({ record }: { record: ShippingTemplate }) => {
  const translate = useTranslate();
  const unit = translate(`resources.shipping-templates.units.${record.chargeBy}`);
  const { firstUnits, firstFee, additionalUnits, additionalFee } = record.defaultRule;
  return (
    <>
      {translate('resources.shipping-templates.helpers.rule', {
        firstUnits,
        unit,
        firstFee: yuan(firstFee),
        additionalUnits,
        additionalFee: yuan(additionalFee),
      })}
    </>
  );
};

const provinceList = (codes: readonly string[]) => codes.map(provinceName).join('、') || '—';

const ShippingTemplateList = () => {
  const translate = useTranslate();
  const filters = useFilters();
  return (
    <List
      actions={<ListActions />}
      filters={filters}
      sort={{ field: 'id', order: 'ASC' }}
      exporter={false}
      aside={<QuotePanel />}
      // The list gives way to the quote panel: it shrinks and scrolls sideways, the panel stays whole.
      sx={{ '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { overflowX: 'auto' } }}
    >
      {/* Headers stay on one line; the quote panel beside the list leaves it little width. */}
      <DataTable
        rowClick="edit"
        bulkActionButtons={false}
        sx={{ '& .MuiTableCell-head': { whiteSpace: 'nowrap' } }}
      >
        <DataTable.Col source="name" />
        <DataTable.Col
          source="chargeBy"
          render={(r: ShippingTemplate) => translate(`resources.shipping-templates.charge_by.${r.chargeBy}`)}
        />
        <DataTable.Col source="defaultRule" disableSort>
          <FunctionField render={(r: ShippingTemplate) => <RuleSummary record={r} />} />
        </DataTable.Col>
        <DataTable.Col
          source="freeShippingThreshold"
          disableSort
          render={(r: ShippingTemplate) =>
            r.freeShippingThreshold === null ? '—' : `¥${yuan(r.freeShippingThreshold)}`
          }
        />
        <DataTable.Col
          source="undeliverableProvinces"
          disableSort
          render={(r: ShippingTemplate) => provinceList(r.undeliverableProvinces)}
        />
        <DataTable.NumberCol source="productCount" />
        <DataTable.Col source="updatedAt">
          <DateTimeField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

export default ShippingTemplateList;
