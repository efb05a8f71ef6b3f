/**
 * 确认收货 of a return (refunds:edit): for each case line, how many units came back sellable
 * (they go back into stock through the stock ledger) and how many damaged (they do not). The
 * two add up to the line's quantity. Goods all sellable start the refund by themselves.
 */
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Button as MuiButton,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { AfterSalesDetail } from '@siyu/shared';
import { Form, maxLength, NumberInput, TextInput, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useCarrierLabel } from '../fields';
import {
  defaultReceiveLines,
  type ReceiveLine,
  receiveInput,
  receiveLineError,
  receiveTotals,
} from '../receiveForm';
import { receiveReturn } from '../refundApi';
import { useCaseSubmit } from '../useCaseSubmit';

const t = (key: string) => `resources.refunds.receive.${key}`;

export const ReceiveDialog = ({ record, onClose }: { record: AfterSalesDetail; onClose: () => void }) => {
  const translate = useTranslate();
  const carrierLabel = useCarrierLabel();
  const { submit, saving } = useCaseSubmit({
    onClose,
    done: (after) => ({
      key: t('done'),
      values: { status: translate(`resources.refunds.status.${after.status}`) },
    }),
  });
  const onSubmit = (values: Record<string, unknown>) => {
    const input = receiveInput(values.lines as ReceiveLine[], values.note as string | undefined);
    if (!input) return undefined;
    return submit(() => receiveReturn(record, input));
  };
  const titleId = `receive-title-${record.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <Form
        onSubmit={onSubmit}
        record={{ lines: defaultReceiveLines(record.items), note: '' }}
        mode="onChange"
      >
        <DialogTitle id={titleId}>{translate(t('title'), { caseNo: record.caseNo })}</DialogTitle>
        <DialogContent>
          {record.returnTrackingNo ? (
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate(t('parcel'), {
                carrier: carrierLabel(record.returnCarrier),
                trackingNo: record.returnTrackingNo,
              })}
            </Typography>
          ) : null}
          <Lines record={record} />
          <Totals />
          <TextInput source="note" label={t('note')} validate={maxLength(200)} fullWidth />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <SubmitButton saving={saving} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};

const Lines = ({ record }: { record: AfterSalesDetail }) => {
  const translate = useTranslate();
  return (
    <TableContainer>
      <Table size="small" aria-label={translate(t('lines'))}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.refunds.item.title')}</TableCell>
            <TableCell>{translate('resources.refunds.item.skuCode')}</TableCell>
            <TableCell align="right">{translate(t('quantity'))}</TableCell>
            <TableCell sx={{ width: 140 }}>{translate(t('sellable'))}</TableCell>
            <TableCell sx={{ width: 200 }}>{translate(t('damaged'))}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {record.items.map((item, index) => (
            <TableRow key={item.id}>
              <TableCell>
                {item.title}
                {item.specValues.length > 0 ? (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {item.specValues.join(' / ')}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell>{item.skuCode}</TableCell>
              <TableCell align="right">{item.quantity}</TableCell>
              <TableCell>
                <NumberInput
                  source={`lines.${index}.sellable`}
                  label={false}
                  inputProps={{ 'aria-label': `${translate(t('sellable'))} ${item.skuCode}` }}
                  min={0}
                  max={item.quantity}
                  step={1}
                  helperText={false}
                  size="small"
                  margin="none"
                />
              </TableCell>
              <TableCell>
                <NumberInput
                  source={`lines.${index}.damaged`}
                  label={false}
                  inputProps={{ 'aria-label': `${translate(t('damaged'))} ${item.skuCode}` }}
                  min={0}
                  max={item.quantity}
                  step={1}
                  helperText={false}
                  size="small"
                  margin="none"
                />
                <LineProblem index={index} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** Read live from both counts, so fixing either clears it. */
const LineProblem = ({ index }: { index: number }) => {
  const translate = useTranslate();
  const line = useWatch({ name: `lines.${index}` }) as ReceiveLine | undefined;
  const problem = line ? receiveLineError(line) : undefined;
  if (!problem) return null;
  return (
    <Typography variant="caption" color="error" role="alert" component="div">
      {translate(problem.message, problem.args)}
    </Typography>
  );
};

const Totals = () => {
  const translate = useTranslate();
  const lines = (useWatch({ name: 'lines' }) ?? []) as ReceiveLine[];
  const totals = receiveTotals(lines);
  return (
    <Alert severity={totals.damaged > 0 ? 'warning' : 'info'} sx={{ my: 2 }} data-testid="receive-summary">
      {translate(totals.damaged > 0 ? t('summary_damaged') : t('summary_sellable'), totals)}
    </Alert>
  );
};

const SubmitButton = ({ saving }: { saving: boolean }) => {
  const translate = useTranslate();
  const lines = (useWatch({ name: 'lines' }) ?? []) as ReceiveLine[];
  return (
    <MuiButton type="submit" variant="contained" disabled={saving || receiveInput(lines) === undefined}>
      {translate(t('confirm'))}
    </MuiButton>
  );
};
