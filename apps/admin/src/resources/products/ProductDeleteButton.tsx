import { isDeletableStatus, type ProductDetail } from '@siyu/shared';
import { DeleteWithConfirmButton, useCanAccess, useRecordContext } from 'react-admin';

/**
 * Shown only where the server would allow it: a draft or rejected product, to a role that may
 * delete products. The server still refuses one with order history (its message is notified).
 */
export const ProductDeleteButton = () => {
  const record = useRecordContext<ProductDetail>();
  const { canAccess } = useCanAccess({ resource: 'products', action: 'delete' });
  if (!record || !canAccess || !isDeletableStatus(record.status)) return null;
  return (
    <DeleteWithConfirmButton
      mutationMode="pessimistic"
      redirect="list"
      confirmTitle="resources.products.edit.delete_title"
      confirmContent="resources.products.edit.delete_content"
      titleTranslateOptions={{ title: record.title }}
      successMessage="resources.products.edit.deleted"
    />
  );
};
