/**
 * The background-job runner. It takes the oldest queued job, or a running one whose lease has
 * run out (its runner died), FOR UPDATE SKIP LOCKED and marks it running under a lease in one
 * short transaction (so two instances never take the same job), runs it outside any long
 * transaction (each input row commits on its own), pushes the lease forward as it goes (a
 * heartbeat and each progress write), and ends it succeeded (with its result and row errors)
 * or failed. A job claimed `maxAttempts` times without finishing is ended failed, not run
 * again. Imports and bulk shipping are safe to run again from the start: each row's effect is
 * idempotent (catalog-csv, order-csv), so rows a dead runner saved are not applied twice.
 * Tests call runPendingJobs() directly; server.ts starts the poller with startJobRunner().
 */
import type { JobKind, JobRowError } from '@siyu/shared';
import type { Deps } from '../deps.js';
import type { Actor, AuditContext } from '../lib/audit.js';
import { runImport } from '../modules/catalog-csv/import-jobs.js';
import { withJobs } from '../modules/jobs/table.js';
import { runBulkShip } from '../modules/order-csv/bulk-ship.js';

export type LeaseOptions = {
  /** How long a claim holds without a sign of life (default 60 s). */
  leaseMs?: number;
  /** Claims after which a job that never finished is ended failed (default 3). */
  maxAttempts?: number;
};

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_MAX_ATTEMPTS = 3;

export type Claimed = {
  id: number;
  kind: JobKind;
  input: string | null;
  createdBy: number | null;
  /** This claim's number: every later write of this run names it. */
  attempts: number;
};

const gaveUp = (attempts: number): JobRowError => ({
  line: 0,
  column: null,
  message: `The job was interrupted ${attempts} times (its server stopped while running it) and is not run again; rows already saved stay saved.`,
});

/** Takes the next job to run, if any; jobs out of attempts found on the way are ended failed. */
export async function claimNext(deps: Deps, options: LeaseOptions = {}): Promise<Claimed | undefined> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  return withJobs(deps.db)
    .transaction()
    .execute(async (trx) => {
      for (;;) {
        const now = deps.clock();
        const next = await trx
          .selectFrom('jobs')
          .select(['id', 'attempts'])
          .where((eb) =>
            eb.or([
              eb('status', '=', 'queued'),
              eb.and([eb('status', '=', 'running'), eb('leaseUntil', '<', now)]),
            ]),
          )
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!next) return undefined;
        if (next.attempts >= maxAttempts) {
          await trx
            .updateTable('jobs')
            .set({
              status: 'failed',
              errors: JSON.stringify([gaveUp(next.attempts)]),
              leaseUntil: null,
              finishedAt: now,
            })
            .where('id', '=', next.id)
            .execute();
          continue;
        }
        return trx
          .updateTable('jobs')
          .set((eb) => ({
            status: 'running',
            startedAt: eb.fn.coalesce('startedAt', eb.val(now)),
            leaseUntil: new Date(now.getTime() + leaseMs),
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', '=', next.id)
          .returning(['id', 'kind', 'input', 'createdBy', 'attempts'])
          .executeTakeFirstOrThrow();
      }
    });
}

/** Thrown inside a run whose lease another runner has taken over: that run stops writing. */
class LeaseLost extends Error {}

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

async function runJob(deps: Deps, job: Claimed, leaseMs: number): Promise<void> {
  const jobs = withJobs(deps.db);
  // Every write names this claim: once another runner has claimed the job, they change nothing.
  const mine = () =>
    jobs
      .updateTable('jobs')
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('attempts', '=', job.attempts);
  const renew = async (done?: number) => {
    const renewed = await mine()
      .set({
        leaseUntil: new Date(deps.clock().getTime() + leaseMs),
        ...(done === undefined ? {} : { done }),
      })
      .executeTakeFirst();
    if (renewed.numUpdatedRows === 0n) throw new LeaseLost();
  };
  const finish = (values: {
    status: 'succeeded' | 'failed';
    errors: unknown;
    result: unknown;
    done?: number;
  }) =>
    mine()
      .set({
        status: values.status,
        errors: JSON.stringify(values.errors),
        result: JSON.stringify(values.result),
        leaseUntil: null,
        finishedAt: deps.clock(),
        ...(values.done === undefined ? {} : { done: values.done }),
      })
      .execute();
  let lost = false;
  const heartbeat = setInterval(() => {
    renew().catch((error) => {
      lost = true;
      if (!(error instanceof LeaseLost))
        deps.logger.error('job heartbeat failed', { jobId: job.id, error: String(error) });
    });
  }, leaseMs / 3);
  heartbeat.unref();
  try {
    const actor = await actorOf(deps, job.createdBy);
    const ctxAt = (): AuditContext => ({ actor, ip: null, requestId: `job:${job.id}`, at: deps.clock() });
    const progress = async (done: number) => {
      if (lost) throw new LeaseLost();
      await renew(done);
    };
    const input = job.input ?? '';
    const outcome =
      job.kind === 'orders_bulk_ship'
        ? await runBulkShip(deps, { input }, ctxAt, progress)
        : await runImport(deps, { id: job.id, kind: job.kind, input }, ctxAt, progress);
    const total = (await jobs.selectFrom('jobs').select('total').where('id', '=', job.id).executeTakeFirst())
      ?.total;
    await finish({ status: 'succeeded', errors: outcome.errors, result: outcome.result, done: total ?? 0 });
  } catch (error) {
    if (error instanceof LeaseLost) {
      deps.logger.error('job lease lost; another runner has it', { jobId: job.id });
      return;
    }
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
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Runs queued jobs (and jobs whose runner died) one after another until none is left (or
 * `max`); returns how many ran.
 */
export async function runPendingJobs(
  deps: Deps,
  options: { max?: number } & LeaseOptions = {},
): Promise<number> {
  let ran = 0;
  while (ran < (options.max ?? 1000)) {
    const job = await claimNext(deps, options);
    if (!job) break;
    await runJob(deps, job, options.leaseMs ?? DEFAULT_LEASE_MS);
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
