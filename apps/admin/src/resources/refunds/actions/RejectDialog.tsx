/**
 * 拒绝: the reason the customer will read — picked from the shop's templates and edited, or
 * written out. Ends the case without a refund, so it asks once more in its own words.
 */
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Button as MuiButton,
  TextField as MuiTextField,
} from '@mui/material';
import type { AfterSalesDetail } from '@siyu/shared';
import { useState } from 'react';
import { Form, maxLength, required, TextInput, useTranslate } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { useCaseOptions } from '../queries';
import { rejectCase } from '../refundApi';
import { useCaseSubmit } from '../useCaseSubmit';

const t = (key: string) => `resources.refunds.reject.${key}`;

export const RejectDialog = ({ record, onClose }: { record: AfterSalesDetail; onClose: () => void }) => {
  const translate = useTranslate();
  const { submit, saving } = useCaseSubmit({ onClose, done: () => ({ key: t('done') }) });
  const onSubmit = (values: Record<string, unknown>) =>
    submit(() => rejectCase(record, { reason: String(values.reason ?? '').trim() }));
  const titleId = `reject-title-${record.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Form onSubmit={onSubmit} record={{ reason: '' }}>
        <DialogTitle id={titleId}>{translate(t('title'), { caseNo: record.caseNo })}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate(t('warning'))}
          </Alert>
          <TemplatePicker />
          <TextInput
            source="reason"
            label={t('reason')}
            helperText={t('reason_help')}
            validate={[required(), maxLength(200)]}
            multiline
            minRows={3}
            fullWidth
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" color="error" disabled={saving}>
            {translate(t('confirm'))}
          </MuiButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
};

/** Choosing a template writes it into the reason, where it can still be edited. */
const TemplatePicker = () => {
  const translate = useTranslate();
  const { data: options } = useCaseOptions();
  const { setValue } = useFormContext();
  const [picked, setPicked] = useState('');
  const templates = options?.rejectReasonTemplates ?? [];
  if (templates.length === 0) return null;
  return (
    <MuiTextField
      select
      label={translate(t('template'))}
      value={picked}
      onChange={(event) => {
        setPicked(event.target.value);
        setValue('reason', event.target.value, { shouldDirty: true, shouldValidate: true });
      }}
      fullWidth
      size="small"
      sx={{ mb: 2 }}
      slotProps={{ select: { 'data-testid': 'reject-template' } as object }}
    >
      {templates.map((template) => (
        <MenuItem key={template} value={template}>
          {template}
        </MenuItem>
      ))}
    </MuiTextField>
  );
};
