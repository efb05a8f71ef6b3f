/**
 * The order's parcels, oldest first: carrier, tracking number, the units of each line, who
 * shipped it and when, where the carrier says it is (with its events, newest first, folded
 * away), and whether its 发货信息 reached the mini-program platform. Failed reports can be
 * queued again by whoever may ship.
 */
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import SyncIcon from '@mui/icons-material/Sync';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Card,
  CardContent,
  Chip,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import type { OrderDetail, Shipment, ShipmentReportState, TrackingStatus } from '@siyu/shared';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { retryShipmentReports } from './orderApi';
import { errorKey } from './orderErrors';
import { useCarrierName } from './ShipButton';

const t = (key: string) => `resources.orders.shipments.${key}`;

const trackingColors: Record<TrackingStatus, 'default' | 'info' | 'primary' | 'success' | 'error'> = {
  awaiting_pickup: 'default',
  in_transit: 'info',
  out_for_delivery: 'primary',
  delivered: 'success',
  exception: 'error',
};

const reportColors: Record<ShipmentReportState, 'warning' | 'success' | 'error'> = {
  pending: 'warning',
  synced: 'success',
  failed: 'error',
};

const useDateTime = () => {
  const [locale] = useLocaleState();
  return (iso: string) => new Date(iso).toLocaleString(locale);
};

export const ShipmentsPanel = (_props: { label?: string }) => {
  const order = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  if (!order?.shipments) return null;
  if (order.shipments.length === 0) return <Typography variant="body2">{translate(t('empty'))}</Typography>;
  return (
    <Stack spacing={2} data-testid="order-shipments" sx={{ width: '100%' }}>
      <RetryReportsButton order={order} />
      {order.shipments.map((shipment, index) => (
        <ParcelCard key={shipment.id} shipment={shipment} n={index + 1} />
      ))}
    </Stack>
  );
};

const ParcelCard = ({ shipment, n }: { shipment: Shipment; n: number }) => {
  const translate = useTranslate();
  const carrierName = useCarrierName();
  const dateTime = useDateTime();
  return (
    <Card
      variant="outlined"
      data-testid="parcel"
      component="section"
      aria-label={translate(t('parcel'), { n })}
    >
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {translate(t('parcel'), { n })}
          </Typography>
          <Typography variant="subtitle1">
            {carrierName(shipment.carrier)} · <span data-testid="tracking-no">{shipment.trackingNo}</span>
          </Typography>
          <Chip
            size="small"
            color={trackingColors[shipment.trackingStatus]}
            label={translate(`${t('tracking_status')}.${shipment.trackingStatus}`)}
          />
          <Chip
            size="small"
            variant="outlined"
            color={reportColors[shipment.report.state]}
            label={translate(t('report'), {
              state: translate(`resources.orders.sync.${shipment.report.state}`),
            })}
          />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {[
            dateTime(shipment.shippedAt),
            shipment.shippedBy ? translate(t('shipped_by'), { name: shipment.shippedBy }) : null,
            shipment.deliveredAt
              ? translate(t('delivered_at'), { at: dateTime(shipment.deliveredAt) })
              : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
        <ReportDetails shipment={shipment} />
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
          {translate(t('lines'))}
        </Typography>
        {shipment.items.map((line) => (
          <Typography key={line.orderItemId} variant="body2" data-testid="parcel-line">
            {translate(t('line'), { title: line.title, sku: line.skuCode, quantity: line.quantity })}
          </Typography>
        ))}
        <TrackingEvents shipment={shipment} />
      </CardContent>
    </Card>
  );
};

/** Why a report is not through yet, and when it will be tried again. */
const ReportDetails = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const { report } = shipment;
  const parts =
    report.state === 'synced'
      ? [report.syncedAt ? translate(t('synced_at'), { at: dateTime(report.syncedAt) }) : null]
      : [
          report.lastError ? translate(t('last_error'), { error: report.lastError }) : null,
          report.nextAttemptAt ? translate(t('next_attempt'), { at: dateTime(report.nextAttemptAt) }) : null,
          report.attempts > 0 ? translate(t('attempts'), { count: report.attempts }) : null,
        ];
  const text = parts.filter(Boolean).join(' · ');
  if (!text) return null;
  return (
    <Typography variant="body2" color={report.state === 'failed' ? 'error' : 'text.secondary'}>
      {text}
    </Typography>
  );
};

const TrackingEvents = ({ shipment }: { shipment: Shipment }) => {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const events = shipment.trackingEvents;
  if (events.length === 0)
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {translate(t('no_events'))}
      </Typography>
    );
  return (
    <Accordion disableGutters elevation={0} sx={{ mt: 1, '&:before': { display: 'none' } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} sx={{ px: 0 }}>
        <Typography variant="body2">{translate(t('events'), { count: events.length })}</Typography>
      </AccordionSummary>
      <AccordionDetails sx={{ px: 0 }}>
        <List dense disablePadding>
          {events.map((event) => (
            <ListItem key={`${event.at}-${event.status}`} disableGutters>
              <ListItemText
                primary={event.description}
                secondary={[
                  dateTime(event.at),
                  event.location,
                  translate(`${t('tracking_status')}.${event.status}`),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      </AccordionDetails>
    </Accordion>
  );
};

/** Shown when a report failed, to those who may ship (orders:ship). */
const RetryReportsButton = ({ order }: { order: OrderDetail }) => {
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'ship' });
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!canAccess || !order.shipments.some((s) => s.report.state === 'failed')) return null;
  const retry = async () => {
    setBusy(true);
    try {
      await retryShipmentReports(order.id);
      notify(t('retry_done'), { type: 'success' });
      refresh();
    } catch (error) {
      notify(errorKey(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Button label={t('retry')} onClick={retry} disabled={busy} variant="outlined" color="warning">
        <SyncIcon />
      </Button>
    </Box>
  );
};
