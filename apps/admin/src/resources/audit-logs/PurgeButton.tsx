import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Button as MuiButton,
} from '@mui/material';
import { AUDIT_MIN_RETENTION_DAYS, type AuditPurgeInput } from '@siyu/shared';
import { useState } from 'react';
import {
  Button,
  Form,
  maxValue,
  minValue,
  NumberInput,
  number,
  required,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';

const validateDays = [
  required(),
  number(),
  minValue(AUDIT_MIN_RETENTION_DAYS, 'resources.audit-logs.purge.min'),
  maxValue(3650),
];

/** "Purge entries older than N days (≥ 180)": admin only, after a confirmation dialog. */
export const PurgeButton = () => {
  const { canAccess } = useCanAccess({ resource: 'audit-logs', action: 'purge' });
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();

  if (!canAccess) return null;

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      const input: AuditPurgeInput = { olderThanDays: Number(values.olderThanDays) };
      const { data } = await dataProvider.purgeAuditLogs(input);
      notify('resources.audit-logs.purge.done', {
        type: 'success',
        messageArgs: { smart_count: data.deleted },
      });
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

  const titleId = 'purge-audit-title';
  return (
    <>
      <Button label="resources.audit-logs.purge.button" color="error" onClick={() => setOpen(true)}>
        <DeleteSweepIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="xs">
        <Form onSubmit={submit} record={{ olderThanDays: 365 }}>
          <DialogTitle id={titleId}>{translate('resources.audit-logs.purge.title')}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              {translate('resources.audit-logs.purge.content', { min: AUDIT_MIN_RETENTION_DAYS })}
            </DialogContentText>
            <NumberInput
              source="olderThanDays"
              label="resources.audit-logs.purge.days"
              validate={validateDays}
              step={1}
              fullWidth
            />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" color="error" disabled={saving}>
              {translate('resources.audit-logs.purge.confirm')}
            </MuiButton>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
