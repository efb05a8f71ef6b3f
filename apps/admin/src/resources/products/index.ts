import Inventory2Icon from '@mui/icons-material/Inventory2';
import type { Product } from '@siyu/shared';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./ProductList')),
  show: lazy(() => import('./ProductShow')),
  create: lazy(() => import('./ProductCreate')),
  edit: lazy(() => import('./ProductEdit')),
  icon: Inventory2Icon,
  recordRepresentation: (record: Product) => record.title,
};
