import { maxValue, minValue, NumberInput, required } from 'react-admin';
import { YuanInput } from '../products/SkuFields';

const label = (name: string) => `resources.shipping-templates.fields.${name}`;
const unitsValidate = [required(), minValue(1), maxValue(1_000_000)];

/** First units and fee, each further step and its fee: pieces or grams, fees in yuan. */
export const ruleInputs = (prefix = '') => [
  <NumberInput
    key="firstUnits"
    source={`${prefix}firstUnits`}
    label={label('firstUnits')}
    min={1}
    step={1}
    validate={unitsValidate}
    helperText={false}
    sx={{ width: 120 }}
  />,
  <YuanInput key="firstFee" source={`${prefix}firstFee`} label={label('firstFee')} isRequired />,
  <NumberInput
    key="additionalUnits"
    source={`${prefix}additionalUnits`}
    label={label('additionalUnits')}
    min={1}
    step={1}
    validate={unitsValidate}
    helperText={false}
    sx={{ width: 120 }}
  />,
  <YuanInput
    key="additionalFee"
    source={`${prefix}additionalFee`}
    label={label('additionalFee')}
    isRequired
  />,
];
