/**
 * Import from CSV, from the product list's toolbar: product/SKU details (and new products) or a
 * stock count, as the role may; a template file shows how new products are written. The upload,
 * its checks and the job's progress are the console's CsvUploadDialog; the list is refreshed
 * when the job ends.
 */
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  DialogContentText,
  FormControl,
  FormControlLabel,
  FormLabel,
  Button as MuiButton,
  Radio,
  RadioGroup,
} from '@mui/material';
import {
  type Job,
  productCreateColumns,
  productCsvColumns,
  productImportColumns,
  stockImportColumns,
} from '@siyu/shared';
import { useCallback, useState } from 'react';
import { Button, useCanAccess, useDataProvider, useRefresh, useTranslate } from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';
import { CsvUploadDialog } from '../../ui/CsvUploadDialog';
import { importCounts } from './csvFiles';

type ImportKind = 'products' | 'stock';
/** The columns the help text names: what a product row changes (found by sku_code), what a count needs. */
const columnsOf: Record<ImportKind, readonly string[]> = {
  products: productImportColumns.filter((column) => column !== 'sku_code'),
  stock: stockImportColumns,
};
const t = (key: string) => `resources.products.csv.${key}`;

/** Two SKUs of one new product (a 规格 dimension), in the export's columns; with a BOM for Excel. */
const templateRows: Partial<Record<(typeof productCsvColumns)[number], string>>[] = [
  {
    title: '氨基酸洁面乳',
    category: '美妆个护 › 面部护理 › 洁面',
    sku_code: 'CLEAN-100',
    specs: '规格:100ml',
    price: '59.00',
    stock: '20',
  },
  {
    title: '氨基酸洁面乳',
    category: '美妆个护 › 面部护理 › 洁面',
    sku_code: 'CLEAN-150',
    specs: '规格:150ml',
    price: '79.00',
    stock: '10',
  },
];
const templateCsv = `\uFEFF${[productCsvColumns.join(','), ...templateRows.map((row) => productCsvColumns.map((column) => row[column] ?? '').join(','))].join('\r\n')}\r\n`;

/** Products a product import created (its result's `created`). */
const createdOf = (job: Job) => {
  const created = (job.result as { created?: unknown } | null)?.created;
  return typeof created === 'number' ? created : 0;
};

export const ImportCsvButton = () => {
  const { canAccess: canImportProducts } = useCanAccess({ resource: 'products', action: 'import' });
  const { canAccess: canImportStock } = useCanAccess({ resource: 'stock', action: 'import' });
  const [open, setOpen] = useState(false);
  const kinds: ImportKind[] = [
    ...(canImportProducts ? (['products'] as const) : []),
    ...(canImportStock ? (['stock'] as const) : []),
  ];
  if (kinds.length === 0) return null;
  return (
    <>
      <Button label={t('import')} onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      {open ? <ImportCsvDialog kinds={kinds} onClose={() => setOpen(false)} /> : null}
    </>
  );
};

const ImportCsvDialog = ({ kinds, onClose }: { kinds: ImportKind[]; onClose: () => void }) => {
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'products');

  const upload = (csv: string) =>
    kind === 'products' ? dataProvider.startProductImport(csv) : dataProvider.startStockImport(csv);
  const finished = useCallback(() => refresh(), [refresh]);
  const summary = useCallback(
    (job: Job) => (
      <Alert severity={importCounts(job.result).failed > 0 ? 'warning' : 'success'}>
        {translate(t('summary'), importCounts(job.result))}
        {createdOf(job) > 0 ? ` ${translate(t('created'), { smart_count: createdOf(job) })}` : null}
      </Alert>
    ),
    [translate],
  );

  return (
    <CsvUploadDialog
      title={translate(t('import_title'))}
      messages="resources.products.csv"
      jobMessages={t('job')}
      upload={upload}
      variant={kind}
      summary={summary}
      onFinished={finished}
      onClose={onClose}
    >
      <FormControl>
        <FormLabel id="import-csv-kind">{translate(t('kind'))}</FormLabel>
        <RadioGroup
          row
          aria-labelledby="import-csv-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as ImportKind)}
        >
          {kinds.map((k) => (
            <FormControlLabel key={k} value={k} control={<Radio />} label={translate(t(`kinds.${k}`))} />
          ))}
        </RadioGroup>
      </FormControl>
      <DialogContentText>
        {translate(t(`help.${kind}`), { columns: columnsOf[kind].join(', ') })}
      </DialogContentText>
      {kind === 'products' ? (
        <DialogContentText variant="body2">
          {translate(t('help.create'), { columns: productCreateColumns.join(', ') })}
        </DialogContentText>
      ) : null}
      <DialogContentText variant="body2">{translate(t('help.format'))}</DialogContentText>
      {kind === 'products' ? (
        <div>
          <MuiButton
            component="a"
            size="small"
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv)}`}
            download={`${translate(t('template_file'))}.csv`}
          >
            {translate(t('template'))}
          </MuiButton>
        </div>
      ) : null}
    </CsvUploadDialog>
  );
};
