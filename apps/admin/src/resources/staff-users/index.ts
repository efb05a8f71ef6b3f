import PeopleIcon from '@mui/icons-material/People';
import type { StaffUser } from '@siyu/shared';
import { lazy } from 'react';

/** Each view is its own chunk; the entry only carries the icon and the record's name. */
export default {
  list: lazy(() => import('./StaffUserList')),
  create: lazy(() => import('./StaffUserCreate')),
  edit: lazy(() => import('./StaffUserEdit')),
  icon: PeopleIcon,
  recordRepresentation: (record: StaffUser) => `${record.displayName} (${record.username})`,
};
