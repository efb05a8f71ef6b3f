import { Chip } from '@mui/material';
import type { OrderAddress, OrderDetail } from '@siyu/shared';
import { useRecordContext, useTranslate } from 'react-admin';

/** The shipping address as the server sent it: masked, unless `revealed` holds the full one. */
export const OrderAddressField = ({ revealed }: { label?: string; revealed?: OrderAddress | undefined }) => {
  const record = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  // The list's row stands in for the record until the detail arrives: no address yet.
  const address = revealed ?? record?.address;
  if (!address) return null;
  const { name, phone, province, city, district, detail, masked } = address;
  return (
    <span data-testid="order-address">
      {`${name} ${phone}，${[province, city, district, detail].filter(Boolean).join(' ')}`}
      <Chip
        size="small"
        sx={{ ml: 1 }}
        color={masked ? 'default' : 'warning'}
        label={translate(masked ? 'resources.orders.address.masked' : 'resources.orders.address.revealed')}
      />
    </span>
  );
};
