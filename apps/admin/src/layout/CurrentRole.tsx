import { Chip } from '@mui/material';
import { useGetIdentity, useTranslate } from 'react-admin';
import type { SiyuIdentity } from '../providers/authProvider';

/** The logged-in person's role beside their name (the user menu shows the name). */
export const CurrentRole = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const role = (identity as SiyuIdentity | undefined)?.role;
  if (!identity || !role) return null;
  const roleLabel = translate(`siyu.roles.${role}`);
  return (
    <Chip
      size="small"
      variant="outlined"
      data-testid="current-role"
      label={roleLabel}
      title={`${translate('siyu.layout.current_user')}: ${identity.fullName ?? ''} · ${roleLabel}`}
      sx={{ mx: 1, color: 'inherit', borderColor: 'currentColor' }}
    />
  );
};
