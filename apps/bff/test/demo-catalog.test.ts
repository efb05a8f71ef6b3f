import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedCatalog } from '../src/db/seed/catalog.js';
import { MemoryFileStore } from '../src/lib/file-store.js';
import { sniffImage } from '../src/lib/image-sniff.js';
import { openTestDatabase } from './support/test-db.js';

const now = new Date('2026-06-01T04:00:00Z');
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function seeded(products: number) {
  const { db, drop } = await openTestDatabase();
  closers.push(drop);
  await migrateToLatest(db);
  const store = new MemoryFileStore();
  const started = performance.now();
  const result = await seedCatalog(db, { products, store, now });
  return { db, store, result, ms: performance.now() - started };
}

let a: Awaited<ReturnType<typeof seeded>>;
let b: Awaited<ReturnType<typeof seeded>>;
// Opening and migrating an in-memory PGlite takes seconds: done in the hook, not the test.
beforeAll(async () => {
  a = await seeded(120);
  b = await seeded(120);
});

describe('demo catalog seed', () => {
  it('is deterministic, realistic, consistent with the ledger, and idempotent', async () => {
    expect(a.result.products).toBe(120);
    expect(a.result.categories).toBeGreaterThanOrEqual(30);
    const rows = (s: typeof a) =>
      s.db
        .selectFrom('products')
        .select(['id', 'title', 'status', 'categoryId', 'createdAt'])
        .orderBy('id')
        .execute();
    expect(await rows(a)).toEqual(await rows(b));
    const skus = (s: typeof a) =>
      s.db.selectFrom('skus').select(['id', 'code', 'price', 'stock']).orderBy('id').execute();
    expect(await skus(a)).toEqual(await skus(b));

    const products = await rows(a);
    expect(products.some((p) => /[\u4e00-\u9fff]/.test(p.title))).toBe(true);
    const statuses = new Set(products.map((p) => p.status));
    expect(statuses.has('active')).toBe(true);
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    const rejected = await a.db
      .selectFrom('products')
      .select('rejectReason')
      .where('status', '=', 'rejected')
      .execute();
    for (const r of rejected) expect(r.rejectReason).toBeTruthy();

    // Sort numbers run 1, 2, 3… among each parent's children.
    const categories = await a.db
      .selectFrom('categories')
      .select(['parentId', 'sortOrder'])
      .orderBy('parentId')
      .orderBy('sortOrder')
      .execute();
    const ordersByParent = new Map<number | null, number[]>();
    for (const c of categories)
      ordersByParent.set(c.parentId, [...(ordersByParent.get(c.parentId) ?? []), c.sortOrder]);
    for (const orders of ordersByParent.values()) expect(orders).toEqual(orders.map((_, i) => i + 1));

    // Three levels, and products only on leaves that exist.
    const levels = await a.db.selectFrom('categories').select('level').distinct().orderBy('level').execute();
    expect(levels.map((l) => l.level)).toEqual([1, 2, 3]);

    // Ledger sums equal stock, SKU by SKU.
    const mismatches = await a.db
      .selectFrom('skus as s')
      .leftJoin('inventoryMovements as m', 'm.skuId', 's.id')
      .select([
        's.id',
        's.stock',
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('m.delta'), eb.lit(0)).as('ledger'),
      ])
      .groupBy(['s.id', 's.stock'])
      .execute();
    expect(mismatches.length).toBe(a.result.skus);
    for (const m of mismatches) expect(Number(m.ledger)).toBe(m.stock);

    // Prices look like shop prices (integer fen ending in 90 or 00).
    for (const s of await skus(a)) expect(s.price % 10).toBe(0);

    // One real PNG per product, stored through the FileStore.
    const images = await a.db.selectFrom('productImages').selectAll().execute();
    expect(images.length).toBe(120);
    const file = await a.store.get(images[0]?.key ?? '');
    expect(file && sniffImage(file.bytes)?.contentType).toBe('image/png');
    expect(file?.bytes.length).toBe(images[0]?.bytes);

    // A second run changes nothing.
    expect((await seedCatalog(a.db, { products: 120, store: a.store, now })).products).toBe(0);
    expect((await rows(a)).length).toBe(120);
  });
});
