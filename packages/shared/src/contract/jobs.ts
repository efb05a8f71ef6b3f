import { z } from 'zod';
import { Timestamp } from './common.js';

export const jobKinds = ['products_import', 'stock_import', 'orders_bulk_ship'] as const;
export const JobKind = z.enum(jobKinds).meta({ id: 'JobKind' });
export type JobKind = z.infer<typeof JobKind>;

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export const JobStatus = z.enum(jobStatuses).meta({ id: 'JobStatus' });
export type JobStatus = z.infer<typeof JobStatus>;

/** One rejected input row: the CSV line (the header is line 1), the column's header name, why. */
export const JobRowError = z
  .object({ line: z.number().int(), column: z.string().nullable(), message: z.string() })
  .meta({ id: 'JobRowError' });
export type JobRowError = z.infer<typeof JobRowError>;

/** A background job as a progress bar reads it: `done` of `total`, then `result`. */
export const Job = z
  .object({
    id: z.number().int(),
    kind: JobKind,
    status: JobStatus,
    done: z.number().int(),
    total: z.number().int(),
    errors: z.array(JobRowError),
    result: z.record(z.string(), z.unknown()).nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const JobAccepted = z
  .object({ data: z.object({ jobId: z.number().int() }) })
  .meta({ id: 'JobAccepted' });
export type JobAccepted = z.infer<typeof JobAccepted>;
