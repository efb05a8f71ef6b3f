import {
  BooleanInput,
  Edit,
  ListButton,
  maxLength,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
} from 'react-admin';
import { ResetPasswordButton } from './ResetPasswordButton';
import { roleChoices } from './roles';
import { ToggleDisabledButton } from './ToggleDisabledButton';
import { validatePhone } from './validation';

const EditActions = () => (
  <TopToolbar>
    <ResetPasswordButton />
    <ToggleDisabledButton />
    <ListButton />
  </TopToolbar>
);

/** No delete: staff accounts are disabled, never removed (their audit trail stays readable). */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const StaffUserEdit = () => (
  <Edit mutationMode="pessimistic" actions={<EditActions />}>
    <SimpleForm toolbar={<EditToolbar />}>
      <TextInput source="username" readOnly />
      <TextInput source="displayName" validate={[required(), maxLength(50)]} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <TextInput source="phone" validate={validatePhone} helperText="resources.staff-users.helpers.phone" />
      <BooleanInput source="disabled" />
    </SimpleForm>
  </Edit>
);

export default StaffUserEdit;
