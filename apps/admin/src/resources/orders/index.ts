import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import type { Order } from '@siyu/shared';
import { lazy } from 'react';

/** Orders are placed and paid through the storefront channel; the desk ships them, notes and fixes them. */
export default {
  list: lazy(() => import('./OrderList')),
  show: lazy(() => import('./OrderShow')),
  icon: ShoppingCartIcon,
  recordRepresentation: (record: Order) => record.orderNo,
};
