import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { runPendingJobs } from '../src/jobs/runner.js';
import { createLogger } from '../src/lib/logger.js';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';
import { onPostgres } from './support/test-db.js';

let t: TestContext;
let deps: Deps;
let operator: string;
let admin: string;
let manager: string;
let cs: string;
// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON record.
let shirt: any;
// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON record.
let other: any;
let categoryId: number;

beforeAll(async () => {
  t = await createTestContext();
  deps = { db: t.db, config: t.config, clock: t.clock.now, hasher: t.hasher, logger: createLogger('silent') };
  [operator, admin, manager, cs] = await Promise.all([
    t.login('operator'),
    t.login('admin'),
    t.login('manager'),
    t.login('customer_service'),
  ]);
  categoryId = (await createCategory(t, operator, 'CSV 测试')).id;
  const otherCategory = (await createCategory(t, operator, 'CSV 其他')).id;
  shirt = await createProduct(t, operator, categoryId, { title: '=纯棉 T 恤' });
  other = await createProduct(t, operator, otherCategory);
});
afterAll(() => t.close());

const job = (id: number, cookie = operator) => t.request(`/api/jobs/${id}`, { cookie });
const exportCsv = (filter: unknown, cookie = operator) =>
  t.request(`/api/products/export.csv?filter=${encodeURIComponent(JSON.stringify(filter))}`, { cookie });

describe('CSV export', () => {
  it('streams the filtered list, one row per SKU, with a BOM, a header and yuan', async () => {
    const res = await exportCsv({ categoryId });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="products-\d{8}\.csv"$/);
    // Response.text() drops a BOM when decoding, so read the bytes.
    const raw = await t.app.request(`http://localhost/api/products/export.csv`, {
      headers: { cookie: operator },
    });
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.trimEnd().split(/\r?\n/);
    expect(lines[0]).toBe(
      'product_id,title,subtitle,category,status,sku_code,specs,price,original_price,cost,stock,barcode,low_stock_threshold',
    );
    expect(lines).toHaveLength(1 + 6);
    const first = shirt.skus[0];
    // The title starts with "=": guarded against spreadsheet formulas.
    expect(lines[1]).toBe(
      `${shirt.id},'=纯棉 T 恤,夏季新款,CSV 测试,draft,${first.code},颜色:红/尺码:S,99.00,129.00,40.00,10,${first.barcode},3`,
    );
    expect(res.text).not.toContain(other.skus[0].code);
  });

  it('refuses a bad filter with 400 and CS with 403', async () => {
    expect((await exportCsv({ nope: 1 })).status).toBe(400);
    expect((await exportCsv({}, cs)).status).toBe(403);
    expect((await exportCsv({}, manager)).status).toBe(403);
  });
});

describe('CSV imports', () => {
  it('applies the good product rows and reports each bad one by line and column', async () => {
    const [a, b, c] = shirt.skus;
    const csv = [
      'sku_code,title,price,original_price,cost,low_stock_threshold',
      `${a.code},新标题,88.80,129.00,40.00,3`,
      'NO-SUCH-SKU,x,1.00,,,0',
      `${b.code},新标题,-5.00,,,0`,
      `${c.code},新标题,1.00,,,abc`,
      `${other.skus[0].code},另一个,12.5,,,7`,
    ].join('\n');
    const queued = await post(t, operator, '/api/products/import', { csv });
    expect(queued.status).toBe(202);
    const id = queued.body.data.jobId;
    expect((await job(id)).body.data).toMatchObject({ status: 'queued', done: 0, total: 5 });
    expect(await runPendingJobs(deps)).toBe(1);
    const done = (await job(id)).body.data;
    expect(done).toMatchObject({
      kind: 'products_import',
      status: 'succeeded',
      done: 5,
      total: 5,
      result: { applied: 2, failed: 3 },
    });
    expect(done.errors).toEqual([
      { line: 3, column: 'sku_code', message: expect.stringContaining('NO-SUCH-SKU') },
      { line: 4, column: 'price', message: 'cannot be negative' },
      { line: 5, column: 'low_stock_threshold', message: expect.stringContaining('whole number') },
    ]);
    const skus = await t.db
      .selectFrom('skus')
      .select(['code', 'price', 'originalPrice', 'cost', 'lowStockThreshold'])
      .where('id', 'in', [a.id, b.id, c.id, other.skus[0].id])
      .orderBy('id')
      .execute();
    expect(skus.map((s) => s.price)).toEqual([8880, b.price, c.price, 1250]);
    expect(skus.at(-1)).toMatchObject({ originalPrice: null, cost: null, lowStockThreshold: 7 });
    const product = await t.request(`/api/products/${shirt.id}`, { cookie: operator });
    expect(product.body.data).toMatchObject({ title: '新标题', version: shirt.version + 1 });
    const audits = await t.db
      .selectFrom('auditLogs')
      .select(['actorName', 'requestId'])
      .where('resource', '=', 'products')
      .where('action', '=', 'update')
      .where('resourceId', '=', String(shirt.id))
      .execute();
    expect(audits).toEqual([{ actorName: 'operator', requestId: `job:${id}` }]);
  });

  it('turns stock counts into ledger deltas with reason import', async () => {
    const [a, b, c] = other.skus;
    const csv = `\uFEFFsku_code,stock\n${a.code},25\n${b.code},4\n${c.code},x\nNOPE-1,3\n${other.skus[3].code},10\n`;
    const queued = await post(t, operator, '/api/stock/import', { csv });
    expect(queued.status).toBe(202);
    await runPendingJobs(deps);
    const done = (await job(queued.body.data.jobId)).body.data;
    expect(done).toMatchObject({
      status: 'succeeded',
      done: 5,
      result: { applied: 2, unchanged: 1, failed: 2 },
    });
    expect(done.errors).toMatchObject([
      { line: 4, column: 'stock' },
      { line: 5, column: 'sku_code' },
    ]);
    const stocks = await t.db
      .selectFrom('skus')
      .select(['id', 'stock'])
      .where('productId', '=', other.id)
      .orderBy('id')
      .execute();
    expect(stocks.map((s) => s.stock)).toEqual([25, 4, 10, 10, 10, 10]);
    const ledger = await t.db
      .selectFrom('inventoryMovements')
      .select(['skuId', 'delta', 'stockAfter', 'reference'])
      .where('productId', '=', other.id)
      .where('reason', '=', 'import')
      .execute();
    expect(ledger.reduce((sum, m) => sum + m.delta, 0)).toBe(25 - 10 + (4 - 10));
    expect(ledger.every((m) => m.reference === `job:${queued.body.data.jobId}`)).toBe(true);
  });

  it('refuses an unreadable file at once, and imports to roles without the permission', async () => {
    const noStock = await post(t, operator, '/api/stock/import', { csv: 'sku_code\nA-1\n' });
    expect(noStock.status).toBe(400);
    expect(noStock.body.error.fields.csv).toContain('stock');
    expect((await post(t, operator, '/api/products/import', { csv: 'sku_code\n"unclosed\n' })).status).toBe(
      400,
    );
    expect((await post(t, operator, '/api/products/import', { csv: 'sku_code\nA', extra: 1 })).status).toBe(
      400,
    );
    expect((await post(t, manager, '/api/products/import', { csv: 'sku_code\nA-1\n' })).status).toBe(403);
    expect((await post(t, manager, '/api/stock/import', { csv: 'sku_code,stock\nA-1,1\n' })).status).toBe(
      403,
    );
    expect((await post(t, cs, '/api/stock/import', { csv: 'sku_code,stock\nA-1,1\n' })).status).toBe(403);
  });

  it("shows a job to its creator and admins only (anyone else's is a 404)", async () => {
    const queued = await post(t, operator, '/api/stock/import', { csv: 'sku_code,stock\nA-1,1\n' });
    const id = queued.body.data.jobId;
    expect((await job(id)).status).toBe(200);
    expect((await job(id, admin)).status).toBe(200);
    expect((await job(id, manager)).status).toBe(404);
    expect((await job(id, cs)).status).toBe(404);
    expect((await job(999_999)).status).toBe(404);
    await runPendingJobs(deps);
  });
});

describe.runIf(onPostgres)('job runner on PostgreSQL', () => {
  it('never runs one job twice when two runners poll at once (FOR UPDATE SKIP LOCKED)', async () => {
    const sku = other.skus[5];
    const ids: number[] = [];
    for (const count of [11, 12, 13, 14]) {
      const res = await post(t, operator, '/api/stock/import', {
        csv: `sku_code,stock\n${sku.code},${count}\n`,
      });
      ids.push(res.body.data.jobId);
    }
    const ran = await Promise.all([runPendingJobs(deps), runPendingJobs(deps), runPendingJobs(deps)]);
    expect(ran.reduce((a, b) => a + b, 0)).toBe(4);
    for (const id of ids) expect((await job(id)).body.data.status).toBe('succeeded');
    const ledger = await t.db
      .selectFrom('inventoryMovements')
      .select(['delta', 'stockAfter'])
      .where('skuId', '=', sku.id)
      .where('reason', '=', 'import')
      .execute();
    const final = await t.db
      .selectFrom('skus')
      .select('stock')
      .where('id', '=', sku.id)
      .executeTakeFirstOrThrow();
    expect(ledger.reduce((sum, m) => sum + m.delta, 0)).toBe(final.stock - 10);
  });
});
