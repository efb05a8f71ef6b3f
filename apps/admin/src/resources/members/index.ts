import PersonIcon from '@mui/icons-material/Person';
import type { Member } from '@siyu/shared';
import { lazy } from 'react';

/** Read-only for now: members come from the storefront's orders. */
export default {
  list: lazy(() => import('./MemberList')),
  icon: PersonIcon,
  recordRepresentation: (record: Member) => record.nickname ?? record.openid,
};
