/**
 * 同意: the amount (prefilled with what the customer asked, never above the case's limit) typed
 * in yuan and sent in fen; for a return, where the goods go (prefilled with the shop's return
 * address). Above the approval limit CS's approval is the first of two and the case waits for an
 * admin — the dialog says so before anyone clicks.
 */
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  Button as MuiButton,
  Typography,
} from '@mui/material';
import { type AfterSalesApprove, type AfterSalesDetail, formatFen } from '@siyu/shared';
import { Form, maxLength, required, TextInput, useGetIdentity, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { SiyuIdentity } from '../../../providers/authProvider';
import { fenToYuanText, needsAdminApproval, refundAmountError, yuanTextToFen } from '../amount';
import { useCaseOptions } from '../queries';
import { approveCase } from '../refundApi';
import { useCaseSubmit } from '../useCaseSubmit';

const t = (key: string) => `resources.refunds.approve.${key}`;

type Values = {
  amountYuan: string;
  returnAddress?: { name: string; phone: string; address: string };
  note?: string;
};

export const ApproveDialog = ({ record, onClose }: { record: AfterSalesDetail; onClose: () => void }) => {
  const translate = useTranslate();
  const { data: options } = useCaseOptions();
  const isReturn = record.type === 'return_and_refund';
  const { submit, saving } = useCaseSubmit({
    onClose,
    amountField: 'amountYuan',
    done: (after) =>
      after.approvalStage === 'admin'
        ? { key: t('done_first') }
        : { key: t('done'), values: { status: translate(`resources.refunds.status.${after.status}`) } },
  });

  const onSubmit = (values: Record<string, unknown>) => {
    const { amountYuan, returnAddress, note } = values as Values;
    const amount = yuanTextToFen(amountYuan);
    if (amount === undefined) return undefined;
    const input: AfterSalesApprove = { amount };
    if (isReturn && returnAddress) input.returnAddress = returnAddress;
    if (note?.trim()) input.note = note.trim();
    return submit(() => approveCase(record, input));
  };

  const validAmount = (value: unknown) => refundAmountError(value, record.refundLimit);
  // The form reads its values once: wait for the shop's return address before showing it.
  if (isReturn && !record.returnAddress && !options) return null;
  const titleId = `approve-title-${record.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Form
        onSubmit={onSubmit}
        record={{
          amountYuan: fenToYuanText(record.approvedAmount ?? record.requestedAmount),
          ...(isReturn ? { returnAddress: record.returnAddress ?? options?.returnAddress } : {}),
          note: '',
        }}
        mode="onChange"
      >
        <DialogTitle id={titleId}>{translate(t('title'), { caseNo: record.caseNo })}</DialogTitle>
        <DialogContent>
          {record.approvalStage === 'admin' ? (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate(t('second'), {
                name: record.firstApprovedByName ?? '—',
                amount: formatFen(record.approvedAmount ?? record.requestedAmount),
              })}
            </Alert>
          ) : null}
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate(t('requested'), {
              requested: formatFen(record.requestedAmount),
              limit: formatFen(record.refundLimit),
            })}
          </Typography>
          <TextInput
            source="amountYuan"
            label={t('amount')}
            validate={validAmount}
            helperText={translate(record.includesShipping ? t('amount_help_shipping') : t('amount_help'), {
              limit: formatFen(record.refundLimit),
            })}
            autoComplete="off"
            inputProps={{ inputMode: 'decimal' }}
            fullWidth
          />
          <ApprovalLimitNotice limit={options?.refundApprovalLimit} stage={record.approvalStage} />
          {isReturn ? <ReturnAddressInputs /> : null}
          <TextInput
            source="note"
            label={t('note')}
            validate={maxLength(200)}
            multiline
            minRows={2}
            fullWidth
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" color="success" disabled={saving}>
            {translate(t('confirm'))}
          </MuiButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
};

/** "above ¥500.00 an admin must also approve", louder when this amount is above it and I am not one. */
const ApprovalLimitNotice = ({ limit, stage }: { limit: number | undefined; stage: string }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const amount = yuanTextToFen(useWatch({ name: 'amountYuan' }));
  if (limit === undefined || stage === 'admin') return null;
  const isAdmin = (identity as SiyuIdentity | undefined)?.role === 'admin';
  const above = needsAdminApproval(amount, limit);
  if (!above)
    return (
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {translate(t('limit_hint'), { limit: formatFen(limit) })}
      </Typography>
    );
  return (
    <Alert severity={isAdmin ? 'info' : 'warning'} sx={{ mb: 2 }} data-testid="approval-limit-notice">
      {translate(isAdmin ? t('above_limit_admin') : t('above_limit'), { limit: formatFen(limit) })}
    </Alert>
  );
};

const ReturnAddressInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate(t('return_address'))}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {translate(t('return_address_help'))}
      </Typography>
      <Grid container columnSpacing={2}>
        <Grid size={{ xs: 12, sm: 5 }}>
          <TextInput
            source="returnAddress.name"
            label="resources.refunds.return.name"
            validate={[required(), maxLength(30)]}
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 7 }}>
          <TextInput
            source="returnAddress.phone"
            label="resources.refunds.return.phone"
            validate={[required(), maxLength(20)]}
            fullWidth
          />
        </Grid>
      </Grid>
      <TextInput
        source="returnAddress.address"
        label="resources.refunds.return.address"
        validate={[required(), maxLength(200)]}
        fullWidth
      />
    </>
  );
};
