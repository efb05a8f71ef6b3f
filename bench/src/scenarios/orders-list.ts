/**
 * The order desk at DESIGN.md's size: 1,000,000 orders of 100,000 members (BENCH_ORDERS and
 * BENCH_MEMBERS for a quicker run, e.g. 100000), seeded by the demo history generator
 * (apps/bff/src/db/seed/orders.ts) and timed. Then, for the lists people use, GET /api/orders
 * (page of 25 with its total, 20 clients) beside the same SQL run directly through `pg` ("list
 * p95 ≤ 50 ms and ≤ 2× the same SQL run directly"); one order's detail ("record detail p95 ≤
 * 20 ms"); and, when the BFF has it, the CSV export of 100,000 orders with the BFF's peak
 * memory growth while it streams ("streamed, flat memory").
 *
 * The baseline is the BFF's own SQL: listOrders (apps/bff/src/modules/orders/queries.ts) runs
 * once through a Kysely that records each statement as compiled, and those statements are
 * replayed as the BFF sends them: the page and its total together, then the page's channels,
 * members and unit counts together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { OrderFilter } from '@siyu/shared';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../../apps/bff/src/db/connect.js';
import { demoChannel } from '../../../apps/bff/src/db/seed/channel.js';
import { DEMO_OPENID_PREFIX, seedDemoOrders } from '../../../apps/bff/src/db/seed/orders.js';
import { listOrders } from '../../../apps/bff/src/modules/orders/queries.js';
import { budgets } from '../budgets.js';
import { httpLoad, type LoadOptions, type LoadResult, taskLoad } from '../load.js';
import type { Figure } from '../report.js';
import type { BenchServer } from '../server.js';
import { sizeFromEnv } from '../sizes.js';
import { logIn } from '../staff-session.js';

/** DESIGN.md sets the list budget at 20 concurrent clients. */
const LIST_CLIENTS = 20;
const EXPORT_ORDERS = 100_000;
const EXPORT_TIMEOUT_MS = 180_000;

type ListCase = { name: string; filter: OrderFilter };
type Statement = { text: string; values: unknown[] };

/** Records every statement a Kysely runs, as compiled (dialect and CamelCasePlugin applied). */
class StatementRecorder implements KyselyPlugin {
  statements: Statement[] = [];
  constructor(private readonly compile: (args: PluginTransformQueryArgs) => Statement) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.compile(args));
    return args.node;
  }
  async transformResult(args: { result: QueryResult<UnknownRow> }): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The lists of DESIGN.md's order desk, on values the seeded history really has. */
async function listCases(pool: pg.Pool): Promise<ListCase[]> {
  const one = async (text: string) => (await pool.query(text)).rows[0] as Record<string, string>;
  const latest = await one('select max(created_at) as at from orders');
  const until = new Date(latest.at as string);
  const tail = await one(
    'select right(phone, 4) as tail from members where phone is not null order by id limit 1 offset 37',
  );
  const orderNo = await one('select order_no from orders order by id desc limit 1 offset 500');
  // The best seller: the SKU filter at its heaviest.
  const sku = await one(
    'select sku_id from order_items where sku_id is not null group by sku_id order by count(*) desc limit 1',
  );
  return [
    { name: 'newest first', filter: {} },
    { name: 'to ship (paid, partially shipped)', filter: { status: ['paid', 'partially_shipped'] } },
    {
      name: 'last 7 days',
      filter: {
        createdAt_gte: new Date(until.getTime() - 7 * 86_400_000).toISOString(),
        createdAt_lte: until.toISOString(),
      },
    },
    { name: `phone tail "${tail.tail}"`, filter: { q: tail.tail as string } },
    {
      name: `order no prefix "${(orderNo.order_no as string).slice(0, 12)}"`,
      filter: { q: (orderNo.order_no as string).slice(0, 12) },
    },
    { name: 'best-selling SKU', filter: { skuId: Number(sku.sku_id) } },
    { name: 'payable ¥100–¥200', filter: { payableAmount_gte: 10_000, payableAmount_lte: 20_000 } },
  ];
}

const listQuery = (filter: OrderFilter) => ({
  page: 1,
  perPage: 25,
  sort: 'createdAt' as const,
  order: 'DESC' as const,
  filter: JSON.stringify(filter),
});

const listPath = (filter: OrderFilter) =>
  `/api/orders?${new URLSearchParams(
    Object.entries(listQuery(filter)).map(([k, v]): [string, string] => [k, String(v)]),
  )}`;

/** The BFF process serving `baseURL` (the bench starts it as `node …/dist/server.js` with PORT). */
function bffPid(baseURL: string): number | undefined {
  const port = new URL(baseURL).port;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('server.js')) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(`PORT=${port}`)) return Number(entry);
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);

export async function ordersListScenario(
  server: BenchServer,
  options: LoadOptions,
): Promise<{ runs: LoadResult[]; figures: Figure[] }> {
  const { baseURL } = server;
  const wanted = sizeFromEnv('BENCH_ORDERS', 1_000_000, 1_000_000);
  const members = sizeFromEnv('BENCH_MEMBERS', Math.min(100_000, Math.ceil(wanted / 10)), 100_000);
  const listOptions = { ...options, connections: Math.min(options.connections, LIST_CLIENTS) };
  const runs: LoadResult[] = [];
  const figures: Figure[] = [];
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 10 });
  const db = openDatabase({ databaseUrl: server.databaseUrl, pgliteDataDir: 'memory://' });
  const recorder = new StatementRecorder(({ node, queryId }) => {
    const compiled = db.getExecutor().compileQuery(node, queryId);
    return { text: compiled.sql, values: [...compiled.parameters] };
  });
  const recording = db.withPlugin(recorder);
  try {
    const channel = await db
      .selectFrom('channels')
      .select('id')
      .where('key', '=', demoChannel.key)
      .executeTakeFirstOrThrow();
    const already = await db
      .selectFrom('members')
      .select('id')
      .where('openid', 'like', `${DEMO_OPENID_PREFIX}%`)
      .limit(1)
      .executeTakeFirst();
    if (!already) {
      console.log(
        `bench: seeding ${wanted.toLocaleString('en-US')} orders of ${members.toLocaleString('en-US')} members …`,
      );
      const t0 = performance.now();
      const seeded = await seedDemoOrders(db, {
        orders: wanted,
        members,
        channelId: channel.id,
        now: new Date(),
      });
      const seconds = (performance.now() - t0) / 1000;
      console.log(`bench: seeded ${JSON.stringify(seeded)} in ${seconds.toFixed(1)} s`);
      figures.push({
        name: `seed ${wanted.toLocaleString('en-US')} demo orders (${seeded.items.toLocaleString('en-US')} lines, ${seeded.shipments.toLocaleString('en-US')} parcels)`,
        measured: seconds,
        unit: 's',
        note: 'insert … select from generate_series, one transaction',
      });
    }
    // The steady state autovacuum keeps: statistics and the visibility map (index-only scans).
    await pool.query('vacuum analyze');
    const total = Number((await pool.query<{ n: string }>('select count(*) as n from orders')).rows[0]?.n);
    console.log(`bench: order list over ${total.toLocaleString('en-US')} orders`);
    const cookie = await logIn(baseURL, 'operator', 'operator-demo-1');
    await httpLoad(
      { name: 'warm-up', url: `${baseURL}/api/orders?perPage=25`, headers: { Cookie: cookie } },
      { connections: LIST_CLIENTS, durationSeconds: 2 },
    );

    for (const c of await listCases(pool)) {
      const path = listPath(c.filter);
      const check = await fetch(`${baseURL}${path}`, { headers: { Cookie: cookie } });
      const body = (await check.json()) as { data?: { id: number }[]; total?: number };
      if (!check.ok || !body.data?.length)
        throw new Error(
          `order list "${c.name}" answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`,
        );

      recorder.statements = [];
      const own = await listOrders(recording, listQuery(c.filter));
      const statements = recorder.statements;
      if (own.total !== body.total)
        throw new Error(`"${c.name}": BFF total ${body.total}, SQL total ${own.total}`);
      // listOrders: [page, total] together, then the page's parties together.
      const [first, rest] = [statements.slice(0, 2), statements.slice(2)];

      console.log(`bench: orders, ${c.name} (total ${body.total}) …`);
      const bff = await httpLoad(
        { name: `GET orders: ${c.name}`, url: `${baseURL}${path}`, headers: { Cookie: cookie } },
        listOptions,
      );
      const raw = await taskLoad(
        `SQL: orders: ${c.name}`,
        async () => {
          await Promise.all(first.map((s) => pool.query(s)));
          await Promise.all(rest.map((s) => pool.query(s)));
        },
        listOptions,
      );
      runs.push(bff, raw);
      figures.push({
        name: `GET /api/orders ${c.name}, p95`,
        measured: bff.p95,
        unit: 'ms',
        budget: budgets.listPage,
        baseline: { name: 'same SQL via pg', value: raw.p95 },
        note: `total ${body.total}; ${statements.length} statements`,
      });
    }

    // The detail of an order with the most to show: several lines, two parcels if any.
    const rich = (
      await pool.query<{ id: string }>(
        `select s.order_id as id from shipments s group by s.order_id order by count(*) desc, s.order_id desc limit 1`,
      )
    ).rows[0];
    if (rich) {
      console.log(`bench: order detail ${rich.id} …`);
      const detail = await httpLoad(
        { name: 'GET order detail', url: `${baseURL}/api/orders/${rich.id}`, headers: { Cookie: cookie } },
        listOptions,
      );
      runs.push(detail);
      figures.push({
        name: 'GET /api/orders/{id} (lines, parcels, timeline), p95',
        measured: detail.p95,
        unit: 'ms',
        budget: budgets.recordDetail,
        note: `${LIST_CLIENTS} clients`,
      });
    }

    // An export that fails or stalls is reported, not allowed to take the list figures with it.
    figures.push(
      ...(await exportFigures(pool, baseURL, cookie).catch((error: unknown) => [
        {
          name: 'CSV export of 100,000 orders',
          measured: Number.NaN,
          unit: 'ms',
          note: `failed: ${error instanceof Error ? error.message : String(error)}`,
        },
      ])),
    );
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
    await db.destroy();
    await pool.end();
  }
}

/** The newest 100,000 orders as CSV: time to the last byte and the BFF's memory while it streams. */
async function exportFigures(pool: pg.Pool, baseURL: string, cookie: string): Promise<Figure[]> {
  const from = (
    await pool.query<{ at: Date }>(
      'select created_at as at from orders order by created_at desc limit 1 offset $1',
      [EXPORT_ORDERS - 1],
    )
  ).rows[0]?.at;
  const filter = from ? { createdAt_gte: from.toISOString() } : {};
  const url = `${baseURL}/api/orders/export.csv?${new URLSearchParams({
    filter: JSON.stringify(filter),
    sort: 'createdAt',
    order: 'DESC',
  })}`;
  const pid = bffPid(baseURL);
  const before = pid ? rssKb(pid) : Number.NaN;
  let peak = before;
  const sampler = pid
    ? setInterval(() => {
        peak = Math.max(peak, rssKb(pid));
      }, 25)
    : undefined;
  const t0 = performance.now();
  try {
    const response = await fetch(url, {
      headers: { Cookie: cookie },
      signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
    });
    // Before the export exists, /api/orders/export.csv is read as an order id and refused.
    if (!response.ok || !response.body || !response.headers.get('content-type')?.includes('text/csv')) {
      await response.body?.cancel();
      console.log(
        `bench: GET /api/orders/export.csv answered ${response.status}, not a CSV; no export figures`,
      );
      return [];
    }
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }
    const ms = performance.now() - t0;
    const expected = Math.min(
      EXPORT_ORDERS,
      Number((await pool.query('select count(*) as n from orders')).rows[0]?.n),
    );
    return [
      {
        name: `CSV export of ${(lines - 1).toLocaleString('en-US')} orders, to the last byte`,
        measured: ms,
        unit: 'ms',
        note: `${(bytes / 1_048_576).toFixed(1)} MB${lines - 1 >= expected ? '' : `; expected ${expected} rows`}`,
      },
      {
        name: 'CSV export: BFF peak RSS growth while streaming',
        measured: (peak - before) / 1024,
        unit: 'MB',
        note: `streamed, flat memory (budget); RSS before ${(before / 1024).toFixed(0)} MB${pid ? '' : ' — BFF process not found'}`,
      },
    ];
  } finally {
    if (sampler) clearInterval(sampler);
  }
}
