import LockResetIcon from '@mui/icons-material/LockReset';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Button as MuiButton,
} from '@mui/material';
import type { StaffUser, StaffUserResetPassword } from '@siyu/shared';
import { useState } from 'react';
import {
  Button,
  Form,
  PasswordInput,
  required,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';
import { validatePassword } from './validation';

/** Sets a new password for a staff member after a confirmation dialog (admin only). */
export const ResetPasswordButton = () => {
  const record = useRecordContext<StaffUser>();
  const { canAccess } = useCanAccess({ resource: 'staff-users', action: 'reset_password' });
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();

  if (!record || !canAccess) return null;

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      const input: StaffUserResetPassword = { password: String(values.password ?? '') };
      await dataProvider.resetStaffPassword(record.id, input);
      notify('resources.staff-users.reset_password.done', { type: 'success' });
      setOpen(false);
      refresh();
      return undefined;
    } catch (error) {
      const body = (error as { body?: { errors?: Record<string, unknown> } }).body;
      if (body?.errors) return body.errors;
      notify((error as Error).message || 'ra.notification.http_error', { type: 'error' });
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  const titleId = 'reset-password-title';
  return (
    <>
      <Button label="resources.staff-users.actions.reset_password" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="xs">
        <Form onSubmit={submit} record={{}}>
          <DialogTitle id={titleId}>
            {translate('resources.staff-users.reset_password.title', { name: record.displayName })}
          </DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              {translate('resources.staff-users.reset_password.content')}
            </DialogContentText>
            <PasswordInput
              source="password"
              label="resources.staff-users.reset_password.new_password"
              validate={[required(), validatePassword]}
              autoComplete="new-password"
              fullWidth
            />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" color="warning" disabled={saving}>
              {translate('ra.action.confirm')}
            </MuiButton>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
