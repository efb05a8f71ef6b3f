import { Alert } from '@mui/material';
import type { ProductDetail } from '@siyu/shared';
import {
  ArrayField,
  DataTable,
  EditButton,
  Labeled,
  ListButton,
  ReferenceField,
  RichTextField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { FenField, PriceRangeField, ProductStatusField, SkuStockField, SpecValuesField } from './fields';
import { ProductDeleteButton } from './ProductDeleteButton';
import { ProductImages } from './ProductImages';
import { StockAdjustButton } from './StockAdjustButton';
import { WorkflowButtons } from './WorkflowButtons';

const ShowActions = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'products', action: 'edit' });
  return (
    <TopToolbar>
      <WorkflowButtons />
      {canEdit ? <EditButton /> : null}
      <ProductDeleteButton />
      <ListButton />
    </TopToolbar>
  );
};

const RejectReason = () => {
  const record = useRecordContext<ProductDetail>();
  const translate = useTranslate();
  if (record?.status !== 'rejected' || !record.rejectReason) return null;
  return (
    <Alert severity="error">
      {translate('resources.products.messages.rejected_because', { reason: record.rejectReason })}
    </Alert>
  );
};

const SpecDimensionsField = (_props: { label?: string }) => {
  const record = useRecordContext<ProductDetail>();
  if (!record || record.specDimensions.length === 0) return <span>—</span>;
  return <span>{record.specDimensions.map((d) => `${d.name}: ${d.values.join(' / ')}`).join('；')}</span>;
};

const ProductShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <RejectReason />
      <TextField source="title" />
      <TextField source="subtitle" emptyText="—" />
      <ProductStatusField source="status" label="resources.products.fields.status" />
      <ReferenceField source="categoryId" reference="categories" link={false} />
      <TextField source="brand" emptyText="—" />
      <PriceRangeField label="resources.products.fields.priceRange" />
      <TextField source="totalStock" />
      <SpecDimensionsField label="resources.products.fields.specDimensions" />
      <Labeled label="resources.products.images.title" fullWidth>
        <ProductImages />
      </Labeled>
      <Labeled label="resources.products.fields.skus" fullWidth>
        <ArrayField source="skus">
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="code" label="resources.products.sku.code" />
            <DataTable.Col label="resources.products.sku.specValues" field={SpecValuesField} />
            <DataTable.Col label="resources.products.sku.price">
              <FenField source="price" />
            </DataTable.Col>
            <DataTable.Col label="resources.products.sku.originalPrice">
              <FenField source="originalPrice" />
            </DataTable.Col>
            <DataTable.Col label="resources.products.sku.stock" field={SkuStockField} />
            <DataTable.Col source="lowStockThreshold" label="resources.products.sku.lowStockThreshold" />
            <DataTable.Col source="barcode" label="resources.products.sku.barcode" />
            <DataTable.Col label="resources.products.sku.actions">
              <StockAdjustButton />
            </DataTable.Col>
          </DataTable>
        </ArrayField>
      </Labeled>
      {/* Sanitised on the server; RichTextField runs DOMPurify over it again before rendering. */}
      <RichTextField source="descriptionHtml" label="resources.products.fields.description" emptyText="—" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);

export default ProductShow;
