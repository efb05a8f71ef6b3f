/**
 * 发货: one parcel of a paid or partly shipped order (orders:ship). The operator picks the
 * carrier, types its tracking number (checked in the browser against that carrier's format)
 * and the units of each line in this parcel (all that is left by default; 0 keeps a line for
 * another parcel). Sent with the order's version, so a parcel is never built on a stale page.
 */
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  Button as MuiButton,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  availableOrderTransitions,
  type Carrier,
  carrierCodes,
  carriers,
  nextOrderStatus,
  type OrderDetail,
  shippingTransition,
} from '@siyu/shared';
import { useState } from 'react';
import {
  Button,
  Form,
  NumberInput,
  required,
  SelectInput,
  TextInput,
  useGetIdentity,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { SiyuIdentity } from '../../providers/authProvider';
import { errorCodeOf } from '../../providers/httpError';
import { shipOrder } from './orderApi';
import { errorKey, fieldErrors, isStaleOrder } from './orderErrors';
import {
  defaultParcel,
  type LineLeft,
  linesLeft,
  type ParcelLine,
  parcelItems,
  parcelUnits,
  trackingNoFits,
} from './shipmentForm';

const t = (key: string) => `resources.orders.ship.${key}`;

/** The carrier's name in the console's language. */
export const useCarrierName = () => {
  const [locale] = useLocaleState();
  return (carrier: Carrier) => (locale === 'en' ? carriers[carrier].nameEn : carriers[carrier].nameZh);
};

/** Whether this person may ship this order now: the status allows it and the role has orders:ship. */
export const useMayShip = (order: OrderDetail | undefined) => {
  const { identity } = useGetIdentity();
  const role = (identity as SiyuIdentity | undefined)?.role;
  if (!order || !role) return false;
  return availableOrderTransitions(order.status, { kind: 'staff', role }).some(
    (transition) => transition === 'ship' || transition === 'ship_partially',
  );
};

type ShipValues = { carrier?: Carrier; trackingNo?: string; lines: ParcelLine[] };

export const ShipButton = () => {
  const order = useRecordContext<OrderDetail>();
  const mayShip = useMayShip(order);
  const [open, setOpen] = useState(false);
  // The list's row stands in for the record until the detail (with items) arrives.
  if (!order?.items || !mayShip) return null;
  return (
    <>
      <Button label={t('action')} onClick={() => setOpen(true)} variant="contained">
        <LocalShippingIcon />
      </Button>
      {open ? <ShipDialog order={order} onClose={() => setOpen(false)} /> : null}
    </>
  );
};

/** Stale page: the order changed under us. Say so and offer the reload. */
type Trouble = { message: string; reload: boolean };

const ShipDialog = ({ order, onClose }: { order: OrderDetail; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [saving, setSaving] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | undefined>();
  const lines = linesLeft(order.items);

  const submit = async (values: Record<string, unknown>) => {
    const { carrier, trackingNo, lines: parcel } = values as ShipValues;
    if (!carrier || parcelUnits(parcel) < 1) return undefined;
    setSaving(true);
    setTrouble(undefined);
    try {
      const after = await shipOrder(order, {
        carrier,
        trackingNo: trackingNo ?? '',
        items: parcelItems(parcel),
      });
      notify(t('done'), {
        type: 'success',
        messageArgs: { status: translate(`resources.orders.status.${after.status}`) },
      });
      onClose();
      refresh();
      return undefined;
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'TRACKING_NO_TAKEN') return { trackingNo: translate(t('tracking_taken')) };
      if (code === 'SHIPMENT_EXCEEDS_ORDER') setTrouble({ message: t('exceeds'), reload: true });
      else if (code === 'VERSION_CONFLICT') setTrouble({ message: t('conflict'), reload: true });
      else if (isStaleOrder(error)) setTrouble({ message: t('illegal'), reload: true });
      else {
        const fields = fieldErrors(error);
        if (fields?.trackingNo) return { trackingNo: fields.trackingNo };
        setTrouble({ message: errorKey(error), reload: false });
      }
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  const titleId = `ship-title-${order.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <Form
        onSubmit={submit}
        record={{ lines: defaultParcel(lines) }}
        mode="onBlur"
        reValidateMode="onChange"
      >
        <DialogTitle id={titleId}>{translate(t('title'), { orderNo: order.orderNo })}</DialogTitle>
        <DialogContent>
          <CarrierAndNumber />
          <ParcelLines lines={lines} />
          <ParcelSummary order={order} />
          {trouble ? (
            <Alert
              severity="error"
              role="alert"
              sx={{ mt: 2 }}
              action={
                trouble.reload ? (
                  <MuiButton
                    color="inherit"
                    size="small"
                    onClick={() => {
                      onClose();
                      refresh();
                    }}
                  >
                    {translate(t('reload'))}
                  </MuiButton>
                ) : undefined
              }
            >
              {translate(trouble.message)}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <SubmitButton saving={saving} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};

const CarrierAndNumber = () => {
  const translate = useTranslate();
  const carrierName = useCarrierName();
  const carrier = useWatch({ name: 'carrier' }) as Carrier | undefined;
  const choices = carrierCodes.map((code) => ({ id: code, name: carrierName(code) }));
  const trackingValid = (value: unknown, all: Record<string, unknown>) => {
    const chosen = all.carrier as Carrier | undefined;
    if (typeof value !== 'string' || value.trim() === '' || !chosen) return undefined;
    return trackingNoFits(chosen, value)
      ? undefined
      : translate(t('tracking_invalid'), { carrier: carrierName(chosen), example: carriers[chosen].example });
  };
  return (
    <Grid container columnSpacing={2} sx={{ mt: 1 }}>
      <Grid size={{ xs: 12, sm: 5 }}>
        <SelectInput
          source="carrier"
          label={t('carrier')}
          choices={choices}
          validate={required()}
          fullWidth
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 7 }}>
        <TextInput
          source="trackingNo"
          label={t('tracking_no')}
          validate={[required(), trackingValid]}
          helperText={
            carrier
              ? translate(t('tracking_hint'), {
                  carrier: carrierName(carrier),
                  example: carriers[carrier].example,
                })
              : t('tracking_pick_carrier')
          }
          autoComplete="off"
          fullWidth
        />
      </Grid>
    </Grid>
  );
};

const ParcelLines = ({ lines }: { lines: LineLeft[] }) => {
  const translate = useTranslate();
  const quantityValid = (max: number) => (value: unknown) =>
    value === null ||
    value === undefined ||
    value === '' ||
    (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max)
      ? undefined
      : translate(t('quantity_invalid'), { max });
  return (
    <>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate(t('lines'))}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={translate(t('lines'))}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.orders.item.title')}</TableCell>
              <TableCell>{translate('resources.orders.item.skuCode')}</TableCell>
              <TableCell align="right">{translate(t('ordered'))}</TableCell>
              <TableCell align="right">{translate(t('shipped'))}</TableCell>
              <TableCell align="right">{translate(t('left'))}</TableCell>
              <TableCell sx={{ width: 150 }}>{translate(t('quantity'))}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.map((line, index) => (
              <TableRow key={line.id}>
                <TableCell>
                  {line.title}
                  {line.specValues.length > 0 ? (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {line.specValues.join(' / ')}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>{line.skuCode}</TableCell>
                <TableCell align="right">{line.quantity}</TableCell>
                <TableCell align="right">{line.shippedQuantity}</TableCell>
                <TableCell align="right">{line.left}</TableCell>
                <TableCell>
                  <NumberInput
                    source={`lines.${index}.quantity`}
                    label={false}
                    inputProps={{ 'aria-label': `${translate(t('quantity'))} ${line.skuCode}` }}
                    min={0}
                    max={line.left}
                    step={1}
                    disabled={line.left === 0}
                    validate={quantityValid(line.left)}
                    helperText={false}
                    size="small"
                    margin="none"
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="caption" color="text.secondary">
        {translate(t('quantity_help'))}
      </Typography>
    </>
  );
};

/** Units in the parcel and what the order becomes with it (or why it cannot go yet). */
const ParcelSummary = ({ order }: { order: OrderDetail }) => {
  const translate = useTranslate();
  const parcel = (useWatch({ name: 'lines' }) ?? []) as ParcelLine[];
  const units = parcelUnits(parcel);
  if (units < 1)
    return (
      <Alert severity="warning" sx={{ mt: 2 }}>
        {translate(t('no_units'))}
      </Alert>
    );
  const ordered = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const shipped = order.items.reduce((sum, item) => sum + item.shippedQuantity, 0);
  let status: string | undefined;
  try {
    status = nextOrderStatus(order.status, shippingTransition(ordered, shipped + units));
  } catch {
    status = undefined; // more than is left: the line's own check says so
  }
  if (!status) return null;
  return (
    <Alert severity="info" sx={{ mt: 2 }} data-testid="parcel-summary">
      {translate(t('units'), { units, status: translate(`resources.orders.status.${status}`) })}
    </Alert>
  );
};

const SubmitButton = ({ saving }: { saving: boolean }) => {
  const translate = useTranslate();
  const parcel = (useWatch({ name: 'lines' }) ?? []) as ParcelLine[];
  return (
    <MuiButton type="submit" variant="contained" disabled={saving || parcelUnits(parcel) < 1}>
      {translate(t('confirm'))}
    </MuiButton>
  );
};
