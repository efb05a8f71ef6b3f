import { Stack, Typography } from '@mui/material';
import {
  ArrayInput,
  maxLength,
  RadioButtonGroupInput,
  required,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  type Toolbar,
  useTranslate,
} from 'react-admin';
import { YuanInput } from '../products/SkuFields';
import { ProvincesInput } from './ProvincesInput';
import { ruleInputs } from './RuleInputs';

const label = (name: string) => `resources.shipping-templates.fields.${name}`;
const chargeChoices = [
  { id: 'piece', name: 'resources.shipping-templates.charge_by.piece' },
  { id: 'weight', name: 'resources.shipping-templates.charge_by.weight' },
];

/** The whole template on one form: the server checks the province lists do not clash. */
export const TemplateForm = (props: {
  defaultValues?: Record<string, unknown>;
  toolbar?: React.ReactElement<typeof Toolbar>;
}) => {
  const translate = useTranslate();
  return (
    <SimpleForm {...props}>
      <TextInput source="name" validate={[required(), maxLength(40)]} />
      <RadioButtonGroupInput
        source="chargeBy"
        choices={chargeChoices}
        validate={required()}
        helperText="resources.shipping-templates.helpers.weight_units"
      />
      <Typography variant="h6">{translate('resources.shipping-templates.sections.default_rule')}</Typography>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {ruleInputs('defaultRule.')}
      </Stack>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('resources.shipping-templates.sections.region_rules')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('resources.shipping-templates.helpers.region_rules')}
      </Typography>
      <ArrayInput source="regionRules" label={false}>
        <SimpleFormIterator inline disableReordering>
          <ProvincesInput
            source="provinces"
            label={label('provinces')}
            validate={required()}
            helperText={false}
          />
          {ruleInputs()}
        </SimpleFormIterator>
      </ArrayInput>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('resources.shipping-templates.sections.extras')}
      </Typography>
      <YuanInput source="freeShippingThreshold" label={label('freeShippingThreshold')} />
      <Typography variant="caption" color="text.secondary">
        {translate('resources.shipping-templates.helpers.free_threshold')}
      </Typography>
      <ProvincesInput source="remoteProvinces" label={label('remoteProvinces')} />
      <YuanInput source="remoteSurcharge" label={label('remoteSurcharge')} />
      <ProvincesInput source="undeliverableProvinces" label={label('undeliverableProvinces')} />
    </SimpleForm>
  );
};
