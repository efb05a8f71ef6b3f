import StorefrontIcon from '@mui/icons-material/Storefront';
import type { Settings } from '@siyu/shared';
import { lazy } from 'react';

/** One record (id "shop"): the list route only forwards to its edit view. */
export default {
  list: lazy(() => import('./SettingsRedirect')),
  edit: lazy(() => import('./SettingsEdit')),
  icon: StorefrontIcon,
  recordRepresentation: (record: Settings) => record.shopName,
};
