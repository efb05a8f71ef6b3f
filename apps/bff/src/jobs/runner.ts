/**
 * The background-job runner. It takes the oldest queued job FOR UPDATE SKIP LOCKED and marks
 * it running in one short transaction (so two instances never take the same job), runs it
 * outside any long transaction (each input row commits on its own), writes `done` as it goes,
 * and ends it succeeded (with its result and row errors) or failed.
 * Tests call runPendingJobs() directly; server.ts starts the poller with startJobRunner().
 */
import type { JobKind } from '@siyu/shared';
import type { Deps } from '../deps.js';
import type { Actor, AuditContext } from '../lib/audit.js';
import { runImport } from '../modules/catalog-csv/import-jobs.js';
import { withJobs } from '../modules/jobs/table.js';

type Claimed = { id: number; kind: JobKind; input: string | null; createdBy: number | null };

async function claimNext(deps: Deps): Promise<Claimed | undefined> {
  return withJobs(deps.db)
    .transaction()
    .execute(async (trx) => {
      const next = await trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!next) return undefined;
      return trx
        .updateTable('jobs')
        .set({ status: 'running', startedAt: deps.clock() })
        .where('id', '=', next.id)
        .returning(['id', 'kind', 'input', 'createdBy'])
        .executeTakeFirstOrThrow();
    });
}

async function actorOf(deps: Deps, userId: number | null): Promise<Actor> {
  if (userId === null) return { id: null, name: 'system', role: 'system' };
  const user = await deps.db
    .selectFrom('staffUsers')
    .select(['id', 'username', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return user
    ? { id: user.id, name: user.username, role: user.role }
    : { id: userId, name: 'unknown', role: null };
}

async function runJob(deps: Deps, job: Claimed): Promise<void> {
  const jobs = withJobs(deps.db);
  const finish = (values: {
    status: 'succeeded' | 'failed';
    errors: unknown;
    result: unknown;
    done?: number;
  }) =>
    jobs
      .updateTable('jobs')
      .set({
        status: values.status,
        errors: JSON.stringify(values.errors),
        result: JSON.stringify(values.result),
        finishedAt: deps.clock(),
        ...(values.done === undefined ? {} : { done: values.done }),
      })
      .where('id', '=', job.id)
      .execute();
  try {
    const actor = await actorOf(deps, job.createdBy);
    const ctxAt = (): AuditContext => ({ actor, ip: null, requestId: `job:${job.id}`, at: deps.clock() });
    const progress = async (done: number) => {
      await jobs.updateTable('jobs').set({ done }).where('id', '=', job.id).execute();
    };
    const outcome = await runImport(
      deps,
      { id: job.id, kind: job.kind, input: job.input ?? '' },
      ctxAt,
      progress,
    );
    const total = (await jobs.selectFrom('jobs').select('total').where('id', '=', job.id).executeTakeFirst())
      ?.total;
    await finish({ status: 'succeeded', errors: outcome.errors, result: outcome.result, done: total ?? 0 });
  } catch (error) {
    deps.logger.error('job failed', {
      jobId: job.id,
      error: error instanceof Error ? error.stack : String(error),
    });
    await finish({
      status: 'failed',
      errors: [
        {
          line: 0,
          column: null,
          message: 'The job stopped on an unexpected error; rows already saved stay saved.',
        },
      ],
      result: null,
    });
  }
}

/** Runs queued jobs one after another until none is left (or `max`); returns how many ran. */
export async function runPendingJobs(deps: Deps, options: { max?: number } = {}): Promise<number> {
  let ran = 0;
  while (ran < (options.max ?? 1000)) {
    const job = await claimNext(deps);
    if (!job) break;
    await runJob(deps, job);
    ran++;
  }
  return ran;
}

/** Polls for queued jobs every `everyMs` (never two polls at once in one process). */
export function startJobRunner(deps: Deps, options: { everyMs?: number } = {}): { stop: () => void } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    runPendingJobs(deps)
      .catch((error) =>
        deps.logger.error('job runner failed', {
          error: error instanceof Error ? error.stack : String(error),
        }),
      )
      .finally(() => {
        busy = false;
      });
  }, options.everyMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
