/**
 * A lease on a running job, so a job left `running` by a process that died is taken again:
 * the runner that claims a job sets `lease_until` and pushes it forward (a heartbeat, and each
 * progress write) while it works; another runner may claim a `running` job whose lease has
 * run out. `attempts` counts the claims: a job that has already been claimed that many times
 * (it keeps killing its runner) is ended `failed` instead of being run again. Every write of
 * a runner names the attempt it holds, so one that lost its lease cannot overwrite the next.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table jobs
      add column lease_until timestamptz,
      add column attempts integer not null default 0 check (attempts >= 0)
  `.execute(db);
  // Jobs left running by a crash are few and only looked up by their lease's end.
  await sql`create index jobs_running_lease_idx on jobs (lease_until) where status = 'running'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists jobs_running_lease_idx`.execute(db);
  await sql`alter table jobs drop column lease_until, drop column attempts`.execute(db);
}
