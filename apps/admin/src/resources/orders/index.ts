import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import type { Order } from '@siyu/shared';
import { lazy } from 'react';

/** Read-only for now: orders are placed and paid through the storefront channel. */
export default {
  list: lazy(() => import('./OrderList')),
  show: lazy(() => import('./OrderShow')),
  icon: ReceiptLongIcon,
  recordRepresentation: (record: Order) => record.orderNo,
};
