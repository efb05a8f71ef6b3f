/**
 * The product import creating products: rows with a new sku_code and no product_id, grouped by
 * title and category, become draft products through createProduct (grid rule, opening stock,
 * audit); a group that fails reports each of its lines and creates nothing; a job run again
 * after its runner died creates nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { claimNext, runPendingJobs } from '../src/jobs/runner.js';
import { createLogger } from '../src/lib/logger.js';
import { runImport } from '../src/modules/catalog-csv/import-jobs.js';
import { createCategory, createProduct, post } from './support/catalog.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
let deps: Deps;
let operator: string;
// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON record.
let existing: any;

const HEADER =
  'product_id,title,subtitle,category,status,sku_code,specs,price,original_price,cost,stock,barcode,low_stock_threshold';

beforeAll(async () => {
  t = await createTestContext();
  deps = { db: t.db, config: t.config, clock: t.clock.now, hasher: t.hasher, logger: createLogger('silent') };
  operator = await t.login('operator');
  const root = await createCategory(t, operator, '导入根');
  const face = await createCategory(t, operator, '导入面部', root.id);
  await createCategory(t, operator, '导入洁面', face.id);
  // Two categories named 导入套装: only a full path tells them apart.
  await createCategory(t, operator, '导入套装', root.id);
  await createCategory(t, operator, '导入套装', face.id);
  existing = await createProduct(t, operator, root.id);
});
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON record.
const jobOf = async (id: number): Promise<any> =>
  (await t.request(`/api/jobs/${id}`, { cookie: operator })).body.data;

async function importCsv(lines: string[]) {
  const queued = await post(t, operator, '/api/products/import', { csv: [HEADER, ...lines].join('\n') });
  expect(queued.status).toBe(202);
  return queued.body.data.jobId as number;
}

const productsTitled = (title: string) =>
  t.db.selectFrom('products').selectAll().where('title', '=', title).execute();

const skusOf = (productId: number) =>
  t.db.selectFrom('skus').selectAll().where('productId', '=', productId).orderBy('id').execute();

describe('creating products from the product import', () => {
  it('creates a 2×2 product and a one-SKU product as drafts, and updates existing SKUs in the same file', async () => {
    const [a, b] = existing.skus;
    const id = await importCsv([
      ',导入 T 恤,夏季款,导入根 > 导入面部,active,NEW-T-RS,颜色:红/尺码:S,99.00,129.00,40.00,5,6901,2',
      `${existing.id},${existing.title},,导入根,draft,${a.code},红/S,88.00,,,10,,`,
      ',导入 T 恤,夏季款,导入根 › 导入面部,active,NEW-T-RM,颜色:红/尺码:M,99.00,,,0,,',
      ',导入洁面乳,,导入洁面,,NEW-CLEAN,,39.90,,,12,,',
      ',导入 T 恤,夏季款,导入根/导入面部,,NEW-T-BS,颜色:蓝/尺码:S,109.00,,,,,',
      `${existing.id},${existing.title},,导入根,draft,${b.code},红/M,${(b.price / 100).toFixed(2)},129.00,40.00,10,${b.barcode},3`,
      ',导入 T 恤,夏季款,导入根 > 导入面部,,NEW-T-BM,颜色：蓝/尺码:M,109.00,,,3,,',
    ]);
    expect(await runPendingJobs(deps)).toBe(1);
    const job = await jobOf(id);
    expect(job.errors).toEqual([]);
    expect(job).toMatchObject({
      status: 'succeeded',
      done: 7,
      result: { applied: 6, unchanged: 1, failed: 0, created: 2 },
    });

    const [tee] = await productsTitled('导入 T 恤');
    expect(tee).toMatchObject({
      status: 'draft',
      subtitle: '夏季款',
      specDimensions: [
        { name: '颜色', values: ['红', '蓝'] },
        { name: '尺码', values: ['S', 'M'] },
      ],
    });
    const teeSkus = await skusOf(Number(tee?.id));
    expect(teeSkus.map((s) => [s.code, s.specValues, s.price, s.stock])).toEqual([
      ['NEW-T-RS', ['红', 'S'], 9900, 5],
      ['NEW-T-RM', ['红', 'M'], 9900, 0],
      ['NEW-T-BS', ['蓝', 'S'], 10900, 0],
      ['NEW-T-BM', ['蓝', 'M'], 10900, 3],
    ]);
    expect(teeSkus[0]).toMatchObject({
      originalPrice: 12900,
      cost: 4000,
      barcode: '6901',
      lowStockThreshold: 2,
    });
    const [clean] = await productsTitled('导入洁面乳');
    expect(clean).toMatchObject({ status: 'draft', specDimensions: [] });
    expect((await skusOf(Number(clean?.id))).map((s) => [s.code, s.specValues, s.price, s.stock])).toEqual([
      ['NEW-CLEAN', [], 3990, 12],
    ]);
    expect(
      (await t.db.selectFrom('skus').select('price').where('id', '=', a.id).executeTakeFirstOrThrow()).price,
    ).toBe(8800);

    // Opening stock is each new SKU's first ledger line; the creation is audited as the job.
    const ledger = await t.db
      .selectFrom('inventoryMovements')
      .select(['skuCode', 'delta', 'reason', 'reference'])
      .where('productId', 'in', [Number(tee?.id), Number(clean?.id)])
      .orderBy('id')
      .execute();
    expect(ledger).toEqual([
      { skuCode: 'NEW-T-RS', delta: 5, reason: 'opening_stock', reference: `product:${tee?.id}` },
      { skuCode: 'NEW-T-BM', delta: 3, reason: 'opening_stock', reference: `product:${tee?.id}` },
      { skuCode: 'NEW-CLEAN', delta: 12, reason: 'opening_stock', reference: `product:${clean?.id}` },
    ]);
    const audits = await t.db
      .selectFrom('auditLogs')
      .select(['resourceId', 'actorName', 'requestId'])
      .where('resource', '=', 'products')
      .where('action', '=', 'create')
      .where('requestId', '=', `job:${id}`)
      .orderBy('id')
      .execute();
    expect(audits).toEqual([
      { resourceId: String(tee?.id), actorName: 'operator', requestId: `job:${id}` },
      { resourceId: String(clean?.id), actorName: 'operator', requestId: `job:${id}` },
    ]);
  });

  it('reports every line of a product that cannot be created, and creates nothing of it', async () => {
    const id = await importCsv([
      // 2 × 2 with 蓝/M missing.
      ',缺格商品,,导入根,,GRID-1,颜色:红/尺码:S,10.00,,,,,',
      ',缺格商品,,导入根,,GRID-2,颜色:红/尺码:M,10.00,,,,,',
      ',缺格商品,,导入根,,GRID-3,颜色:蓝/尺码:S,10.00,,,,,',
      ',模糊分类商品,,导入套装,,AMBI-1,,10.00,,,,,',
      ',无此分类商品,,导入根 › 没有这个,,NOCAT-1,,10.00,,,,,',
      ',坏价格商品,,导入根,,PRICE-1,颜色:红,abc,,,,,',
      ',坏价格商品,,导入根,,PRICE-2,颜色:蓝,10.00,,,,,',
      ',重码甲,,导入根,,DUP-1,,10.00,,,,,',
      ',重码乙,,导入根,,DUP-1,,10.00,,,,,',
      ',无名规格,,导入根,,UNNAMED-1,红/S,10.00,,,,,',
      `${existing.id},${existing.title},,导入根,,NEW-IN-OLD,颜色:绿/尺码:S,10.00,,,,,`,
      ',,,导入根,,NO-TITLE,,10.00,,,,,',
    ]);
    await runPendingJobs(deps);
    const job = await jobOf(id);
    expect(job).toMatchObject({
      status: 'succeeded',
      done: 12,
      result: { applied: 0, unchanged: 0, failed: 12, created: 0 },
    });
    const errors = new Map<number, { column: string | null; message: string }>(
      job.errors.map((e: { line: number; column: string | null; message: string }) => [
        e.line,
        { column: e.column, message: e.message },
      ]),
    );
    expect(job.errors).toHaveLength(12);
    for (const line of [2, 3, 4])
      expect(errors.get(line)).toEqual({ column: 'specs', message: expect.stringContaining('蓝/M') });
    expect(errors.get(5)).toEqual({
      column: 'category',
      message: expect.stringMatching(/导入根 › 导入套装.*导入根 › 导入面部 › 导入套装/),
    });
    expect(errors.get(6)).toEqual({ column: 'category', message: expect.stringContaining('没有这个') });
    expect(errors.get(7)).toEqual({ column: 'price', message: expect.stringContaining('abc') });
    expect(errors.get(8)).toEqual({ column: null, message: expect.stringContaining('see line 7') });
    expect(errors.get(9)).toEqual({ column: 'sku_code', message: expect.stringContaining('line 10') });
    expect(errors.get(10)).toEqual({ column: 'sku_code', message: expect.stringContaining('line 9') });
    expect(errors.get(11)).toEqual({ column: 'specs', message: expect.stringContaining('颜色:红/尺码:S') });
    expect(errors.get(12)).toEqual({ column: 'sku_code', message: expect.stringContaining('edit page') });
    expect(errors.get(13)).toEqual({ column: 'title', message: 'cannot be empty' });

    const codes = [
      'GRID-1',
      'GRID-2',
      'GRID-3',
      'AMBI-1',
      'NOCAT-1',
      'PRICE-2',
      'DUP-1',
      'UNNAMED-1',
      'NEW-IN-OLD',
    ];
    expect(await t.db.selectFrom('skus').select('code').where('code', 'in', codes).execute()).toEqual([]);
    const titles = ['缺格商品', '模糊分类商品', '无此分类商品', '坏价格商品', '重码甲', '重码乙', '无名规格'];
    expect(await t.db.selectFrom('products').select('id').where('title', 'in', titles).execute()).toEqual([]);
  });

  it('creates nothing twice when the runner runs an interrupted job again from the start', async () => {
    const id = await importCsv([
      ',重跑商品,,导入根,,RERUN-S,尺码:S,20.00,,,4,,',
      ',重跑商品,,导入根,,RERUN-M,尺码:M,20.00,,,4,,',
    ]);
    // A runner claims the job, saves every row, and dies before marking it done.
    const dead = await claimNext(deps);
    expect(dead).toMatchObject({ id, attempts: 1 });
    const actor = { id: null, name: 'system', role: 'system' as const };
    const first = await runImport(
      deps,
      { id, kind: 'products_import', input: dead?.input ?? '' },
      () => ({ actor, ip: null, requestId: `job:${id}`, at: t.clock.now() }),
      async () => {},
    );
    expect(first.result).toMatchObject({ applied: 2, created: 1 });
    // Its lease runs out: the job is taken again and run from its first row.
    t.clock.advance(61_000);
    expect(await runPendingJobs(deps)).toBe(1);
    const job = await jobOf(id);
    expect(job).toMatchObject({
      status: 'succeeded',
      errors: [],
      result: { applied: 0, unchanged: 2, failed: 0, created: 0 },
    });
    const products = await productsTitled('重跑商品');
    expect(products).toHaveLength(1);
    const skus = await skusOf(Number(products[0]?.id));
    expect(skus.map((s) => [s.code, s.stock])).toEqual([
      ['RERUN-S', 4],
      ['RERUN-M', 4],
    ]);
    const ledger = await t.db
      .selectFrom('inventoryMovements')
      .select('delta')
      .where('productId', '=', Number(products[0]?.id))
      .execute();
    expect(ledger).toHaveLength(2);
  });

  it('reads its own export back: a copied row with a new code and no product_id is a new product', async () => {
    const res = await t.request(
      `/api/products/export.csv?filter=${encodeURIComponent(JSON.stringify({ q: existing.title }))}`,
      { cookie: operator },
    );
    const [header, row] = res.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/);
    expect(header).toBe(HEADER);
    const cells = (row ?? '').split(',');
    expect(cells[3]).toBe('导入根');
    expect(cells[6]).toBe('颜色:红/尺码:S');
    // One SKU of a new product: the same specs, a new title and code, no product_id.
    const copy = ['', '复制的商品', ...cells.slice(2, 5), 'COPY-1', ...cells.slice(6)].join(',');
    const id = await importCsv([copy]);
    await runPendingJobs(deps);
    // The copied row names 颜色 and 尺码 with one value each: a 1 × 1 grid.
    expect((await jobOf(id)).result).toMatchObject({ created: 1, failed: 0 });
    const [copied] = await productsTitled('复制的商品');
    expect(copied).toMatchObject({ status: 'draft', categoryId: existing.categoryId });
  });
});
