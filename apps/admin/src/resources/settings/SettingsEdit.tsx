import { Typography } from '@mui/material';
import { SHOP_SETTINGS_ID } from '@siyu/shared';
import {
  ArrayInput,
  BooleanInput,
  Edit,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  number,
  required,
  SaveButton,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  useNotify,
  useTranslate,
} from 'react-admin';
import {
  formatYuanSetting,
  settingsToSave,
  validateReasonCode,
  validateReasonList,
  validateReturnPhone,
  validateYuanSetting,
} from './afterSales';
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

const yuan = [required(), validateYuanSetting];

/** 售后: timers, the two amount limits (yuan on screen, fen stored), reasons, templates, address. */
const AfterSalesSettings = () => (
  <>
    <Section label="resources.settings.sections.after_sales" />
    <NumberInput source="refundAutoApproveHours" validate={int(1, 168)} step={1} fullWidth />
    <NumberInput source="returnShipDays" validate={int(1, 30)} step={1} fullWidth />
    <TextInput
      source="refundApprovalLimit"
      format={formatYuanSetting}
      validate={yuan}
      helperText="resources.settings.helpers.refundApprovalLimit"
      inputProps={{ inputMode: 'decimal' }}
      fullWidth
    />
    <TextInput
      source="bulkApproveMaxAmount"
      format={formatYuanSetting}
      validate={yuan}
      helperText="resources.settings.helpers.bulkApproveMaxAmount"
      inputProps={{ inputMode: 'decimal' }}
      fullWidth
    />
    <ArrayInput
      source="afterSalesReasons"
      validate={validateReasonList}
      helperText="resources.settings.helpers.afterSalesReasons"
    >
      <SimpleFormIterator inline disableReordering={false}>
        <TextInput
          source="code"
          label="resources.settings.fields.reason_code"
          validate={[required(), validateReasonCode]}
          helperText={false}
          sx={{ width: 200 }}
        />
        <TextInput
          source="label"
          label="resources.settings.fields.reason_label"
          validate={[required(), maxLength(30)]}
          helperText={false}
          sx={{ width: 220 }}
        />
        <BooleanInput
          source="noReason"
          label="resources.settings.fields.reason_no_reason"
          defaultValue={false}
          helperText={false}
        />
      </SimpleFormIterator>
    </ArrayInput>
    <ArrayInput source="rejectReasonTemplates" helperText="resources.settings.helpers.rejectReasonTemplates">
      <SimpleFormIterator disableReordering={false}>
        <TextInput
          source=""
          label="resources.settings.fields.reject_template"
          validate={[required(), maxLength(200)]}
          helperText={false}
          fullWidth
        />
      </SimpleFormIterator>
    </ArrayInput>
    <Section label="resources.settings.sections.return_address" />
    <TextInput source="returnAddress.name" validate={[required(), maxLength(30)]} fullWidth />
    <TextInput source="returnAddress.phone" validate={[required(), validateReturnPhone]} fullWidth />
    <TextInput source="returnAddress.address" validate={[required(), maxLength(200)]} multiline fullWidth />
  </>
);

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
      transform={settingsToSave}
    >
      <SimpleForm toolbar={<SettingsToolbar />} sx={{ maxWidth: 760 }}>
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
        <AfterSalesSettings />
      </SimpleForm>
    </Edit>
  );
};

export default SettingsEdit;
