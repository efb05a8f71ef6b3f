import { Chip } from '@mui/material';
import { formatFen, type Order, type OrderStatus } from '@siyu/shared';
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
