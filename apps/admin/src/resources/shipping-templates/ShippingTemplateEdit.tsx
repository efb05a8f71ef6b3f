import { DeleteWithConfirmButton, Edit, SaveButton, Toolbar } from 'react-admin';
import { TemplateForm } from './TemplateForm';
import { toTemplateInput } from './templateInput';

/** The server refuses deleting a template products use (409, shown as a notification). */
const EditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteWithConfirmButton mutationMode="pessimistic" />
  </Toolbar>
);

/** Pessimistic: field errors land inline, a 409 keeps what was typed. */
const ShippingTemplateEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={toTemplateInput}>
    <TemplateForm toolbar={<EditToolbar />} />
  </Edit>
);

export default ShippingTemplateEdit;
