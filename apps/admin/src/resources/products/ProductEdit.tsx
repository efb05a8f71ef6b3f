import { Typography } from '@mui/material';
import type { ProductDetail } from '@siyu/shared';
import {
  ArrayInput,
  Edit,
  maxLength,
  required,
  SaveButton,
  ShowButton,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { CategoryInput } from './CategoryInput';
import { specLabel, toProductEdit } from './productInput';
import { SkuRowInputs } from './SkuFields';

/** No delete: the API has no product deletion (take it off the shelf instead). */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const EditActions = () => (
  <TopToolbar>
    <ShowButton />
  </TopToolbar>
);

/** SKU rows get a readable spec label; prices stay in fen until typed over (shown in yuan). */
const withLabels = (record: ProductDetail) => ({
  ...record,
  skus: record.skus.map((sku) => ({ ...sku, specLabel: specLabel(sku.specValues) })),
});

/** Pessimistic: the server's field errors land inline, a 409 keeps what was typed. */
const ProductEdit = () => {
  const translate = useTranslate();
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      actions={<EditActions />}
      queryOptions={{ select: withLabels }}
      transform={(data, options) => toProductEdit(data, options?.previousData as ProductDetail | undefined)}
    >
      <SimpleForm toolbar={<EditToolbar />}>
        <TextInput source="title" validate={[required(), maxLength(100)]} fullWidth />
        <TextInput source="subtitle" validate={maxLength(200)} fullWidth />
        <CategoryInput source="categoryId" validate={required()} />
        <TextInput source="brand" validate={maxLength(50)} />
        <TextInput
          source="descriptionHtml"
          label="resources.products.fields.description"
          multiline
          minRows={4}
          fullWidth
        />
        <Typography variant="h6">{translate('resources.products.sections.skus')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.products.helpers.edit_skus')}
        </Typography>
        <ArrayInput source="skus" label={false}>
          <SimpleFormIterator inline disableAdd disableReordering>
            {SkuRowInputs({ stockEditable: false })}
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Edit>
  );
};

export default ProductEdit;
