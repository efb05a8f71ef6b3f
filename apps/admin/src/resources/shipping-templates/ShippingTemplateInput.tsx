import { AutocompleteInput, ReferenceInput } from 'react-admin';

/** A product's shipping template, picked by name; empty means the product ships free. */
export const ShippingTemplateInput = () => (
  <ReferenceInput
    source="shippingTemplateId"
    reference="shipping-templates"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput
      label="resources.shipping-templates.product_field"
      optionText="name"
      filterToQuery={(q: string) => ({ q })}
      helperText="resources.shipping-templates.helpers.no_template"
      parse={(value: unknown) => (value === '' || value === undefined ? null : value)}
      sx={{ minWidth: 280 }}
    />
  </ReferenceInput>
);
