/**
 * `npm run bench`: starts PostgreSQL and the built BFF, runs the scenarios, prints each figure
 * beside its DESIGN.md budget. Flags: --duration <s> (per load run, default 10),
 * --connections <n> (default 50), --only <scenario,...>. BENCH_ORDERS / BENCH_MEMBERS size the
 * orders-list scenario's history (default 1,000,000 / 100,000); BENCH_CASES the refunds-queue
 * scenario's after-sales cases (default 100,000, over that history when it was seeded first).
 */
import { parseArgs } from 'node:util';
import type { LoadOptions, LoadResult } from './load.js';
import { type Figure, printFigures, printLoadTable } from './report.js';
import { authScenario } from './scenarios/auth.js';
import { channelOrdersScenario } from './scenarios/channel-orders.js';
import { ordersListScenario } from './scenarios/orders-list.js';
import { productsScenario } from './scenarios/products.js';
import { refundsQueueScenario } from './scenarios/refunds-queue.js';
import { spaScenario } from './scenarios/spa.js';
import { type BenchServer, startBenchServer } from './server.js';

type Scenario = (
  server: BenchServer,
  options: LoadOptions,
) => Promise<{ runs: LoadResult[]; figures: Figure[] }>;

/** Later issues add their scenarios here (orders, dashboards, channel orders, …). */
const scenarios: Record<string, Scenario> = {
  auth: authScenario,
  'channel-orders': channelOrdersScenario,
  'orders-list': ordersListScenario,
  // After orders-list: its order history holds the cases when both run.
  'refunds-queue': refundsQueueScenario,
  products: productsScenario,
  spa: spaScenario,
};

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
  },
  allowPositionals: false,
});

const options: LoadOptions = {
  durationSeconds: Number(values.duration),
  connections: Number(values.connections),
};
if (!(options.durationSeconds > 0) || !(options.connections >= 1)) {
  console.error('usage: npm run bench -- [--duration <seconds>] [--connections <n>] [--only auth,...]');
  process.exit(2);
}
const selected = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(scenarios);
for (const name of selected) {
  if (!scenarios[name]) {
    console.error(`unknown scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
}

console.log(
  `Siyu bench: ${selected.join(', ')} — ${options.connections} connections, ${options.durationSeconds} s per run, node ${process.version}`,
);
// The BFF starts without the demo order history: the orders-list scenario seeds its own, at
// BENCH_ORDERS (default 1,000,000), and times it.
process.env.DEMO_ORDERS = '0';
const server = await startBenchServer();
const runs: LoadResult[] = [];
const figures: Figure[] = [];
let crashed = false;
try {
  for (const name of selected) {
    const scenario = scenarios[name] as Scenario;
    try {
      const result = await scenario(server, options);
      runs.push(...result.runs);
      figures.push(...result.figures);
    } catch (error) {
      crashed = true;
      console.error(`scenario ${name} could not run:`, error);
    }
  }
} finally {
  await server.stop();
}

printLoadTable(runs);
printFigures(figures);
// A time over budget never fails the run; a scenario that could not run at all does.
if (crashed) process.exitCode = 1;
