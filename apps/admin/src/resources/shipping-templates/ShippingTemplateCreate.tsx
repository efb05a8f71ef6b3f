import { Create } from 'react-admin';
import { TemplateForm } from './TemplateForm';
import { emptyTemplate, toTemplateInput } from './templateInput';

/** Pessimistic by nature (create): the server's field errors land inline. */
const ShippingTemplateCreate = () => (
  <Create redirect="list" transform={toTemplateInput}>
    <TemplateForm defaultValues={emptyTemplate} />
  </Create>
);

export default ShippingTemplateCreate;
