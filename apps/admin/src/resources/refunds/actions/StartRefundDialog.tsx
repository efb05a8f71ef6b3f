/**
 * 发起退款 of returned goods (refunds:approve): the amount — the approved one unless some units
 * came back damaged and CS refunds less — in yuan, sent in fen. Money leaves the shop, so the
 * dialog is the confirmation and says exactly how much goes where.
 */
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton } from '@mui/material';
import { type AfterSalesDetail, formatFen } from '@siyu/shared';
import { Form, TextInput, useTranslate } from 'react-admin';
import { fenToYuanText, refundAmountError, yuanTextToFen } from '../amount';
import { startRefund } from '../refundApi';
import { useCaseSubmit } from '../useCaseSubmit';

const t = (key: string) => `resources.refunds.start_refund.${key}`;

export const StartRefundDialog = ({ record, onClose }: { record: AfterSalesDetail; onClose: () => void }) => {
  const translate = useTranslate();
  const { submit, saving } = useCaseSubmit({
    onClose,
    amountField: 'amountYuan',
    done: (after) => ({
      key: t('done'),
      values: { status: translate(`resources.refunds.status.${after.status}`) },
    }),
  });
  const onSubmit = (values: Record<string, unknown>) => {
    const amount = yuanTextToFen(values.amountYuan);
    if (amount === undefined) return undefined;
    return submit(() => startRefund(record, { amount }));
  };
  const damaged = record.items.reduce((sum, item) => sum + (item.damagedQuantity ?? 0), 0);
  const titleId = `start-refund-title-${record.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Form
        onSubmit={onSubmit}
        record={{ amountYuan: fenToYuanText(record.approvedAmount ?? record.requestedAmount) }}
        mode="onChange"
      >
        <DialogTitle id={titleId}>{translate(t('title'), { caseNo: record.caseNo })}</DialogTitle>
        <DialogContent>
          {damaged > 0 ? (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {translate(t('damaged'), { smart_count: damaged })}
            </Alert>
          ) : null}
          <TextInput
            source="amountYuan"
            label={t('amount')}
            validate={(value: unknown) => refundAmountError(value, record.refundLimit)}
            helperText={translate(t('amount_help'), { limit: formatFen(record.refundLimit) })}
            autoComplete="off"
            inputProps={{ inputMode: 'decimal' }}
            fullWidth
          />
          <Alert severity="info">{translate(t('explain'))}</Alert>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={saving}>
            {translate(t('confirm'))}
          </MuiButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
