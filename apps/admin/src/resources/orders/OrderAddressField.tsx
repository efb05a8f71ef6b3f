import { Chip } from '@mui/material';
import type { OrderDetail } from '@siyu/shared';
import { useRecordContext, useTranslate } from 'react-admin';

/** The shipping address as the server sent it: masked unless revealed. */
export const OrderAddressField = (_props: { label?: string }) => {
  const record = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  // The list's row stands in for the record until the detail arrives: no address yet.
  if (!record?.address) return null;
  const { name, phone, province, city, district, detail, masked } = record.address;
  return (
    <span data-testid="order-address">
      {`${name} ${phone}，${[province, city, district, detail].filter(Boolean).join(' ')}`}
      {masked ? (
        <Chip size="small" sx={{ ml: 1 }} label={translate('resources.orders.address.masked')} />
      ) : null}
    </span>
  );
};
