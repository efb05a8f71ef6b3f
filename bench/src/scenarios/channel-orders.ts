/**
 * Channel orders through real HTTP with signed requests, each under its own Idempotency-Key:
 *
 * 1. the burst: 1,000 orders fired at once at one SKU holding 100 units, signed beforehand so
 *    signing is not part of the race ("exactly 100 accepted, 0 oversold, 0 5xx, p99 ≤ 1 s");
 * 2. sustained orders spread over ~1,000 SKUs with ample stock, a closed loop at the bench's
 *    connection count ("≥ 1,000 orders/s, p99 ≤ 300 ms").
 *
 * Stock is set straight in the database on demo SKUs of products on sale, one SKU per product (the demo seed puts
 * the catalog on sale and gives every product a shipping template). While the burst runs,
 * pg_stat_activity is sampled to show how many sessions wait on a lock, and the rows written
 * per order are read from pg_stat_user_tables: both say where an order's time goes.
 */
import { signChannelRequest } from '@siyu/shared';
import pg from 'pg';
import { demoChannel } from '../../../apps/bff/src/db/seed/channel.js';
import { budgets } from '../budgets.js';
import { type LoadOptions, type LoadResult, percentile, taskLoad } from '../load.js';
import type { Figure } from '../report.js';
import type { BenchServer } from '../server.js';

const BURST_ORDERS = 1_000;
const BURST_STOCK = 100;
const SPREAD_SKUS = 1_000;
const AMPLE_STOCK = 1_000_000;
/** Distinct buyers in the sustained run: most orders come from a returning member. */
const SUSTAINED_BUYERS = 5_000;

const run = Date.now().toString(36);
let serial = 0;

const orderBody = (skuId: number, openid: string) => ({
  buyer: { openid, nickname: '压测买家', phone: '13800001234' },
  items: [{ skuId, quantity: 1 }],
  address: {
    name: '林女士',
    phone: '13800001234',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 1 号',
  },
  note: '',
  couponId: null,
});

type Signed = { rawBody: string; headers: Record<string, string> };

async function signedOrder(skuId: number, openid: string): Promise<Signed> {
  const rawBody = JSON.stringify(orderBody(skuId, openid));
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    rawBody,
    headers: {
      'content-type': 'application/json',
      'x-channel-key': demoChannel.key,
      'x-timestamp': timestamp,
      'x-signature': await signChannelRequest(demoChannel.secret, timestamp, rawBody),
      'idempotency-key': `bench-${run}-${serial++}`,
    },
  };
}

const post = (baseURL: string, signed: Signed) =>
  fetch(`${baseURL}/api/channel/orders`, { method: 'POST', headers: signed.headers, body: signed.rawBody });

/**
 * SKUs of products on sale that a test order to Zhejiang is accepted for (a template may not
 * deliver there), `count` of them, with their stock set to `stock`.
 */
async function skusOnSale(pool: pg.Pool, baseURL: string, count: number, stock: number): Promise<number[]> {
  // One SKU per product: a stock move locks its product's row (the figures of migration 0005),
  // so "many SKUs" means many products here, as on a real storefront's busy day.
  const candidates = await pool.query<{ id: string }>(
    `select id from (select distinct on (s.product_id) s.id from skus s join products p on p.id = s.product_id
                      where p.status = 'active' order by s.product_id desc, s.id) one
      order by id desc limit $1`,
    [count * 2],
  );
  const ids = candidates.rows.map((r) => Number(r.id));
  await pool.query('update skus set stock = $2 where id = any($1::bigint[])', [ids, stock]);
  // One probe per product template is enough in practice; probing each would double the setup.
  const deliverable: number[] = [];
  for (const id of ids) {
    if (deliverable.length === count) break;
    if (deliverable.length > 0 && deliverable.length % 50 !== 0) {
      deliverable.push(id);
      continue;
    }
    const response = await post(baseURL, await signedOrder(id, `bench-probe-${run}`));
    if (response.status === 201) deliverable.push(id);
    else if (response.status >= 500)
      throw new Error(`probe order: ${response.status} ${await response.text()}`);
    else await response.arrayBuffer();
  }
  if (deliverable.length < count) throw new Error(`only ${deliverable.length} of ${count} SKUs take orders`);
  await pool.query('update skus set stock = $2 where id = any($1::bigint[])', [deliverable, stock]);
  return deliverable;
}

type TableWrites = Map<string, number>;
async function tableWrites(pool: pg.Pool): Promise<TableWrites> {
  await statsSettled();
  const rows = await pool.query<{ relname: string; n: string }>(
    'select relname, n_tup_ins + n_tup_upd + n_tup_del as n from pg_stat_user_tables',
  );
  return new Map(rows.rows.map((r) => [r.relname, Number(r.n)]));
}

/** A backend sends its statistics at most once a second, and when idle after up to a second. */
const statsSettled = () => new Promise((resolve) => setTimeout(resolve, 2_500));

async function writesSince(pool: pg.Pool, before: TableWrites): Promise<string> {
  await statsSettled();
  const after = await tableWrites(pool);
  return [...after]
    .map(([table, n]) => [table, n - (before.get(table) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
}

/**
 * Samples pg_stat_activity until stopped: the BFF's sessions by what they wait on. "Lock" is a
 * wait for a row another order holds; "idle in transaction" is the database waiting for the
 * BFF's next statement (a round trip, or the BFF's own CPU); "running" is SQL executing.
 */
function sampleActivity(pool: pg.Pool) {
  let peakLockWaits = 0;
  let samples = 0;
  const seen = new Map<string, number>();
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const { rows } = await pool.query<{ what: string; n: string }>(
        `select case when state like 'idle in transaction%' then 'idle in transaction'
                     when wait_event_type is null then 'running'
                     else wait_event_type || ':' || wait_event end as what,
                count(*) as n
           from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'
            and backend_type = 'client backend' and query not like '%pg_stat_activity%'
          group by 1`,
      );
      for (const row of rows) seen.set(row.what, (seen.get(row.what) ?? 0) + Number(row.n));
      const waiting = rows.filter((r) => r.what.startsWith('Lock:')).reduce((sum, r) => sum + Number(r.n), 0);
      peakLockWaits = Math.max(peakLockWaits, waiting);
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    stopped = true;
    await done;
    const mean = [...seen]
      .sort((a, b) => b[1] - a[1])
      .map(([what, n]) => `${what} ${(n / Math.max(1, samples)).toFixed(1)}`)
      .join(', ');
    return { peakLockWaits, mean };
  };
}

async function burst(server: BenchServer, pool: pg.Pool): Promise<{ run: LoadResult; figures: Figure[] }> {
  const [skuId] = await skusOnSale(pool, server.baseURL, 1, BURST_STOCK);
  if (skuId === undefined) throw new Error('no SKU on sale');
  const ordersBefore = await pool.query<{ n: string }>(
    'select count(*) as n from order_items where sku_id = $1',
    [skuId],
  );
  const requests = await Promise.all(
    Array.from({ length: BURST_ORDERS }, (_, i) => signedOrder(skuId, `bench-${run}-burst-${i}`)),
  );
  const writes = await tableWrites(pool);
  const stopSampling = sampleActivity(pool);
  console.log(`bench: channel orders, ${BURST_ORDERS} at once on SKU ${skuId} holding ${BURST_STOCK} …`);

  const statuses = new Map<number, number>();
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    requests.map(async (signed) => {
      const t0 = performance.now();
      try {
        const response = await post(server.baseURL, signed);
        await response.arrayBuffer();
        times.push(performance.now() - t0);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      } catch {
        errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const activity = await stopSampling();
  const written = await writesSince(pool, writes);

  const stock = Number(
    (await pool.query<{ stock: number }>('select stock from skus where id = $1', [skuId])).rows[0]?.stock,
  );
  const ordersAfter = await pool.query<{ n: string }>(
    'select count(*) as n from order_items where sku_id = $1',
    [skuId],
  );
  const placed = Number(ordersAfter.rows[0]?.n) - Number(ordersBefore.rows[0]?.n);
  const accepted = statuses.get(201) ?? 0;
  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  const oversold = Math.max(0, -stock) + Math.max(0, accepted - BURST_STOCK);
  const sorted = times.sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const statusNote = [...statuses]
    .sort()
    .map(([s, n]) => `${s}×${n}`)
    .join(', ');

  const runResult: LoadResult = {
    name: `POST channel orders: ${BURST_ORDERS} at once, 1 SKU × ${BURST_STOCK}`,
    connections: BURST_ORDERS,
    seconds,
    requests: times.length,
    rps: times.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99,
    max: sorted.at(-1) ?? Number.NaN,
    errors,
    non2xx: times.length - accepted,
  };
  console.log(
    `bench: burst answers ${statusNote}; stock left ${stock}; sessions waiting on a lock: peak ${activity.peakLockWaits}`,
  );
  console.log(`bench: burst, mean busy sessions by wait: ${activity.mean}`);
  console.log(`bench: burst rows written: ${written}`);
  return {
    run: runResult,
    figures: [
      {
        name: 'channel burst: accepted',
        measured: accepted,
        unit: '',
        budget: budgets.channelOrderBurstAccepted,
        note: `must be exactly ${BURST_STOCK}; order lines written ${placed}; answers ${statusNote}`,
      },
      {
        name: 'channel burst: oversold',
        measured: oversold,
        unit: '',
        note: `must be 0; stock left ${stock}`,
      },
      {
        name: 'channel burst: 5xx + network errors',
        measured: serverErrors + errors,
        unit: '',
        note: 'must be 0',
      },
      {
        name: 'channel burst: p99',
        measured: p99,
        unit: 'ms',
        budget: budgets.channelOrderBurstP99,
        note: `all ${BURST_ORDERS} answered in ${seconds.toFixed(1)} s; sessions waiting on a lock: peak ${activity.peakLockWaits}`,
      },
    ],
  };
}

async function sustained(
  server: BenchServer,
  pool: pg.Pool,
  options: LoadOptions,
): Promise<{ run: LoadResult; figures: Figure[] }> {
  const skus = await skusOnSale(pool, server.baseURL, SPREAD_SKUS, AMPLE_STOCK);
  console.log(
    `bench: channel orders, sustained over ${skus.length} SKUs, ${options.connections} connections, ${options.durationSeconds} s …`,
  );
  const writes = await tableWrites(pool);
  const stopSampling = sampleActivity(pool);
  const refusals = new Map<number, number>();
  let next = 0;
  const result = await taskLoad(
    `POST channel orders: sustained over ${skus.length} SKUs`,
    async () => {
      const i = next++;
      const signed = await signedOrder(
        skus[i % skus.length] as number,
        `bench-${run}-buyer-${i % SUSTAINED_BUYERS}`,
      );
      const response = await post(server.baseURL, signed);
      await response.arrayBuffer();
      if (response.status !== 201) {
        refusals.set(response.status, (refusals.get(response.status) ?? 0) + 1);
        throw new Error(`answered ${response.status}`);
      }
    },
    options,
  );
  const activity = await stopSampling();
  const written = await writesSince(pool, writes);
  console.log(`bench: sustained, mean busy sessions by wait: ${activity.mean}`);
  console.log(`bench: sustained rows written: ${written}`);
  const refused = [...refusals].map(([s, n]) => `${s}×${n}`).join(', ') || 'none';
  return {
    run: result,
    figures: [
      {
        name: 'sustained channel orders: throughput',
        measured: result.rps,
        unit: 'req/s',
        budget: budgets.sustainedOrdersRps,
        note: `${result.requests} placed; refused/failed: ${refused}`,
      },
      {
        name: 'sustained channel orders: p99',
        measured: result.p99,
        unit: 'ms',
        budget: budgets.sustainedOrdersP99,
      },
    ],
  };
}

export async function channelOrdersScenario(
  server: BenchServer,
  options: LoadOptions,
): Promise<{ runs: LoadResult[]; figures: Figure[] }> {
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  try {
    const first = await burst(server, pool);
    const second = await sustained(server, pool, options);
    return { runs: [first.run, second.run], figures: [...first.figures, ...second.figures] };
  } finally {
    await pool.end();
  }
}
