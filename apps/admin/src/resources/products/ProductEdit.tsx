import { Typography } from '@mui/material';
import type { ProductDetail } from '@siyu/shared';
import { useRef } from 'react';
import {
  ArrayInput,
  Edit,
  type HttpError,
  maxLength,
  required,
  SaveButton,
  ShowButton,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  TopToolbar,
  useNotify,
  useTranslate,
} from 'react-admin';
import { ShippingTemplateInput } from '../shipping-templates/ShippingTemplateInput';
import { CategoryInput } from './CategoryInput';
import { DescriptionInput } from './DescriptionInput';
import { ProductDeleteButton } from './ProductDeleteButton';
import { editFormErrors, specLabel, toDimensionRows, toProductEdit } from './productInput';
import { SkuRowInputs, skuGridSx } from './SkuFields';
import { SpecGridEditor } from './SpecGridEditor';

/** Delete appears only for drafts and rejected products (take others off the shelf instead). */
const EditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <ProductDeleteButton />
  </Toolbar>
);

const EditActions = () => (
  <TopToolbar>
    <ShowButton />
  </TopToolbar>
);

/**
 * SKU rows get a readable spec label; prices stay in fen until typed over (shown in yuan). The
 * dimensions are edited as text rows (`specRows`), leaving the record's own untouched.
 */
const withLabels = (record: ProductDetail) => ({
  ...record,
  specRows: toDimensionRows(record.specDimensions),
  skus: record.skus.map((sku) => ({ ...sku, specLabel: specLabel(sku.specValues) })),
});

/** Pessimistic: the server's field errors land inline, a 409 keeps what was typed. */
const ProductEdit = () => {
  const translate = useTranslate();
  const notify = useNotify();
  // How many rows are existing SKUs at the last save: added rows follow them.
  const existingRows = useRef(0);
  const onError = (error: unknown) => {
    const body = (error as HttpError).body as { errors?: Record<string, unknown> } | undefined;
    if (body?.errors && Object.keys(body.errors).length > 0) {
      // react-admin puts these on the form right after this returns.
      body.errors = editFormErrors(body.errors, existingRows.current);
      return;
    }
    notify((error as Error).message || 'ra.notification.http_error', { type: 'error' });
  };
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      actions={<EditActions />}
      queryOptions={{ select: withLabels }}
      mutationOptions={{ onError }}
      transform={(data, options) => {
        existingRows.current = ((data.skus as { id?: number }[] | undefined) ?? []).filter(
          (r) => r.id,
        ).length;
        const previous = options?.previousData as ProductDetail | undefined;
        const shippingTemplateId = (data.shippingTemplateId as number | null | undefined) ?? null;
        return {
          ...toProductEdit(data, previous),
          // Sent only when changed (the data provider drops what equals the record).
          shippingTemplateId,
        };
      }}
    >
      <SimpleForm toolbar={<EditToolbar />}>
        <TextInput source="title" validate={[required(), maxLength(100)]} fullWidth />
        <TextInput source="subtitle" validate={maxLength(200)} fullWidth />
        <CategoryInput source="categoryId" validate={required()} />
        <TextInput source="brand" validate={maxLength(50)} />
        <ShippingTemplateInput />
        <DescriptionInput />
        <Typography variant="h6">{translate('resources.products.sections.specs')}</Typography>
        <SpecGridEditor />
        <Typography variant="h6" sx={{ mt: 2 }}>
          {translate('resources.products.sections.skus')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.products.edit.skus_help')}
        </Typography>
        {/* SKUs come and go with spec values (regenerate), never one by one: the grid stays whole. */}
        <ArrayInput source="skus" label={false} sx={skuGridSx}>
          <SimpleFormIterator inline disableAdd disableRemove disableReordering>
            {SkuRowInputs({ stockEditable: 'new' })}
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Edit>
  );
};

export default ProductEdit;
