/**
 * The order's shipping address with what may be done to it: edit it before anything has
 * shipped (orders:ship; PUT with the order's version), and show it in full (orders:reveal,
 * after a confirmation, since every reveal is audited). A reveal lasts until the page is left.
 */
import EditLocationAltIcon from '@mui/icons-material/EditLocationAlt';
import VisibilityIcon from '@mui/icons-material/Visibility';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Grid,
  Button as MuiButton,
  Stack,
} from '@mui/material';
import {
  MainlandMobile,
  type OrderAddress,
  type OrderDetail,
  type OrderStatus,
  provinceByName,
  provinces,
} from '@siyu/shared';
import { useState } from 'react';
import {
  Button,
  Confirm,
  Form,
  maxLength,
  required,
  SelectInput,
  TextInput,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { errorCodeOf } from '../../providers/httpError';
import { OrderAddressField } from './OrderAddressField';
import { revealOrderAddress, updateOrderAddress } from './orderApi';
import { errorKey, fieldErrors, isStaleOrder } from './orderErrors';

const t = (key: string) => `resources.orders.address.${key}`;

/** Before the first parcel leaves (the server answers ADDRESS_LOCKED after). */
const editableStatuses: readonly OrderStatus[] = ['pending_payment', 'paid'];

export const AddressSection = (_props: { label?: string }) => {
  const order = useRecordContext<OrderDetail>();
  const [revealed, setRevealed] = useState<{ version: number; address: OrderAddress } | undefined>();
  if (!order?.address) return null;
  // A revealed address belongs to the version it was read from: after any change it is stale.
  const shown = revealed?.version === order.version ? revealed.address : undefined;
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <OrderAddressField revealed={shown} />
      <Stack direction="row" spacing={1}>
        <EditAddressButton order={order} revealed={shown} onSaved={() => setRevealed(undefined)} />
        {shown ? null : (
          <RevealButton
            order={order}
            onRevealed={(address) => setRevealed({ version: order.version, address })}
          />
        )}
      </Stack>
    </Stack>
  );
};

const RevealButton = ({
  order,
  onRevealed,
}: {
  order: OrderDetail;
  onRevealed: (a: OrderAddress) => void;
}) => {
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'reveal' });
  const notify = useNotify();
  const [asking, setAsking] = useState(false);
  const [loading, setLoading] = useState(false);
  if (!canAccess) return null;
  const reveal = async () => {
    setLoading(true);
    try {
      onRevealed(await revealOrderAddress(order.id));
    } catch (error) {
      notify(errorKey(error), { type: 'error' });
    } finally {
      setLoading(false);
      setAsking(false);
    }
  };
  return (
    <>
      <Button label={t('reveal')} onClick={() => setAsking(true)}>
        <VisibilityIcon />
      </Button>
      <Confirm
        isOpen={asking}
        loading={loading}
        title={t('reveal_title')}
        content={t('reveal_content')}
        confirm={t('reveal_confirm')}
        confirmColor="warning"
        onConfirm={reveal}
        onClose={() => setAsking(false)}
      />
    </>
  );
};

const phoneValid = (value: unknown) =>
  typeof value !== 'string' || value.trim() === '' || MainlandMobile.safeParse(value).success
    ? undefined
    : t('phone_invalid');

const EditAddressButton = ({
  order,
  revealed,
  onSaved,
}: {
  order: OrderDetail;
  revealed: OrderAddress | undefined;
  onSaved: () => void;
}) => {
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'ship' });
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<string | undefined>();
  if (!canAccess || !editableStatuses.includes(order.status)) return null;

  // Masked parts are no use as a starting point: they are typed again unless revealed.
  const start = {
    name: revealed?.name ?? '',
    phone: revealed?.phone ?? '',
    province: provinceByName(order.address.province)?.name ?? '',
    city: order.address.city,
    district: order.address.district,
    detail: revealed?.detail ?? '',
  };
  const choices = provinces.map((p) => ({ id: p.name, name: p.name }));

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    setStale(undefined);
    try {
      const text = (key: string) => String(values[key] ?? '').trim();
      await updateOrderAddress(order, {
        name: text('name'),
        phone: text('phone'),
        province: text('province'),
        city: text('city'),
        district: text('district'),
        detail: text('detail'),
      });
      notify(t('done'), { type: 'success' });
      setOpen(false);
      onSaved();
      refresh();
      return undefined;
    } catch (error) {
      if (isStaleOrder(error)) {
        setStale(
          errorCodeOf(error) === 'ADDRESS_LOCKED'
            ? 'siyu.errors.ADDRESS_LOCKED'
            : 'siyu.errors.VERSION_CONFLICT',
        );
        return undefined;
      }
      const fields = fieldErrors(error);
      if (fields) return fields;
      notify(errorKey(error), { type: 'error' });
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  const titleId = `edit-address-${order.id}`;
  return (
    <>
      <Button label={t('edit')} onClick={() => setOpen(true)}>
        <EditLocationAltIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <Form onSubmit={submit} record={start}>
          <DialogTitle id={titleId}>{translate(t('edit_title'), { orderNo: order.orderNo })}</DialogTitle>
          <DialogContent>
            <DialogContentText variant="body2" sx={{ mb: 2 }}>
              {translate(t('edit_help'))}
            </DialogContentText>
            <Grid container columnSpacing={2}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="name" label={t('name')} validate={[required(), maxLength(20)]} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="phone" label={t('phone')} validate={[required(), phoneValid]} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 4 }}>
                <SelectInput
                  source="province"
                  label={t('province')}
                  choices={choices}
                  validate={required()}
                  fullWidth
                />
              </Grid>
              <Grid size={{ xs: 12, sm: 4 }}>
                <TextInput source="city" label={t('city')} validate={[required(), maxLength(20)]} fullWidth />
              </Grid>
              <Grid size={{ xs: 12, sm: 4 }}>
                <TextInput source="district" label={t('district')} validate={maxLength(20)} fullWidth />
              </Grid>
              <Grid size={12}>
                <TextInput
                  source="detail"
                  label={t('detail')}
                  validate={[required(), maxLength(120)]}
                  fullWidth
                />
              </Grid>
            </Grid>
            {stale ? (
              <Alert
                severity="error"
                role="alert"
                action={
                  <MuiButton
                    color="inherit"
                    size="small"
                    onClick={() => {
                      setOpen(false);
                      refresh();
                    }}
                  >
                    {translate('resources.orders.ship.reload')}
                  </MuiButton>
                }
              >
                {translate(stale)}
              </Alert>
            ) : null}
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" disabled={saving}>
              {translate('ra.action.save')}
            </MuiButton>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
