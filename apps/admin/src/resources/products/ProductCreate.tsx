import GridOnIcon from '@mui/icons-material/GridOn';
import { Alert, Typography } from '@mui/material';
import {
  ArrayInput,
  Button,
  Create,
  maxLength,
  required,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { ShippingTemplateInput } from '../shipping-templates/ShippingTemplateInput';
import { CategoryInput } from './CategoryInput';
import { DescriptionInput } from './DescriptionInput';
import { type DimensionRow, gridRows, type SkuRow, toDimensions, toProductCreate } from './productInput';
import { SkuRowInputs, skuGridSx } from './SkuFields';

const MAX_DIMENSIONS = 3;

const validateDimensions = (rows: unknown) =>
  Array.isArray(rows) && rows.length > MAX_DIMENSIONS
    ? { message: 'resources.products.validation.max_dimensions', args: { max: MAX_DIMENSIONS } }
    : undefined;

/** Rebuilds the SKU rows from the spec dimensions (one per combination), keeping typed values. */
const GenerateSkusButton = () => {
  const { setValue, getValues } = useFormContext();
  const dimensions = useWatch({ name: 'specDimensions' }) as DimensionRow[] | undefined;
  const generate = () => {
    const rows = gridRows(toDimensions(dimensions), (getValues('skus') as SkuRow[] | undefined) ?? []);
    setValue('skus', rows, { shouldDirty: true });
  };
  return (
    <Button label="resources.products.actions.generate_skus" onClick={generate} variant="outlined">
      <GridOnIcon />
    </Button>
  );
};

// Stable: react-admin resets the form when defaultValues change identity.
const defaultValues = { specDimensions: [], skus: [{ specValues: [], specLabel: '', stock: 0 }] };

const ProductCreate = () => {
  const translate = useTranslate();
  return (
    <Create
      redirect="show"
      transform={(values) => ({
        ...toProductCreate(values),
        shippingTemplateId: (values.shippingTemplateId as number | null | undefined) ?? null,
      })}
    >
      <SimpleForm defaultValues={defaultValues}>
        <TextInput source="title" validate={[required(), maxLength(100)]} fullWidth />
        <TextInput source="subtitle" validate={maxLength(200)} fullWidth />
        <CategoryInput source="categoryId" validate={required()} onlyEnabled />
        <TextInput source="brand" validate={maxLength(50)} />
        <ShippingTemplateInput />
        <DescriptionInput />
        <Typography variant="h6">{translate('resources.products.sections.specs')}</Typography>
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('resources.products.helpers.specs', { max: MAX_DIMENSIONS })}
        </Alert>
        <ArrayInput source="specDimensions" label={false} validate={validateDimensions}>
          <SimpleFormIterator inline disableReordering>
            <TextInput
              source="name"
              label="resources.products.spec.name"
              validate={[required(), maxLength(20)]}
              helperText={false}
            />
            <TextInput
              source="valuesText"
              label="resources.products.spec.values"
              validate={required()}
              helperText="resources.products.spec.values_help"
              sx={{ minWidth: 320 }}
            />
          </SimpleFormIterator>
        </ArrayInput>
        <GenerateSkusButton />
        <Typography variant="h6" sx={{ mt: 2 }}>
          {translate('resources.products.sections.skus')}
        </Typography>
        <ArrayInput source="skus" label={false} sx={skuGridSx}>
          <SimpleFormIterator inline disableAdd disableReordering>
            {SkuRowInputs({ stockEditable: true })}
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Create>
  );
};

export default ProductCreate;
