import AccountTreeIcon from '@mui/icons-material/AccountTree';
import type { Category } from '@siyu/shared';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./CategoryList')),
  create: lazy(() => import('./CategoryCreate')),
  edit: lazy(() => import('./CategoryEdit')),
  icon: AccountTreeIcon,
  recordRepresentation: (record: Category) => record.path.join(' › '),
};
