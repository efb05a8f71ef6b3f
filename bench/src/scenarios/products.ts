/**
 * The product list at the benchmark catalog size (10,000 products, ~50,000 SKUs): for each of
 * the searches and filters people use, GET /api/products (page of 25 with its total) through
 * the BFF beside the same SQL run directly through `pg` at the same concurrency ("list p95 ≤
 * 50 ms and ≤ 2× the same SQL run directly").
 *
 * The baseline is not a hand-written copy: the BFF's own query builders
 * (apps/bff/src/modules/products/queries.ts) are compiled here and their SQL text and
 * parameters sent as they are, in the order the BFF sends them: the category's descendants
 * (when filtered by category), then the page, which carries the list's total (the SKU
 * figures are columns of the product row, migration 0005).
 */
import type { ProductFilter } from '@siyu/shared';
import type { Compilable } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../../apps/bff/src/db/connect.js';
import {
  type ProductSortField,
  productListStatements,
} from '../../../apps/bff/src/modules/products/queries.js';
import { budgets } from '../budgets.js';
import { httpLoad, type LoadOptions, type LoadResult, taskLoad } from '../load.js';
import type { Figure } from '../report.js';
import type { BenchServer } from '../server.js';
import { logIn } from '../staff-session.js';

/** DESIGN.md sets the list budget at 20 concurrent clients. */
const LIST_CLIENTS = 20;

type ListCase = { name: string; filter: ProductFilter; sort: ProductSortField; order: 'ASC' | 'DESC' };

/** Realistic list views over the demo catalog (its words, its SKU codes SY00001-01, …). */
async function listCases(pool: pg.Pool): Promise<ListCase[]> {
  const root = await pool.query<{ id: string }>(
    'select id from categories where parent_id is null order by sort_order, id limit 1',
  );
  const rootId = Number(root.rows[0]?.id);
  const newest = { sort: 'createdAt', order: 'DESC' } as const;
  return [
    { name: 'newest first', filter: {}, ...newest },
    { name: 'keyword in title "精华"', filter: { q: '精华' }, ...newest },
    { name: 'SKU code prefix "SY012"', filter: { q: 'SY012' }, ...newest },
    { name: 'category + descendants, on sale', filter: { categoryId: rootId, status: 'active' }, ...newest },
    { name: 'price ¥50–¥200', filter: { price_gte: 5000, price_lte: 20_000 }, ...newest },
    { name: 'low stock', filter: { lowStock: true }, ...newest },
    { name: 'cheapest first', filter: {}, sort: 'minPrice', order: 'ASC' },
    { name: 'most stock first, on sale', filter: { status: 'active' }, sort: 'totalStock', order: 'DESC' },
  ];
}

const listPath = (c: ListCase) =>
  `/api/products?${new URLSearchParams({
    page: '1',
    perPage: '25',
    sort: c.sort,
    order: c.order,
    filter: JSON.stringify(c.filter),
  })}`;

type Statement = { text: string; values: unknown[] };
const statementOf = (query: Compilable) => {
  const compiled = query.compile();
  return { text: compiled.sql, values: [...compiled.parameters] };
};

export async function productsScenario(
  server: BenchServer,
  options: LoadOptions,
): Promise<{ runs: LoadResult[]; figures: Figure[] }> {
  const { baseURL } = server;
  const listOptions = { ...options, connections: Math.min(options.connections, LIST_CLIENTS) };
  const runs: LoadResult[] = [];
  const figures: Figure[] = [];
  // The BFF's pool holds 10 connections; the baseline gets the same.
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 10 });
  // Only compiles SQL (the dialect and CamelCasePlugin the BFF uses); it never connects.
  const compiler = openDatabase({ databaseUrl: server.databaseUrl, pgliteDataDir: 'memory://' });
  try {
    // The steady state autovacuum keeps: statistics and the visibility map (index-only scans).
    await pool.query('vacuum analyze');
    const counts = await pool.query<{ products: string; skus: string }>(
      'select (select count(*) from products) as products, (select count(*) from skus) as skus',
    );
    const size = `${Number(counts.rows[0]?.products).toLocaleString('en-US')} products, ${Number(
      counts.rows[0]?.skus,
    ).toLocaleString('en-US')} SKUs`;
    console.log(`bench: product list over ${size}`);
    const cookie = await logIn(baseURL, 'operator', 'operator-demo-1');
    // A freshly started BFF runs its first requests cold (JIT, pool connections): warm up,
    // unrecorded, so the first case is not charged for it.
    await httpLoad(
      { name: 'warm-up', url: `${baseURL}/api/products?perPage=25`, headers: { Cookie: cookie } },
      { connections: LIST_CLIENTS, durationSeconds: 2 },
    );

    for (const c of await listCases(pool)) {
      const path = listPath(c);
      const check = await fetch(`${baseURL}${path}`, { headers: { Cookie: cookie } });
      const body = (await check.json()) as { data?: { id: number }[]; total?: number };
      if (!check.ok || !body.data?.length) {
        throw new Error(
          `product list "${c.name}" answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`,
        );
      }

      // The category's descendants, as categories/service.ts descendantIds reads them level by level.
      const categoryIds: number[] | undefined = c.filter.categoryId === undefined ? undefined : [];
      const levels: Statement[] = [];
      if (categoryIds && c.filter.categoryId !== undefined) {
        let frontier = [c.filter.categoryId];
        categoryIds.push(...frontier);
        for (let level = 1; level < 3 && frontier.length > 0; level++) {
          const step = statementOf(
            compiler.selectFrom('categories').select('id').where('parentId', 'in', frontier),
          );
          levels.push(step);
          frontier = (await pool.query<{ id: string }>(step)).rows.map((r) => Number(r.id));
          categoryIds.push(...frontier);
        }
      }
      // Page 1 is never past the end: the BFF sends no separate count for it.
      const { page } = productListStatements(compiler, c.filter, categoryIds, {
        page: 1,
        perPage: 25,
        sort: c.sort,
        order: c.order,
      });
      const pageSql = statementOf(page);
      const rawTotal = Number((await pool.query<{ total: string }>(pageSql)).rows[0]?.total);
      if (rawTotal !== body.total)
        throw new Error(`"${c.name}": BFF total ${body.total}, SQL total ${rawTotal}`);

      console.log(`bench: products, ${c.name} (total ${body.total}) …`);
      const bff = await httpLoad(
        { name: `GET products: ${c.name}`, url: `${baseURL}${path}`, headers: { Cookie: cookie } },
        listOptions,
      );
      const raw = await taskLoad(
        `SQL: products: ${c.name}`,
        async () => {
          for (const level of levels) await pool.query(level);
          await pool.query(pageSql);
        },
        listOptions,
      );
      runs.push(bff, raw);
      figures.push({
        name: `GET /api/products ${c.name}, p95`,
        measured: bff.p95,
        unit: 'ms',
        budget: budgets.productListPage,
        baseline: { name: 'same SQL via pg', value: raw.p95 },
        note: `total ${body.total}`,
      });
    }
    for (const run of runs) {
      if (run.errors > 0 || run.non2xx > 0) {
        figures.push({
          name: `${run.name}: failed requests`,
          measured: run.errors + run.non2xx,
          unit: '',
          note: 'errors and non-2xx answers are not counted in the latencies',
        });
      }
    }
    return { runs, figures };
  } finally {
    await compiler.destroy();
    await pool.end();
  }
}
