import { Chip } from '@mui/material';
import { formatFen, type Order, type OrderStatus, type ShippingInfoSyncState } from '@siyu/shared';
import { useRecordContext, useTranslate } from 'react-admin';

const statusColors: Record<OrderStatus, 'default' | 'warning' | 'success' | 'info' | 'primary' | 'error'> = {
  pending_payment: 'warning',
  paid: 'primary',
  partially_shipped: 'info',
  shipped: 'info',
  completed: 'success',
  cancelled: 'default',
  closed: 'error',
};

export const OrderStatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Order>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      data-testid="order-status"
      color={statusColors[record.status]}
      label={translate(`resources.orders.status.${record.status}`)}
    />
  );
};

/** An amount in fen shown as ¥1,234.50. */
export const MoneyField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const value = record?.[source];
  return <span>{typeof value === 'number' ? formatFen(value) : '—'}</span>;
};

/** The buyer as the list shows them: nickname and the phone, masked by the server. */
export const BuyerField = (_props: { label?: string }) => {
  const record = useRecordContext<Order>();
  if (!record) return null;
  const parts = [record.buyerNickname, record.buyerPhone].filter(Boolean);
  return <span>{parts.length > 0 ? parts.join(' · ') : '—'}</span>;
};

const syncColors: Record<ShippingInfoSyncState, 'default' | 'warning' | 'success' | 'error'> = {
  not_required: 'default',
  pending: 'warning',
  synced: 'success',
  failed: 'error',
};

/** Whether the order's parcels have reached the mini-program platform (发货信息录入). */
export const ShippingInfoSyncField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Order>();
  const translate = useTranslate();
  if (!record?.shippingInfoSync) return null;
  if (record.shippingInfoSync === 'not_required') return <span>—</span>;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={syncColors[record.shippingInfoSync]}
      label={translate(`resources.orders.sync.${record.shippingInfoSync}`)}
    />
  );
};
