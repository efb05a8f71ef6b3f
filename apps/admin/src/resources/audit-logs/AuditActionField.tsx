import { Chip } from '@mui/material';
import type { AuditLogEntry } from '@siyu/shared';
import { useRecordContext, useTranslate } from 'react-admin';

const alarming = new Set(['login_failed', 'lockout', 'forbidden', 'purge']);

export const AuditActionField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<AuditLogEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={alarming.has(record.action) ? 'error' : 'default'}
      label={translate(`resources.audit-logs.action_names.${record.action}`, { _: record.action })}
    />
  );
};

export const ActorRoleField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<AuditLogEntry>();
  const translate = useTranslate();
  if (!record?.actorRole) return null;
  return <>{translate(`siyu.roles.${record.actorRole}`)}</>;
};
