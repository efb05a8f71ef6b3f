import HistoryIcon from '@mui/icons-material/History';
import type { AuditLogEntry } from '@siyu/shared';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./AuditLogList')),
  show: lazy(() => import('./AuditLogShow')),
  icon: HistoryIcon,
  recordRepresentation: (record: AuditLogEntry) => `#${record.id}`,
};
