/**
 * A CSV file sent to a background job, as every upload of the console goes: the caller's help
 * (and options) on top, a file picker, the file checked in the browser (≤ 1 MB, UTF-8) before it
 * is sent, then the job's progress, counts and rejected rows (JobProgress) in the same dialog.
 * Texts come from the caller's i18n prefix (`messages`): choose_file, no_file, file, start,
 * too_large, not_utf8, empty and rejected_file (%{message}); `jobMessages` is JobProgress's.
 */
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Button as MuiButton,
  Stack,
  Typography,
} from '@mui/material';
import type { Job, JobAccepted } from '@siyu/shared';
import { type ChangeEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { type Identifier, useNotify, useTranslate } from 'react-admin';
import { decodeImportFile, sizeProblem } from '../resources/products/csvFiles';
import { JobProgress } from './JobProgress';

/** The server's reason a file was refused outright (bad header, not CSV), if it gave one. */
function fileRefusal(error: unknown): string | undefined {
  const errors = (error as { body?: { errors?: Record<string, unknown> } }).body?.errors;
  return typeof errors?.csv === 'string' ? errors.csv : undefined;
}

export interface CsvUploadDialogProps {
  /** Already translated. */
  title: string;
  messages: string;
  jobMessages: string;
  /** Sends the file's text and answers with the job. */
  upload: (csv: string) => Promise<JobAccepted>;
  /** What is being uploaded, when the caller offers a choice: a change clears the last refusal. */
  variant?: string;
  /** Help, options and a template link, above the file picker. */
  children?: ReactNode;
  summary?: (job: Job) => ReactNode;
  onFinished?: (job: Job) => void;
  onClose: () => void;
}

export const CsvUploadDialog = ({
  title,
  messages,
  jobMessages,
  upload,
  variant,
  children,
  summary,
  onFinished,
  onClose,
}: CsvUploadDialogProps) => {
  const notify = useNotify();
  const translate = useTranslate();
  const text = (key: string, options?: Record<string, unknown>) => translate(`${messages}.${key}`, options);
  const [file, setFile] = useState<File | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [jobId, setJobId] = useState<Identifier | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `variant` is the trigger, not a value read.
  useEffect(() => setProblem(undefined), [variant]);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again still fires a change
    setFile(chosen);
    const tooBig = chosen ? sizeProblem(chosen.size) : undefined;
    setProblem(tooBig ? text(tooBig) : undefined);
  };

  const start = async () => {
    if (!file) return;
    setSending(true);
    try {
      // Checked again on the bytes: the size is known before reading, the encoding after.
      const tooBig = sizeProblem(file.size);
      const decoded = tooBig ? { problem: tooBig } : decodeImportFile(await file.arrayBuffer());
      if ('problem' in decoded) {
        setProblem(text(decoded.problem));
        return;
      }
      const reply = await upload(decoded.text);
      setJobId(reply.data.jobId);
    } catch (error) {
      const refusal = fileRefusal(error);
      if (refusal) setProblem(text('rejected_file', { message: refusal }));
      else notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setSending(false);
    }
  };

  const finished = useCallback((job: Job) => onFinished?.(job), [onFinished]);
  const titleId = `csv-upload-${messages.replaceAll('.', '-')}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {jobId === undefined ? (
          <Stack spacing={2}>
            {children}
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <MuiButton component="label" variant="outlined" startIcon={<UploadFileIcon />}>
                {text('choose_file')}
                <input
                  type="file"
                  accept=".csv,text/csv"
                  hidden
                  aria-label={text('file')}
                  onChange={choose}
                />
              </MuiButton>
              <Typography variant="body2" color="text.secondary">
                {file?.name ?? text('no_file')}
              </Typography>
            </Stack>
            {problem ? (
              <Alert severity="error" role="alert">
                {problem}
              </Alert>
            ) : null}
          </Stack>
        ) : (
          <JobProgress jobId={jobId} messages={jobMessages} onFinished={finished} summary={summary} />
        )}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>
          {translate(jobId === undefined ? 'ra.action.cancel' : 'ra.action.close')}
        </MuiButton>
        {jobId === undefined ? (
          <MuiButton variant="contained" onClick={start} disabled={!file || sending || !!problem}>
            {text('start')}
          </MuiButton>
        ) : null}
      </DialogActions>
    </Dialog>
  );
};
