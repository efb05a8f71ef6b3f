import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedCatalog } from '../src/db/seed/catalog.js';
import { demoShippingTemplates, seedShippingTemplates } from '../src/db/seed/shipping-templates.js';
import { MemoryFileStore } from '../src/lib/file-store.js';
import { openTestDatabase } from './support/test-db.js';

const now = new Date('2026-06-01T04:00:00Z');
let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await migrateToLatest(db);
  await seedCatalog(db, { products: 80, store: new MemoryFileStore(), now });
  await seedShippingTemplates(db, now);
});
afterAll(() => drop());

describe('demo shipping templates', () => {
  it('gives every demo product a template: food by weight (生鲜冷链), every fourth other free, the rest 标准快递', async () => {
    const rows = await db
      .selectFrom('products as p')
      .innerJoin('shippingTemplates as t', 't.id', 'p.shippingTemplateId')
      .innerJoin('categories as c', 'c.id', 'p.categoryId')
      .leftJoin('categories as parent', 'parent.id', 'c.parentId')
      .leftJoin('categories as root', 'root.id', 'parent.parentId')
      .select(['p.id', 't.name as template', 'c.name as leaf', 'parent.name as mid', 'root.name as top'])
      .execute();
    const total = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(rows.length).toBe(Number(total.n));
    for (const row of rows) {
      const food = [row.leaf, row.mid, row.top].includes('食品饮料');
      const expected = food
        ? demoShippingTemplates.coldChain.name
        : row.id % 4 === 0
          ? demoShippingTemplates.free.name
          : demoShippingTemplates.standard.name;
      expect(row.template, `product ${row.id}`).toBe(expected);
    }
    expect(new Set(rows.map((r) => r.template)).size).toBe(3);
  });

  it('runs once: a second run changes nothing', async () => {
    const before = await db.selectFrom('shippingTemplates').selectAll().execute();
    await seedShippingTemplates(db, now);
    expect(await db.selectFrom('shippingTemplates').selectAll().execute()).toEqual(before);
  });
});
