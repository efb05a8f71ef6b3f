/**
 * 批量发货 from the order list's toolbar (orders:ship): a CSV of order_no, carrier, tracking_no
 * ships each order's remaining units as a background job; the dialog follows it to the end
 * with the counts and the rows it could not ship, and the list is refreshed then.
 */
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import { Alert, DialogContentText, Button as MuiButton } from '@mui/material';
import { bulkShipColumns, type Job } from '@siyu/shared';
import { useCallback, useState } from 'react';
import { Button, useCanAccess, useRefresh, useTranslate } from 'react-admin';
import { CsvUploadDialog } from '../../ui/CsvUploadDialog';
import { bulkShipTemplateUrl, startBulkShip } from './orderApi';

const t = (key: string) => `resources.orders.bulk_ship.${key}`;

const count = (result: Job['result'], key: string) => {
  const value = result?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};

/** What a bulk-ship job reports: orders shipped, rows skipped (already shipped), rows failed. */
export const bulkShipCounts = (job: Job) => ({
  shipped: count(job.result, 'shipped'),
  skipped: count(job.result, 'skipped'),
  failed: count(job.result, 'failed'),
});

export const BulkShipButton = () => {
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'ship' });
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  return (
    <>
      <Button label={t('button')} onClick={() => setOpen(true)}>
        <LocalShippingIcon />
      </Button>
      {open ? <BulkShipDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
};

const BulkShipDialog = ({ onClose }: { onClose: () => void }) => {
  const refresh = useRefresh();
  const translate = useTranslate();
  const finished = useCallback(() => refresh(), [refresh]);
  const summary = useCallback(
    (job: Job) => {
      const counts = bulkShipCounts(job);
      return (
        <Alert severity={counts.failed > 0 ? 'warning' : 'success'} data-testid="bulk-ship-summary">
          {translate(t('summary'), counts)}
        </Alert>
      );
    },
    [translate],
  );
  return (
    <CsvUploadDialog
      title={translate(t('title'))}
      messages="resources.orders.bulk_ship"
      jobMessages={t('job')}
      upload={startBulkShip}
      summary={summary}
      onFinished={finished}
      onClose={onClose}
    >
      <DialogContentText>{translate(t('help'), { columns: bulkShipColumns.join(', ') })}</DialogContentText>
      <DialogContentText variant="body2">{translate(t('format'))}</DialogContentText>
      <div>
        {/* Same origin: the session cookie goes along; the server names the file. */}
        <MuiButton component="a" size="small" href={bulkShipTemplateUrl} download>
          {translate(t('template'))}
        </MuiButton>
      </div>
    </CsvUploadDialog>
  );
};
