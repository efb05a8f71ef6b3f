/**
 * A background job's progress (GET /api/jobs/{id}, polled while it is queued or running): a
 * progress bar, then its outcome and a table of the rows it rejected (line, column, message).
 * Texts come from the caller's i18n prefix, which holds progress, queued, running (%{done},
 * %{total}), succeeded, failed, errors, line, column and message.
 */
import {
  Alert,
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { Job } from '@siyu/shared';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { type Identifier, useDataProvider, useTranslate } from 'react-admin';
import type { SiyuDataProvider } from '../providers/dataProvider';

const POLL_MS = 500;

export const isFinished = (job: Job | undefined) => job?.status === 'succeeded' || job?.status === 'failed';

export interface JobProgressProps {
  jobId: Identifier;
  /** i18n prefix of the texts, e.g. `resources.products.csv.job`. */
  messages: string;
  /** Called once when the job has succeeded or failed. */
  onFinished?: (job: Job) => void;
  /** What a finished job achieved (its `result`), shown above the row errors. */
  summary?: (job: Job) => ReactNode;
}

export const JobProgress = ({ jobId, messages, onFinished, summary }: JobProgressProps) => {
  const dataProvider = useDataProvider<SiyuDataProvider>();
  const translate = useTranslate();
  const { data: job, error } = useQuery({
    queryKey: ['jobs', String(jobId)],
    queryFn: async () => (await dataProvider.getJob(jobId)).data,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : POLL_MS),
  });

  const reported = useRef(false);
  useEffect(() => {
    if (job && isFinished(job) && !reported.current) {
      reported.current = true;
      onFinished?.(job);
    }
  }, [job, onFinished]);

  const text = (key: string, options?: Record<string, unknown>) => translate(`${messages}.${key}`, options);
  const finished = isFinished(job);
  const percent = job && job.total > 0 ? Math.min(100, (job.done / job.total) * 100) : finished ? 100 : 0;

  return (
    <Box sx={{ mt: 2 }}>
      <LinearProgress
        aria-label={text('progress')}
        variant={job && job.status !== 'queued' ? 'determinate' : 'indeterminate'}
        value={percent}
        color={job?.status === 'failed' ? 'error' : 'primary'}
      />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} role="status">
        {!job || job.status === 'queued'
          ? text('queued')
          : job.status === 'running'
            ? text('running', { done: job.done, total: job.total })
            : text(job.status)}
      </Typography>
      {error ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {translate(error instanceof Error ? error.message : 'ra.notification.http_error')}
        </Alert>
      ) : null}
      {job && finished ? (
        <>
          {job.status === 'succeeded' && summary ? <Box sx={{ mt: 1 }}>{summary(job)}</Box> : null}
          {job.errors.length > 0 ? <JobErrors job={job} text={text} /> : null}
        </>
      ) : null}
    </Box>
  );
};

const JobErrors = ({ job, text }: { job: Job; text: (key: string) => string }) => (
  <TableContainer sx={{ mt: 2, maxHeight: 320 }}>
    <Table size="small" stickyHeader aria-label={text('errors')}>
      <TableHead>
        <TableRow>
          <TableCell>{text('line')}</TableCell>
          <TableCell>{text('column')}</TableCell>
          <TableCell>{text('message')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {job.errors.map((error, i) => (
          // A line may have errors in several columns: the index keeps keys unique.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders.
          <TableRow key={i}>
            <TableCell>{error.line > 0 ? error.line : '—'}</TableCell>
            <TableCell>{error.column ?? '—'}</TableCell>
            <TableCell>{error.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
);
