import TuneIcon from '@mui/icons-material/Tune';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Button as MuiButton,
} from '@mui/material';
import type { Sku, StockAdjustment } from '@siyu/shared';
import { useState } from 'react';
import {
  Button,
  Form,
  maxLength,
  NumberInput,
  required,
  TextInput,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';
import { errorCodeOf } from '../../providers/httpError';

const notZero = (value: unknown) =>
  value === 0 || (typeof value === 'number' && !Number.isInteger(value))
    ? 'resources.products.stock.delta_invalid'
    : undefined;

/** Changes one SKU's stock by a delta (never an absolute value), with a note; a ledger line is written. */
export const StockAdjustButton = () => {
  const sku = useRecordContext<Sku>();
  const { canAccess } = useCanAccess({ resource: 'stock', action: 'adjust' });
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  if (!sku || !canAccess) return null;

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      const note = String(values.note ?? '').trim();
      const input: StockAdjustment = { delta: Number(values.delta), reason: 'manual_adjust' };
      if (note) input.note = note;
      const { data } = await dataProvider.adjustStock(sku.id, input);
      notify('resources.products.stock.done', { type: 'success', messageArgs: { stock: data.stockAfter } });
      setOpen(false);
      refresh();
      return undefined;
    } catch (error) {
      if (errorCodeOf(error) === 'INSUFFICIENT_STOCK')
        return { delta: translate('resources.products.stock.insufficient', { stock: sku.stock }) };
      const body = (error as { body?: { errors?: Record<string, unknown> } }).body;
      if (body?.errors) return body.errors;
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  const titleId = `stock-adjust-${sku.id}`;
  return (
    <>
      <Button label="resources.products.stock.adjust" onClick={() => setOpen(true)}>
        <TuneIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="xs">
        <Form onSubmit={submit} record={{}}>
          <DialogTitle id={titleId}>
            {translate('resources.products.stock.title', { code: sku.code })}
          </DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              {translate('resources.products.stock.content', { stock: sku.stock })}
            </DialogContentText>
            <NumberInput
              source="delta"
              label="resources.products.stock.delta"
              helperText="resources.products.stock.delta_help"
              validate={[required(), notZero]}
              step={1}
              fullWidth
            />
            <TextInput
              source="note"
              label="resources.products.stock.note"
              validate={maxLength(200)}
              fullWidth
            />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" disabled={saving}>
              {translate('ra.action.confirm')}
            </MuiButton>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
