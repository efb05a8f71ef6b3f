import DownloadIcon from '@mui/icons-material/Download';
import { CircularProgress } from '@mui/material';
import { useState } from 'react';
import { Button, useCanAccess, useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';
import type { SiyuDataProvider } from '../providers/dataProvider';
import { datedCsvName } from '../resources/products/csvFiles';
import { saveBlob } from './saveBlob';

export interface ServerCsvExportButtonProps {
  /** i18n keys: the button's label, the file's stem (dated on download), the failure notice. */
  label: string;
  fileStem: string;
  failed: string;
}

/**
 * Downloads the server's CSV of the whole list as filtered and sorted now
 * (GET /api/<resource>/export.csv), not react-admin's client export of the loaded page.
 * Shown to roles with the resource's `export` permission.
 */
export const ServerCsvExportButton = ({ label, fileStem, failed }: ServerCsvExportButtonProps) => {
  const { resource, filterValues, sort, total } = useListContext();
  const { canAccess } = useCanAccess({ resource, action: 'export' });
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [exporting, setExporting] = useState(false);
  if (!canAccess) return null;

  const run = async () => {
    setExporting(true);
    try {
      const blob = await dataProvider.exportCsv(resource, { filter: filterValues, sort });
      saveBlob(blob, datedCsvName(translate(fileStem), new Date()));
    } catch {
      notify(failed, { type: 'error' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button label={label} onClick={run} disabled={exporting || total === 0} aria-busy={exporting}>
      {exporting ? <CircularProgress size={18} color="inherit" /> : <DownloadIcon />}
    </Button>
  );
};
