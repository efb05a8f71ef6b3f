/**
 * The demo catalog: a three-level category tree and `products` products with Chinese titles,
 * brands and spec grids, SKUs priced like a shop prices them, a mix of statuses, opening
 * stock written to the ledger (as the products service does) and one generated PNG per
 * product, stored through the FileStore.
 *
 * Deterministic: a seeded random generator (never Math.random) and times relative to `now`,
 * so two runs on empty databases give the same ids, titles, prices and images. Idempotent:
 * nothing happens when any product exists. Fast: rows go in with multi-row inserts in chunks,
 * files are written a hundred at a time.
 */
import type { ProductStatus } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { FileStore } from '../../lib/file-store.js';
import { encodePng, type Rgb } from '../../lib/png.js';
import type { Database } from '../schema.js';
import { type Branch, catalogTree, type Leaf, rejectReasons } from './catalog-data.js';

export type CatalogOptions = { products: number; store: FileStore; seed?: number; now?: Date };
export type CatalogResult = { categories: number; products: number; skus: number; images: number };

const DAY_MS = 86_400_000;
const CHUNK = 500;

/** mulberry32: a small, fast, seeded generator in [0, 1). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}

type Random = ReturnType<typeof seededRandom>;

const isLeaf = (node: Leaf | { children: unknown }): node is Leaf => !('children' in node);

type CategoryPlan = { name: string; level: number; parent: string | null; path: string; leaf?: Leaf };

/** The tree as rows, parents before children; `path` names a category uniquely. */
function planCategories(tree: Branch[]): CategoryPlan[] {
  const out: CategoryPlan[] = [];
  for (const root of tree) {
    out.push({ name: root.name, level: 1, parent: null, path: root.name });
    for (const child of root.children) {
      const childPath = `${root.name}/${child.name}`;
      if (isLeaf(child)) {
        out.push({ name: child.name, level: 2, parent: root.name, path: childPath, leaf: child });
        continue;
      }
      out.push({ name: child.name, level: 2, parent: root.name, path: childPath });
      for (const leaf of child.children) {
        out.push({ name: leaf.name, level: 3, parent: childPath, path: `${childPath}/${leaf.name}`, leaf });
      }
    }
  }
  return out;
}

/** Prices end like shop prices: …90 under ¥100, whole tens of yuan above (x900). */
function shopPrice(fen: number): number {
  if (fen < 10_000) return Math.max(990, Math.round(fen / 1000) * 1000 - 10);
  return Math.round(fen / 1000) * 1000 - 100;
}

function statusOf(random: Random): { status: ProductStatus; rejectReason: string | null } {
  const roll = random.next();
  if (roll < 0.76) return { status: 'active', rejectReason: null };
  if (roll < 0.84) return { status: 'inactive', rejectReason: null };
  if (roll < 0.91) return { status: 'draft', rejectReason: null };
  if (roll < 0.96) return { status: 'pending_review', rejectReason: null };
  return { status: 'rejected', rejectReason: random.pick(rejectReasons) };
}

const palette: Rgb[] = [
  [244, 143, 177],
  [255, 204, 128],
  [165, 214, 167],
  [144, 202, 249],
  [206, 147, 216],
  [255, 171, 145],
  [128, 203, 196],
  [230, 238, 156],
];

const pngCache = new Map<string, Buffer>();

/**
 * A 96 × 96 PNG: a soft background from the root category, a circle, square or diamond on it.
 * There are a few hundred distinct pictures, so each is encoded once and reused.
 */
export function productPng(rootIndex: number, random: Random): Buffer {
  const shape = random.int(0, 2);
  const r = random.int(22, 34);
  const cacheKey = `${rootIndex % palette.length}/${shape}/${r}`;
  const cached = pngCache.get(cacheKey);
  if (cached) return cached;
  const bg = palette[rootIndex % palette.length] as Rgb;
  const fg: Rgb = [Math.round(bg[0] * 0.55), Math.round(bg[1] * 0.55), Math.round(bg[2] * 0.55)];
  const c = 48;
  const png = encodePng(96, 96, (x, y) => {
    const dx = Math.abs(x - c);
    const dy = Math.abs(y - c);
    const inside = shape === 0 ? dx * dx + dy * dy <= r * r : shape === 1 ? dx <= r && dy <= r : dx + dy <= r;
    return inside ? fg : bg;
  });
  pngCache.set(cacheKey, png);
  return png;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type PlannedSku = {
  code: string;
  specValues: string[];
  price: number;
  originalPrice: number;
  cost: number;
  stock: number;
  lowStockThreshold: number;
  weightGrams: number;
  barcode: string;
};

type PlannedProduct = {
  title: string;
  subtitle: string;
  categoryPath: string;
  brand: string;
  descriptionHtml: string;
  status: ProductStatus;
  rejectReason: string | null;
  specDimensions: { name: string; values: string[] }[];
  skus: PlannedSku[];
  createdAt: Date;
  image: { key: string; bytes: Buffer };
};

function planProduct(
  n: number,
  plan: CategoryPlan,
  rootIndex: number,
  random: Random,
  now: Date,
): PlannedProduct {
  const leaf = plan.leaf as Leaf;
  const brand = random.pick(leaf.brands);
  const item = random.pick(leaf.items);
  const point = random.pick(leaf.points);
  const point2 = random.pick(leaf.points);
  const dims = leaf.specs.map((spec) => {
    const start = random.int(0, spec.values.length - spec.pick);
    return { name: spec.name, values: spec.values.slice(start, start + spec.pick), step: spec.step ?? 0 };
  });
  const base = random.pick(leaf.prices);
  const grid = dims.reduce<number[][]>(
    (acc, dim) => acc.flatMap((combo) => dim.values.map((_, i) => [...combo, i])),
    [[]],
  );
  const code = `SY${String(n).padStart(5, '0')}`;
  const skus = grid.map((combo, k) => {
    const extra = combo.reduce((sum, i, d) => sum + i * (dims[d]?.step ?? 0), 0);
    const price = shopPrice(base + extra);
    const empty = random.next() < 0.06;
    return {
      code: `${code}-${String(k + 1).padStart(2, '0')}`,
      specValues: combo.map((i, d) => dims[d]?.values[i] ?? ''),
      price,
      originalPrice: shopPrice(price * (1.2 + random.int(0, 3) / 10)) + 100,
      cost: Math.round((price * random.int(35, 60)) / 100),
      stock: empty ? 0 : random.next() < 0.1 ? random.int(1, 8) : random.int(20, 800),
      lowStockThreshold: random.pick([5, 10, 10, 20]),
      weightGrams: random.int(1, 40) * 50,
      barcode: `69${String(2_000_000_000 + n * 100 + k).padStart(11, '0')}`,
    };
  });
  const { status, rejectReason } = statusOf(random);
  const createdAt = new Date(now.getTime() - random.int(1, 180 * 24) * 3_600_000 - DAY_MS / 24);
  const hex = Math.floor(random.next() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  return {
    title: `${brand} ${item} ${dims[0]?.values[0] ?? ''} ${point}`.replace(/\s+/g, ' ').trim().slice(0, 100),
    subtitle: `${point2}｜${plan.name}热卖 · 顺丰包邮`,
    categoryPath: plan.path,
    brand,
    descriptionHtml: `<p>${brand}${item}，${point}，${point2}。</p><p>7天无理由退换，48小时内发货。</p>`,
    status,
    rejectReason,
    specDimensions: dims.map(({ name, values }) => ({ name, values })),
    skus,
    createdAt,
    image: { key: `demo-${code.toLowerCase()}-${hex}.png`, bytes: productPng(rootIndex, random) },
  };
}

/** Seeds the catalog into an empty products table; returns what it wrote (zeros when it skipped). */
export async function seedCatalog(db: Kysely<Database>, options: CatalogOptions): Promise<CatalogResult> {
  const none = { categories: 0, products: 0, skus: 0, images: 0 };
  if (options.products <= 0) return none;
  const any = await db.selectFrom('products').select('id').limit(1).executeTakeFirst();
  if (any) return none;
  const now = options.now ?? new Date();
  const random = seededRandom(options.seed ?? 20_260_101);
  const plans = planCategories(catalogTree);
  const leaves = plans.filter((p) => p.leaf);
  const rootIndex = new Map(catalogTree.map((root, i) => [root.name, i]));

  // Round-robin over the leaves with a random skew, so every category has products.
  const products = Array.from({ length: options.products }, (_, n) => {
    const plan = (n < leaves.length ? leaves[n] : random.pick(leaves)) as CategoryPlan;
    return planProduct(n + 1, plan, rootIndex.get(plan.path.split('/')[0] ?? '') ?? 0, random, now);
  });

  // Files first (puts are idempotent); the rows that point at them follow in one transaction.
  for (const batch of chunks(products, 100)) {
    await Promise.all(batch.map((p) => options.store.put(p.image.key, p.image.bytes, 'image/png')));
  }

  let skuCount = 0;
  await db.transaction().execute(async (trx) => {
    // Categories: reuse any that already exist by (parent, name), create the rest level by level.
    const ids = new Map<string, number>();
    const existing = await trx.selectFrom('categories').select(['id', 'parentId', 'name']).execute();
    const existingKey = (parentId: number | null, name: string) => `${parentId ?? 0}/${name.toLowerCase()}`;
    const byKey = new Map(existing.map((c) => [existingKey(c.parentId, c.name), c.id]));
    // Sort numbers restart among each parent's children, as an operator would number them.
    const siblingsSeen = new Map<number | null, number>();
    for (const plan of plans) {
      const parentId = plan.parent ? (ids.get(plan.parent) ?? null) : null;
      const order = (siblingsSeen.get(parentId) ?? 0) + 1;
      siblingsSeen.set(parentId, order);
      let id = byKey.get(existingKey(parentId, plan.name));
      if (id === undefined) {
        const row = await trx
          .insertInto('categories')
          .values({
            parentId,
            level: plan.level,
            name: plan.name,
            sortOrder: order,
            createdAt: now,
            updatedAt: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      }
      ids.set(plan.path, id);
    }

    for (const batch of chunks(products)) {
      const inserted = await trx
        .insertInto('products')
        .values(
          batch.map((p) => ({
            title: p.title,
            subtitle: p.subtitle,
            categoryId: ids.get(p.categoryPath) as number,
            brand: p.brand,
            descriptionHtml: p.descriptionHtml,
            status: p.status,
            rejectReason: p.rejectReason,
            specDimensions: JSON.stringify(p.specDimensions),
            createdAt: p.createdAt,
            updatedAt: p.createdAt,
          })),
        )
        .returning('id')
        .execute();
      const withIds = batch.map((p, i) => ({ ...p, id: (inserted[i] as { id: number }).id }));

      const skuRows = withIds.flatMap((p) =>
        p.skus.map((s) => ({
          productId: p.id,
          code: s.code,
          specValues: JSON.stringify(s.specValues),
          price: s.price,
          originalPrice: s.originalPrice,
          cost: s.cost,
          stock: s.stock,
          lowStockThreshold: s.lowStockThreshold,
          weightGrams: s.weightGrams,
          barcode: s.barcode,
          createdAt: p.createdAt,
          updatedAt: p.createdAt,
        })),
      );
      for (const rows of chunks(skuRows, 1000)) {
        const skus = await trx
          .insertInto('skus')
          .values(rows)
          .returning(['id', 'productId', 'code', 'stock', 'createdAt'])
          .execute();
        skuCount += skus.length;
        // The opening stock is the first line of each SKU's ledger, as createProduct writes it.
        const movements = skus
          .filter((s) => s.stock > 0)
          .map((s) => ({
            skuId: s.id,
            productId: s.productId,
            skuCode: s.code,
            delta: s.stock,
            reason: 'opening_stock' as const,
            stockAfter: s.stock,
            actorId: null,
            actorName: 'system',
            reference: `product:${s.productId}`,
            note: null,
            at: s.createdAt,
          }));
        for (const part of chunks(movements, 1000))
          await trx.insertInto('inventoryMovements').values(part).execute();
      }

      await trx
        .insertInto('productImages')
        .values(
          withIds.map((p) => ({
            productId: p.id,
            key: p.image.key,
            filename: `${p.image.key}`,
            contentType: 'image/png' as const,
            bytes: p.image.bytes.length,
            width: 96,
            height: 96,
            sortOrder: 0,
            createdAt: p.createdAt,
          })),
        )
        .execute();
    }
  });
  return { categories: plans.length, products: products.length, skus: skuCount, images: products.length };
}
