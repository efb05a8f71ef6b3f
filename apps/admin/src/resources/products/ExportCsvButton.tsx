import { ServerCsvExportButton } from '../../ui/ServerCsvExportButton';

/** The product list's CSV: one row per SKU, the whole list as filtered and sorted now. */
export const ExportCsvButton = () => (
  <ServerCsvExportButton
    label="resources.products.csv.export"
    fileStem="resources.products.csv.export_file"
    failed="resources.products.csv.export_failed"
  />
);
