/** Queuing a job and reading it back; the runner (jobs/runner.ts) does the work. */
import type { Job, JobKind } from '@siyu/shared';
import type { Db } from '../../db/connect.js';
import type { AuditContext } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';
import { type JobRow, withJobs } from './table.js';

export function toJob(row: Omit<JobRow, 'leaseUntil' | 'attempts'>): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    done: row.done,
    total: row.total,
    errors: row.errors,
    result: row.result,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function enqueueJob(
  db: Db,
  input: { kind: JobKind; total: number; input: string },
  ctx: AuditContext,
): Promise<number> {
  const row = await withJobs(db)
    .insertInto('jobs')
    .values({
      kind: input.kind,
      total: input.total,
      input: input.input,
      createdBy: ctx.actor.id,
      createdAt: ctx.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A user sees the jobs they started; an admin sees all. Anyone else's job is a 404, not a 403. */
export async function getJob(db: Db, id: number, viewer: { id: number; role: string }): Promise<Job> {
  let query = withJobs(db)
    .selectFrom('jobs')
    .select([
      'id',
      'kind',
      'status',
      'done',
      'total',
      'errors',
      'result',
      'createdAt',
      'startedAt',
      'finishedAt',
    ])
    .where('id', '=', id);
  if (viewer.role !== 'admin') query = query.where('createdBy', '=', viewer.id);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('job');
  return toJob({ ...row, createdBy: null, input: null });
}
