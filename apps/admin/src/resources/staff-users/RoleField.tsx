import { Chip } from '@mui/material';
import type { StaffUser } from '@siyu/shared';
import { useRecordContext, useTranslate } from 'react-admin';

const colors = {
  admin: 'error',
  operator: 'primary',
  customer_service: 'success',
  manager: 'warning',
} as const;

export const RoleField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<StaffUser>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={colors[record.role]}
      label={translate(`siyu.roles.${record.role}`)}
    />
  );
};
