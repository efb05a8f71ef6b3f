/**
 * The customer-service queue at 100,000 after-sales cases (BENCH_CASES for another size, e.g.
 * 20000): the demo after-sales generator (apps/bff/src/db/seed/after-sales.ts) seeds them over
 * the demo order history — the orders-list scenario's when it ran first, else seeded here at
 * BENCH_ORDERS (default eight orders per case, at most 1,000,000) — and is timed. Then, for the
 * views CS use, GET /api/refunds (page of 25 with its total, 20 clients) beside the same SQL run
 * directly through `pg` ("list p95 ≤ 50 ms and ≤ 2× the same SQL run directly").
 *
 * The baseline is the BFF's own SQL: listCases (apps/bff/src/modules/after-sales/queries.ts)
 * runs once through a Kysely that records each statement as compiled and which ones were sent
 * together, and they are replayed as the BFF sends them: the total, the count of cases with a
 * deadline and the page of those together; then, when that page is short, the page of the
 * cases without one; then the page's orders, members, staff names, refunds and unit counts.
 */
import type { AfterSalesFilter } from '@siyu/shared';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../../apps/bff/src/db/connect.js';
// The seeders reach catalog.ts, whose product_images table type lives in this module's augmentation.
import type {} from '../../../apps/bff/src/db/product-images-table.js';
import { seedDemoAfterSales } from '../../../apps/bff/src/db/seed/after-sales.js';
import { demoChannel } from '../../../apps/bff/src/db/seed/channel.js';
import { DEMO_OPENID_PREFIX, seedDemoOrders } from '../../../apps/bff/src/db/seed/orders.js';
import { listCases } from '../../../apps/bff/src/modules/after-sales/queries.js';
import { budgets } from '../budgets.js';
import { httpLoad, type LoadOptions, type LoadResult, taskLoad } from '../load.js';
import type { Figure } from '../report.js';
import type { BenchServer } from '../server.js';
import { sizeFromEnv } from '../sizes.js';
import { logIn } from '../staff-session.js';

/** DESIGN.md sets the list budget at 20 concurrent clients. */
const LIST_CLIENTS = 20;
const PAGE = 25;

type QueueView = { name: string; filter: AfterSalesFilter };
type Statement = { text: string; values: unknown[] };

/**
 * Records the statements a Kysely runs, as compiled (dialect and CamelCasePlugin applied), and
 * when each was sent and answered: a statement sent after an answer starts a new round, so the
 * rounds are the groups the code sent together. Statements compiled but never run (a subquery
 * built for an `array(…)` of another one) are left out.
 */
class StatementRecorder implements KyselyPlugin {
  private log: { queryId: unknown; statement?: Statement }[] = [];
  constructor(private readonly compile: (args: PluginTransformQueryArgs) => Statement) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.log.push({ queryId: args.queryId.queryId, statement: this.compile(args) });
    return args.node;
  }
  async transformResult(args: {
    queryId: { queryId: string };
    result: QueryResult<UnknownRow>;
  }): Promise<QueryResult<UnknownRow>> {
    this.log.push({ queryId: args.queryId.queryId });
    return args.result;
  }
  reset(): void {
    this.log = [];
  }
  rounds(): Statement[][] {
    const answered = new Set(this.log.filter((e) => !e.statement).map((e) => e.queryId));
    const rounds: Statement[][] = [];
    let round: Statement[] = [];
    let answerSeen = false;
    for (const entry of this.log) {
      if (!entry.statement) {
        answerSeen = true;
        continue;
      }
      if (!answered.has(entry.queryId)) continue;
      if (answerSeen && round.length > 0) {
        rounds.push(round);
        round = [];
      }
      answerSeen = false;
      round.push(entry.statement);
    }
    if (round.length > 0) rounds.push(round);
    return rounds;
  }
}

/** The views CS work from, on values the seeded cases really have. */
async function queueViews(pool: pg.Pool): Promise<QueueView[]> {
  const one = async (text: string) => (await pool.query(text)).rows[0] as Record<string, string> | undefined;
  const cs = await one(`select id from staff_users where username = 'cs'`);
  const tail = await one(
    `select right(m.phone, 4) as tail from after_sales_cases c join members m on m.id = c.member_id
      where m.phone is not null order by c.id limit 1 offset 37`,
  );
  return [
    { name: 'queue: by deadline (overdue first), then newest', filter: {} },
    { name: 'status requested', filter: { status: 'requested' } },
    { name: 'overdue', filter: { overdue: true } },
    ...(cs ? [{ name: 'assigned to cs', filter: { assigneeId: Number(cs.id) } }] : []),
    ...(tail ? [{ name: `phone tail "${tail.tail}"`, filter: { q: tail.tail as string } }] : []),
    { name: 'requested ¥100–¥300', filter: { requestedAmount_gte: 10_000, requestedAmount_lte: 30_000 } },
  ];
}

const listQuery = (filter: AfterSalesFilter) => ({
  page: 1,
  perPage: PAGE,
  sort: 'slaDueAt' as const,
  order: 'ASC' as const,
  filter: JSON.stringify(filter),
});

const listPath = (filter: AfterSalesFilter) =>
  `/api/refunds?${new URLSearchParams(
    Object.entries(listQuery(filter)).map(([k, v]): [string, string] => [k, String(v)]),
  )}`;

export async function refundsQueueScenario(
  server: BenchServer,
  options: LoadOptions,
): Promise<{ runs: LoadResult[]; figures: Figure[] }> {
  const { baseURL } = server;
  const wantedCases = sizeFromEnv('BENCH_CASES', 100_000, 1_000_000);
  const wantedOrders = sizeFromEnv('BENCH_ORDERS', Math.min(1_000_000, wantedCases * 8), 1_000_000);
  const members = sizeFromEnv('BENCH_MEMBERS', Math.min(100_000, Math.ceil(wantedOrders / 10)), 100_000);
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
    const hasOrders = await db
      .selectFrom('members')
      .select('id')
      .where('openid', 'like', `${DEMO_OPENID_PREFIX}%`)
      .limit(1)
      .executeTakeFirst();
    if (!hasOrders) {
      console.log(
        `bench: seeding ${wantedOrders.toLocaleString('en-US')} orders of ${members.toLocaleString('en-US')} members for the cases …`,
      );
      const t0 = performance.now();
      const seeded = await seedDemoOrders(db, {
        orders: wantedOrders,
        members,
        channelId: channel.id,
        now: new Date(),
      });
      const seconds = (performance.now() - t0) / 1000;
      console.log(`bench: seeded ${JSON.stringify(seeded)} in ${seconds.toFixed(1)} s`);
      figures.push({
        name: `seed ${wantedOrders.toLocaleString('en-US')} demo orders (for the after-sales cases)`,
        measured: seconds,
        unit: 's',
        note: 'insert … select from generate_series, one transaction',
      });
      await pool.query('analyze');
    }
    const hasCases = await db.selectFrom('afterSalesCases').select('id').limit(1).executeTakeFirst();
    if (!hasCases) {
      console.log(`bench: seeding ${wantedCases.toLocaleString('en-US')} after-sales cases …`);
      const t0 = performance.now();
      const seeded = await seedDemoAfterSales(db, {
        channelId: channel.id,
        now: new Date(),
        cases: wantedCases,
      });
      const seconds = (performance.now() - t0) / 1000;
      console.log(`bench: seeded ${JSON.stringify(seeded)} in ${seconds.toFixed(1)} s`);
      figures.push({
        name: `seed ${seeded.cases.toLocaleString('en-US')} after-sales cases (${seeded.events.toLocaleString('en-US')} timeline steps, ${seeded.refunds.toLocaleString('en-US')} refunds)`,
        measured: seconds,
        unit: 's',
        note: `planned in memory, JSON record sets of 5,000 rows, one transaction${
          seeded.cases < wantedCases ? `; ${wantedCases} asked, raise BENCH_ORDERS for more` : ''
        }`,
      });
    }
    // The steady state autovacuum keeps: statistics and the visibility map (index-only scans).
    await pool.query('vacuum analyze');
    const total = Number(
      (await pool.query<{ n: string }>('select count(*) as n from after_sales_cases')).rows[0]?.n,
    );
    console.log(`bench: CS queue over ${total.toLocaleString('en-US')} cases`);
    const cookie = await logIn(baseURL, 'cs', 'cs-demo-1');
    await httpLoad(
      { name: 'warm-up', url: `${baseURL}/api/refunds?perPage=${PAGE}`, headers: { Cookie: cookie } },
      { connections: LIST_CLIENTS, durationSeconds: 2 },
    );

    for (const view of await queueViews(pool)) {
      const path = listPath(view.filter);
      const check = await fetch(`${baseURL}${path}`, { headers: { Cookie: cookie } });
      const body = (await check.json()) as { data?: { id: number }[]; total?: number };
      if (!check.ok || !body.data?.length)
        throw new Error(
          `queue "${view.name}" answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`,
        );

      recorder.reset();
      const own = await listCases(recording, listQuery(view.filter), new Date());
      const groups = recorder.rounds();
      if (own.total !== body.total)
        throw new Error(`"${view.name}": BFF total ${body.total}, SQL total ${own.total}`);

      console.log(`bench: refunds, ${view.name} (total ${body.total}) …`);
      const bff = await httpLoad(
        { name: `GET refunds: ${view.name}`, url: `${baseURL}${path}`, headers: { Cookie: cookie } },
        listOptions,
      );
      const raw = await taskLoad(
        `SQL: refunds: ${view.name}`,
        async () => {
          for (const group of groups) await Promise.all(group.map((s) => pool.query(s)));
        },
        listOptions,
      );
      runs.push(bff, raw);
      figures.push({
        name: `GET /api/refunds ${view.name}, p95`,
        measured: bff.p95,
        unit: 'ms',
        budget: budgets.refundQueuePage,
        baseline: { name: 'same SQL via pg', value: raw.p95 },
        note: `total ${body.total}; ${groups.flat().length} statements in ${groups.length} round trips`,
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
    await db.destroy();
    await pool.end();
  }
}
