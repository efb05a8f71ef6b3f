/**
 * Staff, sessions, login throttling, audit log, shop settings and job bookkeeping.
 * Runs on PostgreSQL 15+ and PGlite (PostgreSQL 18).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) =>
      col.notNull().check(sql`role in ('admin', 'operator', 'customer_service', 'manager')`),
    )
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('disabled', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // The last-admin rule locks every enabled admin: a partial index keeps that set small.
  await db.schema
    .createIndex('staff_users_enabled_admins_idx')
    .on('staff_users')
    .column('id')
    .where(sql.ref('role'), '=', 'admin')
    .where(sql.ref('disabled'), '=', false)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  // Ending every session of a user (disable, password reset, password change).
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
  // Sweeping expired sessions.
  await db.schema.createIndex('sessions_expires_at_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('username', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .execute();
  // Failures per account within the window.
  await db.schema
    .createIndex('login_failures_username_at_idx')
    .on('login_failures')
    .columns(['username', 'at'])
    .execute();
  // Failures per client address within the window.
  await db.schema
    .createIndex('login_failures_ip_at_idx')
    .on('login_failures')
    .columns(['ip', 'at'])
    .execute();

  await db.schema
    .createTable('audit_logs')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'bigint')
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('resource', 'text', (col) => col.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .execute();
  // Date-range filter, default sort and the retention purge (at < cutoff).
  await db.schema.createIndex('audit_logs_at_idx').on('audit_logs').column('at').execute();
  // "What happened to this resource", newest first.
  await db.schema
    .createIndex('audit_logs_resource_at_idx')
    .on('audit_logs')
    .columns(['resource', 'at'])
    .execute();
  // "What did this person do", newest first.
  await db.schema
    .createIndex('audit_logs_actor_id_at_idx')
    .on('audit_logs')
    .columns(['actor_id', 'at'])
    .execute();
  // "Every login_failed / forbidden / purge", newest first.
  await db.schema
    .createIndex('audit_logs_action_at_idx')
    .on('audit_logs')
    .columns(['action', 'at'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('id', 'text', (col) => col.primaryKey().check(sql`id = 'shop'`))
    .addColumn('shop_name', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('order_auto_close_minutes', 'integer', (col) => col.notNull())
    .addColumn('auto_confirm_days', 'integer', (col) => col.notNull())
    .addColumn('refund_window_days', 'integer', (col) => col.notNull())
    .addColumn('cs_sla_hours', 'integer', (col) => col.notNull())
    .addColumn('kpi_conversion_alert_bp', 'integer', (col) => col.notNull())
    .addColumn('kpi_repurchase7d_alert_bp', 'integer', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per scheduled job: taken FOR UPDATE SKIP LOCKED so one instance runs it at a time.
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('last_started_at', 'timestamptz')
    .addColumn('last_result', 'jsonb')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['job_runs', 'settings', 'audit_logs', 'login_failures', 'sessions', 'staff_users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
