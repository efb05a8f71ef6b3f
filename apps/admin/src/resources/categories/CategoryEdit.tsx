import {
  BooleanInput,
  Edit,
  maxLength,
  NumberInput,
  required,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
} from 'react-admin';

/** Deleting is done from the tree, with its confirmation and the server's refusal shown. */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** Name, order among siblings and enabled; the parent is fixed once created. Pessimistic: 409 lands here. */
const CategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm toolbar={<EditToolbar />}>
      <TextInput source="name" validate={[required(), maxLength(30)]} />
      <NumberInput source="sortOrder" min={0} step={1} helperText="resources.categories.helpers.sortOrder" />
      <BooleanInput source="enabled" />
    </SimpleForm>
  </Edit>
);

export default CategoryEdit;
