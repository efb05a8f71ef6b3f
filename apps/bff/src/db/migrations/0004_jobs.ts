/**
 * Background jobs (CSV imports for now): a queue in a table. A runner takes the oldest queued
 * job FOR UPDATE SKIP LOCKED, so several instances never run one job twice; `done`/`total`
 * feed the progress bar, `errors` holds the rejected rows ({line, column, message}), `input`
 * the uploaded file's text.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('products_import', 'stock_import')`))
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'succeeded', 'failed')`),
    )
    .addColumn('done', 'integer', (col) => col.notNull().defaultTo(0).check(sql`done >= 0`))
    .addColumn('total', 'integer', (col) => col.notNull().defaultTo(0).check(sql`total >= 0`))
    .addColumn('errors', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'bigint', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('result', 'jsonb')
    .addColumn('input', 'text')
    .execute();
  // The runner's pick: the oldest queued job; only the few queued rows are indexed.
  await sql`create index jobs_queued_idx on jobs (id) where status = 'queued'`.execute(db);
  // "My jobs", newest first.
  await db.schema
    .createIndex('jobs_created_by_idx')
    .on('jobs')
    .columns(['created_by', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').ifExists().execute();
}
