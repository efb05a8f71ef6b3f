import DownloadIcon from '@mui/icons-material/Download';
import { CircularProgress } from '@mui/material';
import { useState } from 'react';
import { Button, useCanAccess, useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';
import { datedCsvName } from './csvFiles';

/** Hands a Blob to the browser as a file download. */
function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has taken the file over (revoking at once can cancel it).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads the server's CSV of the whole list as filtered and sorted now (one row per SKU),
 * not react-admin's client export of the loaded page.
 */
export const ExportCsvButton = () => {
  const { filterValues, sort, total } = useListContext();
  const { canAccess } = useCanAccess({ resource: 'products', action: 'export' });
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [exporting, setExporting] = useState(false);
  if (!canAccess) return null;

  const run = async () => {
    setExporting(true);
    try {
      const blob = await dataProvider.exportCsv('products', { filter: filterValues, sort });
      saveBlob(blob, datedCsvName(translate('resources.products.csv.export_file'), new Date()));
    } catch {
      notify('resources.products.csv.export_failed', { type: 'error' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button
      label="resources.products.csv.export"
      onClick={run}
      disabled={exporting || total === 0}
      aria-busy={exporting}
    >
      {exporting ? <CircularProgress size={18} color="inherit" /> : <DownloadIcon />}
    </Button>
  );
};
