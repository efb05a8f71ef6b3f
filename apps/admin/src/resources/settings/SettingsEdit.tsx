import { Typography } from '@mui/material';
import { SHOP_SETTINGS_ID } from '@siyu/shared';
import {
  Edit,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  number,
  required,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  useNotify,
  useTranslate,
} from 'react-admin';
import { basisPointsToPercentText, percentToBasisPoints } from './percent';
import { validateBasisPoints, validateTimeZone } from './validation';

const Section = ({ label }: { label: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
      {translate(label)}
    </Typography>
  );
};

const SettingsToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const int = (min: number, max: number) => [required(), number(), minValue(min), maxValue(max)];

/**
 * The single settings record. Pessimistic: on a 409 (someone saved first) the form keeps what
 * was typed and the notification says to reload (siyu.errors.VERSION_CONFLICT).
 */
const SettingsEdit = () => {
  const translate = useTranslate();
  const notify = useNotify();
  return (
    <Edit
      id={SHOP_SETTINGS_ID}
      resource="settings"
      mutationMode="pessimistic"
      redirect={false}
      title={translate('resources.settings.name', { smart_count: 1 })}
      actions={false}
      mutationOptions={{ onSuccess: () => notify('resources.settings.messages.saved', { type: 'success' }) }}
    >
      <SimpleForm toolbar={<SettingsToolbar />} sx={{ maxWidth: 560 }}>
        <Section label="resources.settings.sections.general" />
        <TextInput source="shopName" validate={[required(), maxLength(60)]} fullWidth />
        <TextInput
          source="timeZone"
          validate={[required(), validateTimeZone]}
          helperText="resources.settings.helpers.timeZone"
          fullWidth
        />
        <Section label="resources.settings.sections.orders" />
        <NumberInput source="orderAutoCloseMinutes" validate={int(5, 10_080)} step={1} fullWidth />
        <NumberInput source="autoConfirmDays" validate={int(1, 60)} step={1} fullWidth />
        <NumberInput source="refundWindowDays" validate={int(0, 90)} step={1} fullWidth />
        <NumberInput source="csSlaHours" validate={int(1, 168)} step={1} fullWidth />
        <Section label="resources.settings.sections.kpi" />
        <NumberInput
          source="kpiConversionAlertBp"
          format={basisPointsToPercentText}
          parse={percentToBasisPoints}
          validate={[required(), validateBasisPoints]}
          helperText="resources.settings.helpers.percent"
          step={0.01}
          fullWidth
        />
        <NumberInput
          source="kpiRepurchase7dAlertBp"
          format={basisPointsToPercentText}
          parse={percentToBasisPoints}
          validate={[required(), validateBasisPoints]}
          helperText="resources.settings.helpers.percent"
          step={0.01}
          fullWidth
        />
      </SimpleForm>
    </Edit>
  );
};

export default SettingsEdit;
