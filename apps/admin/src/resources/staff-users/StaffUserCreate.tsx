import { PASSWORD_MIN_LENGTH } from '@siyu/shared';
import {
  Create,
  maxLength,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from 'react-admin';
import { roleChoices } from './roles';
import { validatePassword, validatePhone, validateUsername } from './validation';

// A stable object: react-admin resets the form when its defaultValues change identity, which
// would wipe what the admin already typed on any re-render.
const defaultValues = { role: 'operator' };

const StaffUserCreate = () => {
  const translate = useTranslate();
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={defaultValues}>
        <TextInput
          source="username"
          validate={[required(), validateUsername]}
          helperText="resources.staff-users.helpers.username"
          autoComplete="off"
        />
        <TextInput source="displayName" validate={[required(), maxLength(50)]} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <TextInput source="phone" validate={validatePhone} helperText="resources.staff-users.helpers.phone" />
        <PasswordInput
          source="password"
          validate={[required(), validatePassword]}
          autoComplete="new-password"
          helperText={translate('resources.staff-users.helpers.password', { min: PASSWORD_MIN_LENGTH })}
        />
      </SimpleForm>
    </Create>
  );
};

export default StaffUserCreate;
