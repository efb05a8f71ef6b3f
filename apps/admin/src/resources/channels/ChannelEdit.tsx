import {
  BooleanInput,
  Edit,
  ListButton,
  maxLength,
  required,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
} from 'react-admin';
import { RotateSecretButton } from './RotateSecretButton';

const EditActions = () => (
  <TopToolbar>
    <RotateSecretButton />
    <ListButton />
  </TopToolbar>
);

/** No delete: a channel's orders and members keep pointing at it; disable it instead. */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const ChannelEdit = () => (
  <Edit mutationMode="pessimistic" actions={<EditActions />}>
    <SimpleForm toolbar={<EditToolbar />}>
      <TextInput source="key" readOnly helperText={false} />
      <TextInput source="name" validate={[required(), maxLength(50)]} />
      <BooleanInput source="enabled" helperText="resources.channels.helpers.enabled" />
    </SimpleForm>
  </Edit>
);

export default ChannelEdit;
