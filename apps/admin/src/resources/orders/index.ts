import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import type { Order } from '@siyu/shared';
import { lazy } from 'react';

/** Read-only for now: orders are placed and paid through the storefront channel. */
export default {
  list: lazy(() => import('./OrderList')),
  show: lazy(() => import('./OrderShow')),
  icon: ShoppingCartIcon,
  recordRepresentation: (record: Order) => record.orderNo,
};
