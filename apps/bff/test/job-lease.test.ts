/**
 * The job runner's lease: a job left `running` by a runner that died is taken again once its
 * lease has run out (and its rows already saved are not applied twice), never while the
 * lease holds; a job that keeps dying is ended failed after its attempts; parallel runners
 * (PostgreSQL) never take the same job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { claimNext, runPendingJobs } from '../src/jobs/runner.js';
import { systemActor } from '../src/lib/audit.js';
import { createLogger } from '../src/lib/logger.js';
import { applyStockRow } from '../src/modules/catalog-csv/stock-import.js';
import { withJobs } from '../src/modules/jobs/table.js';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

const LEASE_MS = 60_000;

let t: TestContext;
let deps: Deps;
let operator: string;
let categoryId: number;

beforeAll(async () => {
  t = await createTestContext();
  deps = { db: t.db, config: t.config, clock: t.clock.now, hasher: t.hasher, logger: createLogger('silent') };
  operator = await t.login('operator');
  categoryId = (await createCategory(t, operator, '租约测试')).id;
});
afterAll(() => t.close());

/** A fresh product: six SKUs with 10 in stock each. */
async function skus(): Promise<{ id: number; code: string }[]> {
  return (await createProduct(t, operator, categoryId)).skus;
}

async function queueStockImport(rows: [string, number][]): Promise<number> {
  const csv = `sku_code,stock\n${rows.map(([code, count]) => `${code},${count}`).join('\n')}\n`;
  const res = await post(t, operator, '/api/stock/import', { csv });
  expect(res.status).toBe(202);
  return res.body.data.jobId;
}

const jobRow = (id: number) =>
  withJobs(t.db)
    .selectFrom('jobs')
    .select(['status', 'attempts', 'errors', 'leaseUntil'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const stockOf = async (skuId: number) =>
  (await t.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock;

const ledgerOf = (jobId: number) =>
  t.db
    .selectFrom('inventoryMovements')
    .select(['skuId', 'delta'])
    .where('reference', '=', `job:${jobId}`)
    .execute();

/** Finishes whatever an earlier test left queued, so each test sees only its own job. */
async function drain(): Promise<void> {
  t.clock.advance(10 * LEASE_MS);
  await runPendingJobs(deps);
}

describe('job lease', () => {
  it('takes a job again once the lease of a runner that died runs out, without applying saved rows twice', async () => {
    await drain();
    const [a, b, c] = await skus();
    if (!a || !b || !c) throw new Error('expected six SKUs');
    const id = await queueStockImport([
      [a.code, 20],
      [b.code, 30],
      [c.code, 40],
    ]);

    // A runner claims the job, saves its first row, and dies.
    const dead = await claimNext(deps, { leaseMs: LEASE_MS });
    expect(dead).toMatchObject({ id, attempts: 1 });
    const ctx = { actor: systemActor, ip: null, requestId: `job:${id}`, at: t.clock.now() };
    expect(await applyStockRow(t.db, { sku_code: a.code, stock: 20 }, { ctx, jobId: id, line: 2 })).toBe(
      'applied',
    );
    // Meanwhile 2 of the first SKU are sold: the re-run must not count them back.
    const sold = await post(t, operator, `/api/skus/${a.id}/stock-adjustments`, {
      delta: -2,
      reason: 'manual_adjust',
    });
    expect(sold.status).toBe(201);

    // While the lease holds, nobody else takes the job.
    t.clock.advance(LEASE_MS - 1000);
    expect(await runPendingJobs(deps, { leaseMs: LEASE_MS })).toBe(0);
    expect((await jobRow(id)).status).toBe('running');

    t.clock.advance(2000);
    expect(await runPendingJobs(deps, { leaseMs: LEASE_MS })).toBe(1);
    const job = await jobRow(id);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2, leaseUntil: null });
    expect([await stockOf(a.id), await stockOf(b.id), await stockOf(c.id)]).toEqual([18, 30, 40]);
    const ledger = await ledgerOf(id);
    expect(ledger.map((m) => Number(m.skuId)).sort((x, y) => x - y)).toEqual(
      [a.id, b.id, c.id].sort((x, y) => x - y),
    );
    expect((await t.request(`/api/jobs/${id}`, { cookie: operator })).body.data).toMatchObject({
      status: 'succeeded',
      done: 3,
      result: { applied: 3, unchanged: 0, failed: 0 },
    });
  });

  it('ends a job failed, with a clear error, once it has been interrupted as many times as allowed', async () => {
    await drain();
    const [sku] = await skus();
    if (!sku) throw new Error('expected a SKU');
    const id = await queueStockImport([[sku.code, 25]]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await claimNext(deps, { leaseMs: LEASE_MS, maxAttempts: 3 })).toMatchObject({
        id,
        attempts: attempt,
      });
      t.clock.advance(LEASE_MS + 1);
    }
    expect(await runPendingJobs(deps, { leaseMs: LEASE_MS, maxAttempts: 3 })).toBe(0);
    const job = await jobRow(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(job.errors).toEqual([
      { line: 0, column: null, message: expect.stringMatching(/interrupted 3 times .* not run again/) },
    ]);
    expect(await stockOf(sku.id)).toBe(10);
    const read = await t.request(`/api/jobs/${id}`, { cookie: operator });
    expect(read.body.data).toMatchObject({ status: 'failed', errors: job.errors });
  });
});

describe.runIf(onPostgres)('job runners in parallel on PostgreSQL', () => {
  it('never take the same job: each runs once, on its first claim', async () => {
    await drain();
    const all = [...(await skus()), ...(await skus())];
    const ids: number[] = [];
    for (const [i, sku] of all.entries()) ids.push(await queueStockImport([[sku.code, 100 + i]]));
    const ran = await Promise.all([runPendingJobs(deps), runPendingJobs(deps), runPendingJobs(deps)]);
    expect(ran.reduce((sum, n) => sum + n, 0)).toBe(ids.length);
    for (const [i, id] of ids.entries()) {
      expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 1 });
      const ledger = await ledgerOf(id);
      expect(ledger).toEqual([{ skuId: all[i]?.id, delta: 90 + i }]);
    }
  });

  it('claims an expired lease in only one of several runners racing for it', async () => {
    await drain();
    const [sku] = await skus();
    if (!sku) throw new Error('expected a SKU');
    const id = await queueStockImport([[sku.code, 7]]);
    await claimNext(deps, { leaseMs: LEASE_MS });
    t.clock.advance(LEASE_MS + 1);
    const claims = await Promise.all(Array.from({ length: 4 }, () => claimNext(deps, { leaseMs: LEASE_MS })));
    expect(claims.filter((c) => c?.id === id)).toEqual([expect.objectContaining({ attempts: 2 })]);
  });
});
