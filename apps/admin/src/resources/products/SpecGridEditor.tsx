import GridOnIcon from '@mui/icons-material/GridOn';
import { Alert } from '@mui/material';
import type { ProductDetail } from '@siyu/shared';
import {
  ArrayInput,
  Button,
  maxLength,
  required,
  SimpleFormIterator,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { type DimensionRow, editGridRows, type SkuRow, toDimensions } from './productInput';

const MAX_DIMENSIONS = 3;

const validateDimensions = (rows: unknown) =>
  Array.isArray(rows) && rows.length > MAX_DIMENSIONS
    ? { message: 'resources.products.validation.max_dimensions', args: { max: MAX_DIMENSIONS } }
    : undefined;

/** Rebuilds the SKU rows for the edited dimensions: kept SKUs first, then the new combinations. */
const RegenerateSkusButton = () => {
  const record = useRecordContext<ProductDetail>();
  const { setValue, getValues } = useFormContext();
  const regenerate = () => {
    if (!record) return;
    const dimensions = toDimensions(getValues('specRows') as DimensionRow[] | undefined);
    const rows = editGridRows(record, dimensions, (getValues('skus') as SkuRow[] | undefined) ?? []);
    setValue('skus', rows, { shouldDirty: true });
  };
  return (
    <Button label="resources.products.edit.regenerate" onClick={regenerate} variant="outlined">
      <GridOnIcon />
    </Button>
  );
};

/** The spec dimensions of an existing product, edited as on creation; the grid follows on demand. */
export const SpecGridEditor = () => {
  const translate = useTranslate();
  return (
    <>
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate('resources.products.edit.specs_help', { max: MAX_DIMENSIONS })}
      </Alert>
      <ArrayInput source="specRows" label={false} validate={validateDimensions}>
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
      <RegenerateSkusButton />
    </>
  );
};
