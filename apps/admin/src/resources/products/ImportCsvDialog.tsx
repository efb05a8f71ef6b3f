/**
 * Import from CSV, from the product list's toolbar: product/SKU details (and new products) or a
 * stock count, as the role may; a template file shows how new products are written. The file is checked (≤ 1 MB, UTF-8) before it is sent; the import then runs as a
 * background job whose progress, counts and rejected rows are shown, and the list is refreshed
 * when it ends.
 */
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Button as MuiButton,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from '@mui/material';
import {
  type Job,
  productCreateColumns,
  productCsvColumns,
  productImportColumns,
  stockImportColumns,
} from '@siyu/shared';
import { type ChangeEvent, useCallback, useState } from 'react';
import {
  Button,
  type Identifier,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { SiyuDataProvider } from '../../providers/dataProvider';
import { JobProgress } from '../../ui/JobProgress';
import { decodeImportFile, importCounts, sizeProblem } from './csvFiles';

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

/** The server's reason a file was refused outright (bad header, not CSV), if it gave one. */
function fileRefusal(error: unknown): string | undefined {
  const errors = (error as { body?: { errors?: Record<string, unknown> } }).body?.errors;
  return typeof errors?.csv === 'string' ? errors.csv : undefined;
}

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
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'products');
  const [file, setFile] = useState<File | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [jobId, setJobId] = useState<Identifier | undefined>();

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again still fires a change
    setFile(chosen);
    const tooBig = chosen ? sizeProblem(chosen.size) : undefined;
    setProblem(tooBig ? translate(t(tooBig)) : undefined);
  };

  const start = async () => {
    if (!file) return;
    setSending(true);
    try {
      // Checked again on the bytes: the size is known before reading, the encoding after.
      const tooBig = sizeProblem(file.size);
      const decoded = tooBig ? { problem: tooBig } : decodeImportFile(await file.arrayBuffer());
      if ('problem' in decoded) {
        setProblem(translate(t(decoded.problem)));
        return;
      }
      const reply =
        kind === 'products'
          ? await dataProvider.startProductImport(decoded.text)
          : await dataProvider.startStockImport(decoded.text);
      setJobId(reply.data.jobId);
    } catch (error) {
      const refusal = fileRefusal(error);
      if (refusal) setProblem(translate(t('rejected_file'), { message: refusal }));
      else notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setSending(false);
    }
  };

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

  const titleId = 'import-csv-title';
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <DialogTitle id={titleId}>{translate(t('import_title'))}</DialogTitle>
      <DialogContent>
        {jobId === undefined ? (
          <Stack spacing={2}>
            <FormControl>
              <FormLabel id="import-csv-kind">{translate(t('kind'))}</FormLabel>
              <RadioGroup
                row
                aria-labelledby="import-csv-kind"
                value={kind}
                onChange={(event) => {
                  setKind(event.target.value as ImportKind);
                  setProblem(undefined);
                }}
              >
                {kinds.map((k) => (
                  <FormControlLabel
                    key={k}
                    value={k}
                    control={<Radio />}
                    label={translate(t(`kinds.${k}`))}
                  />
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
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <MuiButton component="label" variant="outlined" startIcon={<UploadFileIcon />}>
                {translate(t('choose_file'))}
                <input
                  type="file"
                  accept=".csv,text/csv"
                  hidden
                  aria-label={translate(t('file'))}
                  onChange={choose}
                />
              </MuiButton>
              <Typography variant="body2" color="text.secondary">
                {file?.name ?? translate(t('no_file'))}
              </Typography>
            </Stack>
            {problem ? (
              <Alert severity="error" role="alert">
                {problem}
              </Alert>
            ) : null}
          </Stack>
        ) : (
          <JobProgress jobId={jobId} messages={t('job')} onFinished={finished} summary={summary} />
        )}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>
          {translate(jobId === undefined ? 'ra.action.cancel' : 'ra.action.close')}
        </MuiButton>
        {jobId === undefined ? (
          <MuiButton variant="contained" onClick={start} disabled={!file || sending || !!problem}>
            {translate(t('start'))}
          </MuiButton>
        ) : null}
      </DialogActions>
    </Dialog>
  );
};
