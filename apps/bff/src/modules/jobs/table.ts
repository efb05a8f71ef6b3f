/**
 * The `jobs` table's row type (migrations 0004 and 0006). Kept beside the module and added to the
 * database type with `withTables`, so the shared schema.ts needs no edit.
 */
import type { JobKind, JobRowError, JobStatus } from '@siyu/shared';
import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface JobsTable {
  id: Generated<number>;
  kind: JobKind;
  status: Generated<JobStatus>;
  done: Generated<number>;
  total: Generated<number>;
  errors: ColumnType<JobRowError[], string | undefined, string>;
  createdBy: number | null;
  createdAt: ColumnType<Date, Date | string | undefined, never>;
  startedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finishedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  input: ColumnType<string | null, string | null, string | null>;
  /** Migration 0006: the running job's lease, and how many times it has been claimed. */
  leaseUntil: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  attempts: Generated<number>;
}

export type JobRow = Selectable<JobsTable>;
export type JobsDatabase = Database & { jobs: JobsTable };

export const withJobs = (db: Kysely<Database>): Kysely<JobsDatabase> => db.withTables<{ jobs: JobsTable }>();
