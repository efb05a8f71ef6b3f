import { SkuCode } from '@siyu/shared';
import { maxLength, NumberInput, required, TextInput, useSourceContext } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { validateYuan, yuanText } from './money';

const validateSkuCode = (value: unknown) =>
  value == null || value === '' || SkuCode.safeParse(value).success
    ? undefined
    : 'resources.products.validation.sku_code';

const keepText = (value: string) => value;

/** The SKU rows keep their field widths and scroll sideways in the form when the window is narrow. */
export const skuGridSx = {
  maxWidth: '100%',
  overflowX: 'auto',
  '& .RaSimpleFormIterator-form > *': { flexShrink: 0 },
} as const;

/** A price typed in yuan (the form keeps the text; it becomes fen on save). */
export const YuanInput = ({
  source,
  label,
  isRequired,
}: {
  source: string;
  label: string;
  isRequired?: boolean;
}) => (
  <TextInput
    source={source}
    label={label}
    format={yuanText}
    parse={keepText}
    validate={isRequired ? [required(), validateYuan] : validateYuan}
    inputProps={{ inputMode: 'decimal' }}
    sx={{ width: 130 }}
    helperText={false}
  />
);

const small = { width: 120 };
const label = (name: string) => `resources.products.sku.${name}`;

/**
 * Opening stock is typed for new SKUs only: an existing SKU's stock changes through stock
 * adjustments. `'new'` decides per row: rows without an id are new.
 */
const StockInput = ({ editable }: { editable: boolean | 'new' }) => {
  const sourceContext = useSourceContext();
  const id = useWatch({ name: sourceContext.getSource('id') }) as number | undefined;
  const isEditable = editable === 'new' ? id === undefined : editable;
  return (
    <NumberInput
      source="stock"
      label={label('stock')}
      readOnly={!isEditable}
      validate={isEditable ? required() : undefined}
      min={0}
      step={1}
      sx={small}
      helperText={false}
    />
  );
};

/** The inputs of one SKU row; stock is typed on creation and for SKUs added by an edit. */
export const SkuRowInputs = ({ stockEditable }: { stockEditable: boolean | 'new' }) => [
  <TextInput
    key="specLabel"
    source="specLabel"
    label={label('specValues')}
    readOnly
    sx={{ width: 130 }}
    helperText={false}
  />,
  <TextInput
    key="code"
    source="code"
    label={label('code')}
    validate={[required(), maxLength(40), validateSkuCode]}
    sx={{ width: 140 }}
    helperText={false}
  />,
  <YuanInput key="price" source="price" label={label('price')} isRequired />,
  <YuanInput key="originalPrice" source="originalPrice" label={label('originalPrice')} />,
  <YuanInput key="cost" source="cost" label={label('cost')} />,
  <StockInput key="stock" editable={stockEditable} />,
  <NumberInput
    key="weightGrams"
    source="weightGrams"
    label={label('weightGrams')}
    min={0}
    step={1}
    sx={small}
    helperText={false}
  />,
  <TextInput
    key="barcode"
    source="barcode"
    label={label('barcode')}
    sx={{ width: 170 }}
    helperText={false}
  />,
  <NumberInput
    key="lowStockThreshold"
    source="lowStockThreshold"
    label={label('lowStockThreshold')}
    min={0}
    step={1}
    sx={small}
    helperText={false}
  />,
];
