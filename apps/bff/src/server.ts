/**
 * Entry point: read config, open the database, migrate, seed (demo or first admin), start the
 * jobs, serve the API under /api and the built SPA at /. Stops cleanly on SIGINT/SIGTERM.
 */
import { serve } from '@hono/node-server';
import { buildApp } from './app.js';
import { createPasswordHasher } from './auth/password.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { adminExists, createAdmin, createAdminHint } from './db/seed/admin.js';
import { demoAccounts, seedDemo } from './db/seed/demo.js';
import type { Deps } from './deps.js';
import { startJobRunner } from './jobs/runner.js';
import { startJobs } from './jobs/scheduler.js';
import { systemClock } from './lib/clock.js';
import { fileStoreFor } from './lib/file-store.js';
import { createLogger } from './lib/logger.js';
import { ensureSettings } from './modules/settings/service.js';
import { serveSpa } from './spa.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config);
  await migrateToLatest(db);
  await ensureSettings(db);
  const hasher = createPasswordHasher(config.argon2);

  if (config.demoSeed) {
    await seedDemo(
      db,
      hasher,
      new Date(),
      { products: config.demoCatalogProducts, store: fileStoreFor(config) },
      { orders: config.demoOrders, members: config.demoMembers },
    );
  } else if (!(await adminExists(db))) {
    if (config.bootstrapAdmin) {
      const admin = await createAdmin(db, hasher, config.bootstrapAdmin);
      console.log(`Created the admin account "${admin.username}" from ADMIN_USERNAME/ADMIN_PASSWORD.`);
    } else {
      console.log(createAdminHint);
    }
  }

  const deps: Deps = { db, config, clock: systemClock, hasher, logger };
  const app = buildApp(deps);
  serveSpa(app, config.staticDir);
  const jobs = startJobs(deps);
  const jobRunner = startJobRunner(deps); // CSV imports and other queued jobs

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    console.log(`Siyu Back Office is up at http://localhost:${config.port}`);
    console.log(`  API docs: http://localhost:${config.port}/api/docs`);
    console.log(
      `  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.pgliteDataDir}`}`,
    );
    if (config.demoSeed) {
      console.log('  Demo accounts (username / password):');
      for (const account of demoAccounts) {
        console.log(`    ${account.username.padEnd(9)} ${account.password.padEnd(16)} ${account.role}`);
      }
    }
  });

  server.on('error', (error: NodeJS.ErrnoException) => {
    const why =
      error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message;
    console.error(`Siyu Back Office cannot listen: ${why}`);
    jobs.stop();
    jobRunner.stop();
    void db.destroy().finally(() => process.exit(1));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down…`);
    jobs.stop();
    jobRunner.stop();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await db.destroy().catch(() => {});
      process.exit(0);
    });
    // Idle keep-alive connections would hold close() open.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error('Siyu Back Office failed to start:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.cause) console.error(error.cause);
  process.exit(1);
});
